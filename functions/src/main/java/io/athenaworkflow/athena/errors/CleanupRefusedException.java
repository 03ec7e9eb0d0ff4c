package io.athenaworkflow.athena.errors;

/**
 * Thrown when Cleanup is asked to delete objects it cannot prove belong to the query: the query's result lies
 * outside the workflow's results location. Nothing is deleted.
 */
public final class CleanupRefusedException extends AthenaWorkflowException {

    public CleanupRefusedException(String message) {
        super(message);
    }

    public CleanupRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
