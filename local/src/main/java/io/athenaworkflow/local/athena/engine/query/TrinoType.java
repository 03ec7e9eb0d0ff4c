package io.athenaworkflow.local.athena.engine.query;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Translates a Trino type written in a query (CAST targets) to DuckDB's spelling. */
final class TrinoType {

    private final List<Node> nodes;
    private int pos;

    private TrinoType(List<Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * The DuckDB type for the Trino type in {@code nodes}.
     *
     * @throws io.athenaworkflow.local.athena.engine.QueryFailure TYPE_NOT_FOUND for an unknown type
     */
    static String toDuckDb(List<Node> nodes) {
        if (nodes.isEmpty()) {
            throw AthenaErrors.query("SYNTAX_ERROR", null, "missing type in CAST");
        }
        TrinoType parser = new TrinoType(nodes);
        String type = parser.type();
        if (parser.pos < nodes.size()) {
            Token t = nodes.get(parser.pos).first();
            throw AthenaErrors.syntax(t.line(), t.column(), "mismatched input '" + t.text() + "'");
        }
        return type;
    }

    /** Whether {@code nodes} spell the Trino type {@code json}. */
    static boolean isJson(List<Node> nodes) {
        return nodes.size() == 1 && nodes.get(0) instanceof Node.Leaf l && l.token().isKeyword("json");
    }

    private String type() {
        Node node = nodes.get(pos++);
        if (!(node instanceof Node.Leaf leaf) || !leaf.token().isIdentifier()) {
            Token t = node.first();
            throw AthenaErrors.syntax(t.line(), t.column(), "mismatched input '" + t.text() + "'. Expecting: a type");
        }
        Token name = leaf.token();
        String n = name.value().toLowerCase(Locale.ROOT);
        Node.Group args = pos < nodes.size() && nodes.get(pos) instanceof Node.Group g && g.isParen() ? g : null;
        if (args != null) {
            pos++;
        }
        return switch (n) {
            case "boolean" -> "BOOLEAN";
            case "tinyint" -> "TINYINT";
            case "smallint" -> "SMALLINT";
            case "integer", "int" -> "INTEGER";
            case "bigint" -> "BIGINT";
            case "real", "float" -> "FLOAT";
            case "double" -> {
                acceptWord("precision");
                yield "DOUBLE";
            }
            case "decimal" -> args == null ? "DECIMAL(38,0)" : "DECIMAL(" + numbers(args) + ")";
            case "varchar", "char", "string" -> "VARCHAR";
            case "varbinary" -> "BLOB";
            case "json" -> "JSON";
            case "uuid" -> "UUID";
            case "date" -> "DATE";
            case "time" -> {
                if (acceptWord("with")) {
                    expectWord("time");
                    expectWord("zone");
                    yield "TIMETZ";
                }
                yield "TIME";
            }
            case "timestamp" -> {
                if (acceptWord("with")) {
                    expectWord("time");
                    expectWord("zone");
                    yield "TIMESTAMPTZ";
                }
                if (acceptWord("without")) {
                    expectWord("time");
                    expectWord("zone");
                }
                yield "TIMESTAMP";
            }
            case "interval" -> {
                // interval day to second / interval year to month
                while (pos < nodes.size() && nodes.get(pos) instanceof Node.Leaf l && l.token().kind() == TokenKind.WORD) {
                    pos++;
                }
                yield "INTERVAL";
            }
            case "array" -> {
                if (args == null) {
                    throw AthenaErrors.syntax(name.line(), name.column(), "array needs an element type: array(T)");
                }
                yield toDuckDb(args.children()) + "[]";
            }
            case "map" -> {
                List<List<Node>> parts = split(args, name, 2);
                yield "MAP(" + toDuckDb(parts.get(0)) + ", " + toDuckDb(parts.get(1)) + ")";
            }
            case "row" -> {
                List<List<Node>> parts = split(args, name, -1);
                StringBuilder struct = new StringBuilder("STRUCT(");
                for (int i = 0; i < parts.size(); i++) {
                    List<Node> field = parts.get(i);
                    String fieldName;
                    List<Node> fieldType;
                    if (field.size() >= 2 && field.get(0) instanceof Node.Leaf l && l.token().isIdentifier()) {
                        fieldName = l.token().value();
                        fieldType = field.subList(1, field.size());
                    } else {
                        fieldName = "field" + i;
                        fieldType = field;
                    }
                    struct.append(i == 0 ? "" : ", ").append('"').append(fieldName.replace("\"", "\"\"")).append("\" ")
                            .append(toDuckDb(fieldType));
                }
                yield struct + ")";
            }
            default -> throw AthenaErrors.query("TYPE_NOT_FOUND", name.position(), "Unknown type: " + name.value());
        };
    }

    private static String numbers(Node.Group args) {
        StringBuilder out = new StringBuilder();
        for (Node n : args.children()) {
            Token t = n.first();
            if (t.kind() != TokenKind.NUMBER && !t.isSymbol(",")) {
                throw AthenaErrors.syntax(t.line(), t.column(), "mismatched input '" + t.text() + "'. Expecting: a number");
            }
            out.append(t.text());
        }
        return out.toString();
    }

    private static List<List<Node>> split(Node.Group args, Token name, int expected) {
        if (args == null) {
            throw AthenaErrors.syntax(name.line(), name.column(), name.value() + " needs type parameters");
        }
        List<List<Node>> parts = new ArrayList<>();
        List<Node> current = new ArrayList<>();
        for (Node n : args.children()) {
            if (n instanceof Node.Leaf l && l.token().isSymbol(",")) {
                parts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(n);
            }
        }
        parts.add(current);
        if (expected > 0 && parts.size() != expected) {
            throw AthenaErrors.syntax(name.line(), name.column(), name.value() + " needs " + expected + " type parameters");
        }
        return parts;
    }

    private boolean acceptWord(String word) {
        if (pos < nodes.size() && nodes.get(pos) instanceof Node.Leaf l && l.token().isKeyword(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) {
            Token t = pos < nodes.size() ? nodes.get(pos).first() : nodes.get(nodes.size() - 1).first();
            throw AthenaErrors.syntax(t.line(), t.column(), "mismatched input '" + t.text() + "'. Expecting: '"
                    + word.toUpperCase(Locale.ROOT) + "'");
        }
    }
}
