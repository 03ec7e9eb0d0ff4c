package io.athenaworkflow.local.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A service spoken with the AWS JSON protocol ({@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>}),
 * e.g. Athena ({@code AmazonAthena}, JSON 1.1) or Step Functions ({@code AWSStepFunctions}, JSON 1.0). The edge
 * server routes requests whose target starts with {@link #targetPrefix()} here.
 */
public interface AwsJsonService {

    /** The part of {@code X-Amz-Target} before the dot, e.g. {@code AmazonAthena}. */
    String targetPrefix();

    /** The protocol version: {@code "1.0"} or {@code "1.1"} (the response content type is {@code application/x-amz-json-<version>}). */
    String jsonVersion();

    /**
     * Answers one request.
     *
     * @param operation the part of {@code X-Amz-Target} after the dot, e.g. {@code StartQueryExecution}
     * @param request the request body (a JSON object)
     * @return the response body
     * @throws AwsServiceError for every modeled error, including an unknown operation
     */
    JsonNode handle(String operation, ObjectNode request);

    /** The key of the message in error bodies: Athena uses {@code Message}, Step Functions {@code message}. */
    default String messageField() {
        return "Message";
    }

    /** The {@code __type} sent (HTTP 500) when {@link #handle} fails unexpectedly. */
    default String internalErrorType() {
        return "InternalFailure";
    }
}
