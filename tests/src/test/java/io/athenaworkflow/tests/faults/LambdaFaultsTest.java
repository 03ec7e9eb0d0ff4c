package io.athenaworkflow.tests.faults;

import io.athenaworkflow.local.faults.Calls;
import io.athenaworkflow.local.faults.FaultPlan;
import io.athenaworkflow.local.faults.LambdaFault;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lambda service failing invocations, and function processes dying, under the real workflow. */
class LambdaFaultsTest {

    @Test
    void invoke_whenLambdaAnswersServiceErrorsAndThrottles_isRetriedAndTheExecutionSucceeds() {
        LambdaFault serviceErrors = LambdaFault.serviceException(FaultWorkflow.CHECK_STATUS, Calls.first(2));
        LambdaFault throttles = LambdaFault.tooManyRequests(FaultWorkflow.FETCH_RESULTS, Calls.first(2));
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(serviceErrors).with(throttles))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            List<String> checks = w.outcomes(execution.executionArn(), "CheckStatus");
            assertThat(checks.subList(0, 3)).containsExactly("Lambda.ServiceException", "Lambda.ServiceException", "ok");
            assertThat(w.outcomes(execution.executionArn(), "FetchResults"))
                    .containsExactly("Lambda.TooManyRequestsException", "Lambda.TooManyRequestsException", "ok");
            assertThat(w.attempts(execution.executionArn(), "FetchResults").getFirst().cause())
                    .contains("Rate Exceeded.").contains("Status Code: 429");
            assertThat(w.faults().injected()).isEqualTo(4);
            assertThat(LocalOutput.rows(execution)).isEqualTo(3);
            w.assertCleanEnd(execution, 1);
        }
    }

    @Test
    void handler_whenItsProcessDiesOnce_isRetriedAndTheExecutionSucceeds() {
        LambdaFault crash = LambdaFault.crash(FaultWorkflow.CHECK_STATUS, Calls.only(1));
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(crash))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).as(execution.error() + ": " + execution.cause())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            List<String> checks = w.outcomes(execution.executionArn(), "CheckStatus");
            assertThat(checks.subList(0, 2)).containsExactly("Runtime.ExitError", "ok");
            assertThat(w.attempts(execution.executionArn(), "CheckStatus").getFirst().cause())
                    .contains("Runtime exited with error: exit status 1");
            assertThat(w.faults().injected(crash)).isEqualTo(1);
            w.assertCleanEnd(execution, 1);
        }
    }

    @Test
    void startQuery_whenItsProcessDiesAfterStartingTheQuery_retriesIntoTheSameQuery() {
        // The handler started the query, then died before answering: the retry comes with the same
        // ClientRequestToken and must find that query rather than start a second one.
        LambdaFault crash = LambdaFault.crash(FaultWorkflow.START_QUERY, Calls.only(1));
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(crash))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).as(execution.error() + ": " + execution.cause())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(w.outcomes(execution.executionArn(), "StartQuery")).containsExactly("Runtime.ExitError", "ok");
            w.assertCleanEnd(execution, 1);
            assertThat(w.queries().getFirst().queryExecutionId())
                    .isEqualTo(LocalOutput.json(execution).get("queryExecutionId").asText());
        }
    }

    @Test
    void handler_whenItsProcessAlwaysDies_failsWithRuntimeExitErrorAfterTheRetriesAndCleansUp() {
        LambdaFault crash = LambdaFault.crash(FaultWorkflow.CHECK_STATUS, Calls.all());
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(crash))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo("Runtime.ExitError");
            assertThat(execution.cause()).contains("Runtime exited with error: exit status 1");
            // The first attempt and the 2 retries of the ASL's Sandbox.Timedout/Lambda.Unknown retrier.
            assertThat(w.outcomes(execution.executionArn(), "CheckStatus"))
                    .containsExactly("Runtime.ExitError", "Runtime.ExitError", "Runtime.ExitError");
            assertThat(w.outcomes(execution.executionArn(), "Cleanup")).containsExactly("ok");
            assertThat(w.faults().injected(crash)).isEqualTo(3);
            w.assertCleanEnd(execution, 1);
        }
    }

    @Test
    void fetchResults_whenLambdaFailsLongerThanTheRetries_endsInLambdaServiceExceptionAfterCleanup() {
        LambdaFault down = LambdaFault.serviceException(FaultWorkflow.FETCH_RESULTS, Calls.all());
        try (FaultWorkflow w = new FaultWorkflow(FaultPlan.none().with(down))) {
            DescribeExecutionResponse execution = w.run();

            assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo("Lambda.ServiceException");
            // The first attempt and the 6 retries of the ASL's Lambda service-error retrier.
            assertThat(w.outcomes(execution.executionArn(), "FetchResults"))
                    .hasSize(7).containsOnly("Lambda.ServiceException");
            assertThat(w.outcomes(execution.executionArn(), "Cleanup")).containsExactly("ok");
            assertThat(w.faults().injected(down)).isEqualTo(7);
            w.assertCleanEnd(execution, 1);
        }
    }
}
