package io.athenaworkflow.athena.errors;

/**
 * Thrown when the query ended FAILED (syntax error, unknown table or column, wrong number of parameters, a data
 * error, ...). The message carries Athena's StateChangeReason and its error category and type.
 */
public final class QueryFailedException extends AthenaWorkflowException {

    public QueryFailedException(String message) {
        super(message);
    }
}
