package io.athenaworkflow.athena.errors;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an SDK failure that the SDK's own retries could not overcome into the catalogue's error, so the state
 * machine can tell a retriable outage from a permanent refusal.
 */
public final class AwsErrors {

    private AwsErrors() {
    }

    /**
     * @param action what was being done, for the message, e.g. "GetQueryExecution for 1234-..."
     */
    public static AthenaWorkflowException translate(SdkException e, String action) {
        if (e instanceof AwsServiceException service) {
            // An exception built without error details (not unmarshalled from a response) still has a status.
            var details = service.awsErrorDetails();
            String code = details == null || details.errorCode() == null ? "" : details.errorCode();
            String text = details == null || details.errorMessage() == null ? service.getMessage() : details.errorMessage();
            String message = action + " failed: " + code + ": " + text;
            if (service.statusCode() == 403) {
                return new AccessDeniedException(message + " (check the Lambda role's policy and the bucket owner)", e);
            }
            if (service.isThrottlingException() || "TooManyRequestsException".equals(code)) {
                return new AthenaThrottledException(message, e);
            }
            if (service.statusCode() >= 500) {
                return new AthenaUnavailableException(message, e);
            }
            return new QueryRejectedException(message, e);
        }
        if (e instanceof SdkClientException) {
            return new AthenaUnavailableException(action + " failed before reaching AWS: " + e.getMessage(), e);
        }
        return new AthenaUnavailableException(action + " failed: " + e.getMessage(), e);
    }
}
