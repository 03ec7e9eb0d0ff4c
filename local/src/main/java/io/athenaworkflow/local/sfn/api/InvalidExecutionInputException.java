package io.athenaworkflow.local.sfn.api;

/** Thrown by StartExecution when the input is not JSON. */
public class InvalidExecutionInputException extends StepFunctionsException {

    public InvalidExecutionInputException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "InvalidExecutionInput";
    }
}
