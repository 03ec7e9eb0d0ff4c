package io.athenaworkflow.local.athena;

import io.athenaworkflow.local.edge.AwsServiceError;

/** Athena's modeled errors, with the {@code AthenaErrorCode} (and its twin {@code ErrorCode}) Athena sends. */
final class AthenaErrors {

    static final String INVALID_INPUT = "INVALID_INPUT";
    static final String IDEMPOTENT_PARAMETER_MISMATCH = "IDEMPOTENT_PARAMETER_MISMATCH";
    static final String QUERY_EXECUTION_NOT_FOUND = "QUERY_EXECUTION_NOT_FOUND";
    static final String INVALID_QUERY_EXECUTION_STATE = "INVALID_QUERY_EXECUTION_STATE";
    static final String RESULT_NOT_FOUND = "RESULT_NOT_FOUND";

    private AthenaErrors() {
    }

    /** {@code InvalidRequestException} with {@code AthenaErrorCode} (Athena also repeats it as {@code ErrorCode}). */
    static AwsServiceError invalidRequest(String athenaErrorCode, String message) {
        return AwsServiceError.client("InvalidRequestException", message)
                .with("AthenaErrorCode", athenaErrorCode)
                .with("ErrorCode", athenaErrorCode);
    }

    static AwsServiceError invalidInput(String message) {
        return invalidRequest(INVALID_INPUT, message);
    }

    /** A body that does not match the operation's shapes (wrong JSON type); {@code message} may be null. */
    static AwsServiceError serialization(String message) {
        return AwsServiceError.client("SerializationException", message);
    }

    static AwsServiceError queryNotFound(String queryExecutionId) {
        return invalidRequest(QUERY_EXECUTION_NOT_FOUND, "QueryExecution " + queryExecutionId + " was not found");
    }

    static AwsServiceError workGroupNotFound() {
        return invalidInput("WorkGroup is not found.");
    }

    static AwsServiceError malformedListToken(String token) {
        return invalidInput("The nextPageToken is malformed: " + token);
    }

    static AwsServiceError tooManyRequests() {
        return AwsServiceError.client("TooManyRequestsException", "You have exceeded the limit for the number of "
                        + "queries you can run concurrently. Please reduce the number of concurrent queries submitted "
                        + "by this account. Contact customer support to request a concurrent query limit increase.")
                .with("Reason", "CONCURRENT_QUERY_LIMIT_EXCEEDED");
    }

    /** Glue's answer for a database or table that does not exist, as Athena relays it. */
    static AwsServiceError entityNotFound(String what) {
        return AwsServiceError.client("MetadataException", "Entity Not Found (Service: AmazonDataCatalog; "
                + "Status Code: 400; Error Code: EntityNotFoundException; " + what + ")");
    }
}
