package io.athenaworkflow.local.athena.engine.ddl;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.ColumnDefinition;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.TableName;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The token cursor and the pieces of Athena's DDL grammar that Hive DDL ({@link DdlParser}) and Iceberg's CREATE
 * TABLE ({@link IcebergTableParser}) share: table names, column lists, identifiers, strings, keywords and symbols,
 * and Trino-shaped syntax errors ({@code mismatched input 'x'. Expecting: ...}) at the token's line and column.
 */
abstract class TokenParser {

    final List<Token> tokens;
    int pos;

    TokenParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    final List<ColumnDefinition> columns() {
        expect("(");
        List<ColumnDefinition> columns = new ArrayList<>();
        do {
            String name = identifier("a column name").toLowerCase(Locale.ROOT);
            int[] at = {pos};
            HiveType type = HiveType.parse(tokens, at);
            pos = at[0];
            String comment = acceptKeyword("comment") ? string("the column comment") : null;
            columns.add(new ColumnDefinition(name, type, comment));
        } while (accept(","));
        expect(")");
        return columns;
    }

    final TableName tableName() {
        Token first = peek();
        List<String> parts = new ArrayList<>();
        parts.add(identifier("a table name"));
        while (accept(".")) {
            parts.add(identifier("a name"));
        }
        // `db.table` written as one backquoted identifier is common in Athena DDL.
        if (parts.size() == 1 && first.kind() == TokenKind.QUOTED_IDENTIFIER && parts.get(0).contains(".")) {
            parts = List.of(parts.get(0).split("\\.", -1));
        }
        List<String> lower = parts.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        return switch (lower.size()) {
            case 1 -> new TableName(null, null, lower.get(0), first.position());
            case 2 -> new TableName(null, lower.get(0), lower.get(1), first.position());
            case 3 -> new TableName(lower.get(0), lower.get(1), lower.get(2), first.position());
            default -> throw AthenaErrors.syntax(first.line(), first.column(), "Too many dots in table name: "
                    + String.join(".", parts));
        };
    }

    final String identifier(String what) {
        Token t = next();
        if (!t.isIdentifier()) {
            pos--;
            throw unexpected(what);
        }
        return t.value();
    }

    final String string(String what) {
        Token t = next();
        if (t.kind() != TokenKind.STRING) {
            pos--;
            throw unexpected(what + " as a quoted string");
        }
        return t.value();
    }

    final Token peek() {
        return tokens.get(pos);
    }

    final Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != TokenKind.EOF) {
            pos++;
        }
        return t;
    }

    final boolean accept(String symbol) {
        if (peek().isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    final void expect(String symbol) {
        if (!accept(symbol)) {
            throw unexpected("'" + symbol + "'");
        }
    }

    final boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    final void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw unexpected("'" + keyword.toUpperCase(Locale.ROOT) + "'");
        }
    }

    final void expectEnd() {
        if (peek().kind() != TokenKind.EOF) {
            throw unexpected("<EOF>");
        }
    }

    final RuntimeException unexpected(String expected) {
        Token t = peek();
        String found = t.kind() == TokenKind.EOF ? "<EOF>" : t.text();
        return AthenaErrors.syntax(t.line(), t.column(), "mismatched input '" + found + "'. Expecting: " + expected);
    }

    /** {@code ('key' = 'value', ...)}: TBLPROPERTIES, SERDEPROPERTIES, WITH DBPROPERTIES; keys as written. */
    final Map<String, String> properties() {
        expect("(");
        Map<String, String> properties = new LinkedHashMap<>();
        if (accept(")")) {
            return properties;
        }
        do {
            String key = string("a property name");
            expect("=");
            properties.put(key, string("a property value"));
        } while (accept(","));
        expect(")");
        return properties;
    }
}
