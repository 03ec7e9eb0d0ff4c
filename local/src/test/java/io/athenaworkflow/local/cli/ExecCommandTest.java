package io.athenaworkflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecCommandTest {

    @TempDir
    Path dir;

    private String file(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void exec_whenPassStateTransformsTheInput_printsSucceededWithTheOutputAndExitsZero() {
        String definition = file("pass.asl.json", """
                {"StartAt": "Shape", "States": {"Shape": {"Type": "Pass",
                  "Parameters": {"greeting.$": "States.Format('Hello, {}!', $.name)", "price": 2.50, "big": 12345678901234567890},
                  "End": true}}}""");

        Cli.Result result = Cli.run("exec", "--definition", definition, "--input", "{\"name\": \"Ada\"}");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo(
                "{\"status\":\"SUCCEEDED\",\"output\":{\"greeting\":\"Hello, Ada!\",\"price\":2.5,"
                        + "\"big\":12345678901234567890},\"error\":null,"
                        + "\"cause\":null}\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void exec_whenInputComesFromAFile_readsIt() {
        String definition = file("echo.json", "{\"StartAt\": \"E\", \"States\": {\"E\": {\"Type\": \"Pass\", \"End\": true}}}");
        String input = file("input.json", "[1, 2, 3]");

        Cli.Result result = Cli.run("exec", "--definition", definition, "--input", "@" + input);

        assertThat(result.out()).isEqualTo("{\"status\":\"SUCCEEDED\",\"output\":[1,2,3],\"error\":null,\"cause\":null}\n");
    }

    @Test
    void exec_whenChoiceRoutesByValue_followsTheMatchingBranch() {
        String definition = file("choice.json", """
                {"QueryLanguage": "JSONata", "StartAt": "Route", "States": {
                  "Route": {"Type": "Choice", "Choices": [
                     {"Condition": "{% $states.input.n > 10 %}", "Next": "Big"}], "Default": "Small"},
                  "Big": {"Type": "Pass", "Output": "big", "End": true},
                  "Small": {"Type": "Pass", "Output": "small", "End": true}}}""");

        assertThat(Cli.run("exec", "--definition", definition, "--input", "{\"n\": 11}").out())
                .isEqualTo("{\"status\":\"SUCCEEDED\",\"output\":\"big\",\"error\":null,\"cause\":null}\n");
        assertThat(Cli.run("exec", "--definition", definition, "--input", "{\"n\": 3}").out())
                .isEqualTo("{\"status\":\"SUCCEEDED\",\"output\":\"small\",\"error\":null,\"cause\":null}\n");
    }

    @Test
    void exec_whenWaitingAnHourOnTheVirtualClock_endsAtOnceAndTheHistoryShowsTheHour() {
        String definition = file("wait.json", """
                {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 3600, "End": true}}}""");

        Cli.Result result = Cli.run("exec", "--definition", definition, "--input", "{\"k\": true}", "--history");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode report = Json.parse(result.out());
        assertThat(report.get("output").toString()).isEqualTo("{\"k\":true}");
        List<String> types = new ArrayList<>();
        report.get("history").forEach(event -> types.add(event.get("type").asText()));
        assertThat(types).containsExactly("ExecutionStarted", "WaitStateEntered", "WaitStateExited",
                "ExecutionSucceeded");
        BigDecimal entered = report.at("/history/1/timestamp").decimalValue();
        BigDecimal exited = report.at("/history/2/timestamp").decimalValue();
        assertThat(exited.subtract(entered)).isEqualByComparingTo("3600");
    }

    @Test
    void exec_whenHistoryRequested_printsEventsInGetExecutionHistoryShape() {
        String definition = file("pass.json", """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"x": 1}, "End": true}}}""");

        Cli.Result result = Cli.run("exec", "--definition", definition, "--history", "--name", "run-1");

        JsonNode history = Json.parse(result.out()).get("history");
        assertThat(history).hasSize(4);
        JsonNode started = history.get(0);
        assertThat(started.get("timestamp").isNumber()).isTrue();
        assertThat(started.get("type").asText()).isEqualTo("ExecutionStarted");
        assertThat(started.get("id").asLong()).isEqualTo(1);
        assertThat(started.get("previousEventId").asLong()).isZero();
        assertThat(started.at("/executionStartedEventDetails/input").asText()).isEqualTo("{}");
        assertThat(started.at("/executionStartedEventDetails/roleArn").asText()).isEqualTo(ExecCommand.ROLE_ARN);
        assertThat(history.get(1).at("/stateEnteredEventDetails/name").asText()).isEqualTo("P");
        assertThat(history.get(2).get("type").asText()).isEqualTo("PassStateExited");
        assertThat(history.get(2).at("/stateExitedEventDetails/output").asText()).isEqualTo("{\"x\":1}");
        assertThat(history.get(3).get("type").asText()).isEqualTo("ExecutionSucceeded");
        assertThat(history.get(3).at("/executionSucceededEventDetails/output").asText()).isEqualTo("{\"x\":1}");
    }

    @Test
    void exec_whenFailStateIsReached_printsFailedWithErrorAndCauseAndExitsOne() {
        String definition = file("fail.json", """
                {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Custom.Broken",
                  "Cause": "it broke"}}}""");

        Cli.Result result = Cli.run("exec", "--definition", definition);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEqualTo(
                "{\"status\":\"FAILED\",\"output\":null,\"error\":\"Custom.Broken\",\"cause\":\"it broke\"}\n");
    }

    @Test
    void exec_whenMapRunsAnIteratorOverItems_collectsEachResultInOrder() {
        String definition = file("map.json", """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Double", "States": {
                    "Double": {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($.n, $.n)"}, "End": true}}},
                  "End": true}}}""");

        Cli.Result result = Cli.run("exec", "--definition", definition, "--input",
                "{\"items\": [{\"n\": 1}, {\"n\": 2}, {\"n\": 3}]}");

        assertThat(result.out()).isEqualTo(
                "{\"status\":\"SUCCEEDED\",\"output\":[{\"v\":2},{\"v\":4},{\"v\":6}],\"error\":null,\"cause\":null}\n");
    }

    @Test
    void exec_whenATaskNeedsAService_failsWithStatesRuntimeNamingTheResource() {
        String definition = file("task.json", """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
                  "Caught": {"Type": "Pass", "End": true}}}""");

        Cli.Result result = Cli.run("exec", "--definition", definition);

        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode report = Json.parse(result.out());
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("error").asText()).isEqualTo("States.Runtime");
        assertThat(report.get("cause").asText()).contains("'Call'",
                "arn:aws:lambda:us-east-1:123456789012:function:f", "athena-local exec");
    }

    @Test
    void exec_whenDefinitionIsNotJson_printsInvalidDefinitionAndExitsTwo() {
        String definition = file("broken.json", "{\"StartAt\": \"A\", ");

        Cli.Result result = Cli.run("exec", "--definition", definition, "--history");

        assertThat(result.exitCode()).isEqualTo(2);
        JsonNode report = Json.parse(result.out());
        assertThat(report.get("status").asText()).isEqualTo("INVALID_DEFINITION");
        assertThat(report.get("output").isNull()).isTrue();
        assertThat(report.get("error").asText()).isEqualTo("InvalidDefinition");
        assertThat(report.get("cause").asText()).startsWith("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION");
        assertThat(report.get("history")).isEmpty();
    }

    @Test
    void exec_whenTransitionTargetIsMissing_printsStepFunctionsProblemAndExitsTwo() {
        String definition = file("dangling.json", """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}""");

        Cli.Result result = Cli.run("exec", "--definition", definition);

        assertThat(result.exitCode()).isEqualTo(2);
        JsonNode report = Json.parse(result.out());
        assertThat(report.get("status").asText()).isEqualTo("INVALID_DEFINITION");
        assertThat(report.get("cause").asText()).startsWith("Invalid State Machine Definition: '")
                .contains("MISSING_TRANSITION_TARGET").contains("/States/A/Next");
        assertThat(report.has("history")).isFalse();
    }

    @Test
    void exec_whenInputIsNotJson_printsInvalidInputAndExitsTwo() {
        String definition = file("ok.json", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}");

        Cli.Result result = Cli.run("exec", "--definition", definition, "--input", "{not json");

        assertThat(result.exitCode()).isEqualTo(2);
        JsonNode report = Json.parse(result.out());
        assertThat(report.get("status").asText()).isEqualTo("INVALID_INPUT");
        assertThat(report.get("error").asText()).isEqualTo("InvalidExecutionInput");
        assertThat(report.get("cause").asText()).startsWith("Invalid State Machine Execution Input: '");
    }

    @Test
    void exec_whenExecutionNameIsInvalid_printsInvalidInputWithStepFunctionsErrorAndExitsTwo() {
        String definition = file("ok.json", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}");

        Cli.Result result = Cli.run("exec", "--definition", definition, "--name", "has space");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEqualTo("{\"status\":\"INVALID_INPUT\",\"output\":null,\"error\":\"InvalidName\","
                + "\"cause\":\"Invalid Name: 'has space'\"}\n");
    }

    @Test
    void exec_whenRealClockIsAsked_reallyWaits() {
        String definition = file("short-wait.json", """
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": true}}}""");
        long before = System.nanoTime();

        Cli.Result result = Cli.run("exec", "--definition", definition, "--real-clock");

        // A lower bound only: the virtual clock would have ended the Wait at once.
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(result.out()).isEqualTo("{\"status\":\"SUCCEEDED\",\"output\":{},\"error\":null,\"cause\":null}\n");
    }

    @Test
    void exec_whenDefinitionFileIsMissing_isAUsageErrorNamingTheFile() {
        Cli.Result result = Cli.run("exec", "--definition", dir.resolve("nope.json").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("Cannot read the file of --definition: " + dir.resolve("nope.json")
                + " (no such file)");
    }

    @Test
    void exec_whenDefinitionOptionIsMissing_isAUsageError() {
        Cli.Result result = Cli.run("exec");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--definition=FILE'");
    }

    @Test
    void machineName_whenFileNameHasDotsAndSpaces_keepsAValidStem() {
        assertThat(ExecCommand.machineName(Path.of("/x/my flow.asl.json"))).isEqualTo("my-flow");
        assertThat(ExecCommand.machineName(Path.of(".json"))).isEqualTo("exec");
    }
}
