package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * A Distributed Map's child executions (their ARNs, histories and statuses, ListExecutions of a Map Run),
 * MaxConcurrency, stopping the parent, and UpdateMapRun, through the SDK v2 JSON API.
 */
class DistributedMapChildrenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** Children call "work": it waits for a permit, then fails for an item {"fail": true} and echoes any other. */
    private final Semaphore gate = new Semaphore(0);
    private final FakeLambda lambda = new FakeLambda().gated("work", gate, payload -> payload.contains("\"fail\":true")
            ? FakeLambda.failure("{\"errorType\": \"Item.Bad\", \"errorMessage\": \"bad item\"}")
            : FakeLambda.success(payload));
    private SfnFixture fx;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(lambda);
    }

    @AfterEach
    void stop() {
        gate.release(1000);
        fx.close();
    }

    /** A Distributed Map over {@code $.items} with {@code extra} fields, each child running {@code states}. */
    private static String map(String extra, String executionType, String states) {
        return """
                {"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "ItemsPath": "$.items", %s
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "%s"},
                    %s}, "End": true}}}""".formatted(extra, executionType, states);
    }

    private static final String ECHO = """
            "StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}""";
    private static final String WORK = """
            "StartAt": "Work", "States": {"Work": {"Type": "Task",
              "Resource": "arn:aws:lambda:us-east-1:000000000000:function:work", "End": true}}""";
    private static final String WAIT = """
            "StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 10, "End": true}}""";

    private String mapRunArn(String executionArn) {
        return Await.until(() -> fx.client.listMapRuns(b -> b.executionArn(executionArn)).mapRuns(),
                runs -> !runs.isEmpty(), "the Map Run of " + executionArn).get(0).mapRunArn();
    }

    private List<ExecutionListItem> children(String mapRunArn) {
        return fx.client.listExecutions(b -> b.mapRunArn(mapRunArn)).executions();
    }

    @Test
    void startExecution_whenDistributedMap_runsEachItemAsAStandardChildExecutionWithItsOwnHistory()
            throws Exception {
        DescribeExecutionResponse parent = fx.runViaApi("orders", map("\"Label\": \"fan\",", "STANDARD", ECHO),
                "{\"items\": [{\"n\": 1}, {\"n\": 2}, {\"n\": 3}]}");

        assertThat(JSON.readTree(parent.output())).isEqualTo(JSON.readTree("[{\"n\": 1}, {\"n\": 2}, {\"n\": 3}]"));
        String mapRun = mapRunArn(parent.executionArn());
        List<ExecutionListItem> children = children(mapRun);
        assertThat(children).hasSize(3).allSatisfy(child -> {
            assertThat(child.executionArn()).matches("arn:aws:states:us-east-1:\\d{12}:execution:orders/fan:" + UUID)
                    .endsWith(":" + child.name());
            assertThat(child.stateMachineArn()).matches("arn:aws:states:us-east-1:\\d{12}:stateMachine:orders/fan");
            assertThat(child.mapRunArn()).isEqualTo(mapRun);
            assertThat(child.itemCount()).isEqualTo(1);
            assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        });
        // Newest first, like every ListExecutions: the first item's child is the last one listed.
        DescribeExecutionResponse first = fx.client.describeExecution(b -> b.executionArn(children.get(2)
                .executionArn()));
        assertThat(first.mapRunArn()).isEqualTo(mapRun);
        assertThat(JSON.readTree(first.input())).isEqualTo(JSON.readTree("{\"n\": 1}"));
        assertThat(JSON.readTree(first.output())).isEqualTo(JSON.readTree("{\"n\": 1}"));
        assertThat(fx.history(first.executionArn())).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
                HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(fx.history(parent.executionArn())).extracting(HistoryEvent::type)
                .doesNotContain(HistoryEventType.MAP_ITERATION_STARTED, HistoryEventType.PASS_STATE_ENTERED)
                .containsSubsequence(HistoryEventType.MAP_STATE_STARTED, HistoryEventType.MAP_RUN_STARTED,
                        HistoryEventType.MAP_RUN_SUCCEEDED, HistoryEventType.MAP_STATE_SUCCEEDED);
        DescribeMapRunResponse run = fx.client.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(run.executionCounts().succeeded()).isEqualTo(3);
        assertThat(run.executionCounts().total()).isEqualTo(3);
    }

    @Test
    void startExecution_whenAChildFails_recordsItsErrorInItsOwnExecutionAndCountsIt() {
        gate.release(2);

        DescribeExecutionResponse parent = fx.runViaApi("failing", map("\"ToleratedFailureCount\": 1,", "STANDARD",
                WORK), "{\"items\": [{\"fail\": true}, {\"fail\": false}]}");

        assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        String mapRun = mapRunArn(parent.executionArn());
        List<ExecutionListItem> failed = fx.client.listExecutions(b -> b.mapRunArn(mapRun)
                .statusFilter(ExecutionStatus.FAILED)).executions();
        assertThat(failed).hasSize(1);
        DescribeExecutionResponse child = fx.client.describeExecution(b -> b.executionArn(failed.get(0)
                .executionArn()));
        assertThat(child.error()).isEqualTo("Item.Bad");
        assertThat(child.cause()).contains("bad item");
        assertThat(fx.history(child.executionArn())).extracting(HistoryEvent::type)
                .contains(HistoryEventType.LAMBDA_FUNCTION_FAILED).last()
                .isEqualTo(HistoryEventType.EXECUTION_FAILED);
        assertThat(fx.client.describeMapRun(b -> b.mapRunArn(mapRun)).executionCounts().failed()).isEqualTo(1);
    }

    @Test
    void startExecution_whenItemBatcher_givesEachChildOneBatchAndListsItsItemCount() throws Exception {
        DescribeExecutionResponse parent = fx.runViaApi("batches", map("\"ItemBatcher\": {\"MaxItemsPerBatch\": 2},",
                "STANDARD", ECHO), "{\"items\": [1, 2, 3]}");

        List<ExecutionListItem> children = children(mapRunArn(parent.executionArn()));
        assertThat(children).extracting(ExecutionListItem::itemCount).containsExactly(1, 2);
        DescribeExecutionResponse firstBatch = fx.client.describeExecution(b -> b.executionArn(children.get(1)
                .executionArn()));
        assertThat(JSON.readTree(firstBatch.input())).isEqualTo(JSON.readTree("{\"Items\": [1, 2]}"));
    }

    @Test
    void startExecution_whenDistributedMapsAreNested_givesTheInnerChildrenTheirOwnMapRunAndArns() throws Exception {
        String inner = """
                "StartAt": "Inner", "States": {"Inner": {"Type": "Map", "Label": "in",
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    %s}, "End": true}}""".formatted(ECHO);

        DescribeExecutionResponse parent = fx.runViaApi("nested", map("\"Label\": \"out\",", "STANDARD", inner),
                "{\"items\": [[1, 2], [3]]}");

        assertThat(JSON.readTree(parent.output())).isEqualTo(JSON.readTree("[[1, 2], [3]]"));
        List<ExecutionListItem> outer = children(mapRunArn(parent.executionArn()));
        String firstOuter = outer.get(1).executionArn();
        String innerRun = mapRunArn(firstOuter);
        assertThat(innerRun).contains(":mapRun:nested/out/in:");
        List<ExecutionListItem> innerChildren = children(innerRun);
        assertThat(innerChildren).hasSize(2).allSatisfy(child -> assertThat(child.executionArn())
                .matches("arn:aws:states:us-east-1:\\d{12}:execution:nested/out/in:" + UUID));
        DescribeExecutionResponse innerChild = fx.client.describeExecution(b -> b.executionArn(innerChildren.get(1)
                .executionArn()));
        assertThat(innerChild.input()).isEqualTo("1");
        assertThat(innerChild.mapRunArn()).isEqualTo(innerRun);
    }

    @Test
    void listExecutions_whenMapRunIsExpressOrBothArnsGiven_refusesAsAwsDoes() throws Exception {
        DescribeExecutionResponse parent = fx.runViaApi("express", map("", "EXPRESS", ECHO),
                "{\"items\": [1, 2]}");

        assertThat(JSON.readTree(parent.output())).isEqualTo(JSON.readTree("[1, 2]"));
        String mapRun = mapRunArn(parent.executionArn());
        assertThatThrownBy(() -> children(mapRun)).isInstanceOf(StateMachineTypeNotSupportedException.class);
        assertThat(fx.client.describeMapRun(b -> b.mapRunArn(mapRun)).executionCounts().succeeded()).isEqualTo(2);
        assertThatThrownBy(() -> fx.client.listExecutions(b -> b.mapRunArn(mapRun)
                .stateMachineArn(parent.stateMachineArn()))).isInstanceOf(ValidationException.class);
    }

    @Test
    void startExecution_whenMaxConcurrencyTwo_startsAtMostTwoChildrenAtOnce() {
        DescribeExecutionResponse limited = fx.runViaApi("limited", map("\"MaxConcurrency\": 2,", "STANDARD", WAIT),
                "{\"items\": [1, 2, 3, 4]}");
        DescribeExecutionResponse unlimited = fx.runViaApi("unlimited", map("\"MaxConcurrency\": 0,", "STANDARD",
                WAIT), "{\"items\": [1, 2, 3, 4]}");

        Instant start = limited.startDate();
        assertThat(children(mapRunArn(limited.executionArn()))).extracting(ExecutionListItem::startDate)
                .containsExactly(start.plusSeconds(10), start.plusSeconds(10), start, start);
        assertThat(limited.stopDate()).isEqualTo(start.plusSeconds(20));
        assertThat(children(mapRunArn(unlimited.executionArn()))).extracting(ExecutionListItem::startDate)
                .containsOnly(unlimited.startDate());
        assertThat(Duration.between(unlimited.startDate(), unlimited.stopDate())).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void stopExecution_whenChildrenRun_abortsThemAndTheMapRun() {
        String parent = fx.startViaApi("stopped", map("", "STANDARD", WORK), "{\"items\": [1, 2]}");
        String mapRun = mapRunArn(parent);
        Await.until(() -> children(mapRun), list -> list.size() == 2 && lambda.calls().size() == 2,
                "both children to call the function");

        fx.client.stopExecution(b -> b.executionArn(parent));

        assertThat(fx.client.describeExecution(b -> b.executionArn(parent)).status())
                .isEqualTo(ExecutionStatus.ABORTED);
        assertThat(children(mapRun)).extracting(ExecutionListItem::status)
                .containsOnly(ExecutionStatus.ABORTED);
        assertThat(fx.history(children(mapRun).get(0).executionArn())).extracting(HistoryEvent::type).last()
                .isEqualTo(HistoryEventType.EXECUTION_ABORTED);
        DescribeMapRunResponse run = fx.client.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(run.status()).isEqualTo(MapRunStatus.ABORTED);
        assertThat(run.executionCounts().aborted()).isEqualTo(2);
        assertThat(fx.history(parent)).extracting(HistoryEvent::type).contains(HistoryEventType.MAP_RUN_ABORTED);
    }

    @Test
    void stopExecution_whenAChildIsStopped_countsItAbortedAndAgainstTheTolerance() {
        String parent = fx.startViaApi("child-stopped", map("", "STANDARD", WORK), "{\"items\": [1, 2]}");
        String mapRun = mapRunArn(parent);
        Await.until(() -> children(mapRun), list -> list.size() == 2 && lambda.calls().size() == 2,
                "both children to call the function");
        String stopped = children(mapRun).get(0).executionArn();

        fx.client.stopExecution(b -> b.executionArn(stopped).error("Operator.Stop"));

        Await.until(() -> fx.client.describeExecution(b -> b.executionArn(parent)).status(),
                status -> status != ExecutionStatus.RUNNING, "the parent to end");
        assertThat(fx.client.describeExecution(b -> b.executionArn(stopped)).error()).isEqualTo("Operator.Stop");
        DescribeExecutionResponse failed = fx.client.describeExecution(b -> b.executionArn(parent));
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        DescribeMapRunResponse run = fx.client.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(run.status()).isEqualTo(MapRunStatus.FAILED);
        assertThat(run.executionCounts().aborted()).isEqualTo(2);
        assertThat(run.executionCounts().failed()).isZero();
    }

    @Test
    void updateMapRun_whenMaxConcurrencyRaised_startsTheWaitingChildren() {
        String parent = fx.startViaApi("raised", map("\"MaxConcurrency\": 1,", "STANDARD", WORK),
                "{\"items\": [1, 2, 3]}");
        String mapRun = mapRunArn(parent);
        Await.until(lambda::calls, calls -> calls.size() == 1, "the first child to call the function");
        assertThat(children(mapRun)).hasSize(1);

        fx.client.updateMapRun(b -> b.mapRunArn(mapRun).maxConcurrency(0));

        Await.until(lambda::calls, calls -> calls.size() == 3, "all three children to call the function");
        assertThat(fx.client.describeMapRun(b -> b.mapRunArn(mapRun)).maxConcurrency()).isZero();
        gate.release(3);
        assertThat(SfnFixture.await(fx.sfn.describeExecution(parent)).status())
                .isEqualTo(io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus.SUCCEEDED);
    }

    @Test
    void updateMapRun_whenToleranceRaisedWhileRunning_letsTheRunSucceedDespiteFailures() {
        String parent = fx.startViaApi("tolerant", map("\"MaxConcurrency\": 1,", "STANDARD", WORK),
                "{\"items\": [{\"fail\": true}, {\"fail\": true}, {\"fail\": false}]}");
        String mapRun = mapRunArn(parent);
        Await.until(lambda::calls, calls -> calls.size() == 1, "the first child to call the function");

        fx.client.updateMapRun(b -> b.mapRunArn(mapRun).toleratedFailureCount(2L)
                .toleratedFailurePercentage(70f));
        gate.release(3);

        assertThat(SfnFixture.await(fx.sfn.describeExecution(parent)).status())
                .isEqualTo(io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus.SUCCEEDED);
        DescribeMapRunResponse run = fx.client.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(run.toleratedFailureCount()).isEqualTo(2);
        assertThat(run.toleratedFailurePercentage()).isEqualTo(70f);
        assertThat(run.itemCounts().failed()).isEqualTo(2);
    }

    @Test
    void updateMapRun_whenValuesOutOfRangeUnknownArnOrRunEnded_throwsAwsErrors() {
        DescribeExecutionResponse ended = fx.runViaApi("ended", map("", "STANDARD", ECHO), "{\"items\": [1]}");
        String mapRun = mapRunArn(ended.executionArn());

        assertThatThrownBy(() -> fx.client.updateMapRun(b -> b.mapRunArn(mapRun).maxConcurrency(-1)
                .toleratedFailurePercentage(101f)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("2 validation errors detected")
                        .contains("Value '-1' at 'maxConcurrency' failed to satisfy constraint: Member must have"
                                + " value greater than or equal to 0")
                        .contains("at 'toleratedFailurePercentage' failed to satisfy constraint: Member must have"
                                + " value less than or equal to 100"));
        assertThatThrownBy(() -> fx.client.updateMapRun(b -> b.mapRunArn(mapRun).toleratedFailureCount(-5L)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> fx.client.updateMapRun(b -> b.mapRunArn(mapRun.substring(0,
                mapRun.lastIndexOf(':') + 1) + "7b0c5f5e-0000-4000-8000-000000000000").maxConcurrency(1)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> fx.client.updateMapRun(b -> b.mapRunArn(mapRun).maxConcurrency(5)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("is SUCCEEDED: only a RUNNING Map Run can be updated"));
    }
}
