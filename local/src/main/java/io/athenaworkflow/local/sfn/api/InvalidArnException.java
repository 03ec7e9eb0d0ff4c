package io.athenaworkflow.local.sfn.api;

/** Thrown when an ARN is malformed or names the wrong kind of resource for the operation. */
public class InvalidArnException extends StepFunctionsException {

    public InvalidArnException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "InvalidArn";
    }
}
