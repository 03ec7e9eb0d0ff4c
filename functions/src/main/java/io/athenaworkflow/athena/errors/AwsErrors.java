package io.athenaworkflow.athena.errors;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.util.Set;

/**
 * Turns an SDK failure that the SDK's own retries could not overcome into the catalogue's error, named for what
 * happened and at which service, so the state machine can tell a retriable outage from a permanent refusal and a
 * reader knows where to look.
 */
public final class AwsErrors {

    /** S3 error codes of a server-side failure (S3 sends them as 500/503; DeleteObjects also per key, in a 200). */
    private static final Set<String> S3_SERVER_ERRORS = Set.of("InternalError", "ServiceUnavailable");

    private AwsErrors() {
    }

    /**
     * @param service the service that was called (a failure that never reached it carries no service of its own)
     * @param action what was being done, for the message, e.g. "GetQueryExecution for 1234-..."
     */
    public static AthenaWorkflowException translate(SdkException e, AwsService service, String action) {
        String name = service.displayName();
        if (e instanceof AwsServiceException failure) {
            // An exception built without error details (not unmarshalled from a response) still has a status.
            var details = failure.awsErrorDetails();
            String code = details == null || details.errorCode() == null ? "" : details.errorCode();
            String text = details == null || details.errorMessage() == null ? failure.getMessage() : details.errorMessage();
            String said = name + " answered " + failure.statusCode() + (code.isEmpty() ? "" : " " + code) + ": " + text;
            if (failure.statusCode() == 403) {
                return new AccessDeniedException(action + " was denied. " + said + ". Grant the Lambda role the"
                        + " permission (policy.json / FunctionRole) and check that the bucket belongs to"
                        + " EXPECTED_BUCKET_OWNER.", e);
            }
            // The SDK counts HTTP 429 and the throttling codes (TooManyRequestsException, SlowDown,
            // ThrottlingException, ...) as throttling.
            if (failure.isThrottlingException() || "TooManyRequestsException".equals(code)) {
                return throttled(action, said, service, e);
            }
            if (failure.statusCode() >= 500) {
                return unavailable(action, said, name, e);
            }
            return rejected(service, action, said, e);
        }
        if (e instanceof SdkClientException) {
            return new ServiceUnavailableException(action + " failed before reaching " + name + ": " + e.getMessage()
                    + ". Retried with backoff; if it persists, check the function's network path to " + name
                    + " (VPC routes, endpoints, DNS).", e);
        }
        return new ServiceUnavailableException(action + " failed while talking to " + name + ": " + e.getMessage()
                + ". Retried with backoff; if it persists, check " + name + "'s health in the region.", e);
    }

    /** Reading a response body failed part-way (connection reset, socket timeout): the service was lost meanwhile. */
    public static ServiceUnavailableException readFailed(AwsService service, String action, IOException e) {
        return new ServiceUnavailableException("Reading the response of " + action + " from " + service.displayName()
                + " failed part-way: " + e.getMessage() + ". Retried with backoff; nothing was changed by the read.", e);
    }

    /**
     * The error for an S3 error code reported without an exception: a per-key error of DeleteObjects (its response
     * is a 200 that lists the keys S3 could not delete).
     */
    public static AthenaWorkflowException s3ErrorCode(String code, String action, String said) {
        if ("AccessDenied".equals(code)) {
            return new AccessDeniedException(action + " was denied. " + said + ". Grant the Lambda role s3:DeleteObject"
                    + " on the results prefix (policy.json / FunctionRole) and check the bucket's owner.");
        }
        if ("SlowDown".equals(code)) {
            return throttled(action, said, AwsService.S3, null);
        }
        if (S3_SERVER_ERRORS.contains(code)) {
            return unavailable(action, said, AwsService.S3.displayName(), null);
        }
        return rejected(AwsService.S3, action, said, null);
    }

    private static ServiceThrottledException throttled(String action, String said, AwsService service, Throwable cause) {
        return new ServiceThrottledException(action + " was throttled by " + service.displayName() + ". " + said
                + ". The state machine retries it with backoff; if it keeps happening, " + service.throttlingAdvice()
                + ".", cause);
    }

    private static ServiceUnavailableException unavailable(String action, String said, String name, Throwable cause) {
        return new ServiceUnavailableException(action + " failed on " + name + "'s side. " + said + ". The state"
                + " machine retries it with backoff; if it persists, check " + name + "'s health in the region.", cause);
    }

    private static AthenaWorkflowException rejected(AwsService service, String action, String said, Throwable cause) {
        String message = action + " was rejected. " + said + ". ";
        return switch (service) {
            case ATHENA -> new QueryRejectedException(message + "Check the workgroup, catalog, database and output"
                    + " location the request names.", cause);
            case S3 -> new S3RequestRejectedException(message + "Check that the bucket and key exist and belong to"
                    + " this deployment.", cause);
            case STEP_FUNCTIONS -> new StepFunctionsRequestRejectedException(message + "Check that the execution ARN"
                    + " names an execution of this workflow's state machine.", cause);
        };
    }
}
