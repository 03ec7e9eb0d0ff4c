package io.athenaworkflow.athena.errors;

/**
 * Thrown when Athena refuses a request about the query with a client error ({@code InvalidRequestException}):
 * mostly StartQueryExecution for an unknown workgroup or catalog, an output location Athena cannot use, a disabled
 * workgroup, and similar. Not retried.
 */
public final class QueryRejectedException extends AthenaWorkflowException {

    public QueryRejectedException(String message) {
        super(message);
    }

    public QueryRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
