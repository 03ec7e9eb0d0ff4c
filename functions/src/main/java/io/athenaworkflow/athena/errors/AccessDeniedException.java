package io.athenaworkflow.athena.errors;

/**
 * Thrown when Athena, S3 or Step Functions denies a request (HTTP 403): the Lambda role lacks a permission, or a bucket belongs
 * to another account than {@code EXPECTED_BUCKET_OWNER}.
 */
public final class AccessDeniedException extends AthenaWorkflowException {

    public AccessDeniedException(String message) {
        super(message);
    }

    public AccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
