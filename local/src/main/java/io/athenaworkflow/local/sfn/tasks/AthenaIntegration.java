package io.athenaworkflow.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.edge.AwsJsonService;
import io.athenaworkflow.local.edge.AwsServiceError;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.interpreter.TaskInvocation;
import io.athenaworkflow.local.sfn.asl.interpreter.TaskResource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Athena from Task states, through the Athena service's own JSON API ({@link AwsJsonService#handle}) so a task sees
 * exactly what an HTTP client would:
 *
 * <ul>
 *   <li>the optimized integration {@code arn:aws:states:::athena:ACTION} (startQueryExecution, with {@code .sync},
 *       getQueryExecution, getQueryResults, stopQueryExecution): the Athena response plus the AWS SDK for Java 1.x
 *       {@code SdkHttpMetadata}/{@code SdkResponseMetadata}, timestamps as epoch milliseconds; errors named
 *       {@code Athena.<ErrorCode>};</li>
 *   <li>the SDK integration {@code arn:aws:states:::aws-sdk:athena:ACTION} for any Athena action: the response as
 *       the Athena API returns it; errors named {@code Athena.<ErrorCode>} with the SDK 2.x Cause.</li>
 * </ul>
 */
final class AthenaIntegration {

    private static final Set<String> OPTIMIZED = Set.of("startQueryExecution", "getQueryExecution",
            "getQueryResults", "stopQueryExecution");
    private static final Set<String> TIMESTAMPS = Set.of("SubmissionDateTime", "CompletionDateTime");
    /** Operations whose ClientRequestToken is an idempotency token the AWS SDKs fill in when the caller omits it. */
    private static final Set<String> IDEMPOTENCY_TOKEN = Set.of("StartQueryExecution", "CreateNamedQuery",
            "StartCalculationExecution", "StartSession", "CreateNotebook");

    private final AwsJsonService athena;
    private final SyncPolling polling;

    AthenaIntegration(AwsJsonService athena, SyncPolling polling) {
        this.athena = athena;
        this.polling = polling;
    }

    /** {@code arn:aws:states:::athena:ACTION[.sync]}. */
    JsonNode optimized(TaskInvocation invocation) {
        TaskResource resource = invocation.resource();
        boolean sync = resource.pattern() == TaskResource.Pattern.SYNC;
        String action = sync ? resource.resource().substring(0, resource.resource().indexOf(".sync"))
                : resource.resource();
        boolean supported = resource.pattern() == TaskResource.Pattern.REQUEST_RESPONSE && OPTIMIZED.contains(action)
                || sync && action.equals("startQueryExecution") && resource.resource().equals(action + ".sync");
        if (!supported) {
            throw TaskErrors.unsupported(resource.arn(), "the optimized Athena integration supports"
                    + " startQueryExecution (request-response and .sync), getQueryExecution, getQueryResults and"
                    + " stopQueryExecution");
        }
        ObjectNode request = withIdempotencyToken(operation(action), request(invocation));
        Response started = callOptimized(operation(action), request, invocation.clock().now());
        if (!sync) {
            return started.withMetadata();
        }
        invocation.submitted(started.withMetadata());
        String queryId = started.body().path("QueryExecutionId").asText();
        return awaitQuery(invocation, queryId);
    }

    /** {@code arn:aws:states:::aws-sdk:athena:ACTION}. */
    JsonNode sdk(TaskInvocation invocation) {
        TaskResource resource = invocation.resource();
        if (resource.pattern() != TaskResource.Pattern.REQUEST_RESPONSE) {
            throw TaskErrors.unsupported(resource.arn(), "AWS SDK integrations run request-response only locally");
        }
        String operation = operation(resource.resource());
        ObjectNode request = withIdempotencyToken(operation, request(invocation));
        String requestId = AwsResponses.requestId();
        try {
            JsonNode body = service().handle(operation, request);
            return body == null ? AwsResponses.NODES.objectNode() : body;
        } catch (AwsServiceError error) {
            if ("UnknownOperationException".equals(error.type())) {
                throw TaskErrors.unsupported(resource.arn(), "Athena has no action '" + resource.resource() + "'");
            }
            throw new StatesError("Athena." + exceptionName(error.type()), AwsResponses.sdkV2Cause(
                    String.valueOf(error.getMessage()), "Athena", error.httpStatus(), requestId, null));
        }
    }

    /** Polls GetQueryExecution on the runtime clock until the query ends; stops the query if the task is cancelled. */
    private JsonNode awaitQuery(TaskInvocation invocation, String queryId) {
        ObjectNode get = AwsResponses.NODES.objectNode().put("QueryExecutionId", queryId);
        Duration delay = polling.initial();
        while (true) {
            Response status = callOptimized("GetQueryExecution", get, invocation.clock().now());
            String state = status.body().path("QueryExecution").path("Status").path("State").asText();
            switch (state) {
                case "SUCCEEDED" -> {
                    return millisTimestamps(status.body().deepCopy());
                }
                case "FAILED", "CANCELLED" -> throw new StatesError("States.TaskFailed",
                        AwsResponses.text(millisTimestamps(status.body().deepCopy())));
                default -> { }
            }
            try {
                invocation.clock().sleep(delay);
            } catch (InterruptedException interrupted) {
                // The execution was stopped or the state timed out: Step Functions stops the job it started.
                stopQuietly(queryId);
                Thread.currentThread().interrupt();
                throw new StatesError("States.TaskFailed", "The task was cancelled while query " + queryId
                        + " was running; the query was stopped");
            }
            delay = min(delay.multipliedBy(2), polling.max());
        }
    }

    private void stopQuietly(String queryId) {
        try {
            service().handle("StopQueryExecution", AwsResponses.NODES.objectNode().put("QueryExecutionId", queryId));
        } catch (RuntimeException ignored) {
            // Best effort: the query may already have ended.
        }
    }

    private Response callOptimized(String operation, ObjectNode request, Instant now) {
        String requestId = AwsResponses.requestId();
        try {
            JsonNode body = service().handle(operation, request.deepCopy());
            return new Response(body == null ? AwsResponses.NODES.objectNode() : body, requestId, now);
        } catch (AwsServiceError error) {
            String code = error.type();
            throw new StatesError("Athena." + exceptionName(code), AwsResponses.sdkV1Cause(
                    String.valueOf(error.getMessage()), "AmazonAthena", error.httpStatus(), code, requestId));
        }
    }

    private ObjectNode request(TaskInvocation invocation) {
        if (invocation.arguments() instanceof ObjectNode object) {
            return object.deepCopy();
        }
        throw StatesError.runtime("The Parameters/Arguments of the Athena task in state '" + invocation.stateName()
                + "' must be a JSON object (the Athena request, e.g. {\"QueryString\": ...}), got "
                + AwsResponses.text(invocation.arguments()));
    }

    /** Each call is a new request, as each SDK call is: a retried task starts a new query. */
    private static ObjectNode withIdempotencyToken(String operation, ObjectNode request) {
        if (IDEMPOTENCY_TOKEN.contains(operation) && !request.hasNonNull("ClientRequestToken")) {
            request.put("ClientRequestToken", java.util.UUID.randomUUID().toString());
        }
        return request;
    }

    private AwsJsonService service() {
        if (athena == null) {
            throw StatesError.runtime("No Athena service is configured in this local runtime, so Athena tasks cannot"
                    + " run; pass the Athena service to TaskServices");
        }
        return athena;
    }

    /** {@code startQueryExecution} → {@code StartQueryExecution}. */
    private static String operation(String action) {
        return Character.toUpperCase(action.charAt(0)) + action.substring(1);
    }

    private static String exceptionName(String type) {
        return type.endsWith("Exception") ? type : type + "Exception";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The 1.x SDK serialises dates as epoch milliseconds; the JSON protocol sends epoch seconds. */
    private static JsonNode millisTimestamps(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (TIMESTAMPS.contains(field.getKey()) && value.isNumber()) {
                    object.put(field.getKey(), value.decimalValue().movePointRight(3)
                            .setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
                } else {
                    millisTimestamps(value);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(AthenaIntegration::millisTimestamps);
        }
        return node;
    }

    /** One Athena answer with its request id, so it can be wrapped in the SDK 1.x envelope. */
    private record Response(JsonNode body, String requestId, Instant at) {

        ObjectNode withMetadata() {
            ObjectNode output = body.isObject() ? (ObjectNode) millisTimestamps(body.deepCopy())
                    : AwsResponses.NODES.objectNode();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("x-amzn-RequestId", requestId);
            headers.put("Content-Length", Integer.toString(AwsResponses.bytes(body).length));
            headers.put("Date", AwsResponses.httpDate(at));
            headers.put("Content-Type", "application/x-amz-json-1.1");
            headers.put("Connection", "keep-alive");
            output.set("SdkHttpMetadata", AwsResponses.sdkHttpMetadata(headers, 200));
            output.set("SdkResponseMetadata", AwsResponses.sdkResponseMetadata(requestId));
            return output;
        }
    }
}
