package io.athenaworkflow.local.sfn.api;

/** Thrown by CreateStateMachine and UpdateStateMachine when the definition is not valid Amazon States Language, or uses a feature the local interpreter cannot run. */
public class InvalidDefinitionApiException extends StepFunctionsException {

    public InvalidDefinitionApiException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "InvalidDefinition";
    }
}
