package io.athenaworkflow.athena.errors;

/**
 * Thrown when the input looks like an EventBridge event (it has {@code detail-type}) but is not one this workflow
 * handles, or lacks the fields it needs (the S3 bucket and key of an "Object Created" event, the execution ARN of a
 * "Step Functions Execution Status Change" event).
 */
public final class InvalidEventException extends AthenaWorkflowException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
