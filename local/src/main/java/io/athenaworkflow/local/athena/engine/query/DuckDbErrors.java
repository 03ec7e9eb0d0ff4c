package io.athenaworkflow.local.athena.engine.query;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.sql.Token;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DuckDB's errors into Athena-shaped failures (Trino error names, positions in the statement as written).
 * Positions are found by looking the offending name up in the original tokens, since DuckDB reports positions in
 * the translated SQL.
 */
public final class DuckDbErrors {

    private static final Pattern FUNCTION = Pattern.compile("(?:Scalar|Aggregate|Table) Function with name \"?([^\" ]+)\"? does not exist");
    private static final Pattern COLUMN = Pattern.compile("Referenced column \"?([^\"]+)\"? not found");
    private static final Pattern TABLE = Pattern.compile("Table with name \"?([^\" !]+)\"? does not exist");
    private static final Pattern NO_MATCH = Pattern.compile("No function matches the given name and argument types '([a-zA-Z_0-9]+)\\((.*)\\)'");
    private static final Pattern SYNTAX = Pattern.compile("syntax error at or near \"(.*)\"");
    private static final Pattern CONVERT = Pattern.compile("Could not convert string '(.*)' to ([A-Z0-9_]+)");
    private static final Pattern NOT_GROUPED = Pattern.compile("column \"?([^\" ]+)\"? must appear in the GROUP BY clause");

    private DuckDbErrors() {
    }

    /** Whether the exception reports an interrupted (cancelled) query. */
    public static boolean isInterrupt(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("INTERRUPT") || m.contains("Interrupted");
    }

    /** The Athena failure for a DuckDB error raised while running {@code tokens}. */
    public static QueryFailure map(SQLException e, List<Token> tokens) {
        String full = String.valueOf(e.getMessage());
        String message = full.lines().findFirst().orElse(full);
        Matcher m;
        if (message.contains("HIVE_BAD_DATA") || message.contains("CSV Error") || message.contains("Malformed JSON")
                || message.contains("JSON") && message.contains("Invalid Input Error: ") && message.contains("line")) {
            String reason = message.substring(message.indexOf(':') + 1).trim();
            return AthenaErrors.badData(reason.startsWith("HIVE_") ? reason : "HIVE_BAD_DATA: " + reason, e);
        }
        if ((m = FUNCTION.matcher(message)).find()) {
            String name = m.group(1);
            return AthenaErrors.query("FUNCTION_NOT_FOUND", position(tokens, name, true),
                    "Function '" + name.toLowerCase() + "' not registered");
        }
        if ((m = NO_MATCH.matcher(message)).find()) {
            return AthenaErrors.query("FUNCTION_NOT_FOUND", position(tokens, m.group(1), true),
                    "Unexpected parameters (" + m.group(2).toLowerCase() + ") for function " + m.group(1).toLowerCase());
        }
        if ((m = COLUMN.matcher(message)).find()) {
            String column = m.group(1);
            String bare = column.contains(".") ? column.substring(column.lastIndexOf('.') + 1) : column;
            return AthenaErrors.query("COLUMN_NOT_FOUND", position(tokens, bare, false), "Column '" + column
                    + "' cannot be resolved or requester is not authorized to access requested resources");
        }
        if ((m = TABLE.matcher(message)).find()) {
            return AthenaErrors.query("TABLE_NOT_FOUND", position(tokens, m.group(1), false),
                    "Table '" + m.group(1) + "' does not exist");
        }
        if ((m = NOT_GROUPED.matcher(message)).find()) {
            return AthenaErrors.query("EXPRESSION_NOT_AGGREGATE", position(tokens, m.group(1), false),
                    "'" + m.group(1) + "' must be an aggregate expression or appear in GROUP BY clause");
        }
        if (message.startsWith("Parser Error")) {
            m = SYNTAX.matcher(message);
            String near = m.find() ? m.group(1) : null;
            return AthenaErrors.syntax(line(tokens, near), column(tokens, near), near == null ? message
                    : "mismatched input '" + near + "'");
        }
        if (message.contains("Division by zero")) {
            return AthenaErrors.query("DIVISION_BY_ZERO", null, "Division by zero");
        }
        if ((m = CONVERT.matcher(message)).find()) {
            return AthenaErrors.query("INVALID_CAST_ARGUMENT", null, "Cannot cast '" + m.group(1) + "' to "
                    + m.group(2).toLowerCase().replace("int32", "integer").replace("int64", "bigint"));
        }
        if (message.startsWith("Out of Range Error")) {
            return AthenaErrors.query("NUMERIC_VALUE_OUT_OF_RANGE", null, message.substring(message.indexOf(':') + 1).trim());
        }
        if (message.contains("Cannot compare values") || message.contains("Cannot mix values") || message.startsWith("Binder Error: Cannot")) {
            return AthenaErrors.query("TYPE_MISMATCH", null, message.substring(message.indexOf(':') + 1).trim());
        }
        if (message.startsWith("Binder Error") || message.startsWith("Catalog Error") || message.startsWith("Conversion Error")
                || message.startsWith("Invalid Input Error") || message.startsWith("Not implemented Error")
                || message.startsWith("Parameter Not Allowed Error")) {
            return AthenaErrors.query("GENERIC_USER_ERROR", null, message.substring(message.indexOf(':') + 1).trim());
        }
        return AthenaErrors.internal(message, e);
    }

    private static String position(List<Token> tokens, String name, boolean call) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isIdentifier() && t.value().equalsIgnoreCase(name)
                    && (!call || i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("("))) {
                return t.position();
            }
        }
        return tokens.isEmpty() ? "line 1:1" : tokens.get(0).position();
    }

    private static int line(List<Token> tokens, String text) {
        return find(tokens, text).line();
    }

    private static int column(List<Token> tokens, String text) {
        return find(tokens, text).column();
    }

    private static Token find(List<Token> tokens, String text) {
        if (text != null) {
            for (Token t : tokens) {
                if (t.text().equalsIgnoreCase(text) || t.value().equalsIgnoreCase(text)) {
                    return t;
                }
            }
        }
        return tokens.get(0);
    }
}
