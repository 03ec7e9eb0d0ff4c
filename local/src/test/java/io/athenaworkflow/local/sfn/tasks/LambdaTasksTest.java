package io.athenaworkflow.local.sfn.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.clock.VirtualClock;
import io.athenaworkflow.local.lambda.InvocationResult;
import io.athenaworkflow.local.lambda.ServiceException;
import io.athenaworkflow.local.lambda.TooManyRequestsException;
import io.athenaworkflow.local.sfn.api.FakeLambda;
import io.athenaworkflow.local.sfn.api.SfnFixture;
import io.athenaworkflow.local.sfn.api.StateMachineSpec;
import io.athenaworkflow.local.sfn.api.StepFunctionsConfig;
import io.athenaworkflow.local.sfn.api.StepFunctionsService;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lambda function ARNs and lambda:invoke against a fake Lambda host, through the Step Functions service. */
class LambdaTasksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

    private final FakeLambda lambda = new FakeLambda();
    private SfnFixture fx;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(lambda);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static String invoke(String arguments) {
        return """
                {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke", "Arguments": %s, "End": true}}}""".formatted(arguments);
    }

    private static JsonNode output(Execution execution) throws Exception {
        ExecutionResult result = SfnFixture.await(execution);
        assertThat(result.status()).as("status (error %s: %s)", result.error(), result.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        return JSON.readTree(result.output());
    }

    private static InvocationResult failure(String document) {
        return FakeLambda.failure(document);
    }

    private static List<String> types(Execution execution) {
        return execution.history().stream().map(HistoryEvent::type).toList();
    }

    @Test
    void lambdaInvoke_whenFunctionSucceeds_returnsTheInvokeResponseAsStepFunctionsShapesIt() throws Exception {
        lambda.on("greeter", payload -> new InvocationResult(("{\"hello\":" + payload + "}")
                .getBytes(StandardCharsets.UTF_8), null, "7", ""));

        Execution execution = fx.run(invoke("{\"FunctionName\": \"greeter\", \"Payload\": {\"who\": "
                + "\"{% $states.input.who %}\"}}"), "{\"who\": \"ada\"}");
        JsonNode out = output(execution);

        assertThat(lambda.calls()).containsExactly(new FakeLambda.Call("greeter", "{\"who\":\"ada\"}"));
        assertThat(out.get("ExecutedVersion").asText()).isEqualTo("7");
        assertThat(out.get("Payload")).isEqualTo(JSON.readTree("{\"hello\":{\"who\":\"ada\"}}"));
        assertThat(out.get("StatusCode").asInt()).isEqualTo(200);
        JsonNode http = out.get("SdkHttpMetadata");
        String requestId = out.get("SdkResponseMetadata").get("RequestId").asText();
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(http.get("HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(http.get("HttpHeaders").get("x-amzn-RequestId").asText()).isEqualTo(requestId);
        assertThat(http.get("HttpHeaders").get("X-Amz-Executed-Version").asText()).isEqualTo("7");
        assertThat(http.get("HttpHeaders").get("Content-Type").asText()).isEqualTo("application/json");
        assertThat(http.get("HttpHeaders").get("Content-Length").asText())
                .isEqualTo(Integer.toString("{\"hello\":{\"who\":\"ada\"}}".length()));
        assertThat(http.get("HttpHeaders").get("Date").asText()).isEqualTo("Sat, 01 Mar 2025 09:00:00 GMT");
        assertThat(http.get("AllHttpHeaders").get("x-amzn-RequestId").get(0).asText()).isEqualTo(requestId);
        assertThat(http.get("AllHttpHeaders").get("Connection").isArray()).isTrue();
        assertThat(types(execution)).containsSubsequence("TaskScheduled", "TaskStarted", "TaskSucceeded");
    }

    @Test
    void lambdaInvoke_whenQualifierAndNoPayload_callsTheQualifiedFunctionWithAnEmptyObject() throws Exception {
        lambda.returning("greeter", "\"plain text is JSON too\"");

        JsonNode out = output(fx.run(invoke("{\"FunctionName\": \"" + FUNCTION_ARN + "greeter\", \"Qualifier\": "
                + "\"live\"}"), "{}"));

        assertThat(lambda.calls()).containsExactly(new FakeLambda.Call(FUNCTION_ARN + "greeter:live", "{}"));
        assertThat(out.get("Payload").asText()).isEqualTo("plain text is JSON too");
    }

    @Test
    void lambdaInvoke_whenFunctionReturnsNonJson_passesThePayloadOnAsAString() throws Exception {
        lambda.on("raw", payload -> FakeLambda.success("not { json"));

        JsonNode out = output(fx.run(invoke("{\"FunctionName\": \"raw\"}"), "{}"));

        assertThat(out.get("Payload").asText()).isEqualTo("not { json");
    }

    @Test
    void lambdaInvoke_whenFunctionRaises_failsWithItsErrorTypeAndTheWholeDocumentAsCause() {
        String document = "{\"errorMessage\":\"query q-1 failed\",\"errorType\":\"io.example.QueryFailedException\","
                + "\"stackTrace\":[\"io.example.Handler.run(Handler.java:12)\"]}";
        lambda.on("failer", payload -> failure(document));

        Execution execution = fx.run(invoke("{\"FunctionName\": \"failer\", \"Payload\": {}}"), "{}");
        ExecutionResult result = SfnFixture.await(execution);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("io.example.QueryFailedException");
        assertThat(result.cause()).isEqualTo(document);
        HistoryEvent failed = execution.history().stream().filter(e -> e.type().equals("TaskFailed")).findFirst()
                .orElseThrow();
        assertThat(failed.details().get("resourceType").asText()).isEqualTo("lambda");
        assertThat(failed.details().get("resource").asText()).isEqualTo("invoke");
        assertThat(failed.details().get("error").asText()).isEqualTo("io.example.QueryFailedException");
    }

    @Test
    void lambdaInvoke_whenErrorIsCaught_theCatcherSeesErrorAndCause() throws Exception {
        String document = "{\"errorMessage\":\"bad sql\",\"errorType\":\"InvalidInputException\"}";
        lambda.on("failer", payload -> failure(document));
        String definition = """
                {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                           "Arguments": {"FunctionName": "failer"},
                           "Catch": [{"ErrorEquals": ["InvalidInputException"], "Next": "Handled",
                                      "Output": "{% $states.errorOutput %}"}], "End": true},
                  "Handled": {"Type": "Succeed"}}}""";

        JsonNode out = output(fx.run(definition, "{}"));

        assertThat(out.get("Error").asText()).isEqualTo("InvalidInputException");
        assertThat(out.get("Cause").asText()).isEqualTo(document);
    }

    @Test
    void lambdaInvoke_whenNoErrorTypeOrTimedOut_reportsLambdaUnknownOrSandboxTimedout() {
        lambda.on("crashy", payload -> failure("{\"errorMessage\":\"Process exited before completing request\"}"));
        lambda.on("sleepy", payload -> failure("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: "
                + "abc Error: Task timed out after 3.00 seconds\"}"));

        ExecutionResult crashed = SfnFixture.await(fx.run(invoke("{\"FunctionName\": \"crashy\"}"), "{}"));
        ExecutionResult timedOut = SfnFixture.await(fx.run(invoke("{\"FunctionName\": \"sleepy\"}"), "{}"));

        assertThat(crashed.error()).isEqualTo("Lambda.Unknown");
        assertThat(crashed.cause()).isEqualTo("The cause could not be determined because Lambda did not return an"
                + " error type. Returned payload: {\"errorMessage\":\"Process exited before completing request\"}");
        assertThat(timedOut.error()).isEqualTo("Sandbox.Timedout");
        assertThat(timedOut.cause()).contains("Task timed out after 3.00 seconds");
    }

    @Test
    void lambdaInvoke_whenFunctionMissing_failsWithResourceNotFoundAndAnSdkStyleCause() {
        ExecutionResult result = SfnFixture.await(fx.run(invoke("{\"FunctionName\": \"ghost\"}"), "{}"));

        assertThat(result.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(result.cause()).startsWith("Function not found: arn:aws:lambda:us-east-1:000000000000:function:"
                        + "ghost (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException;"
                        + " Request ID: ")
                .endsWith("; Proxy: null)");
    }

    @Test
    void lambdaInvoke_whenThrottledOnce_theRetrierRetriesAfterItsInterval() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        lambda.on("busy", payload -> {
            if (attempts.incrementAndGet() == 1) {
                throw new TooManyRequestsException("Rate Exceeded.", TooManyRequestsException.RESERVED_LIMIT);
            }
            return FakeLambda.success("{\"ok\":true}");
        });
        String definition = """
                {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "busy"},
                  "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2,
                             "MaxAttempts": 3}],
                  "Output": "{% $states.result.Payload %}", "End": true}}}""";

        Execution execution = fx.run(definition, "{}");
        JsonNode out = output(execution);

        assertThat(out).isEqualTo(JSON.readTree("{\"ok\":true}"));
        assertThat(attempts).hasValue(2);
        HistoryEvent failed = execution.history().stream().filter(e -> e.type().equals("TaskFailed")).findFirst()
                .orElseThrow();
        assertThat(failed.details().get("error").asText()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(failed.details().get("cause").asText()).contains("Status Code: 429");
        HistoryEvent retried = execution.history().stream().filter(e -> e.type().equals("TaskScheduled"))
                .skip(1).findFirst().orElseThrow();
        assertThat(retried.timestamp()).isEqualTo(failed.timestamp().plusSeconds(2));
    }

    @Test
    void lambdaInvoke_whenHostFails_reportsLambdaServiceException() {
        lambda.on("broken", payload -> {
            throw new ServiceException("cannot load handler class io.example.Missing");
        });

        ExecutionResult result = SfnFixture.await(fx.run(invoke("{\"FunctionName\": \"broken\"}"), "{}"));

        assertThat(result.error()).isEqualTo("Lambda.ServiceException");
        assertThat(result.cause()).contains("cannot load handler class io.example.Missing")
                .contains("Status Code: 500; Error Code: ServiceException");
    }

    @Test
    void lambdaInvoke_whenFunctionNameMissingOrInvocationTypeUnknown_failsClearly() {
        lambda.returning("greeter", "{}");

        ExecutionResult noName = SfnFixture.await(fx.run(invoke("{\"Payload\": {}}"), "{}"));
        ExecutionResult badType = SfnFixture.await(fx.run(invoke("{\"FunctionName\": \"greeter\","
                + " \"InvocationType\": \"Sometimes\"}"), "{}"));

        assertThat(noName.error()).isEqualTo("States.Runtime");
        assertThat(noName.cause()).contains("needs a FunctionName");
        assertThat(badType.error()).isEqualTo("Lambda.InvalidParameterValueException");
        assertThat(badType.cause()).contains("Value 'Sometimes' at 'invocationType'");
        assertThat(lambda.calls()).isEmpty();
    }

    @Test
    void lambdaInvoke_whenEventInvocation_returns202WithoutWaitingForTheResult() throws Exception {
        lambda.returning("async", "{\"ignored\":true}");

        JsonNode out = output(fx.run(invoke("{\"FunctionName\": \"async\", \"InvocationType\": \"Event\"}"), "{}"));

        assertThat(out.get("StatusCode").asInt()).isEqualTo(202);
        assertThat(out.get("Payload").asText()).isEmpty();
        assertThat(out.has("ExecutedVersion")).isFalse();
        assertThat(out.get("SdkHttpMetadata").get("HttpStatusCode").asInt()).isEqualTo(202);
    }

    @Test
    void functionArn_whenSucceeds_resultIsThePayloadAndHistoryUsesLambdaFunctionEvents() throws Exception {
        lambda.on("echo", FakeLambda::success);
        String definition = """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "%secho", "Parameters": {"n.$": "$.n"}, "End": true}}}""".formatted(FUNCTION_ARN);

        Execution execution = fx.run(definition, "{\"n\": 3, \"dropped\": true}");
        JsonNode out = output(execution);

        assertThat(out).isEqualTo(JSON.readTree("{\"n\":3}"));
        assertThat(lambda.calls()).containsExactly(new FakeLambda.Call(FUNCTION_ARN + "echo", "{\"n\":3}"));
        assertThat(types(execution)).containsSubsequence("LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionSucceeded").doesNotContain("TaskScheduled");
        HistoryEvent scheduled = execution.history().stream()
                .filter(e -> e.type().equals("LambdaFunctionScheduled")).findFirst().orElseThrow();
        assertThat(scheduled.details().get("resource").asText()).isEqualTo(FUNCTION_ARN + "echo");
        assertThat(scheduled.details().get("input").asText()).isEqualTo("{\"n\":3}");
    }

    @Test
    void functionArn_whenFunctionRaises_recordsLambdaFunctionFailedWithErrorAndCause() {
        String document = "{\"errorMessage\":\"nope\",\"errorType\":\"java.lang.IllegalStateException\"}";
        lambda.on("failer", payload -> failure(document));

        Execution execution = fx.run("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%sfailer", "End": true}}}"""
                .formatted(FUNCTION_ARN), "{}");
        ExecutionResult result = SfnFixture.await(execution);

        assertThat(result.error()).isEqualTo("java.lang.IllegalStateException");
        HistoryEvent failed = execution.history().stream().filter(e -> e.type().equals("LambdaFunctionFailed"))
                .findFirst().orElseThrow();
        assertThat(failed.details().get("error").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.details().get("cause").asText()).isEqualTo(document);
    }

    @Test
    void tasks_whenNoLambdaHostOrResourceUnsupported_failWithStatesRuntimeNamingTheResource() {
        try (StepFunctionsService bare = StepFunctionsService.create(StepFunctionsConfig.defaults(),
                VirtualClock.startingAt(Instant.parse("2025-01-01T00:00:00Z")),
                LocalTaskInvoker.create(TaskServices.none()))) {
            String lambdaTask = bare.createStateMachine(StateMachineSpec.of("lambda", invoke("{\"FunctionName\": "
                    + "\"f\"}"), SfnFixture.ROLE)).arn();
            String sqsTask = bare.createStateMachine(StateMachineSpec.of("sqs", """
                    {"StartAt": "Send", "States": {"Send": {"Type": "Task",
                      "Resource": "arn:aws:states:::sqs:sendMessage",
                      "Parameters": {"QueueUrl": "q", "MessageBody": "m"},
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Swallowed"}], "End": true},
                      "Swallowed": {"Type": "Succeed"}}}""", SfnFixture.ROLE)).arn();

            ExecutionResult noHost = SfnFixture.await(bare.startExecution(lambdaTask, null, "{}"));
            Execution sqs = bare.startExecution(sqsTask, null, "{}");
            ExecutionResult unsupported = SfnFixture.await(sqs);

            assertThat(noHost.error()).isEqualTo("States.Runtime");
            assertThat(noHost.cause()).contains("No Lambda host is configured");
            assertThat(unsupported.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(unsupported.error()).isEqualTo("States.Runtime");
            assertThat(unsupported.cause()).contains("'arn:aws:states:::sqs:sendMessage' is not supported")
                    .contains("Supported resources: Lambda function ARNs");
            HistoryEvent failed = sqs.history().stream().filter(e -> e.type().equals("TaskFailed")).findFirst()
                    .orElseThrow();
            assertThat(failed.details().get("resourceType").asText()).isEqualTo("sqs");
            assertThat(failed.details().get("resource").asText()).isEqualTo("sendMessage");
        }
    }
}
