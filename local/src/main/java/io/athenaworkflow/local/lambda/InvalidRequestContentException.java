package io.athenaworkflow.local.lambda;

/** Thrown when an invocation's payload is not valid JSON (400). */
public final class InvalidRequestContentException extends LambdaServiceException {

    public InvalidRequestContentException(String message) {
        super(message, 400);
    }
}
