package io.athenaworkflow.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local Lambda host with handlers compiled at test time: the Lambda Java runtime's behaviours, one by one. */
class LocalLambdaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

    private LocalLambda lambda;

    @BeforeEach
    void start() {
        lambda = LocalLambda.start(LambdaSettings.defaults());
    }

    @AfterEach
    void stop() {
        lambda.close();
        System.getProperties().remove("fixture.barrier");
        System.getProperties().remove("fixture.entered");
        System.getProperties().remove("fixture.release");
    }

    private static FunctionSpec fixture(String name, String handler) {
        return FunctionSpec.of(name, handler, FixtureJars.fixturesJar()).withCode(FixtureJars.classPath());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(InvocationResult result) throws Exception {
        return JSON.readTree(result.payload());
    }

    @Test
    void invoke_whenEchoHandler_passesPayloadContextAndEnvironment() throws Exception {
        lambda.deploy(fixture("echo", "fixture.EchoHandler").withMemoryMb(512).withVariable("GREETING", "hi"));

        InvocationResult result = lambda.invoke("echo", bytes("{\"order\": 42}"));

        assertThat(result.failed()).isFalse();
        assertThat(result.executedVersion()).isEqualTo("$LATEST");
        JsonNode echo = json(result);
        assertThat(echo.path("input").asText()).isEqualTo("{\"order\": 42}");
        assertThat(echo.path("requestId").asText()).matches("[0-9a-f-]{36}");
        assertThat(echo.path("functionName").asText()).isEqualTo("echo");
        assertThat(echo.path("functionVersion").asText()).isEqualTo("$LATEST");
        assertThat(echo.path("invokedFunctionArn").asText()).isEqualTo(ARN + "echo");
        assertThat(echo.path("memoryLimitInMB").asInt()).isEqualTo(512);
        assertThat(echo.path("remainingTimeInMillis").asInt()).isBetween(1, 3000);
        assertThat(echo.path("logGroupName").asText()).isEqualTo("/aws/lambda/echo");
        assertThat(echo.path("logStreamName").asText()).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
        JsonNode environment = echo.path("environment");
        assertThat(environment.path("GREETING").asText()).isEqualTo("hi");
        assertThat(environment.path("AWS_REGION").asText()).isEqualTo("us-east-1");
        assertThat(environment.path("AWS_DEFAULT_REGION").asText()).isEqualTo("us-east-1");
        assertThat(environment.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("echo");
        assertThat(environment.path("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("$LATEST");
        assertThat(environment.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("512");
        assertThat(environment.path("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_java25");
        assertThat(environment.path("_HANDLER").asText()).isEqualTo("fixture.EchoHandler");
        assertThat(environment.path("AWS_LAMBDA_LOG_STREAM_NAME").asText()).isEqualTo(echo.path("logStreamName").asText());
    }

    @Test
    void invoke_whenHandlerLogs_returnsTheLogTailWithLambdasLines() {
        lambda.deploy(fixture("echo", "fixture.EchoHandler"));

        InvocationResult result = lambda.invoke("echo", bytes("{}"));

        assertThat(result.logTail())
                .contains("INIT_START")
                .containsPattern("START RequestId: [0-9a-f-]{36} Version: \\$LATEST")
                .contains("echo handler saw request")
                .contains("runtime logger works too")
                .containsPattern("END RequestId: [0-9a-f-]{36}")
                .containsPattern("REPORT RequestId: .*\tDuration: [0-9.]+ ms\tBilled Duration: \\d+ ms\tMemory Size: 128 MB"
                        + "\tInit Duration: [0-9.]+ ms");
        assertThat(lambda.invoke("echo", bytes("{}")).logTail()).doesNotContain("INIT_START").doesNotContain("Init Duration");
    }

    @Test
    void invoke_whenFunctionRuns_seesOnlyItsOwnClasses() throws Exception {
        lambda.deploy(fixture("echo", "fixture.EchoHandler"));

        JsonNode echo = json(lambda.invoke("echo", bytes("{}")));

        assertThat(echo.path("jacksonLoader").asText()).startsWith("lambda:echo:$LATEST#");
        assertThat(ObjectMapper.class.getClassLoader().getName()).isNotEqualTo(echo.path("jacksonLoader").asText());
        assertThat(echo.path("contextClassLoader").asText()).isEqualTo(echo.path("jacksonLoader").asText());
        assertThat(echo.path("seesRuntimeClasses").asBoolean()).isFalse();
        assertThat(echo.path("seesRuntimeLibraries").asBoolean()).isFalse();
    }

    @Test
    void invoke_whenByAliasVersionOrArn_runsThatVersion() throws Exception {
        lambda.deploy(fixture("echo", "fixture.EchoHandler").withAlias("live"));

        for (String target : List.of("echo:live", ARN + "echo:live", "000000000000:function:echo:live", "echo:1")) {
            InvocationResult result = lambda.invoke(target, bytes("{}"));
            assertThat(result.executedVersion()).as(target).isEqualTo("1");
            JsonNode echo = json(result);
            assertThat(echo.path("functionVersion").asText()).isEqualTo("1");
            assertThat(echo.path("environment").path("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("1");
            assertThat(echo.path("invokedFunctionArn").asText()).isEqualTo(ARN + "echo:" + target.substring(target.lastIndexOf(':') + 1));
        }
        for (String target : List.of("echo", "echo:$LATEST", ARN + "echo", ARN + "echo:$LATEST")) {
            assertThat(lambda.invoke(target, bytes("{}")).executedVersion()).as(target).isEqualTo("$LATEST");
        }
        assertThat(lambda.coldStarts()).extracting(ColdStart::version).containsExactlyInAnyOrder("1", "$LATEST");
    }

    @Test
    void invoke_whenNoSuchFunctionOrQualifier_throwsResourceNotFound() {
        lambda.deploy(fixture("echo", "fixture.EchoHandler").withAlias("live"));

        assertThatThrownBy(() -> lambda.invoke("nothing", bytes("{}")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Function not found: " + ARN + "nothing")
                .satisfies(e -> assertThat(((ResourceNotFoundException) e).errorCode()).isEqualTo("ResourceNotFoundException"));
        assertThatThrownBy(() -> lambda.invoke("echo:beta", bytes("{}")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Function not found: " + ARN + "echo:beta");
        assertThatThrownBy(() -> lambda.invoke("echo:2", bytes("{}"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.invoke("arn:aws:lambda:eu-west-1:000000000000:function:echo", bytes("{}")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.invoke("arn:aws:lambda:us-east-1:111111111111:function:echo", bytes("{}")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.invoke("not a name!", bytes("{}"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void invoke_whenPayloadIsNotJsonOrTooLarge_isRejectedBeforeRunning() {
        lambda.deploy(fixture("echo", "fixture.EchoHandler"));

        assertThatThrownBy(() -> lambda.invoke("echo", bytes("{not json")))
                .isInstanceOf(InvalidRequestContentException.class)
                .hasMessageContaining("Could not parse request body into json");
        assertThatThrownBy(() -> lambda.invoke("echo", bytes("{} {}")))
                .isInstanceOf(InvalidRequestContentException.class);
        byte[] huge = new byte[LocalLambda.MAX_REQUEST_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThatThrownBy(() -> lambda.invoke("echo", huge))
                .isInstanceOf(RequestTooLargeException.class)
                .hasMessageContaining("6291456 bytes");
        assertThat(lambda.coldStarts()).isEmpty();
    }

    @Test
    void invoke_whenHandlerThrows_returnsTheRuntimesErrorDocument() throws Exception {
        lambda.deploy(fixture("thrower", "fixture.ThrowingHandler"));

        InvocationResult result = lambda.invoke("thrower", bytes("{}"));

        assertThat(result.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(result);
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(error.path("errorMessage").asText()).isEqualTo("order id is missing");
        assertThat(error.path("stackTrace").get(0).asText()).startsWith("fixture.ThrowingHandler.validate(ThrowingHandler.java:");
        assertThat(error.path("stackTrace").get(1).asText()).startsWith("fixture.ThrowingHandler.handleRequest(");
        assertThat(error.path("stackTrace").toString()).doesNotContain("io.athenaworkflow.local");
        assertThat(error.fieldNames()).toIterable().containsExactly("errorMessage", "errorType", "stackTrace");
        assertThat(result.logTail()).contains("order id is missing: java.lang.IllegalArgumentException");
        assertThat(lambda.invoke("thrower", bytes("{}")).failed()).isTrue();
        assertThat(lambda.coldStarts()).as("an exception keeps the environment warm").hasSize(1);
    }

    @Test
    void invoke_whenConstructorThrows_reportsTheInitErrorAndInitializesAgainNextTime() throws Exception {
        lambda.deploy(fixture("broken", "fixture.FailingConstructorHandler"));

        InvocationResult first = lambda.invoke("broken", bytes("{}"));
        InvocationResult second = lambda.invoke("broken", bytes("{}"));

        assertThat(first.functionError()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(first.payload())).isEqualTo(JSON.readTree(
                "{\"errorMessage\":\"cannot start: TABLE_NAME is not set\",\"errorType\":\"java.lang.IllegalStateException\"}"));
        assertThat(JSON.readTree(second.payload())).isEqualTo(JSON.readTree(first.payload()));
        assertThat(lambda.coldStarts()).hasSize(2).allSatisfy(start -> assertThat(start.initSucceeded()).isFalse());
    }

    @Test
    void invoke_whenHandlerHasSnapStartHooks_runsThemOncePerEnvironmentBeforeTheFirstInvocation() throws Exception {
        lambda.deploy(fixture("primed", "fixture.PrimedHandler"));

        String first = lambda.invoke("primed", bytes("{}")).payloadText();
        String second = lambda.invoke("primed", bytes("{}")).payloadText();

        assertThat(first).isEqualTo("\"beforeCheckpoint:true,afterRestore:true,invoke\"");
        assertThat(second).isEqualTo("\"beforeCheckpoint:true,afterRestore:true,invoke,invoke\"");
        assertThat(lambda.coldStarts()).hasSize(1).allSatisfy(start -> assertThat(start.initSucceeded()).isTrue());
    }

    @Test
    void invoke_whenBeforeCheckpointThrows_reportsTheInitErrorAndNeverRunsTheHandler() throws Exception {
        lambda.deploy(fixture("unprimable", "fixture.FailingPrimingHandler"));

        InvocationResult result = lambda.invoke("unprimable", bytes("{}"));

        assertThat(result.functionError()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(result.payload())).isEqualTo(JSON.readTree("{\"errorMessage\":\"priming could not reach"
                + " its sample data\",\"errorType\":\"java.lang.IllegalStateException\"}"));
        assertThat(lambda.coldStarts()).hasSize(1).allSatisfy(start -> assertThat(start.initSucceeded()).isFalse());
    }

    @Test
    void invoke_whenClassIsMissing_reportsClassNotFoundOnEveryInvocation() throws Exception {
        lambda.deploy(fixture("ghost", "fixture.NoSuchHandler::handleRequest"));

        InvocationResult result = lambda.invoke("ghost", bytes("{}"));

        assertThat(result.functionError()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(result.payload())).isEqualTo(JSON.readTree(
                "{\"errorMessage\":\"Class not found: fixture.NoSuchHandler\",\"errorType\":\"java.lang.ClassNotFoundException\"}"));
        assertThat(lambda.invoke("ghost", bytes("{}")).payloadText()).isEqualTo(result.payloadText());
        assertThat(lambda.coldStarts()).as("the runtime keeps reporting from the same environment").hasSize(1);
    }

    @Test
    void invoke_whenStaticInitializerFails_reportsErrorLoadingClass() throws Exception {
        lambda.deploy(fixture("static-init", "fixture.StaticInitFailureHandler::handle"));

        JsonNode error = json(lambda.invoke("static-init", bytes("{}")));

        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.ExceptionInInitializerError");
        assertThat(error.path("errorMessage").asText()).isEqualTo("Error loading class fixture.StaticInitFailureHandler");
    }

    @Test
    void invoke_whenStackOverflows_reportsTheErrorAndReplacesTheEnvironment() throws Exception {
        lambda.deploy(fixture("deep", "fixture.OverflowHandler::handle"));

        InvocationResult result = lambda.invoke("deep", bytes("{}"));
        lambda.invoke("deep", bytes("{}"));

        JsonNode error = json(result);
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.StackOverflowError");
        assertThat(error.path("errorMessage").asText()).isEqualTo("java.lang.StackOverflowError");
        assertThat(error.path("stackTrace").get(0).asText()).startsWith("fixture.OverflowHandler.depth(");
        assertThat(lambda.coldStarts()).as("a VirtualMachineError ends the environment").hasSize(2);
    }

    @Test
    void invoke_whenOutOfMemoryError_reportsItAndReplacesTheEnvironment() throws Exception {
        lambda.deploy(fixture("hungry", "fixture.OutOfMemoryHandler::handle"));

        JsonNode error = json(lambda.invoke("hungry", bytes("{}")));
        lambda.invoke("hungry", bytes("{}"));

        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.OutOfMemoryError");
        assertThat(error.path("errorMessage").asText()).isEqualTo("Java heap space");
        assertThat(lambda.coldStarts()).hasSize(2);
    }

    @Test
    void invoke_whenHandlerIsNotAStreamHandler_explainsWhatRuns() throws Exception {
        lambda.deploy(fixture("pojo", "fixture.PojoHandler"));
        lambda.deploy(fixture("pojo-method", "fixture.PojoHandler::handleRequest"));
        lambda.deploy(fixture("no-method", "fixture.EchoHandler::missing"));
        lambda.deploy(fixture("not-a-handler", "fixture.StaticHandler"));
        lambda.deploy(fixture("no-ctor", "fixture.NoDefaultConstructorHandler::handle"));

        assertThat(json(lambda.invoke("pojo", bytes("{}"))).path("errorMessage").asText())
                .contains("POJO handlers (RequestHandler<I, O>) are not supported locally");
        assertThat(json(lambda.invoke("pojo-method", bytes("{}"))).path("errorType").asText())
                .isEqualTo("java.lang.UnsupportedOperationException");
        assertThat(json(lambda.invoke("no-method", bytes("{}"))).path("errorMessage").asText())
                .isEqualTo("No public method named missing with appropriate method signature found on class fixture.EchoHandler");
        assertThat(json(lambda.invoke("not-a-handler", bytes("{}"))).path("errorMessage").asText())
                .isEqualTo("Class does not implement an appropriate handler interface: fixture.StaticHandler");
        JsonNode noConstructor = json(lambda.invoke("no-ctor", bytes("{}")));
        assertThat(noConstructor.path("errorMessage").asText())
                .isEqualTo("Class fixture.NoDefaultConstructorHandler has no public zero-argument constructor");
        assertThat(noConstructor.path("errorType").asText()).isEqualTo("java.lang.Exception");
    }

    @Test
    void invoke_whenStaticTwoArgumentMethod_runsItWithoutContext() {
        lambda.deploy(fixture("upper", "fixture.StaticHandler::upper"));

        InvocationResult result = lambda.invoke("upper", bytes("\"shout\""));

        assertThat(result.failed()).isFalse();
        assertThat(result.payloadText()).isEqualTo("\"SHOUT\"");
    }

    @Test
    void invoke_whenResponseExceeds6Mb_reportsResponseSizeTooLarge() throws Exception {
        lambda.deploy(fixture("big", "fixture.BigResponseHandler::handle"));

        InvocationResult result = lambda.invoke("big", bytes("{}"));

        assertThat(result.functionError()).isEqualTo("Unhandled");
        assertThat(json(result).path("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
        assertThat(json(result).path("errorMessage").asText())
                .isEqualTo("Response payload size exceeded maximum allowed payload size (6291556 bytes).");
    }

    @Test
    void invoke_whenHandlerOutlivesItsTimeout_reportsSandboxTimedoutAndDiscardsTheEnvironment() throws Exception {
        lambda.deploy(fixture("slow", "fixture.SleepHandler").withTimeoutSeconds(1));

        InvocationResult result = lambda.invoke("slow", bytes("60000"));

        assertThat(result.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(result);
        assertThat(error.path("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.path("errorMessage").asText())
                .matches("RequestId: [0-9a-f-]{36} Error: Task timed out after 1\\.00 seconds");
        assertThat(result.logTail()).contains("Task timed out after 1.00 seconds");

        InvocationResult next = lambda.invoke("slow", bytes("1"));
        assertThat(next.failed()).isFalse();
        assertThat(lambda.coldStarts()).as("the timed-out environment was discarded").hasSize(2);
    }

    @Test
    void invoke_whenTwoRunAtOnce_givesEachItsOwnEnvironment() throws Exception {
        // Generous timeout: the second environment's cold start may finish well after the first one's.
        lambda.deploy(fixture("meet", "fixture.BarrierHandler").withTimeoutSeconds(60));
        System.getProperties().put("fixture.barrier", new CyclicBarrier(2));

        ExecutorService callers = Executors.newFixedThreadPool(2);
        Future<InvocationResult> first = callers.submit(() -> lambda.invoke("meet", bytes("{}")));
        Future<InvocationResult> second = callers.submit(() -> lambda.invoke("meet", bytes("{}")));
        callers.shutdown();

        InvocationResult a = first.get(60, TimeUnit.SECONDS);
        InvocationResult b = second.get(60, TimeUnit.SECONDS);
        assertThat(a.failed()).as(a.payloadText()).isFalse();
        assertThat(b.failed()).as(b.payloadText()).isFalse();
        assertThat(a.payloadText()).isNotEqualTo(b.payloadText());
        assertThat(lambda.coldStarts()).extracting(ColdStart::instance).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void invoke_whenCalledAgain_reusesTheWarmEnvironment() {
        lambda.deploy(fixture("sleepy", "fixture.SleepHandler"));

        String first = lambda.invoke("sleepy", bytes("0")).payloadText();
        String second = lambda.invoke("sleepy", bytes("0")).payloadText();

        assertThat(second).isEqualTo(first);
        assertThat(lambda.coldStarts()).hasSize(1);
    }

    @Test
    void invoke_whenReservedConcurrencyIsInUse_throwsTooManyRequests() throws Exception {
        lambda.deploy(fixture("gate", "fixture.GateHandler").withReservedConcurrency(1));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        System.getProperties().put("fixture.entered", entered);
        System.getProperties().put("fixture.release", release);

        ExecutorService caller = Executors.newSingleThreadExecutor();
        Future<InvocationResult> holder = caller.submit(() -> lambda.invoke("gate", bytes("{}")));
        caller.shutdown();
        assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> lambda.invoke("gate", bytes("{}")))
                    .isInstanceOf(TooManyRequestsException.class)
                    .hasMessage("Rate Exceeded.")
                    .satisfies(e -> {
                        TooManyRequestsException throttled = (TooManyRequestsException) e;
                        assertThat(throttled.reason()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
                        assertThat(throttled.statusCode()).isEqualTo(429);
                    });
        } finally {
            release.countDown();
        }
        assertThat(holder.get(60, TimeUnit.SECONDS).payloadText()).isEqualTo("\"released\"");
        System.getProperties().put("fixture.entered", new CountDownLatch(1));
        assertThat(lambda.invoke("gate", bytes("{}")).failed()).as("the slot is free again").isFalse();
    }

    @Test
    void invoke_whenReservedConcurrencyIsZero_throttlesEveryInvocation() {
        lambda.deploy(fixture("off", "fixture.EchoHandler").withReservedConcurrency(0));

        assertThatThrownBy(() -> lambda.invoke("off", bytes("{}"))).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void coldStarts_whenFirstInvocationDone_recordInitTimeAndClassesLoaded() {
        lambda.deploy(fixture("echo", "fixture.EchoHandler"));

        lambda.invoke("echo", bytes("{}"));
        lambda.invoke("echo", bytes("{}"));

        assertThat(lambda.coldStarts()).singleElement().satisfies(start -> {
            assertThat(start.functionName()).isEqualTo("echo");
            assertThat(start.version()).isEqualTo("$LATEST");
            assertThat(start.instance()).isEqualTo(1);
            assertThat(start.initSucceeded()).isTrue();
            assertThat(start.initDuration()).isPositive();
            assertThat(start.classesLoaded()).as("the handler, Jackson and aws-lambda-java-core").isGreaterThan(50);
        });
    }

    @Test
    void deploy_whenConfigurationIsNotAcceptable_throwsInvalidParameterValue() {
        assertThatThrownBy(() -> lambda.deploy(fixture("echo", "fixture.EchoHandler").withVariable("AWS_REGION", "x")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Reserved keys used in this request: AWS_REGION");
        assertThatThrownBy(() -> lambda.deploy(fixture("echo", "fixture.EchoHandler").withTimeoutSeconds(901)))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("1-900 seconds");
        assertThatThrownBy(() -> lambda.deploy(fixture("bad name", "fixture.EchoHandler")))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("function name 'bad name'");
        assertThatThrownBy(() -> lambda.deploy(fixture("echo", "fixture/EchoHandler.java")))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("package.Class::method");
        assertThatThrownBy(() -> lambda.deploy(FunctionSpec.of("echo", "a.B", java.nio.file.Path.of("/nowhere.jar"))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("/nowhere.jar does not exist");
    }

    @Test
    void deploy_whenFunctionRedeployed_runsTheNewConfigurationInNewEnvironments() throws Exception {
        lambda.deploy(fixture("echo", "fixture.EchoHandler").withVariable("GREETING", "v1"));
        lambda.invoke("echo", bytes("{}"));

        lambda.deploy(fixture("echo", "fixture.EchoHandler").withVariable("GREETING", "v2"));

        assertThat(json(lambda.invoke("echo", bytes("{}"))).path("environment").path("GREETING").asText()).isEqualTo("v2");
        assertThat(lambda.coldStarts()).hasSize(2);
        assertThat(lambda.functions()).singleElement().satisfies(f -> assertThat(f.environment()).containsEntry("GREETING", "v2"));
    }

    @Test
    void invoke_whenHostClosed_throwsServiceException() {
        lambda.deploy(fixture("echo", "fixture.EchoHandler"));
        lambda.close();

        assertThatThrownBy(() -> lambda.invoke("echo", bytes("{}")))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("closed");
    }
}
