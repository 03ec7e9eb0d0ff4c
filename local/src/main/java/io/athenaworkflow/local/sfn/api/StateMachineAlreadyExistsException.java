package io.athenaworkflow.local.sfn.api;

/** Thrown by CreateStateMachine when a state machine of that name exists with a different definition, type or logging/tracing configuration. */
public class StateMachineAlreadyExistsException extends StepFunctionsException {

    public StateMachineAlreadyExistsException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "StateMachineAlreadyExists";
    }
}
