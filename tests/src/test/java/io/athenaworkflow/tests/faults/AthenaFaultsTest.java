package io.athenaworkflow.tests.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.faults.AthenaFault;
import io.athenaworkflow.local.faults.Calls;
import io.athenaworkflow.local.faults.FaultPlan;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Athena answering throttling and 5xx errors, or losing a response, under the real workflow: the SDK's own retries
 * and the state machine's Retry overcome short outages; long ones end in the named error.
 */
class AthenaFaultsTest {

    @Test
    void startQueryExecution_whenThrottledForAWhile_isRetriedAndTheExecutionSucceeds() {
        AthenaFault throttling = AthenaFault.throttling("StartQueryExecution", Calls.first(6));
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(throttling))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertRetriedThenOk(w.outcomes(execution.executionArn(), "StartQuery"), "ServiceThrottledException");
            assertThat(w.faults().injected(throttling)).isEqualTo(6);
            assertThat(LocalOutput.rows(execution)).isEqualTo(3);
            w.assertCleanEnd(execution, 1);
        }
    }

    @Test
    void getQueryExecution_whenThrottledForAWhile_isRetriedAndTheExecutionSucceeds() {
        AthenaFault throttling = AthenaFault.throttling("GetQueryExecution", Calls.first(6));
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(throttling))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            List<String> checks = w.outcomes(execution.executionArn(), "CheckStatus");
            assertThat(checks.getFirst()).isEqualTo("ServiceThrottledException");
            assertThat(checks.getLast()).isEqualTo("ok");
            assertThat(w.faults().injected(throttling)).isEqualTo(6);
            w.assertCleanEnd(execution, 1);
        }
    }

    @Test
    void athena_whenAnsweringInternalServerErrors_isRetriedAndTheExecutionSucceeds() {
        AthenaFault startFails = AthenaFault.internalError("StartQueryExecution", Calls.first(5));
        AthenaFault statusFails = AthenaFault.internalError("GetQueryExecution", Calls.range(2, 7));
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(startFails).with(statusFails))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertRetriedThenOk(w.outcomes(execution.executionArn(), "StartQuery"), "ServiceUnavailableException");
            assertThat(w.outcomes(execution.executionArn(), "CheckStatus")).contains("ServiceUnavailableException");
            assertThat(w.faults().injected(startFails)).isEqualTo(5);
            assertThat(w.faults().injected(statusFails)).isEqualTo(6);
            w.assertCleanEnd(execution, 1);
        }
    }

    @Test
    void startQueryExecution_whenTheResponseOfAStartedQueryIsLost_startsExactlyOneQuery() {
        // Athena starts the query every time; the handler never hears of it and retries with the same
        // ClientRequestToken, first through the SDK, then through the state machine's Retry.
        AthenaFault lost = AthenaFault.responseLost("StartQueryExecution", Calls.first(6));
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(lost))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertRetriedThenOk(w.outcomes(execution.executionArn(), "StartQuery"), "ServiceUnavailableException");
            assertThat(w.faults().injected(lost)).isEqualTo(6);
            w.assertCleanEnd(execution, 1);
            assertThat(w.queries().getFirst().queryExecutionId())
                    .isEqualTo(LocalOutput.json(execution).get("queryExecutionId").asText());
        }
    }

    @Test
    void startQueryExecution_whenFailingLongerThanTheRetries_endsInServiceUnavailableWithoutAQuery() {
        AthenaFault down = AthenaFault.internalError("StartQueryExecution", Calls.all());
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(down))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo(FaultWorkflow.ERRORS + "ServiceUnavailableException");
            assertThat(execution.cause()).contains("StartQueryExecution failed on Athena's side",
                    "InternalServerException");
            // The first attempt and the 8 retries of the ASL's retrier, each after the SDK's own retries.
            assertThat(w.outcomes(execution.executionArn(), "StartQuery"))
                    .hasSize(9).containsOnly("ServiceUnavailableException");
            // Cleanup repeats the start to find a query that may have started; Athena is still down, so it fails
            // the same way, and the execution keeps StartQuery's error.
            assertThat(w.outcomes(execution.executionArn(), "Cleanup"))
                    .hasSize(9).containsOnly("ServiceUnavailableException");
            assertThat(w.faults().injected(down)).isGreaterThanOrEqualTo(18);
            w.assertCleanEnd(execution, 0);
        }
    }

    @Test
    void startQueryExecution_whenTheResponseIsLostOnEveryStartQueryAttempt_cleanupFindsTheFinishedQueryAndDeletesItsObjects() {
        // Every call StartQuery makes (9 attempts x the SDK's 4) is carried out and its answer lost; the calls after
        // that (Cleanup's repeat of the start) are answered.
        AthenaFault lost = AthenaFault.responseLost("StartQueryExecution", Calls.first(9 * 4));
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(lost))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo(FaultWorkflow.ERRORS + "ServiceUnavailableException");
            assertThat(w.outcomes(execution.executionArn(), "StartQuery"))
                    .hasSize(9).containsOnly("ServiceUnavailableException");
            assertThat(w.outcomes(execution.executionArn(), "Cleanup").getLast()).isEqualTo("ok");
            assertThat(w.faults().injected(lost)).isEqualTo(9 * 4);
            // One query however often it was asked (same ClientRequestToken); it ran to its end during StartQuery's
            // retries, and Cleanup found it and deleted its objects (cleanup ALWAYS): nothing running, nothing left.
            w.assertCleanEnd(execution, 1);
            QueryExecution query = w.queries().getFirst();
            assertThat(query.status().stateAsString()).isEqualTo("SUCCEEDED");
            JsonNode report = w.cleanupReport(execution.executionArn());
            assertThat(report.get("queryExecutionId").asText()).isEqualTo(query.queryExecutionId());
            assertThat(report.get("stopped").asBoolean()).isFalse();
            assertThat(report.get("deleted")).isNotEmpty();
            assertThat(report.get("note").asText()).contains("StartQueryExecution repeated with the execution's"
                    + " ClientRequestToken returned query " + query.queryExecutionId());
        }
    }

    @Test
    void startQueryExecution_whenTheResponseIsLostOnEveryStartQueryAttempt_cleanupFindsTheRunningQueryAndStopsIt() {
        AthenaFault lost = AthenaFault.responseLost("StartQueryExecution", Calls.first(9 * 4));
        // The query would run for hours: still RUNNING when Cleanup looks.
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(lost), Duration.ofHours(3))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo(FaultWorkflow.ERRORS + "ServiceUnavailableException");
            assertThat(w.outcomes(execution.executionArn(), "Cleanup").getLast()).isEqualTo("ok");
            w.assertCleanEnd(execution, 1);
            QueryExecution query = w.queries().getFirst();
            assertThat(query.status().stateAsString()).isEqualTo("CANCELLED");
            JsonNode report = w.cleanupReport(execution.executionArn());
            assertThat(report.get("queryExecutionId").asText()).isEqualTo(query.queryExecutionId());
            assertThat(report.get("stateBefore").asText()).isEqualTo("RUNNING");
            assertThat(report.get("stopped").asBoolean()).isTrue();
        }
    }

    @Test
    void stopExecution_whenStartQueryLostItsAnswer_theAbortedRulesCleanupFindsTheQueryAndStopsIt() throws Exception {
        // The first StartQuery attempt (the SDK's 4 calls) starts the query and loses every answer; the execution is
        // stopped during the retry wait. Later calls (the EventBridge Cleanup's repeat of the start) are answered.
        AthenaFault lost = AthenaFault.responseLost("StartQueryExecution", Calls.first(4));
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(lost), Duration.ofHours(3))) {
            String executionArn;
            // Hold the virtual clock so the execution sits in StartQuery's retry wait while the test stops it.
            try (RuntimeClock.Activity held = w.workflow.clock().begin()) {
                executionArn = w.workflow.sfn.startExecution(b -> b.stateMachineArn(w.workflow.runtime.stateMachineArn())
                        .name("stopped-while-starting").input(FaultWorkflow.input(FaultWorkflow.SQL))).executionArn();
                awaitFailedAttempt(w, executionArn, "StartQuery");
                w.workflow.sfn.stopExecution(b -> b.executionArn(executionArn).error("Operator.Stop").cause("not needed"));
            }
            assertThat(w.workflow.runtime.events().awaitQuiet(Duration.ofSeconds(60))).isTrue();

            assertThat(w.workflow.sfn.describeExecution(b -> b.executionArn(executionArn)).status())
                    .isEqualTo(ExecutionStatus.ABORTED);
            assertThat(w.outcomes(executionArn, "StartQuery")).containsExactly("ServiceUnavailableException");
            assertThat(w.faults().injected(lost)).isEqualTo(4);
            assertThat(w.workflow.runtime.events().failedDeliveries()).isEmpty();
            List<QueryExecution> queries = w.queries();
            assertThat(queries).as("one query, stopped by the ABORTED rule's Cleanup").singleElement()
                    .satisfies(q -> assertThat(q.status().stateAsString()).isEqualTo("CANCELLED"));
            assertThat(w.resultKeys()).containsExactly(FaultWorkflow.NEIGHBOUR);
        }
    }

    private static void awaitFailedAttempt(FaultWorkflow w, String executionArn, String state) throws InterruptedException {
        for (int poll = 0; poll < 600; poll++) {
            if (!w.attempts(executionArn, state).isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + state + " attempt ended in " + executionArn);
    }

    static void assertRetriedThenOk(List<String> outcomes, String error) {
        assertThat(outcomes).as("attempts").hasSizeGreaterThanOrEqualTo(2);
        assertThat(outcomes.getLast()).as("last attempt").isEqualTo("ok");
        assertThat(outcomes.subList(0, outcomes.size() - 1)).as("failed attempts").containsOnly(error);
    }
}
