package io.athenaworkflow.athena.errors;

/**
 * Thrown when S3 refuses a request with a client error other than 403 (e.g. {@code NoSuchBucket},
 * {@code InvalidRequest}, or a per-key error of DeleteObjects): the bucket or key named by the input, the event or
 * the deployment is wrong. Not retried.
 */
public final class S3RequestRejectedException extends AthenaWorkflowException {

    public S3RequestRejectedException(String message) {
        super(message);
    }

    public S3RequestRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
