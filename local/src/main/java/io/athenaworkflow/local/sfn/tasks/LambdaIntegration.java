package io.athenaworkflow.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.lambda.InvocationResult;
import io.athenaworkflow.local.lambda.LambdaService;
import io.athenaworkflow.local.lambda.LambdaServiceException;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.interpreter.TaskInvocation;
import io.athenaworkflow.local.sfn.asl.interpreter.TaskResource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Task states that call Lambda: a function ARN as the Resource (the state result is the function's payload) and the
 * optimized {@code arn:aws:states:::lambda:invoke} integration (the result is the Invoke API response in the AWS SDK
 * for Java 1.x shape: {@code ExecutedVersion}, {@code Payload}, {@code SdkHttpMetadata}, {@code SdkResponseMetadata},
 * {@code StatusCode}).
 */
final class LambdaIntegration {

    private static final String SERVICE = "AWSLambda";

    private final LambdaService lambda;

    LambdaIntegration(LambdaService lambda) {
        this.lambda = lambda;
    }

    /** A Task whose Resource is a function ARN: the payload in, the function's response out. */
    JsonNode invokeFunction(TaskInvocation invocation) {
        String function = invocation.resource().arn();
        InvocationResult result = call(function, AwsResponses.bytes(invocation.arguments()));
        failIfFunctionError(result);
        JsonNode payload = AwsResponses.parseOrNull(result.payload());
        if (payload == null) {
            // Step Functions passes a non-JSON response on as a string.
            return AwsResponses.NODES.textNode(new String(result.payload(), StandardCharsets.UTF_8));
        }
        return payload;
    }

    /** {@code arn:aws:states:::lambda:invoke}: Parameters/Arguments are the Invoke API request. */
    JsonNode invoke(TaskInvocation invocation) {
        if (invocation.resource().pattern() != TaskResource.Pattern.REQUEST_RESPONSE) {
            throw TaskErrors.unsupported(invocation.resource().arn(), "only the request-response pattern of"
                    + " lambda:invoke runs locally (.waitForTaskToken needs SendTaskSuccess, which is not served)");
        }
        JsonNode arguments = invocation.arguments();
        if (!(arguments instanceof ObjectNode request)) {
            throw StatesError.runtime("The Parameters/Arguments of lambda:invoke in state '" + invocation.stateName()
                    + "' must be a JSON object with FunctionName and Payload, got " + AwsResponses.text(arguments));
        }
        JsonNode nameNode = request.get("FunctionName");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            throw StatesError.runtime("lambda:invoke in state '" + invocation.stateName() + "' needs a FunctionName"
                    + " (a function name, name:alias or function ARN), got "
                    + (nameNode == null ? "none" : AwsResponses.text(nameNode)));
        }
        String function = nameNode.asText();
        JsonNode qualifier = request.get("Qualifier");
        if (qualifier != null && qualifier.isTextual() && !qualifier.asText().isBlank()) {
            function = function + ":" + qualifier.asText();
        }
        JsonNode payloadNode = request.get("Payload");
        // Lambda hands an empty request to the function as {}.
        byte[] payload = payloadNode == null || payloadNode.isNull() ? "{}".getBytes(StandardCharsets.UTF_8)
                : AwsResponses.bytes(payloadNode);
        String invocationType = request.hasNonNull("InvocationType") ? request.get("InvocationType").asText()
                : "RequestResponse";
        LambdaService host = lambda();
        Instant now = invocation.clock().now();
        return switch (invocationType) {
            case "RequestResponse" -> requestResponse(function, payload, now);
            case "Event" -> event(host, function, payload, now);
            case "DryRun" -> envelope(null, null, 204, now, AwsResponses.requestId(), 0);
            default -> throw new StatesError("Lambda.InvalidParameterValueException", AwsResponses.sdkV1Cause(
                    "1 validation error detected: Value '" + invocationType + "' at 'invocationType' failed to satisfy"
                            + " constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
                    SERVICE, 400, "InvalidParameterValueException", AwsResponses.requestId()));
        };
    }

    private JsonNode requestResponse(String function, byte[] payload, Instant now) {
        InvocationResult result = call(function, payload);
        failIfFunctionError(result);
        byte[] response = result.payload();
        JsonNode body = AwsResponses.parseOrNull(response);
        JsonNode payloadValue = body != null ? body
                : AwsResponses.NODES.textNode(new String(response, StandardCharsets.UTF_8));
        String version = result.executedVersion() == null ? "$LATEST" : result.executedVersion();
        return envelope(version, payloadValue, 200, now, AwsResponses.requestId(), response.length);
    }

    private JsonNode event(LambdaService host, String function, byte[] payload, Instant now) {
        // Event invocations are queued by Lambda: the caller gets 202 at once and never sees the result.
        Thread.ofVirtual().name("lambda-event-" + function).start(() -> {
            try {
                host.invoke(function, payload);
            } catch (RuntimeException ignored) {
                // Asynchronous invocation errors are not reported back to the caller.
            }
        });
        return envelope(null, AwsResponses.NODES.textNode(""), 202, now, AwsResponses.requestId(), 0);
    }

    private static ObjectNode envelope(String executedVersion, JsonNode payload, int status, Instant now,
                                       String requestId, int contentLength) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (executedVersion != null) {
            headers.put("X-Amz-Executed-Version", executedVersion);
        }
        headers.put("x-amzn-Remapped-Content-Length", "0");
        headers.put("Connection", "keep-alive");
        headers.put("x-amzn-RequestId", requestId);
        headers.put("Content-Length", Integer.toString(contentLength));
        headers.put("Date", AwsResponses.httpDate(now));
        headers.put("X-Amzn-Trace-Id", AwsResponses.traceId(now));
        headers.put("Content-Type", "application/json");
        ObjectNode output = AwsResponses.NODES.objectNode();
        if (executedVersion != null) {
            output.put("ExecutedVersion", executedVersion);
        }
        if (payload != null) {
            output.set("Payload", payload);
        }
        output.set("SdkHttpMetadata", AwsResponses.sdkHttpMetadata(headers, status));
        output.set("SdkResponseMetadata", AwsResponses.sdkResponseMetadata(requestId));
        output.put("StatusCode", status);
        return output;
    }

    private InvocationResult call(String function, byte[] payload) {
        LambdaService invoker = lambda();
        try {
            InvocationResult result = invoker.invoke(function, payload);
            if (result == null) {
                throw new IllegalStateException("the Lambda host returned no result for " + function);
            }
            return result;
        } catch (LambdaServiceException e) {
            // The Lambda API's own errors (ResourceNotFound, TooManyRequests, ServiceException, ...) keep their code.
            throw new StatesError("Lambda." + e.errorCode(), AwsResponses.sdkV1Cause(e.getMessage(), SERVICE,
                    e.statusCode(), e.errorCode(), AwsResponses.requestId()));
        } catch (StatesError e) {
            throw e;
        } catch (RuntimeException e) {
            // The host broke in a way it did not model: to a caller that is a Lambda service failure.
            throw new StatesError("Lambda.ServiceException", AwsResponses.sdkV1Cause(
                    "The Lambda host failed to invoke " + function + ": " + e.getMessage(), SERVICE, 500,
                    "ServiceException", AwsResponses.requestId()));
        }
    }

    /** A function error becomes Error = its errorType, Cause = the whole error document, as Step Functions does. */
    private static void failIfFunctionError(InvocationResult result) {
        if (!result.failed()) {
            return;
        }
        String document = new String(result.payload(), StandardCharsets.UTF_8);
        JsonNode parsed = AwsResponses.parseOrNull(result.payload());
        JsonNode errorType = parsed == null ? null : parsed.get("errorType");
        if (errorType == null || !errorType.isTextual() || errorType.asText().isBlank()) {
            throw new StatesError("Lambda.Unknown", "The cause could not be determined because Lambda did not return"
                    + " an error type. Returned payload: " + document);
        }
        throw new StatesError(errorType.asText(), document);
    }

    private LambdaService lambda() {
        if (lambda == null) {
            throw StatesError.runtime("No Lambda host is configured in this local runtime, so Lambda tasks cannot"
                    + " run; start the runtime with the functions jar (or pass a LambdaService to TaskServices)");
        }
        return lambda;
    }
}
