package io.athenaworkflow.local.sfn.api;

/** Thrown by UpdateStateMachine when it is asked to change nothing. */
public class MissingRequiredParameterException extends StepFunctionsException {

    public MissingRequiredParameterException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "MissingRequiredParameter";
    }
}
