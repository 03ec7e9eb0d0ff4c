package io.athenaworkflow.local.athena.engine.ddl;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.sql.Lexer;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Hive column type as Athena DDL declares it.
 *
 * @param hive the type as the catalog stores and Athena shows it, e.g. {@code int}, {@code array<string>},
 *     {@code struct<a:int,b:string>}, {@code decimal(10,2)}
 * @param base the outermost type name in lower case ({@code int}, {@code array}, {@code decimal}, ...)
 * @param children element types (one for array, key and value for map, the fields for struct)
 * @param fieldNames struct field names (empty for other types)
 */
public record HiveType(String hive, String base, List<HiveType> children, List<String> fieldNames) {

    /**
     * Parses a type written in DDL.
     *
     * @throws io.athenaworkflow.local.athena.engine.QueryFailure when it is not a Hive type Athena knows
     */
    public static HiveType parse(String text) {
        List<Token> tokens = Lexer.tokenize(text);
        int[] pos = {0};
        HiveType type = parse(tokens, pos);
        if (tokens.get(pos[0]).kind() != TokenKind.EOF) {
            Token t = tokens.get(pos[0]);
            throw AthenaErrors.syntax(t.line(), t.column(), "unexpected '" + t.text() + "' after type " + type.hive());
        }
        return type;
    }

    /** Parses a type starting at {@code tokens[pos[0]]}, advancing {@code pos[0]} past it. */
    static HiveType parse(List<Token> tokens, int[] pos) {
        Token t = tokens.get(pos[0]++);
        if (t.kind() != TokenKind.WORD) {
            throw AthenaErrors.syntax(t.line(), t.column(), "mismatched input '" + t.text() + "'. Expecting: a column type");
        }
        String name = t.value().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "tinyint" -> scalar("tinyint");
            case "smallint" -> scalar("smallint");
            case "int", "integer" -> scalar("int");
            case "bigint" -> scalar("bigint");
            case "float", "real" -> scalar("float");
            case "double" -> {
                if (tokens.get(pos[0]).isKeyword("precision")) {
                    pos[0]++;
                }
                yield scalar("double");
            }
            case "boolean" -> scalar("boolean");
            case "string" -> scalar("string");
            case "binary" -> scalar("binary");
            case "date" -> scalar("date");
            case "timestamp" -> scalar("timestamp");
            case "varchar", "char" -> {
                List<Integer> args = numbers(tokens, pos, name);
                if (args.size() != 1) {
                    throw AthenaErrors.syntax(t.line(), t.column(), name + " needs a length, e.g. " + name + "(10)");
                }
                yield scalar(name + "(" + args.get(0) + ")");
            }
            case "decimal" -> {
                List<Integer> args = numbers(tokens, pos, name);
                int precision = args.isEmpty() ? 10 : args.get(0);
                int scale = args.size() > 1 ? args.get(1) : 0;
                if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
                    throw AthenaErrors.syntax(t.line(), t.column(), "invalid decimal(" + precision + "," + scale
                            + "): precision must be 1..38 and scale 0..precision");
                }
                yield new HiveType("decimal(" + precision + "," + scale + ")", "decimal", List.of(), List.of());
            }
            case "array" -> {
                expect(tokens, pos, "<");
                HiveType element = parse(tokens, pos);
                expect(tokens, pos, ">");
                yield new HiveType("array<" + element.hive + ">", "array", List.of(element), List.of());
            }
            case "map" -> {
                expect(tokens, pos, "<");
                HiveType key = parse(tokens, pos);
                expect(tokens, pos, ",");
                HiveType value = parse(tokens, pos);
                expect(tokens, pos, ">");
                yield new HiveType("map<" + key.hive + "," + value.hive + ">", "map", List.of(key, value), List.of());
            }
            case "struct" -> {
                expect(tokens, pos, "<");
                List<HiveType> fields = new ArrayList<>();
                List<String> names = new ArrayList<>();
                do {
                    Token field = tokens.get(pos[0]++);
                    if (!field.isIdentifier()) {
                        throw AthenaErrors.syntax(field.line(), field.column(), "mismatched input '" + field.text()
                                + "'. Expecting: a struct field name");
                    }
                    expect(tokens, pos, ":");
                    names.add(field.value().toLowerCase(Locale.ROOT));
                    fields.add(parse(tokens, pos));
                } while (accept(tokens, pos, ","));
                expect(tokens, pos, ">");
                StringBuilder hive = new StringBuilder("struct<");
                for (int i = 0; i < fields.size(); i++) {
                    hive.append(i == 0 ? "" : ",").append(names.get(i)).append(':').append(fields.get(i).hive);
                }
                yield new HiveType(hive + ">", "struct", fields, names);
            }
            default -> throw AthenaErrors.syntax(t.line(), t.column(), "Unknown type '" + t.value()
                    + "'. Athena DDL types: boolean, tinyint, smallint, int, bigint, float, double, decimal(p,s), "
                    + "char(n), varchar(n), string, binary, date, timestamp, array<T>, map<K,V>, struct<name:T,...>");
        };
    }

    /** Whether this is a string type (string, varchar, char). */
    public boolean isString() {
        return base.equals("string") || base.equals("varchar") || base.equals("char");
    }

    private static HiveType scalar(String hive) {
        String base = hive.contains("(") ? hive.substring(0, hive.indexOf('(')) : hive;
        return new HiveType(hive, base, List.of(), List.of());
    }

    private static List<Integer> numbers(List<Token> tokens, int[] pos, String type) {
        List<Integer> values = new ArrayList<>();
        if (!accept(tokens, pos, "(")) {
            return values;
        }
        do {
            Token n = tokens.get(pos[0]++);
            if (n.kind() != TokenKind.NUMBER) {
                throw AthenaErrors.syntax(n.line(), n.column(), "mismatched input '" + n.text() + "'. Expecting: a number in " + type + "(...)");
            }
            values.add(Integer.parseInt(n.text()));
        } while (accept(tokens, pos, ","));
        expect(tokens, pos, ")");
        return values;
    }

    private static boolean accept(List<Token> tokens, int[] pos, String symbol) {
        if (tokens.get(pos[0]).isSymbol(symbol)) {
            pos[0]++;
            return true;
        }
        return false;
    }

    private static void expect(List<Token> tokens, int[] pos, String symbol) {
        Token t = tokens.get(pos[0]);
        if (!t.isSymbol(symbol)) {
            throw AthenaErrors.syntax(t.line(), t.column(), "mismatched input '" + (t.kind() == TokenKind.EOF ? "<EOF>" : t.text())
                    + "'. Expecting: '" + symbol + "'");
        }
        pos[0]++;
    }
}
