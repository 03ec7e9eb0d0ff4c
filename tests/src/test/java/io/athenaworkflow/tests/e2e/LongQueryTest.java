package io.athenaworkflow.tests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.clock.VirtualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries that take longer than the workflow lets them: every Athena query here runs at least 10 virtual minutes.
 * A timeout stops and cleans the query; an execution stopped from outside is cleaned up by the ABORTED rule.
 */
class LongQueryTest {

    private static final Duration QUERY_DURATION = Duration.ofMinutes(10);
    private static LocalWorkflow workflow;

    @BeforeAll
    static void start() {
        workflow = new LocalWorkflow(aws -> aws.withClock(VirtualClock.startingAt(Instant.parse("2026-01-05T09:00:00Z")))
                .withMinimumQueryDuration(QUERY_DURATION));
    }

    @AfterAll
    static void stop() {
        workflow.close();
    }

    @Test
    void queryLongerThanTimeout_whenPolled_isStoppedCleanedAndFailsWithTimeoutError() {
        DescribeExecutionResponse execution = workflow.run(
                "{\"sql\": \"SELECT 1 AS one\", \"timeoutSeconds\": 60, \"cleanup\": \"ALWAYS\"}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("io.athenaworkflow.athena.errors.QueryTimeoutException");
        assertThat(execution.cause()).contains("past its timeoutSeconds of 60");
        JsonNode cleanup = ScenariosTestSupport.cleanupReport(workflow, execution.executionArn());
        assertThat(cleanup.get("stateBefore").asText()).isEqualTo("RUNNING");
        assertThat(cleanup.get("stopped").asBoolean()).isTrue();
        String id = cleanup.get("queryExecutionId").asText();
        assertThat(athenaState(id)).isEqualTo("CANCELLED");
        assertThat(workflow.keys(LocalWorkflow.RESULTS_BUCKET, LocalWorkflow.RESULTS_PREFIX + id)).isEmpty();
        // The wait grows with the query's age: a minute of polling takes far fewer than 60 checks.
        assertThat(checks(execution.executionArn())).isBetween(5L, 20L);
    }

    @Test
    void querySlowerThanPolling_whenItEnds_isDetectedSoonAfter() {
        DescribeExecutionResponse execution = workflow.run("{\"sql\": \"SELECT 2 AS two\"}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Duration total = Duration.between(execution.startDate(), execution.stopDate());
        // Detected within a tenth of the query's duration plus a second of its real end.
        assertThat(total).isBetween(QUERY_DURATION, QUERY_DURATION.plus(QUERY_DURATION.dividedBy(10)).plusSeconds(1));
        assertThat(checks(execution.executionArn())).isLessThan(QUERY_DURATION.toSeconds() / 3);
    }

    @Test
    void stopExecution_whenQueryRuns_abortedRuleStopsTheQueryAndLeavesNothingBehind() throws Exception {
        RuntimeClock clock = workflow.clock();
        String executionArn;
        String queryId;
        // Hold the virtual clock so the execution sits in its first wait while the test stops it.
        try (RuntimeClock.Activity held = clock.begin()) {
            executionArn = workflow.sfn.startExecution(b -> b.stateMachineArn(workflow.runtime.stateMachineArn())
                    .name("stopped-mid-query").input("{\"sql\": \"SELECT 3 AS three\", \"cleanup\": \"ALWAYS\"}"))
                    .executionArn();
            queryId = awaitQueryStarted(executionArn);
            assertThat(athenaState(queryId)).isEqualTo("RUNNING");
            workflow.sfn.stopExecution(b -> b.executionArn(executionArn).error("Operator.Stop").cause("not needed"));
        }
        assertThat(workflow.runtime.events().awaitQuiet(Duration.ofSeconds(30))).isTrue();

        assertThat(workflow.sfn.describeExecution(b -> b.executionArn(executionArn)).status())
                .isEqualTo(ExecutionStatus.ABORTED);
        assertThat(workflow.runtime.events().failedDeliveries()).isEmpty();
        assertThat(athenaState(queryId)).isEqualTo("CANCELLED");
        assertThat(workflow.keys(LocalWorkflow.RESULTS_BUCKET, LocalWorkflow.RESULTS_PREFIX + queryId)).isEmpty();
    }

    private static String awaitQueryStarted(String executionArn) throws InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            for (HistoryEvent event : history(executionArn)) {
                if (event.stateExitedEventDetails() != null && event.stateExitedEventDetails().name().equals("StartQuery")) {
                    return LocalWorkflow.json(event.stateExitedEventDetails().output()).get("queryExecutionId").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("StartQuery did not finish in " + executionArn);
    }

    private static long checks(String executionArn) {
        return history(executionArn).stream().filter(e -> e.stateEnteredEventDetails() != null
                && e.stateEnteredEventDetails().name().equals("CheckStatus")).count();
    }

    private static List<HistoryEvent> history(String executionArn) {
        return workflow.sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn)).events().stream().toList();
    }

    private static String athenaState(String queryId) {
        return workflow.runtime.aws().athena().handle("GetQueryExecution",
                LocalWorkflow.JSON.createObjectNode().put("QueryExecutionId", queryId))
                .at("/QueryExecution/Status/State").asText();
    }
}
