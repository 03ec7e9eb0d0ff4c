package io.athenaworkflow.athena.cleanup;

import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.errors.ServiceThrottledException;
import io.athenaworkflow.athena.errors.AthenaWorkflowException;
import io.athenaworkflow.testing.FakeStepFunctions;
import io.athenaworkflow.testing.FakeStepFunctions.History;
import io.athenaworkflow.testing.TestJson;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionHistoryLookupTest {

    private static final String EXECUTION = "arn:aws:states:eu-west-1:111122223333:execution:athena-query:run-1";
    private static final QueryHandle HANDLE = new QueryHandle("a7e0a001-1111-4222-8333-000000000001", "primary",
            new S3Location("results-bucket", "athena-workflow/"), Instant.parse("2024-05-01T10:00:00.250Z"), 900, 100,
            CleanupMode.ON_SUCCESS, "111122223333");
    private static final String CHECK_STATUS_OUTPUT = "{\"state\":\"RUNNING\",\"stateChangeReason\":null,\"elapsedSeconds\":3,"
            + "\"waitSeconds\":1,\"statistics\":{\"dataScannedBytes\":0}}";

    private final FakeStepFunctions sfn = new FakeStepFunctions();
    private final ExecutionHistoryLookup lookup = new ExecutionHistoryLookup(sfn, TestJson.MAPPER);

    private static String handleJson(QueryHandle handle) {
        return handle.toJson().toString();
    }

    @Test
    void queryOf_whenStartQueryRanAsLambdaInvoke_findsTheHandleInThePayload() {
        sfn.history(EXECUTION, new History()
                .executionStarted("{\"sql\":\"SELECT 1\"}")
                .stateEntered("StartQuery", "{}")
                .lambdaInvokeSucceeded(handleJson(HANDLE))
                .stateEntered("CheckStatus", "{}")
                .lambdaInvokeSucceeded(CHECK_STATUS_OUTPUT)
                .event(HistoryEventType.EXECUTION_ABORTED));

        assertThat(lookup.queryOf(EXECUTION)).contains(HANDLE);
    }

    @Test
    void queryOf_whenStartQueryRanAsADirectLambdaTask_findsTheHandleInTheOutput() {
        sfn.history(EXECUTION, new History()
                .executionStarted("{}")
                .lambdaFunctionSucceeded(handleJson(HANDLE))
                .lambdaFunctionSucceeded(CHECK_STATUS_OUTPUT)
                .event(HistoryEventType.EXECUTION_TIMED_OUT));

        assertThat(lookup.queryOf(EXECUTION)).contains(HANDLE);
    }

    @Test
    void queryOf_whenHistorySpansSeveralPages_findsTheHandleAndAsksForExecutionData() {
        History history = new History().executionStarted("{}");
        for (int i = 0; i < 10; i++) {
            history.stateEntered("Wait" + i, "{}");
        }
        history.lambdaInvokeSucceeded(handleJson(HANDLE));
        for (int i = 0; i < 10; i++) {
            history.lambdaInvokeSucceeded(CHECK_STATUS_OUTPUT);
        }
        sfn.history(EXECUTION, history).pageSize(3);

        assertThat(lookup.queryOf(EXECUTION)).contains(HANDLE);
        assertThat(sfn.requests()).hasSize((history.size() + 2) / 3)
                .allSatisfy(request -> {
                    assertThat(request.executionArn()).isEqualTo(EXECUTION);
                    assertThat(request.includeExecutionData()).isTrue();
                });
    }

    @Test
    void queryOf_whenSeveralHandlesAppear_returnsTheLast() {
        QueryHandle later = new QueryHandle("c9a2c003-1111-4222-8333-000000000003", "primary", null,
                Instant.parse("2024-05-01T11:00:00Z"), 60, 5, CleanupMode.ALWAYS, null);
        sfn.history(EXECUTION, new History()
                .lambdaInvokeSucceeded(handleJson(HANDLE))
                .lambdaInvokeSucceeded(handleJson(later))
                .lambdaInvokeSucceeded(CHECK_STATUS_OUTPUT))
                .pageSize(1);

        assertThat(lookup.queryOf(EXECUTION)).contains(later);
    }

    @Test
    void queryOf_whenNoStepReturnedAHandle_isEmpty() {
        sfn.history(EXECUTION, new History()
                .executionStarted("{\"sql\":\"\"}")
                .stateEntered("StartQuery", "{}")
                .taskFailed("io.athenaworkflow.athena.errors.InvalidInputException", "{\"errorMessage\":\"Field 'sql' is empty\"}")
                .event(HistoryEventType.EXECUTION_FAILED));

        assertThat(lookup.queryOf(EXECUTION)).isEmpty();
    }

    @Test
    void queryOf_whenOutputsOnlyLookLikeHandles_ignoresThem() {
        sfn.history(EXECUTION, new History()
                .taskSucceeded("not json at all")
                .taskSucceeded("")
                .taskSucceeded("[1,2,3]")
                .lambdaInvokeSucceeded("\"a string payload\"")
                .lambdaInvokeSucceeded("{\"queryExecutionId\":\"q\",\"startedAt\":\"2024-05-01T10:00:00Z\"}")
                .lambdaInvokeSucceeded("{\"queryExecutionId\":\"q\",\"startedAt\":\"not a time\",\"cleanup\":\"NEVER\"}")
                .lambdaFunctionSucceeded("{\"Payload\":null}")
                .lambdaInvokeSucceeded(CHECK_STATUS_OUTPUT));

        assertThat(lookup.queryOf(EXECUTION)).isEmpty();
    }

    @Test
    void queryOf_whenHistoryIsEmpty_isEmpty() {
        sfn.history(EXECUTION, new History());

        assertThat(lookup.queryOf(EXECUTION)).isEmpty();
    }

    @Test
    void queryOf_whenExecutionDoesNotExist_throwsANamedError() {
        assertThatThrownBy(() -> lookup.queryOf(EXECUTION + "-missing"))
                .isInstanceOf(AthenaWorkflowException.class)
                .hasMessageContaining("GetExecutionHistory " + EXECUTION + "-missing")
                .hasMessageContaining("ExecutionDoesNotExist");
    }

    @Test
    void queryOf_whenStepFunctionsThrottles_throwsThrottled() {
        sfn.history(EXECUTION, new History().lambdaInvokeSucceeded(handleJson(HANDLE)))
                .failNext(FakeStepFunctions.error(400, "ThrottlingException", "Rate exceeded"));

        assertThatThrownBy(() -> lookup.queryOf(EXECUTION)).isInstanceOf(ServiceThrottledException.class);
    }

    // ----- a StartQuery that may have started a query without learning its id -----

    private static final String INPUT = "{\"sql\":\"SELECT 1\",\"cleanup\":\"ALWAYS\"}";
    private static final String ERRORS = "io.athenaworkflow.athena.errors.";

    @Test
    void unansweredStartInput_whenEveryStartQueryAttemptLostItsAnswer_returnsTheExecutionInput() {
        sfn.history(EXECUTION, new History()
                .executionStarted(INPUT)
                .stateEntered("StartQuery", "{}")
                .event(HistoryEventType.TASK_SCHEDULED)
                .taskFailed(ERRORS + "ServiceUnavailableException", "lost")
                .event(HistoryEventType.TASK_SCHEDULED)
                .taskFailed(ERRORS + "ServiceUnavailableException", "lost")
                .event(HistoryEventType.EXECUTION_FAILED));

        assertThat(lookup.unansweredStartInput(EXECUTION)).contains(TestJson.strict(INPUT));
    }

    @Test
    void unansweredStartInput_whenStoppedWhileAStartQueryAttemptWasUnderWay_returnsTheExecutionInput() {
        sfn.history(EXECUTION, new History()
                .executionStarted(INPUT)
                .stateEntered("StartQuery", "{}")
                .event(HistoryEventType.TASK_SCHEDULED)
                .event(HistoryEventType.TASK_STARTED)
                .event(HistoryEventType.EXECUTION_ABORTED));

        assertThat(lookup.unansweredStartInput(EXECUTION)).contains(TestJson.strict(INPUT));
    }

    @Test
    void unansweredStartInput_whenAnAnswerWasLostBeforeAnInputErrorEnded_stillReturnsTheInput() {
        sfn.history(EXECUTION, new History()
                .executionStarted(INPUT)
                .stateEntered("StartQuery", "{}")
                .event(HistoryEventType.TASK_SCHEDULED)
                .taskFailed("Runtime.ExitError", "crashed after calling Athena")
                .event(HistoryEventType.TASK_SCHEDULED)
                .taskFailed(ERRORS + "QueryRejectedException", "Idempotent parameters do not match")
                .event(HistoryEventType.EXECUTION_FAILED));

        assertThat(lookup.unansweredStartInput(EXECUTION)).isPresent();
    }

    @Test
    void unansweredStartInput_whenStartQueryFailedOnlyOnItsInput_isEmpty() {
        sfn.history(EXECUTION, new History()
                .executionStarted("{}")
                .stateEntered("StartQuery", "{}")
                .event(HistoryEventType.TASK_SCHEDULED)
                .taskFailed(ERRORS + "InvalidInputException", "Field 'sql' is required")
                .event(HistoryEventType.EXECUTION_FAILED));

        assertThat(lookup.unansweredStartInput(EXECUTION)).isEmpty();
    }

    @Test
    void unansweredStartInput_whenStartQueryAnswered_isEmpty() {
        sfn.history(EXECUTION, new History()
                .executionStarted(INPUT)
                .stateEntered("StartQuery", "{}")
                .lambdaInvokeSucceeded(handleJson(HANDLE))
                .stateEntered("CheckStatus", "{}")
                .event(HistoryEventType.TASK_SCHEDULED)
                .taskFailed(ERRORS + "ServiceUnavailableException", "GetQueryExecution failed")
                .event(HistoryEventType.EXECUTION_ABORTED));

        assertThat(lookup.unansweredStartInput(EXECUTION)).isEmpty();
    }

    @Test
    void unansweredStartInput_whenStoppedBeforeStartQuery_isEmpty() {
        sfn.history(EXECUTION, new History()
                .executionStarted(INPUT)
                .event(HistoryEventType.EXECUTION_ABORTED));

        assertThat(lookup.unansweredStartInput(EXECUTION)).isEmpty();
    }
}
