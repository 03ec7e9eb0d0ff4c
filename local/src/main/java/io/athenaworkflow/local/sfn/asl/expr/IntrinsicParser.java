package io.athenaworkflow.local.sfn.asl.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for the intrinsic-function grammar:
 *
 * <pre>
 * call     := name '(' [ argument ( ',' argument )* ] ')'
 * name     := 'States.' identifier
 * argument := call | string | number | 'true' | 'false' | 'null' | path
 * string   := "'" ( char | '\'' | '\{' | '\}' | '\\' )* "'"
 * path     := '$' ...up to the ',' or ')' that ends the argument, brackets, quotes and backslash escapes respected
 * </pre>
 *
 * Whitespace is allowed around arguments. Calls nest at most {@link #MAX_NESTING} deep.
 */
final class IntrinsicParser {

    /** Step Functions allows nesting up to 10 intrinsic functions within a field. */
    static final int MAX_NESTING = 10;

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    private final String text;
    private final String field;
    private int position;

    private IntrinsicParser(String text, String field) {
        this.text = text;
        this.field = field;
    }

    /**
     * Parses one call spanning the whole text.
     *
     * @throws StatesError {@code States.Runtime} naming the position and what was expected there
     */
    static IntrinsicExpression.Call parse(String text, String field) {
        if (text == null) {
            throw new IntrinsicParser("null", field).error("an intrinsic function call such as States.Format(...)");
        }
        IntrinsicParser parser = new IntrinsicParser(text, field);
        parser.skipWhitespace();
        IntrinsicExpression.Call call = parser.call(1);
        parser.skipWhitespace();
        if (parser.position != text.length()) {
            throw parser.error("the end of the expression after the closing ')'");
        }
        return call;
    }

    private IntrinsicExpression.Call call(int depth) {
        if (depth > MAX_NESTING) {
            throw StatesError.runtime(prefix() + " nests intrinsic functions more than " + MAX_NESTING
                    + " deep, which Step Functions does not allow");
        }
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                || text.charAt(position) == '.' || text.charAt(position) == '_')) {
            position++;
        }
        String name = text.substring(start, position);
        if (!name.startsWith("States.") || name.length() == "States.".length()) {
            position = start;
            throw error("an intrinsic function name such as States.Format");
        }
        skipWhitespace();
        expect('(');
        List<IntrinsicExpression> arguments = new ArrayList<>();
        skipWhitespace();
        if (peek() == ')') {
            position++;
            return new IntrinsicExpression.Call(name, arguments);
        }
        while (true) {
            skipWhitespace();
            arguments.add(argument(depth));
            skipWhitespace();
            char next = peek();
            if (next == ',') {
                position++;
            } else if (next == ')') {
                position++;
                return new IntrinsicExpression.Call(name, arguments);
            } else {
                throw error("',' or ')' after an argument of " + name);
            }
        }
    }

    private IntrinsicExpression argument(int depth) {
        char c = peek();
        if (c == '\'') {
            return string();
        }
        if (c == '$') {
            return path();
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        for (String keyword : new String[] {"true", "false", "null"}) {
            if (text.startsWith(keyword, position) && !continuesIdentifier(position + keyword.length())) {
                position += keyword.length();
                return new IntrinsicExpression.Literal(parseJson(keyword));
            }
        }
        if (text.startsWith("States.", position)) {
            return call(depth + 1);
        }
        throw error("an argument: a 'string', a number, true, false, null, a path starting with $, or a call");
    }

    private boolean continuesIdentifier(int index) {
        return index < text.length() && (Character.isLetterOrDigit(text.charAt(index)) || text.charAt(index) == '_');
    }

    private IntrinsicExpression string() {
        int open = position++;
        StringBuilder value = new StringBuilder();
        BitSet escaped = new BitSet();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '\'') {
                return new IntrinsicExpression.StringLiteral(value.toString(), escaped);
            }
            if (c == '\\') {
                if (position >= text.length()) {
                    break;
                }
                char next = text.charAt(position++);
                if (next != '\'' && next != '{' && next != '}' && next != '\\') {
                    position -= 2;
                    throw error("one of the escapes \\', \\{, \\} or \\\\ (a lone backslash must be written \\\\)");
                }
                escaped.set(value.length());
                value.append(next);
            } else {
                value.append(c);
            }
        }
        position = open;
        throw error("a string closed by a ' (an apostrophe inside a string must be written \\')");
    }

    private IntrinsicExpression number() {
        int start = position;
        while (position < text.length() && "+-.eE0123456789".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String token = text.substring(start, position);
        if (!NUMBER.matcher(token).matches()) {
            position = start;
            throw error("a JSON number (such as 3, -1.5 or 2e3)");
        }
        return new IntrinsicExpression.Literal(parseJson(token));
    }

    private IntrinsicExpression path() {
        int start = position;
        int depth = 0;
        char quote = 0;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (quote != 0) {
                if (c == '\\') {
                    position++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\\') {
                // An escaped character in a field name ($.a\.b, $.c\[) neither ends the path nor opens a bracket.
                position++;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || (c == ')' && depth > 0)) {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ')')) {
                break;
            }
            position++;
        }
        return new IntrinsicExpression.Path(text.substring(start, position).strip());
    }

    private com.fasterxml.jackson.databind.JsonNode parseJson(String token) {
        try {
            return Json.MAPPER.readTree(token);
        } catch (JsonProcessingException e) {
            throw error("a JSON literal");
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        position++;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipWhitespace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private String prefix() {
        return "The intrinsic function call '" + text + "'" + (field == null ? "" : " in the field '" + field + "'");
    }

    private StatesError error(String expected) {
        String found = position >= text.length() ? "the end of the expression"
                : "'" + text.substring(position, Math.min(text.length(), position + 12)) + "'";
        return StatesError.runtime(prefix() + " is not valid: expected " + expected + " at position " + position
                + " but found " + found);
    }
}
