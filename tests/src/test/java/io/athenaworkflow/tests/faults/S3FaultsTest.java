package io.athenaworkflow.tests.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.faults.Calls;
import io.athenaworkflow.local.faults.FaultPlan;
import io.athenaworkflow.local.s3.S3Error;
import io.athenaworkflow.local.faults.S3Fault;
import io.athenaworkflow.tests.e2e.LocalWorkflow;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 failing the result's GET (FetchResults) or its PUT (Athena writing the result) under the real workflow.
 */
class S3FaultsTest {

    /** The query results the workflow writes and reads: {@code <prefix><query id>.csv}. */
    private static final String RESULT_CSV = LocalWorkflow.RESULTS_PREFIX + "*.csv";

    @Test
    void resultGet_whenSlowedDownForAWhile_isRetriedBySdkAndStateMachineAndSucceeds() {
        S3Fault slowDown = S3Fault.onGet(RESULT_CSV, Calls.first(6), S3Error.SLOW_DOWN).inBucket(LocalWorkflow.RESULTS_BUCKET);
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(slowDown))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            // The SDK counts SlowDown as throttling: ServiceThrottledException, its message naming S3.
            AthenaFaultsTest.assertRetriedThenOk(w.outcomes(execution.executionArn(), "FetchResults"),
                    "ServiceThrottledException");
            assertThat(w.attempts(execution.executionArn(), "FetchResults").getFirst().cause())
                    .contains("GetObject").contains("SlowDown").contains("throttled by S3");
            assertThat(LocalOutput.rows(execution)).isEqualTo(3);
            assertThat(w.faults().injected(slowDown)).isEqualTo(6);
            w.assertCleanEnd(execution, 1);
        }
    }

    @Test
    void resultPut_whenS3Fails_failsTheQueryAndTheWorkflowWithQueryFailedAfterCleanup() {
        S3Fault putFails = S3Fault.onPut(RESULT_CSV, Calls.all(), S3Error.INTERNAL_ERROR);
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(putFails))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo(FaultWorkflow.ERRORS + "QueryFailedException");
            assertThat(execution.cause()).contains("Error writing query results to s3://" + LocalWorkflow.RESULTS_BUCKET)
                    .contains("InternalError");
            List<String> checks = w.outcomes(execution.executionArn(), "CheckStatus");
            assertThat(checks.getLast()).isEqualTo("QueryFailedException");
            assertThat(w.outcomes(execution.executionArn(), "Cleanup")).containsExactly("ok");
            assertThat(w.queries()).singleElement()
                    .satisfies(q -> assertThat(q.status().stateAsString()).isEqualTo("FAILED"));
            assertThat(w.faults().injected(putFails)).isEqualTo(1);
            w.assertCleanEnd(execution, 1);
        }
    }

    @Test
    void resultGet_whenFailingLongerThanTheRetries_endsInServiceUnavailableAfterCleanupDeletedOnlyItsObjects() {
        S3Fault down = S3Fault.onGet(RESULT_CSV, Calls.all(), S3Error.INTERNAL_ERROR);
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(down))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo(FaultWorkflow.ERRORS + "ServiceUnavailableException");
            assertThat(execution.cause()).contains("GetObject").contains("InternalError").contains("on S3's side");
            assertThat(w.outcomes(execution.executionArn(), "FetchResults"))
                    .hasSize(9).containsOnly("ServiceUnavailableException");
            assertThat(w.outcomes(execution.executionArn(), "Cleanup")).containsExactly("ok");
            String id = w.queries().getFirst().queryExecutionId();
            JsonNode report = w.cleanupReport(execution.executionArn());
            List<String> deleted = new ArrayList<>();
            report.get("deleted").forEach(key -> deleted.add(key.asText()));
            assertThat(deleted).allSatisfy(key -> assertThat(key).contains(id))
                    .anySatisfy(key -> assertThat(key).endsWith(id + ".csv"));
            w.assertCleanEnd(execution, 1);
        }
    }
}
