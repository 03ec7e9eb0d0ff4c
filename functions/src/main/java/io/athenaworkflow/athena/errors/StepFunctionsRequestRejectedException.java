package io.athenaworkflow.athena.errors;

/**
 * Thrown when Step Functions refuses a request with a client error other than 403 (e.g.
 * {@code ExecutionDoesNotExist} or {@code InvalidArn} when Cleanup reads an ended execution's history): the
 * execution named by the event is not one Cleanup can read. Not retried.
 */
public final class StepFunctionsRequestRejectedException extends AthenaWorkflowException {

    public StepFunctionsRequestRejectedException(String message) {
        super(message);
    }

    public StepFunctionsRequestRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
