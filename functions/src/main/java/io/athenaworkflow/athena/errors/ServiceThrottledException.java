package io.athenaworkflow.athena.errors;

/**
 * Thrown when Athena, S3 or Step Functions throttles a request after the SDK's own retries: Athena's
 * {@code TooManyRequestsException} (the account's concurrent-query or API rate quota), S3's {@code SlowDown} (503),
 * Step Functions' {@code ThrottlingException}, or any HTTP 429. The message names the service. The state machine
 * retries it with exponential backoff and jitter.
 */
public final class ServiceThrottledException extends AthenaWorkflowException {

    public ServiceThrottledException(String message) {
        super(message);
    }

    public ServiceThrottledException(String message, Throwable cause) {
        super(message, cause);
    }
}
