package io.athenaworkflow.local.lambda;

/** Thrown when an invocation's payload is larger than Lambda's 6 MB synchronous limit (413). */
public final class RequestTooLargeException extends LambdaServiceException {

    public RequestTooLargeException(String message) {
        super(message, 413);
    }
}
