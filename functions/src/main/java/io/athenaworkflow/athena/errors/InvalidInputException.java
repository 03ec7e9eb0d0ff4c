package io.athenaworkflow.athena.errors;

/**
 * Thrown when a field of the execution input is missing, has the wrong type or is out of range (the message
 * names the field and the accepted values). Not retried: the input must be fixed.
 */
public final class InvalidInputException extends AthenaWorkflowException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
