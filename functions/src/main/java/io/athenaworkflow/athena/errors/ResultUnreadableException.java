package io.athenaworkflow.athena.errors;

/**
 * Thrown when a result object is not in Athena's CSV format (an unterminated quote, text after a closing quote):
 * it was truncated or written by something other than Athena.
 */
public final class ResultUnreadableException extends AthenaWorkflowException {

    public ResultUnreadableException(String message) {
        super(message);
    }
}
