package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.events.ExecutionStatusChange;
import io.athenaworkflow.local.lambda.InvocationResult;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionListener;
import io.athenaworkflow.local.sfn.asl.interpreter.Interpreter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.RedriveExecutionResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * RedriveExecution through the Step Functions JSON API with the AWS SDK v2: a redrive resumes at the unsuccessful
 * state with the input it had (Parallel branches and inline Map iterations that succeeded are not run again), appends
 * ExecutionRedriven to the same history, and shows in DescribeExecution, ListExecutions and the context object; every
 * refusal AWS documents is answered with its error.
 */
class RedriveApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:";

    /** Calls per function and payload: a "flaky" function fails the first time it sees a payload. */
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final FakeLambda lambda = new FakeLambda()
            .on("flaky", failingFirst("flaky", 1, payload -> "{\"done\":" + payload + "}"))
            .on("flakyTwice", failingFirst("flakyTwice", 2, payload -> "{\"done\":true}"))
            .on("steady", payload -> FakeLambda.success("{\"steady\":" + payload + "}"))
            .on("slowFirst", payload -> {
                if (seen.computeIfAbsent("slowFirst", key -> new AtomicInteger()).incrementAndGet() == 1) {
                    return lambda().invoke("hang", payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                return FakeLambda.success("{\"late\":true}");
            })
            .blocking("hang");
    private SfnFixture fx;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(lambda);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private FakeLambda lambda() {
        return lambda;
    }

    private Function<String, InvocationResult> failingFirst(String name, int failures,
                                                            Function<String, String> result) {
        return payload -> seen.computeIfAbsent(name + payload, key -> new AtomicInteger()).incrementAndGet() <= failures
                ? FakeLambda.failure("{\"errorType\":\"Busy\",\"errorMessage\":\"try again later\"}")
                : FakeLambda.success(result.apply(payload));
    }

    private String machine(String definition) {
        return fx.client.createStateMachine(b -> b.name("sm-" + UUID.randomUUID()).definition(definition)
                .roleArn(SfnFixture.ROLE)).stateMachineArn();
    }

    private String runToEnd(String machineArn, String input) {
        String execution = fx.client.startExecution(b -> b.stateMachineArn(machineArn).input(input)).executionArn();
        SfnFixture.await(fx.sfn.describeExecution(execution));
        return execution;
    }

    private DescribeExecutionResponse redriveToEnd(String execution) {
        fx.client.redriveExecution(b -> b.executionArn(execution));
        SfnFixture.await(fx.sfn.describeExecution(execution));
        return fx.client.describeExecution(b -> b.executionArn(execution));
    }

    private List<HistoryEvent> history(String execution) {
        return fx.client.getExecutionHistory(b -> b.executionArn(execution).maxResults(1000)).events();
    }

    private static List<String> entered(List<HistoryEvent> events) {
        return events.stream().filter(e -> e.stateEnteredEventDetails() != null)
                .map(e -> e.stateEnteredEventDetails().name()).toList();
    }

    /** The events from the first ExecutionRedriven on. */
    private static List<HistoryEvent> afterRedrive(List<HistoryEvent> events) {
        HistoryEvent redriven = events.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_REDRIVEN)
                .findFirst().orElseThrow(() -> new AssertionError("no ExecutionRedriven in " + events));
        return events.subList(redriven.id().intValue() - 1, events.size());
    }

    private long calls(String function) {
        return lambda.calls().stream().filter(call -> call.function().endsWith(function)).count();
    }

    @Test
    void redriveExecution_whenTaskFailedOnce_resumesAtTheTaskWithItsInputAndSucceeds() throws Exception {
        String machine = machine("""
                {"StartAt": "Prepare", "States": {
                  "Prepare": {"Type": "Pass", "Result": 7, "ResultPath": "$.prepared", "Next": "Call"},
                  "Call": {"Type": "Task", "Resource": "%sflaky",
                           "Parameters": {"n.$": "$.prepared"},
                           "ResultSelector": {"done.$": "$.done", "redrives.$": "$$.Execution.RedriveCount",
                                              "redriveTime.$": "$$.Execution.RedriveTime"},
                           "End": true}}}""".formatted(FN));
        String execution = runToEnd(machine, "{\"order\":1}");
        DescribeExecutionResponse failed = fx.client.describeExecution(b -> b.executionArn(execution));
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);
        assertThat(failed.redriveStatusReason()).isNull();
        assertThat(failed.redriveCount()).isZero();
        assertThat(failed.redriveDate()).isNull();
        fx.clock.advance(Duration.ofMinutes(5));

        RedriveExecutionResponse redriven = fx.client.redriveExecution(b -> b.executionArn(execution));
        SfnFixture.await(fx.sfn.describeExecution(execution));

        DescribeExecutionResponse after = fx.client.describeExecution(b -> b.executionArn(execution));
        assertThat(redriven.redriveDate()).isEqualTo(SfnFixture.START.plus(Duration.ofMinutes(5)));
        assertThat(after.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(after.startDate()).isEqualTo(failed.startDate());
        assertThat(after.redriveCount()).isEqualTo(1);
        assertThat(after.redriveDate()).isEqualTo(redriven.redriveDate());
        assertThat(after.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
        assertThat(after.redriveStatusReason()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
        assertThat(JSON.readTree(after.output())).isEqualTo(JSON.readTree("""
                {"done": {"n": 7}, "redrives": 1, "redriveTime": "2025-03-01T09:05:00.000Z"}"""));
        List<HistoryEvent> events = history(execution);
        assertThat(entered(events)).containsExactly("Prepare", "Call", "Call");
        List<HistoryEvent> callEntries = events.stream().filter(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED)
                .toList();
        assertThat(callEntries.get(1).stateEnteredEventDetails().input())
                .isEqualTo(callEntries.get(0).stateEnteredEventDetails().input());
        HistoryEvent redrivenEvent = events.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_REDRIVEN)
                .findFirst().orElseThrow();
        assertThat(redrivenEvent.executionRedrivenEventDetails().redriveCount()).isEqualTo(1);
        HistoryEvent failedEvent = events.get(redrivenEvent.previousEventId().intValue() - 1);
        assertThat(failedEvent.type()).isEqualTo(HistoryEventType.EXECUTION_FAILED);
        assertThat(callEntries.get(1).previousEventId()).isEqualTo(redrivenEvent.id());
        assertThat(events.getLast().type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(lambda.calls()).extracting(FakeLambda.Call::payload).containsExactly("{\"n\":7}", "{\"n\":7}");
    }

    @Test
    void redriveExecution_whenJsonata_keepsTheVariablesAssignedBeforeTheFailure() throws Exception {
        String machine = machine("""
                {"QueryLanguage": "JSONata", "StartAt": "Prepare", "States": {
                  "Prepare": {"Type": "Pass", "Assign": {"order": "{% $states.input.order %}"}, "Next": "Call"},
                  "Call": {"Type": "Task", "Resource": "FN:flaky", "Arguments": {"order": "{% $order %}"},
                           "Output": {"done": "{% $states.result.done %}",
                                      "redrives": "{% $states.context.Execution.RedriveCount %}"},
                           "End": true}}}""".replace("FN:", FN));
        String execution = runToEnd(machine, "{\"order\":42}");

        DescribeExecutionResponse after = redriveToEnd(execution);

        assertThat(after.status()).as("cause %s", after.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(after.output())).isEqualTo(JSON.readTree("""
                {"done": {"order": 42}, "redrives": 1}"""));
        assertThat(entered(history(execution))).containsExactly("Prepare", "Call", "Call");
    }

    @Test
    void redriveExecution_whenParallelBranchFailed_rerunsOnlyThatBranch() throws Exception {
        String machine = machine("""
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "%1$ssteady", "End": true}}},
                  {"StartAt": "B1", "States": {
                    "B1": {"Type": "Task", "Resource": "%1$ssteady", "ResultPath": "$.first", "Next": "Pause"},
                    "Pause": {"Type": "Wait", "Seconds": 1, "Next": "B2"},
                    "B2": {"Type": "Task", "Resource": "%1$sflaky", "InputPath": "$.first", "End": true}}}]}}}"""
                .formatted(FN));
        String execution = runToEnd(machine, "{\"x\":1}");
        assertThat(fx.client.describeExecution(b -> b.executionArn(execution)).status())
                .isEqualTo(ExecutionStatus.FAILED);
        assertThat(calls("steady")).isEqualTo(2);

        DescribeExecutionResponse after = redriveToEnd(execution);

        assertThat(after.status()).as("cause %s", after.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(after.output())).isEqualTo(JSON.readTree("""
                [{"steady": {"x": 1}}, {"done": {"steady": {"x": 1}}}]"""));
        // Neither branch A nor B1 ran again: only B2 was redriven.
        assertThat(calls("steady")).isEqualTo(2);
        assertThat(calls("flaky")).isEqualTo(2);
        assertThat(entered(afterRedrive(history(execution)))).containsExactly("Both", "B2");
    }

    @Test
    void redriveExecution_whenInlineMapIterationFailed_rerunsItAndTheUnstartedOnesOnly() throws Exception {
        String machine = machine("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
                  "ItemProcessor": {"StartAt": "Pick", "States": {"Pick": {"Type": "Choice",
                      "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Flaky"}], "Default": "Steady"},
                    "Flaky": {"Type": "Task", "Resource": "%1$sflaky", "End": true},
                    "Steady": {"Type": "Task", "Resource": "%1$ssteady", "End": true}}}}}}""".formatted(FN));
        String execution = runToEnd(machine, "[1, 2, 3]");
        assertThat(calls("steady")).isEqualTo(1);

        DescribeExecutionResponse after = redriveToEnd(execution);

        assertThat(after.status()).as("cause %s", after.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(after.output())).isEqualTo(JSON.readTree("""
                [{"steady": 1}, {"done": 2}, {"steady": 3}]"""));
        assertThat(lambda.calls()).extracting(FakeLambda.Call::payload).containsExactly("1", "2", "2", "3");
        List<HistoryEvent> afterRedrive = afterRedrive(history(execution));
        assertThat(afterRedrive).filteredOn(e -> e.type() == HistoryEventType.MAP_ITERATION_STARTED)
                .extracting(e -> e.mapIterationStartedEventDetails().index()).containsExactly(1, 2);
        // The redriven iteration resumes at its failed state: its Choice does not run again.
        assertThat(entered(afterRedrive)).containsExactly("Each", "Flaky", "Pick", "Steady");
    }

    @Test
    void redriveExecution_whenTimedOut_restartsTheTimeoutFromTheRedrive() {
        String machine = machine("""
                {"TimeoutSeconds": 30, "StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "%sflakyTwice", "End": true,
                  "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 20, "MaxAttempts": 5,
                             "BackoffRate": 1}]}}}""".formatted(FN));
        String execution = runToEnd(machine, "{}");
        DescribeExecutionResponse timedOut = fx.client.describeExecution(b -> b.executionArn(execution));
        assertThat(timedOut.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(timedOut.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);

        DescribeExecutionResponse after = redriveToEnd(execution);

        // The redrive starts 30 s after the execution did, past the original deadline: it still runs.
        assertThat(after.status()).as("cause %s", after.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(calls("flakyTwice")).isEqualTo(3);
    }

    @Test
    void redriveExecution_whenAborted_reentersTheStateThatWasRunning() {
        String machine = machine("""
                {"StartAt": "Hold", "States": {
                  "Hold": {"Type": "Task", "Resource": "%sslowFirst", "Next": "Done"},
                  "Done": {"Type": "Pass", "End": true}}}""".formatted(FN));
        String execution = fx.client.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        fx.client.stopExecution(b -> b.executionArn(execution).error("Manual").cause("stopped by a test"));
        assertThat(fx.client.describeExecution(b -> b.executionArn(execution)).redriveStatus())
                .isEqualTo(ExecutionRedriveStatus.REDRIVABLE);

        DescribeExecutionResponse after = redriveToEnd(execution);

        assertThat(after.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(after.output()).isEqualTo("{\"late\":true}");
        assertThat(after.error()).isNull();
        assertThat(entered(history(execution))).containsExactly("Hold", "Hold", "Done");
    }

    @Test
    void redriveExecution_whenRedriven_statusChangeEventsCarryRedriveCountAndDate() {
        List<ExecutionStatusChange> changes = new CopyOnWriteArrayList<>();
        fx.sfn.addListener(new ExecutionListener() {
            @Override
            public void onStatusChange(Execution execution, io.athenaworkflow.local.sfn.asl.interpreter
                    .ExecutionStatus status) {
                changes.add(ExecutionStatusChangeEvent.of(execution, status));
            }
        });
        String machine = machine("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%sflaky", "End": true}}}"""
                .formatted(FN));
        String execution = runToEnd(machine, "{}");
        fx.clock.advance(Duration.ofMinutes(2));

        Instant redriveDate = fx.client.redriveExecution(b -> b.executionArn(execution)).redriveDate();
        SfnFixture.await(fx.sfn.describeExecution(execution));

        assertThat(changes).extracting(ExecutionStatusChange::status, ExecutionStatusChange::redriveCount,
                ExecutionStatusChange::redriveDate).containsExactly(
                tuple(ExecutionStatusChange.Status.RUNNING, 0, null),
                tuple(ExecutionStatusChange.Status.FAILED, 0, null),
                tuple(ExecutionStatusChange.Status.RUNNING, 1, redriveDate),
                tuple(ExecutionStatusChange.Status.SUCCEEDED, 1, redriveDate));
    }

    @Test
    void redriveExecution_whenSameClientTokenAgain_answersTheSameRedriveWithoutAnother() {
        String machine = machine("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Always"}}}""");
        String execution = runToEnd(machine, "{}");

        Instant first = fx.client.redriveExecution(b -> b.executionArn(execution).clientToken("token-1"))
                .redriveDate();
        SfnFixture.await(fx.sfn.describeExecution(execution));
        fx.clock.advance(Duration.ofMinutes(1));
        Instant repeated = fx.client.redriveExecution(b -> b.executionArn(execution).clientToken("token-1"))
                .redriveDate();

        assertThat(repeated).isEqualTo(first);
        DescribeExecutionResponse described = fx.client.describeExecution(b -> b.executionArn(execution));
        assertThat(described.redriveCount()).isEqualTo(1);
        assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
        Instant other = fx.client.redriveExecution(b -> b.executionArn(execution).clientToken("token-2"))
                .redriveDate();
        assertThat(other).isAfter(first);
        SfnFixture.await(fx.sfn.describeExecution(execution));
        assertThat(fx.client.describeExecution(b -> b.executionArn(execution)).redriveCount()).isEqualTo(2);
        assertThat(history(execution)).filteredOn(e -> e.type() == HistoryEventType.EXECUTION_REDRIVEN)
                .extracting(e -> e.executionRedrivenEventDetails().redriveCount()).containsExactly(1, 2);
    }

    @Test
    void listExecutions_whenRedriveFilter_listsOnlyRedrivenOrNotRedriven() {
        String machine = machine("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Always"}}}""");
        String redriven = runToEnd(machine, "{}");
        String notRedriven = runToEnd(machine, "{}");
        fx.client.redriveExecution(b -> b.executionArn(redriven));
        SfnFixture.await(fx.sfn.describeExecution(redriven));

        List<ExecutionListItem> onlyRedriven = fx.client.listExecutions(b -> b.stateMachineArn(machine)
                .redriveFilter(ExecutionRedriveFilter.REDRIVEN)).executions();
        List<ExecutionListItem> onlyNot = fx.client.listExecutions(b -> b.stateMachineArn(machine)
                .redriveFilter(ExecutionRedriveFilter.NOT_REDRIVEN)).executions();

        assertThat(onlyRedriven).singleElement().satisfies(item -> {
            assertThat(item.executionArn()).isEqualTo(redriven);
            assertThat(item.redriveCount()).isEqualTo(1);
            assertThat(item.redriveDate()).isNotNull();
        });
        assertThat(onlyNot).singleElement().satisfies(item -> {
            assertThat(item.executionArn()).isEqualTo(notRedriven);
            assertThat(item.redriveCount()).isZero();
            assertThat(item.redriveDate()).isNull();
        });
        assertThat(fx.client.listExecutions(b -> b.stateMachineArn(machine)).executions()).hasSize(2);
        assertThatThrownBy(() -> fx.client.listExecutions(b -> b.stateMachineArn(machine).redriveFilter("SOME")))
                .isInstanceOf(SfnException.class).hasMessageContaining("redriveFilter")
                .satisfies(e -> assertThat(((SfnException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }

    @Test
    void redriveExecution_whenSucceeded_isNotRedrivable() {
        String machine = machine("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""");
        String execution = runToEnd(machine, "{}");

        assertThatThrownBy(() -> fx.client.redriveExecution(b -> b.executionArn(execution)))
                .isInstanceOf(ExecutionNotRedrivableException.class)
                .hasMessageContaining("Execution is SUCCEEDED and cannot be redriven");
        DescribeExecutionResponse described = fx.client.describeExecution(b -> b.executionArn(execution));
        assertThat(described.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
        assertThat(described.redriveCount()).isZero();
    }

    @Test
    void redriveExecution_whenRunning_isNotRedrivable() {
        String machine = machine("""
                {"StartAt": "Hold", "States": {"Hold": {"Type": "Task", "Resource": "%shang", "End": true}}}"""
                .formatted(FN));
        String execution = fx.client.startExecution(b -> b.stateMachineArn(machine)).executionArn();

        assertThatThrownBy(() -> fx.client.redriveExecution(b -> b.executionArn(execution)))
                .isInstanceOf(ExecutionNotRedrivableException.class)
                .hasMessageContaining("Execution is RUNNING and cannot be redriven");
        DescribeExecutionResponse described = fx.client.describeExecution(b -> b.executionArn(execution));
        assertThat(described.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
        assertThat(described.redriveStatusReason()).isEqualTo("Execution is RUNNING and cannot be redriven");
    }

    @Test
    void redriveExecution_whenRedrivablePeriodOver_isNotRedrivable() {
        String machine = machine("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Always"}}}""");
        String execution = runToEnd(machine, "{}");
        fx.clock.advance(Duration.ofDays(14));

        assertThatThrownBy(() -> fx.client.redriveExecution(b -> b.executionArn(execution)))
                .isInstanceOf(ExecutionNotRedrivableException.class)
                .hasMessageContaining("Execution redrivable period exceeded");
        assertThat(fx.client.describeExecution(b -> b.executionArn(execution)).redriveStatusReason())
                .isEqualTo("Execution redrivable period exceeded");
    }

    @Test
    void redriveExecution_whenHistoryQuotaReached_isNotRedrivable() {
        try (SfnFixture small = SfnFixture.start(lambda, StepFunctionsConfig.defaults()
                .withInterpreterOptions(Interpreter.Options.defaults().withHistoryLimit(20)))) {
            String machine = small.client.createStateMachine(b -> b.name("loop").roleArn(SfnFixture.ROLE)
                    .definition("""
                            {"StartAt": "Spin", "States": {
                              "Spin": {"Type": "Pass", "Next": "Again"},
                              "Again": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true,
                                        "Next": "Spin"}], "Default": "Spin"}}}"""))
                    .stateMachineArn();
            String execution = small.client.startExecution(b -> b.stateMachineArn(machine)).executionArn();
            SfnFixture.await(small.sfn.describeExecution(execution));

            DescribeExecutionResponse failed = small.client.describeExecution(b -> b.executionArn(execution));
            assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(failed.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
            assertThat(failed.redriveStatusReason()).isEqualTo("Execution history event limit exceeded");
            assertThatThrownBy(() -> small.client.redriveExecution(b -> b.executionArn(execution)))
                    .isInstanceOf(ExecutionNotRedrivableException.class)
                    .hasMessageContaining("Execution history event limit exceeded");
        }
    }

    @Test
    void redriveExecution_whenExpressExecution_isNotRedrivable() {
        String express = fx.client.createStateMachine(b -> b.name("express-" + UUID.randomUUID())
                .definition("""
                        {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Always"}}}""")
                .roleArn(SfnFixture.ROLE).type(StateMachineType.EXPRESS)).stateMachineArn();
        String execution = fx.client.startSyncExecution(b -> b.stateMachineArn(express)).executionArn();

        assertThatThrownBy(() -> fx.client.redriveExecution(b -> b.executionArn(execution)))
                .isInstanceOf(ExecutionNotRedrivableException.class)
                .hasMessageContaining("EXPRESS");
    }

    @Test
    void redriveExecution_whenUnknownOrMalformedArnOrBadToken_answersAwsErrors() {
        String machine = machine("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Always"}}}""");
        String execution = runToEnd(machine, "{}");

        assertThatThrownBy(() -> fx.client.redriveExecution(b -> b.executionArn(execution + "-gone")))
                .isInstanceOf(ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> fx.client.redriveExecution(b -> b.executionArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> fx.client.redriveExecution(b -> b.executionArn(execution)
                .clientToken("x".repeat(65))))
                .isInstanceOf(SfnException.class).hasMessageContaining("clientToken")
                .satisfies(e -> assertThat(((SfnException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
        assertThat(fx.client.describeExecution(b -> b.executionArn(execution)).redriveCount()).isZero();
    }
}
