package io.athenaworkflow.local.athena.engine.sql;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a statement into tokens as Hive reads Athena DDL: backquoted identifiers, single- or double-quoted strings
 * with backslash escapes.
 * Comments ({@code -- ...} and {@code /* ... *}{@code /}) are skipped.
 */
public final class Lexer {

    private static final String[] MULTI_CHAR_SYMBOLS = {"<>", "!=", "<=", ">=", "||", "->", "=>", "::"};

    private final String sql;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String sql) {
        this.sql = sql;
    }

    /**
     * Tokenizes {@code sql}; the last token is {@link TokenKind#EOF}.
     *
     * @throws io.athenaworkflow.local.athena.engine.QueryFailure (SYNTAX_ERROR) on an unterminated string,
     *     quoted identifier or comment, or a character that starts no token
     */
    public static List<Token> tokenize(String sql) {
        return new Lexer(sql).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= sql.length()) {
                tokens.add(new Token(TokenKind.EOF, "", "", line, pos - lineStart + 1, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < sql.length() && sql.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && peek(1) == '*') {
                int startLine = line;
                int startCol = pos - lineStart + 1;
                pos += 2;
                while (pos < sql.length() && !(sql.charAt(pos) == '*' && peek(1) == '/')) {
                    advanceOne();
                }
                if (pos >= sql.length()) {
                    throw AthenaErrors.syntax(startLine, startCol, "unterminated comment");
                }
                pos += 2;
            } else {
                return;
            }
        }
    }

    private void advanceOne() {
        if (sql.charAt(pos) == '\n') {
            line++;
            lineStart = pos + 1;
        }
        pos++;
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private Token next() {
        int start = pos;
        int tokLine = line;
        int tokCol = pos - lineStart + 1;
        char c = sql.charAt(pos);
        if (c == '\'') {
            String value = hiveString('\'', tokLine, tokCol);
            return new Token(TokenKind.STRING, sql.substring(start, pos), value, tokLine, tokCol, start);
        }
        if (c == '"') {
            String value = hiveString('"', tokLine, tokCol);
            return new Token(TokenKind.STRING, sql.substring(start, pos), value, tokLine, tokCol, start);
        }
        if (c == '`') {
            String value = quoted('`', tokLine, tokCol);
            return new Token(TokenKind.QUOTED_IDENTIFIER, sql.substring(start, pos), value, tokLine, tokCol, start);
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
            number();
            String text = sql.substring(start, pos);
            return new Token(TokenKind.NUMBER, text, text, tokLine, tokCol, start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_'
                    || sql.charAt(pos) == '@' || sql.charAt(pos) == '$')) {
                pos++;
            }
            String text = sql.substring(start, pos);
            return new Token(TokenKind.WORD, text, text, tokLine, tokCol, start);
        }
        if (c == '?') {
            pos++;
            return new Token(TokenKind.PARAMETER, "?", "?", tokLine, tokCol, start);
        }
        for (String symbol : MULTI_CHAR_SYMBOLS) {
            if (sql.startsWith(symbol, pos)) {
                pos += symbol.length();
                return new Token(TokenKind.SYMBOL, symbol, symbol, tokLine, tokCol, start);
            }
        }
        if ("()[],.;+-*/%=<>|&^~:{}".indexOf(c) >= 0) {
            pos++;
            String text = String.valueOf(c);
            return new Token(TokenKind.SYMBOL, text, text, tokLine, tokCol, start);
        }
        throw AthenaErrors.syntax(tokLine, tokCol, "token recognition error at: '" + c + "'");
    }

    private void number() {
        while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
            pos++;
        }
        if (peekIs('.') && Character.isDigit(peek(1))) {
            pos++;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')
                && (Character.isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
            pos += 2;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
    }

    private boolean peekIs(char c) {
        return pos < sql.length() && sql.charAt(pos) == c;
    }

    private String hiveString(char quote, int tokLine, int tokCol) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= sql.length()) {
                throw AthenaErrors.syntax(tokLine, tokCol, "unterminated string literal");
            }
            char c = sql.charAt(pos);
            if (c == quote) {
                pos++;
                return value.toString();
            }
            if (c == '\\' && pos + 1 < sql.length()) {
                char e = sql.charAt(pos + 1);
                pos += 2;
                switch (e) {
                    case 't' -> value.append('\t');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 'b' -> value.append('\b');
                    case '0' -> value.append('\0');
                    case 'u' -> {
                        if (pos + 4 <= sql.length()) {
                            value.append((char) Integer.parseInt(sql.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                    }
                    default -> {
                        if (e >= '0' && e <= '7' && pos + 1 < sql.length()) {
                            // Hive accepts octal escapes such as '\001' (Ctrl-A, Hive's default field delimiter).
                            int end = pos;
                            while (end < sql.length() && end < pos + 2 && sql.charAt(end) >= '0' && sql.charAt(end) <= '7') {
                                end++;
                            }
                            value.append((char) Integer.parseInt(e + sql.substring(pos, end), 8));
                            pos = end;
                        } else {
                            value.append(e);
                        }
                    }
                }
                continue;
            }
            value.append(c);
            advanceOne();
        }
    }

    /** A quoted identifier: the quote character doubled stands for itself. */
    private String quoted(char quote, int tokLine, int tokCol) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= sql.length()) {
                throw AthenaErrors.syntax(tokLine, tokCol, "unterminated quoted identifier");
            }
            char c = sql.charAt(pos);
            if (c == quote) {
                if (peek(1) == quote) {
                    value.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                if (value.isEmpty()) {
                    throw AthenaErrors.syntax(tokLine, tokCol, "Zero-length delimited identifier not allowed");
                }
                return value.toString();
            }
            value.append(c);
            advanceOne();
        }
    }
}
