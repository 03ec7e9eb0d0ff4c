package io.athenaworkflow.local.lambda;

/** Thrown when the local Lambda host itself fails (it was closed, or its worker thread was interrupted) (500). */
public final class ServiceException extends LambdaServiceException {

    public ServiceException(String message) {
        super(message, 500);
    }
}
