package io.athenaworkflow.athena.errors;

/**
 * Thrown by CheckStatus when the query is still QUEUED or RUNNING past the execution's {@code timeoutSeconds}.
 * Cleanup then stops the query.
 */
public final class QueryTimeoutException extends AthenaWorkflowException {

    public QueryTimeoutException(String message) {
        super(message);
    }

    public QueryTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
