package io.athenaworkflow.local.sfn.api;

/** Thrown by StartExecution when an execution of that name exists and the request is not an idempotent retry (different input, or the execution already ended). */
public class ExecutionAlreadyExistsException extends StepFunctionsException {

    public ExecutionAlreadyExistsException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "ExecutionAlreadyExists";
    }
}
