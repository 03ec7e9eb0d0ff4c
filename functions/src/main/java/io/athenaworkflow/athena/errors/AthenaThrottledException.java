package io.athenaworkflow.athena.errors;

/**
 * Thrown when Athena answers {@code TooManyRequestsException} (the account's concurrent-query or API rate quota)
 * after the SDK's own retries. The state machine retries it with exponential backoff and jitter.
 */
public final class AthenaThrottledException extends AthenaWorkflowException {

    public AthenaThrottledException(String message) {
        super(message);
    }

    public AthenaThrottledException(String message, Throwable cause) {
        super(message, cause);
    }
}
