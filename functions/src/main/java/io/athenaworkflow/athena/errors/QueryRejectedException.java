package io.athenaworkflow.athena.errors;

/**
 * Thrown when Athena refuses to start the query ({@code InvalidRequestException}): an unknown workgroup or catalog,
 * an output location Athena cannot use, a workgroup that is disabled, and similar. Not retried.
 */
public final class QueryRejectedException extends AthenaWorkflowException {

    public QueryRejectedException(String message) {
        super(message);
    }

    public QueryRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
