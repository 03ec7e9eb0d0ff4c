package io.athenaworkflow.local.sfn.api;

/** Thrown when a state machine or execution name is empty, longer than 80 characters or contains a forbidden character. */
public class InvalidNameException extends StepFunctionsException {

    public InvalidNameException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "InvalidName";
    }
}
