package io.athenaworkflow.local.sfn.api;

/** Thrown by StartSyncExecution for a STANDARD state machine (synchronous executions are for EXPRESS ones). */
public class StateMachineTypeNotSupportedException extends StepFunctionsException {

    public StateMachineTypeNotSupportedException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "StateMachineTypeNotSupported";
    }
}
