package io.athenaworkflow.athena.errors;

/**
 * Thrown when the query ended CANCELLED although this workflow did not stop it (someone called StopQueryExecution,
 * or Athena cancelled it).
 */
public final class QueryCancelledException extends AthenaWorkflowException {

    public QueryCancelledException(String message) {
        super(message);
    }

    public QueryCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
