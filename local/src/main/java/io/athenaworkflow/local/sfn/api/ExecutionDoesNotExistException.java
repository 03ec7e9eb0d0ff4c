package io.athenaworkflow.local.sfn.api;

/** Thrown when no execution has the given ARN (never started, or its state machine was deleted). */
public class ExecutionDoesNotExistException extends StepFunctionsException {

    public ExecutionDoesNotExistException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "ExecutionDoesNotExist";
    }
}
