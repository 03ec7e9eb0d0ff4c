package io.athenaworkflow.local.sfn.api;

/** Thrown when no state machine has the given ARN (never created, or deleted). */
public class StateMachineDoesNotExistException extends StepFunctionsException {

    public StateMachineDoesNotExistException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "StateMachineDoesNotExist";
    }
}
