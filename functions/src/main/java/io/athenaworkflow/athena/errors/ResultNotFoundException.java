package io.athenaworkflow.athena.errors;

/**
 * Thrown when a succeeded query's result object is missing from S3 (removed by a lifecycle rule or another
 * process before FetchResults read it).
 */
public final class ResultNotFoundException extends AthenaWorkflowException {

    public ResultNotFoundException(String message) {
        super(message);
    }

    public ResultNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
