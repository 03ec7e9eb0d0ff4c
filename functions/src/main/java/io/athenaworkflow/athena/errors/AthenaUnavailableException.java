package io.athenaworkflow.athena.errors;

/**
 * Thrown when Athena, S3 or Step Functions fails with a server error (5xx) or the network fails, after the SDK's
 * own retries. The state machine retries it with backoff; every call behind it is idempotent.
 */
public final class AthenaUnavailableException extends AthenaWorkflowException {

    public AthenaUnavailableException(String message) {
        super(message);
    }

    public AthenaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
