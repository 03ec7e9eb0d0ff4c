package io.athenaworkflow.local.sfn.api;

/** Thrown when a logging configuration enables logging without exactly one log destination. */
public class InvalidLoggingConfigurationException extends StepFunctionsException {

    public InvalidLoggingConfigurationException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "InvalidLoggingConfiguration";
    }
}
