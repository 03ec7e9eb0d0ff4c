package io.athenaworkflow.athena.errors;

/**
 * Thrown when Athena, S3 or Step Functions fails with a server error (5xx other than throttling) or cannot be
 * reached, after the SDK's own retries. The message names the service. The state machine retries it with backoff;
 * every call behind it is idempotent.
 */
public final class ServiceUnavailableException extends AthenaWorkflowException {

    public ServiceUnavailableException(String message) {
        super(message);
    }

    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
