package io.athenaworkflow.local.athena.engine.sql;

/** The kinds of token the {@link Lexer} produces. */
public enum TokenKind {
    /** An unquoted identifier or keyword. */
    WORD,
    /** {@code "name"} (both dialects) or {@code `name`} (Hive DDL). */
    QUOTED_IDENTIFIER,
    /** {@code 'text'} (and {@code "text"} in Hive DDL). */
    STRING,
    /** An integer, decimal or floating point literal. */
    NUMBER,
    /** Punctuation and operators: {@code ( ) [ ] , . ; + - * / % || = <> != < <= > >= -> =>}. */
    SYMBOL,
    /** A {@code ?} execution-parameter placeholder. */
    PARAMETER,
    /** End of the statement. */
    EOF
}
