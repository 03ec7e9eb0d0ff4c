package io.athenaworkflow.local.sfn.api;

/**
 * A Step Functions API error: {@link #errorType()} is the error code AWS sends as {@code __type} (what an SDK turns
 * into its exception class), the message is AWS's message text. Each subclass is one failure mode.
 */
public abstract class StepFunctionsException extends RuntimeException {

    protected StepFunctionsException(String message) {
        super(message);
    }

    /** The AWS error code, e.g. {@code StateMachineDoesNotExist}. */
    public abstract String errorType();
}
