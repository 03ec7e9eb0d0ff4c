package io.athenaworkflow.local.sfn.api;

/** Thrown by the tagging operations for an ARN that names no resource of this service. */
public class ResourceNotFoundException extends StepFunctionsException {

    public ResourceNotFoundException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "ResourceNotFound";
    }
}
