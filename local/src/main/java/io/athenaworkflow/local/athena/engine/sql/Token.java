package io.athenaworkflow.local.athena.engine.sql;

import java.util.Locale;

/**
 * One lexical token of a statement.
 *
 * @param kind what the token is
 * @param text the token exactly as written in the statement
 * @param value the token's meaning: an identifier's name (unquoted, as written), a string literal's content, or
 *     {@code text} for everything else
 * @param line 1-based line of its first character
 * @param column 1-based column of its first character
 * @param start offset of its first character in the statement
 */
public record Token(TokenKind kind, String text, String value, int line, int column, int start) {

    /** Whether this is an unquoted word equal (ignoring case) to {@code keyword}. */
    public boolean isKeyword(String keyword) {
        return kind == TokenKind.WORD && value.equalsIgnoreCase(keyword);
    }

    /** Whether this is the symbol {@code symbol}. */
    public boolean isSymbol(String symbol) {
        return kind == TokenKind.SYMBOL && text.equals(symbol);
    }

    /** Whether this names something: an unquoted word or a quoted identifier. */
    public boolean isIdentifier() {
        return kind == TokenKind.WORD || kind == TokenKind.QUOTED_IDENTIFIER;
    }

    /** The identifier's name the way catalogs compare it (lower case). */
    public String name() {
        return value.toLowerCase(Locale.ROOT);
    }

    /** "line L:C" as Athena prints positions. */
    public String position() {
        return "line " + line + ":" + column;
    }
}
