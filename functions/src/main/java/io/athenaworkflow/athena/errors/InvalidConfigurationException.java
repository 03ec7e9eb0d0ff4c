package io.athenaworkflow.athena.errors;

/**
 * Thrown when an environment variable of the function (set by the template's parameters) is malformed or out of
 * range; the message names the variable, the accepted values and the template parameter to fix. Raised when the
 * handler is created, so every invocation fails until the stack is redeployed with a valid value. Not retried.
 */
public final class InvalidConfigurationException extends AthenaWorkflowException {

    public InvalidConfigurationException(String message) {
        super(message);
    }

    public InvalidConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
