package io.athenaworkflow.local.lambda;

/**
 * An error of the Lambda service itself (not of the function), named as the Lambda API names it. The Step Functions
 * part reports these as {@code Lambda.<errorCode()>} (e.g. {@code Lambda.TooManyRequestsException}).
 */
public abstract sealed class LambdaServiceException extends RuntimeException
        permits ResourceNotFoundException, TooManyRequestsException, InvalidRequestContentException,
        RequestTooLargeException, InvalidParameterValueException, ServiceException {

    private final int statusCode;

    protected LambdaServiceException(String message, int statusCode) {
        super(message);
        this.statusCode = statusCode;
    }

    /** The Lambda API's error code: the exception's simple class name, as on AWS. */
    public String errorCode() {
        return getClass().getSimpleName();
    }

    /** The HTTP status the Lambda API answers this error with. */
    public int statusCode() {
        return statusCode;
    }
}
