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

    String errorName() {
        return errorName;
    }

    String errorType() {
        return errorType;
    }
}
