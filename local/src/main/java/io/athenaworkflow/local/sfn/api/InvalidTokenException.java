package io.athenaworkflow.local.sfn.api;

/** Thrown when a nextToken was not issued by this service for this listing. */
public class InvalidTokenException extends StepFunctionsException {

    public InvalidTokenException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "InvalidToken";
    }
}
