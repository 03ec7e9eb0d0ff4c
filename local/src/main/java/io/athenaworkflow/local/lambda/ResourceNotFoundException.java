package io.athenaworkflow.local.lambda;

/** Thrown when no deployed function has the given name or ARN, or the function has no such version or alias (404). */
public final class ResourceNotFoundException extends LambdaServiceException {

    public ResourceNotFoundException(String message) {
        super(message, 404);
    }
}
