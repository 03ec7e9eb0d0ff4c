package io.athenaworkflow.local.athena.engine.trino;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A query the engine reported FAILED: Trino's error name (e.g. {@code SYNTAX_ERROR}), error type
 * ({@code USER_ERROR}, {@code INTERNAL_ERROR}, {@code INSUFFICIENT_RESOURCES}, {@code EXTERNAL}) and message (which
 * starts with {@code line L:C: } when Trino knows where).
 */
final class TrinoQueryError extends RuntimeException {

    private final String errorName;
    private final String errorType;

    TrinoQueryError(String errorName, String errorType, String message) {
        super(message);
        this.errorName = errorName;
        this.errorType = errorType;
    }

    static TrinoQueryError of(JsonNode error) {
        return new TrinoQueryError(error.path("errorName").asText("GENERIC_INTERNAL_ERROR"),
                error.path("errorType").asText("INTERNAL_ERROR"), error.path("message").asText(""));
    }

    /** The same error, its {@code line L:C:} position {@code lines} lines up (Trino saw the statement prefixed). */
    TrinoQueryError shiftedUp(int lines) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^line (\\d+):(\\d+): ").matcher(getMessage());
        if (!m.find()) {
            return this;
        }
        int line = Math.max(1, Integer.parseInt(m.group(1)) - lines);
        return new TrinoQueryError(errorName, errorType, "line " + line + ":" + m.group(2) + ": "
                + getMessage().substring(m.end()));
    }

    String errorName() {
        return errorName;
    }

    String errorType() {
        return errorType;
    }
}
