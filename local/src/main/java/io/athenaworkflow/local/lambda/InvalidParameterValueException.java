package io.athenaworkflow.local.lambda;

/**
 * Thrown when a function cannot be deployed as configured: a reserved environment variable is set, the handler is
 * not {@code package.Class[::method]}, the code does not exist, or a number is out of Lambda's range (400).
 */
public final class InvalidParameterValueException extends LambdaServiceException {

    public InvalidParameterValueException(String message) {
        super(message, 400);
    }
}
