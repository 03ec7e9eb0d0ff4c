package io.athenaworkflow.athena.errors;

/**
 * Base of the workflow's error catalogue. The Lambda Java runtime reports a thrown exception's fully qualified
 * class name as the error name, which is what the state machine's {@code Retry} and {@code Catch} match and what a
 * failed execution shows as its Error; the message becomes the Cause. Every subclass is one failure mode.
 */
public abstract sealed class AthenaWorkflowException extends RuntimeException
        permits InvalidInputException, InvalidConfigurationException, InvalidEventException, QueryFileNotFoundException,
        ServiceThrottledException, ServiceUnavailableException, QueryRejectedException, S3RequestRejectedException,
        StepFunctionsRequestRejectedException, QueryFailedException, QueryCancelledException,
        QueryTimeoutException, ResultNotFoundException, ResultUnreadableException, AccessDeniedException,
        CleanupRefusedException {

    protected AthenaWorkflowException(String message) {
        super(message);
    }

    protected AthenaWorkflowException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The error name Step Functions sees for this exception. */
    public String errorName() {
        return getClass().getName();
    }
}
