package io.athenaworkflow.local.sfn.api;

/** Thrown when a request member breaks a constraint of the API model (missing, too long, out of range, not in the enum). */
public class StepFunctionsValidationException extends StepFunctionsException {

    public StepFunctionsValidationException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "ValidationException";
    }
}
