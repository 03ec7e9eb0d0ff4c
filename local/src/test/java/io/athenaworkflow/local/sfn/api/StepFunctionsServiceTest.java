package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.events.AwsEvents;
import io.athenaworkflow.local.events.EventEnvelope;
import io.athenaworkflow.local.events.ExecutionStatusChange;
import io.athenaworkflow.local.clock.VirtualClock;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionListener;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus;
import io.athenaworkflow.local.sfn.tasks.LocalTaskInvoker;
import io.athenaworkflow.local.sfn.tasks.TaskServices;
import io.athenaworkflow.local.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-process API (what the CLI's run/demo use) and the execution listeners, without HTTP. */
class StepFunctionsServiceTest {

    private final VirtualClock clock = VirtualClock.startingAt(Instant.parse("2025-06-01T00:00:00Z"));
    private final StepFunctionsService sfn = StepFunctionsService.create(StepFunctionsConfig.defaults()
            .withRegion("eu-west-1").withAccountId("123456789012"), clock,
            LocalTaskInvoker.create(TaskServices.none()));

    @AfterEach
    void close() {
        sfn.close();
    }

    @Test
    void startExecution_whenAwaited_returnsTheResultAndUsesTheConfiguredRegionAndAccount() {
        StateMachineRecord machine = sfn.createStateMachine(StateMachineSpec.of("calc", StepFunctionsApiTest.JSONATA,
                SfnFixture.ROLE));

        Execution execution = sfn.startExecution(machine.arn(), "first", "{\"n\": 2}");
        ExecutionResult result = sfn.awaitExecution(execution.context().executionArn());

        assertThat(machine.arn()).isEqualTo("arn:aws:states:eu-west-1:123456789012:stateMachine:calc");
        assertThat(execution.context().executionArn())
                .isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:calc:first");
        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo("{\"size\":\"small\"}");
        assertThat(result.stopDate()).isEqualTo(Instant.parse("2025-06-01T01:00:00Z"));
        assertThat(sfn.listExecutions(machine.arn(), ExecutionStatus.SUCCEEDED)).containsExactly(execution);
        assertThat(sfn.executionHistory(execution.context().executionArn())).hasSize(10);
    }

    @Test
    void programmaticApi_whenMisused_throwsTypedExceptionsWithAwsErrorCodes() {
        String missing = "arn:aws:states:eu-west-1:123456789012:stateMachine:none";

        assertThatThrownBy(() -> sfn.startExecution(missing, null, null))
                .isInstanceOfSatisfying(StateMachineDoesNotExistException.class, e -> assertThat(e.errorType())
                        .isEqualTo("StateMachineDoesNotExist"));
        assertThatThrownBy(() -> sfn.awaitExecution(missing.replace("stateMachine", "execution") + ":x"))
                .isInstanceOfSatisfying(ExecutionDoesNotExistException.class, e -> assertThat(e.errorType())
                        .isEqualTo("ExecutionDoesNotExist"));
        assertThatThrownBy(() -> sfn.createStateMachine(StateMachineSpec.of("x", "{}", SfnFixture.ROLE)))
                .isInstanceOfSatisfying(InvalidDefinitionApiException.class, e -> assertThat(e.errorType())
                        .isEqualTo("InvalidDefinition"));
        assertThatThrownBy(() -> sfn.createStateMachine(new StateMachineSpec("logged", StepFunctionsApiTest.FAILING,
                SfnFixture.ROLE, StateMachineType.STANDARD, new LoggingConfiguration("ALL", true, List.of()), false,
                java.util.Map.of())))
                .isInstanceOfSatisfying(InvalidLoggingConfigurationException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Invalid Logging Configuration: Must specify exactly one Log Destination."));
    }

    @Test
    void addListener_whenExecutionRuns_seesEveryEventAndTheStatusChangesForEventBridge() throws Exception {
        StateMachineRecord machine = sfn.createStateMachine(StateMachineSpec.of("watched",
                StepFunctionsApiTest.FAILING, SfnFixture.ROLE));
        List<ExecutionStatusChange> changes = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        StepFunctionsService.Subscription subscription = sfn.addListener(new ExecutionListener() {
            @Override
            public void onStatusChange(Execution execution, ExecutionStatus status) {
                changes.add(ExecutionStatusChangeEvent.of(execution, status));
            }

            @Override
            public void onEvent(Execution execution, HistoryEvent event) {
                events.add(event.type());
            }
        });

        Execution execution = sfn.startExecution(machine.arn(), "watched-run", "{\"k\": 1}");
        SfnFixture.await(execution);
        subscription.close();
        SfnFixture.await(sfn.startExecution(machine.arn(), "unwatched", null));

        assertThat(events).containsExactlyElementsOf(execution.history().stream().map(HistoryEvent::type).toList());
        assertThat(changes).hasSize(2);
        ExecutionStatusChange running = changes.get(0);
        ExecutionStatusChange failed = changes.get(1);
        assertThat(running).isEqualTo(new ExecutionStatusChange(execution.context().executionArn(), machine.arn(),
                "watched-run", ExecutionStatusChange.Status.RUNNING, Instant.parse("2025-06-01T00:00:00Z"), null,
                "{\"k\": 1}", null, null, null, 0));
        assertThat(failed.status()).isEqualTo(ExecutionStatusChange.Status.FAILED);
        assertThat(failed.stopDate()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(failed.error()).isEqualTo("Custom.Error");
        assertThat(failed.cause()).isEqualTo("went wrong");
        assertThat(failed.output()).isNull();
        JsonNode event = AwsEvents.executionStatusChange(new EventEnvelope("eu-west-1", "123456789012",
                failed.stopDate()), failed);
        assertThat(event.get("detail-type").asText()).isEqualTo("Step Functions Execution Status Change");
        assertThat(event.at("/detail/status").asText()).isEqualTo("FAILED");
        assertThat(event.at("/detail/executionArn").asText()).isEqualTo(execution.context().executionArn());
    }

    @Test
    void close_whenExecutionsRunning_abortsThem() {
        StateMachineRecord machine = sfn.createStateMachine(StateMachineSpec.of("waiting", """
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "Next": "W"}}}""",
                SfnFixture.ROLE));
        Execution execution = sfn.startExecution(machine.arn(), null, null);

        sfn.close();

        assertThat(execution.await(Duration.ofSeconds(30))).hasValueSatisfying(result ->
                assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED));
    }
}
