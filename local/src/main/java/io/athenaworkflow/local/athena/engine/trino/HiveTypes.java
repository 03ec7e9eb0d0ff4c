package io.athenaworkflow.local.athena.engine.trino;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.ddl.HiveType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Column types between Athena's Hive spelling ({@code string}, {@code int}, {@code array<string>},
 * {@code struct<a:int>}: what DDL and the Glue catalog API use) and Trino's ({@code varchar}, {@code integer},
 * {@code array(varchar)}, {@code row(a integer)}).
 */
final class HiveTypes {

    private HiveTypes() {
    }

    /** The Trino type of a Hive type. */
    static String toTrino(HiveType type) {
        return switch (type.base()) {
            case "string" -> "varchar";
            case "int", "integer" -> "integer";
            case "float" -> "real";
            case "binary" -> "varbinary";
            case "array" -> "array(" + toTrino(type.children().get(0)) + ")";
            case "map" -> "map(" + toTrino(type.children().get(0)) + ", " + toTrino(type.children().get(1)) + ")";
            case "struct" -> {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < type.children().size(); i++) {
                    fields.add(TrinoRunner.quote(type.fieldNames().get(i)) + " " + toTrino(type.children().get(i)));
                }
                yield "row(" + String.join(", ", fields) + ")";
            }
            case "boolean", "tinyint", "smallint", "bigint", "double", "date", "timestamp", "decimal", "varchar",
                 "char" -> type.hive();
            default -> throw AthenaErrors.notSupported("Column type " + type.hive()
                    + " is not supported by the local Athena engine");
        };
    }

    /** The Hive spelling of a Trino type, as Athena's catalog API reports columns. */
    static String toHive(String trino) {
        return new Reader(trino.trim()).type();
    }

    /** A small recursive reader of Trino type names. */
    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        String type() {
            String name = word();
            if (name.equals("timestamp") || name.equals("time")) {
                skipArguments();
                String rest = text.substring(pos).trim();
                if (rest.startsWith("with time zone")) {
                    pos = text.indexOf("with time zone", pos) + "with time zone".length();
                    return name + " with time zone";
                }
                return name;
            }
            return switch (name) {
                case "varchar" -> peek('(') ? "varchar" + arguments() : "string";
                case "integer" -> "int";
                case "real" -> "float";
                case "varbinary" -> "binary";
                case "array" -> {
                    expect('(');
                    String element = type();
                    expect(')');
                    yield "array<" + element + ">";
                }
                case "map" -> {
                    expect('(');
                    String key = type();
                    expect(',');
                    String value = type();
                    expect(')');
                    yield "map<" + key + "," + value + ">";
                }
                case "row" -> {
                    expect('(');
                    List<String> fields = new ArrayList<>();
                    do {
                        String field = identifier();
                        fields.add(field + ":" + type());
                    } while (accept(','));
                    expect(')');
                    yield "struct<" + String.join(",", fields) + ">";
                }
                default -> name + (peek('(') ? arguments() : "");
            };
        }

        private String identifier() {
            skipBlanks();
            if (text.charAt(pos) == '"') {
                int end = text.indexOf('"', pos + 1);
                String name = text.substring(pos + 1, end);
                pos = end + 1;
                return name;
            }
            return word();
        }

        private String word() {
            skipBlanks();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return text.substring(start, pos).toLowerCase(Locale.ROOT);
        }

        private String arguments() {
            int start = pos;
            skipArguments();
            return text.substring(start, pos).replace(" ", "");
        }

        private void skipArguments() {
            skipBlanks();
            if (pos < text.length() && text.charAt(pos) == '(') {
                pos = text.indexOf(')', pos) + 1;
            }
        }

        private boolean peek(char c) {
            skipBlanks();
            return pos < text.length() && text.charAt(pos) == c;
        }

        private boolean accept(char c) {
            if (peek(c)) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw new IllegalArgumentException("Unexpected Trino type " + text + " at " + pos);
            }
        }

        private void skipBlanks() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }
    }
}
