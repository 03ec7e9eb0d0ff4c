package io.athenaworkflow.athena.errors;

/**
 * Thrown when the S3 object named by an "Object Created" event no longer exists when StartQuery reads it
 * (deleted or overwritten in between). Not retried.
 */
public final class QueryFileNotFoundException extends AthenaWorkflowException {

    public QueryFileNotFoundException(String message) {
        super(message);
    }

    public QueryFileNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
