package io.athenaworkflow.tests.contract;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.cleanup.LostStartRecovery;
import io.athenaworkflow.athena.errors.AthenaWorkflowException;
import io.athenaworkflow.tests.ProjectFiles;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The ASL file, the template and the functions package agree with each other. */
class StateMachineContractTest {

    /** The error names the Amazon States Language predefines (spec, appendix A, plus the JSONata era's). */
    private static final Set<String> STATES_ERRORS = Set.of("States.ALL", "States.DataLimitExceeded",
            "States.ExceedToleratedFailureThreshold", "States.HeartbeatTimeout", "States.Http.Socket",
            "States.IntrinsicFailure", "States.ItemReaderFailed", "States.NoChoiceMatched",
            "States.ParameterPathFailure", "States.Permissions", "States.ResultPathMatchFailure",
            "States.ResultWriterFailed", "States.Runtime", "States.TaskFailed", "States.Timeout",
            "States.QueryEvaluationError", "States.BranchFailed");

    /** Errors of the Lambda integration and runtime that Step Functions documents for retrying. */
    private static final Set<String> LAMBDA_ERRORS = Set.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException", "Lambda.ClientExecutionTimeoutException",
            "Lambda.Unknown", "Sandbox.Timedout", "Runtime.ExitError");

    private static final String RETRIED_THROTTLING_ERROR = "io.athenaworkflow.athena.errors.ServiceThrottledException";

    private final JsonNode asl = ProjectFiles.json("statemachine/athena-query.asl.json");

    @Test
    void errorEquals_whenEveryNameIsResolved_namesRealErrors() throws ClassNotFoundException {
        List<String> names = new ArrayList<>();
        collectErrorNames(asl, names);

        assertThat(names).isNotEmpty();
        for (String name : names) {
            if (STATES_ERRORS.contains(name) || LAMBDA_ERRORS.contains(name)) {
                continue;
            }
            Class<?> type = Class.forName(name);
            assertThat(AthenaWorkflowException.class).as(name).isAssignableFrom(type);
            assertThat(Modifier.isFinal(type.getModifiers())).as("%s is final", name).isTrue();
        }
    }

    @Test
    void everyTask_whenInspected_retriesServiceErrorsAndCatchesEverything() {
        asl.get("States").properties().forEach(entry -> {
            JsonNode state = entry.getValue();
            if (!"Task".equals(state.path("Type").asText())) {
                return;
            }
            List<String> retried = new ArrayList<>();
            collectErrorNames(state.get("Retry"), retried);
            assertThat(retried).as(entry.getKey()).contains("Lambda.ServiceException", "Lambda.TooManyRequestsException",
                    RETRIED_THROTTLING_ERROR);
            for (JsonNode retrier : state.get("Retry")) {
                assertThat(retrier.has("MaxDelaySeconds") || retrier.path("MaxAttempts").asInt() <= 2)
                        .as("%s retries with a bounded delay", entry.getKey()).isTrue();
                assertThat(retrier.path("JitterStrategy").asText()).isEqualTo("FULL");
            }
            JsonNode catchAll = state.get("Catch").get(state.get("Catch").size() - 1);
            assertThat(catchAll.get("ErrorEquals").get(0).asText()).isEqualTo("States.ALL");
            String next = catchAll.get("Next").asText();
            assertThat(next).as("%s's failures go through Cleanup (or straight to the Fail state)", entry.getKey())
                    .isIn(entry.getKey().equals("StartQuery") ? "QueryFailed" : "Cleanup",
                            entry.getKey().equals("Cleanup") ? "QueryFailed" : "Cleanup");
        });
    }

    @Test
    void startQuery_whenNoAttemptGotAthenasAnswer_goesThroughCleanupToFindTheQuery() {
        // Errors after which Athena may have started the query although StartQuery never learned its id.
        JsonNode catchers = asl.at("/States/StartQuery/Catch");
        JsonNode first = catchers.get(0);
        List<String> names = new ArrayList<>();
        collectErrorNames(first, names);

        assertThat(names).contains("io.athenaworkflow.athena.errors.ServiceUnavailableException",
                "io.athenaworkflow.athena.errors.ServiceThrottledException", "Sandbox.Timedout", "Runtime.ExitError");
        // The EventBridge Cleanup recognises the same errors in an ended execution's history.
        assertThat(names).containsExactlyInAnyOrderElementsOf(LostStartRecovery.UNANSWERED_START_ERRORS);
        assertThat(first.get("Next").asText()).isEqualTo("Cleanup");
        assertThat(first.at("/Assign/query").isNull()).as("Cleanup sees no handle").isTrue();
        assertThat(asl.at("/States/Cleanup/Arguments/Payload/start").asText())
                .contains("$states.context.Execution.Input", "$states.context.Execution.Id");
    }

    @Test
    void definitionSubstitutions_whenComparedWithAsl_coverEveryPlaceholderWithAFunctionAlias() {
        Set<String> placeholders = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{(\\w+)}").matcher(asl.toString());
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        Map<?, ?> substitutions = (Map<?, ?>) PolicyContractTest.dig(ProjectFiles.template(), "Resources",
                "AthenaQueryStateMachine", "Properties", "DefinitionSubstitutions");

        assertThat(new TreeSet<>(substitutions.keySet().stream().map(String::valueOf).toList())).isEqualTo(placeholders);
        substitutions.forEach((key, value) -> assertThat(value).as("%s points at a function alias", key)
                .isEqualTo(Map.of("Ref", String.valueOf(key).replace("FunctionArn", "Function") + ".Alias")));
    }

    @Test
    void templateHandlers_whenLoadedFromFunctionsJar_areStreamHandlersWithNoArgConstructors() throws Exception {
        Map<?, ?> resources = (Map<?, ?>) ProjectFiles.template().get("Resources");
        int functions = 0;
        for (Object resource : resources.values()) {
            Map<?, ?> map = (Map<?, ?>) resource;
            if (!"AWS::Serverless::Function".equals(map.get("Type"))) {
                continue;
            }
            functions++;
            String handler = String.valueOf(((Map<?, ?>) map.get("Properties")).get("Handler"));
            assertThat(handler).endsWith("::handleRequest");
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertThat(RequestStreamHandler.class).isAssignableFrom(type);
            assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).isTrue();
        }
        assertThat(functions).isEqualTo(4);
    }

    @Test
    void globals_whenInspected_useJava25Arm64SnapStartOnPublishedVersionsAndAnAlias() {
        Map<?, ?> function = (Map<?, ?>) PolicyContractTest.dig(ProjectFiles.template(), "Globals", "Function");

        assertThat(function.get("Runtime")).isEqualTo("java25");
        assertThat(function.get("Architectures")).isEqualTo(List.of("arm64"));
        assertThat(function.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        assertThat(function.get("AutoPublishAlias")).isEqualTo("live");
        assertThat(function.get("CodeUri")).isEqualTo("functions/");
    }

    private static void collectErrorNames(JsonNode node, List<String> names) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("ErrorEquals")) {
                    e.getValue().forEach(n -> names.add(n.asText()));
                } else {
                    collectErrorNames(e.getValue(), names);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectErrorNames(n, names));
        }
    }
}
