package io.athenaworkflow.local.athena.engine.query;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A statement that writes data: CREATE TABLE AS (CTAS), INSERT INTO or UNLOAD, split into its parts. */
public sealed interface WriteStatement {

    /** The SELECT part, as Trino tokens. */
    List<Token> query();

    /**
     * CREATE TABLE [IF NOT EXISTS] name [WITH (...)] AS query [WITH [NO] DATA].
     *
     * @param name one to three name parts
     * @param properties WITH properties, lower-case names; values are one string, or several for ARRAY[...]
     */
    record Ctas(List<Token> name, boolean ifNotExists, Map<String, List<String>> properties, List<Token> query,
                boolean withData) implements WriteStatement {
    }

    /** INSERT INTO name [(columns)] query. */
    record Insert(List<Token> name, List<String> columns, List<Token> query) implements WriteStatement {
    }

    /** UNLOAD (query) TO 's3://...' WITH (...). */
    record Unload(List<Token> query, String location, Map<String, List<String>> properties) implements WriteStatement {
    }

    /**
     * Parses {@code tokens} (Trino dialect, no EOF) when they start with CREATE TABLE ... AS, INSERT INTO or
     * UNLOAD; returns null for other statements.
     */
    static WriteStatement parse(List<Token> tokens) {
        List<Node> nodes = Node.build(tokens);
        Token first = tokens.get(0);
        if (first.isKeyword("create") && tokens.size() > 1 && tokens.get(1).isKeyword("table")) {
            int i = 2;
            boolean ifNotExists = false;
            if (word(nodes, i, "if")) {
                expectWord(nodes, i + 1, "not");
                expectWord(nodes, i + 2, "exists");
                ifNotExists = true;
                i += 3;
            }
            List<Token> name = chain(nodes, i);
            i += name.size() * 2 - 1;
            Map<String, List<String>> properties = Map.of();
            if (word(nodes, i, "with") && i + 1 < nodes.size() && nodes.get(i + 1) instanceof Node.Group g) {
                properties = properties(g);
                i += 2;
            }
            expectWord(nodes, i, "as");
            int queryStart = nodes.get(i + 1 < nodes.size() ? i + 1 : i).first().start();
            List<Token> query = from(tokens, queryStart);
            boolean withData = true;
            int n = query.size();
            if (n >= 2 && query.get(n - 1).isKeyword("data") && query.get(n - 2).isKeyword("with")) {
                query = query.subList(0, n - 2);
            } else if (n >= 3 && query.get(n - 1).isKeyword("data") && query.get(n - 2).isKeyword("no")
                    && query.get(n - 3).isKeyword("with")) {
                query = query.subList(0, n - 3);
                withData = false;
            }
            if (query.size() == 1 && query.get(0).isSymbol("(")) {
                throw AthenaErrors.syntax(query.get(0).line(), query.get(0).column(), "mismatched input '('");
            }
            return new Ctas(name, ifNotExists, properties, query, withData);
        }
        if (first.isKeyword("insert")) {
            expectWord(nodes, 1, "into");
            List<Token> name = chain(nodes, 2);
            int i = 2 + name.size() * 2 - 1;
            List<String> columns = List.of();
            if (i < nodes.size() && nodes.get(i) instanceof Node.Group g && g.isParen() && !g.children().isEmpty()
                    && !isQueryStart(g.children().get(0).first())) {
                columns = new ArrayList<>();
                for (Node c : g.children()) {
                    Token t = c.first();
                    if (t.isIdentifier()) {
                        columns.add(t.name());
                    }
                }
                i++;
            }
            if (i >= nodes.size()) {
                Token last = tokens.get(tokens.size() - 1);
                throw AthenaErrors.syntax(last.line(), last.column(), "mismatched input '<EOF>'. Expecting: a query");
            }
            return new Insert(name, columns, from(tokens, nodes.get(i).first().start()));
        }
        if (first.isKeyword("unload")) {
            if (!(nodes.size() > 1 && nodes.get(1) instanceof Node.Group query && query.isParen())) {
                throw AthenaErrors.syntax(first.line(), first.column(), "UNLOAD needs a query in parentheses: UNLOAD (SELECT ...) TO 's3://...'");
            }
            expectWord(nodes, 2, "to");
            if (!(nodes.size() > 3 && nodes.get(3) instanceof Node.Leaf l && l.token().kind() == TokenKind.STRING)) {
                Token at = nodes.size() > 3 ? nodes.get(3).first() : tokens.get(tokens.size() - 1);
                throw AthenaErrors.syntax(at.line(), at.column(), "mismatched input '" + at.text() + "'. Expecting: 's3://...'");
            }
            Map<String, List<String>> properties = Map.of();
            if (word(nodes, 4, "with") && nodes.size() > 5 && nodes.get(5) instanceof Node.Group g) {
                properties = properties(g);
            }
            List<Token> inner = between(tokens, query.open().start(), query.close().start());
            return new Unload(inner, ((Node.Leaf) nodes.get(3)).token().value(), properties);
        }
        return null;
    }

    private static boolean isQueryStart(Token t) {
        return t.isKeyword("select") || t.isKeyword("with") || t.isKeyword("values") || t.isSymbol("(");
    }

    private static Map<String, List<String>> properties(Node.Group group) {
        Map<String, List<String>> properties = new LinkedHashMap<>();
        for (List<Node> property : TrinoTranslator.splitArgs(group.children())) {
            if (property.size() < 3 || !(property.get(0) instanceof Node.Leaf key) || !key.token().isIdentifier()
                    || !(property.get(1) instanceof Node.Leaf eq) || !eq.token().isSymbol("=")) {
                Token at = property.isEmpty() ? group.open() : property.get(0).first();
                throw AthenaErrors.syntax(at.line(), at.column(), "mismatched input '" + at.text()
                        + "'. Expecting: property_name = value");
            }
            List<String> values = new ArrayList<>();
            for (Node v : property.subList(2, property.size())) {
                collect(v, values);
            }
            properties.put(key.token().name(), values);
        }
        return properties;
    }

    private static void collect(Node node, List<String> values) {
        if (node instanceof Node.Group g) {
            g.children().forEach(c -> collect(c, values));
        } else {
            Token t = ((Node.Leaf) node).token();
            if (t.kind() == TokenKind.STRING || t.kind() == TokenKind.NUMBER || t.isKeyword("true") || t.isKeyword("false")) {
                values.add(t.value());
            }
        }
    }

    private static List<Token> chain(List<Node> nodes, int i) {
        if (i >= nodes.size() || !(nodes.get(i) instanceof Node.Leaf l) || !l.token().isIdentifier()) {
            Token at = i < nodes.size() ? nodes.get(i).first() : nodes.get(nodes.size() - 1).first();
            throw AthenaErrors.syntax(at.line(), at.column(), "mismatched input '" + at.text() + "'. Expecting: a table name");
        }
        List<Token> parts = new ArrayList<>();
        parts.add(l.token());
        int j = i + 1;
        while (j + 1 < nodes.size() && nodes.get(j) instanceof Node.Leaf dot && dot.token().isSymbol(".")
                && nodes.get(j + 1) instanceof Node.Leaf next && next.token().isIdentifier()) {
            parts.add(next.token());
            j += 2;
        }
        return parts;
    }

    private static boolean word(List<Node> nodes, int i, String word) {
        return i < nodes.size() && nodes.get(i) instanceof Node.Leaf l && l.token().isKeyword(word);
    }

    private static void expectWord(List<Node> nodes, int i, String word) {
        if (!word(nodes, i, word)) {
            Token at = i < nodes.size() ? nodes.get(i).first() : nodes.get(nodes.size() - 1).first();
            throw AthenaErrors.syntax(at.line(), at.column(), "mismatched input '" + at.text() + "'. Expecting: '"
                    + word.toUpperCase(Locale.ROOT) + "'");
        }
    }

    private static List<Token> from(List<Token> tokens, int start) {
        return tokens.stream().filter(t -> t.start() >= start).toList();
    }

    private static List<Token> between(List<Token> tokens, int open, int close) {
        return tokens.stream().filter(t -> t.start() > open && t.start() < close).toList();
    }
}
