package io.athenaworkflow.athena.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.errors.ServiceThrottledException;
import io.athenaworkflow.athena.errors.ServiceUnavailableException;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.athena.errors.QueryCancelledException;
import io.athenaworkflow.athena.errors.QueryFailedException;
import io.athenaworkflow.athena.errors.QueryTimeoutException;
import io.athenaworkflow.testing.FakeAthena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusCheckerTest {

    private static final Instant STARTED = Instant.parse("2024-05-01T10:00:00.500Z");

    private final FakeAthena athena = new FakeAthena();
    private final StatusChecker checker = new StatusChecker(athena);
    private final FakeAthena.Query query = athena.addQuery("q-1", "s3://results-bucket/athena-workflow/q-1.csv");
    private final QueryHandle handle = new QueryHandle("q-1", "primary", null, STARTED, 300, 100, CleanupMode.NEVER, null);

    @ParameterizedTest
    @EnumSource(value = QueryExecutionState.class, names = {"QUEUED", "RUNNING"})
    void check_whenStillOnItsWay_reportsTheStateAndAWait(QueryExecutionState state) {
        query.state(state);

        QueryStatus status = checker.check(handle, STARTED.plusSeconds(40));

        assertThat(status.state()).isEqualTo(state.toString());
        assertThat(status.succeeded()).isFalse();
        assertThat(status.elapsedSeconds()).isEqualTo(40);
        assertThat(status.waitSeconds()).isEqualTo(PollingPolicy.nextWaitSeconds(java.time.Duration.ofSeconds(40),
                java.time.Duration.ofSeconds(260)));
    }

    @Test
    void check_whenRunning_reportsTheStatisticsSoFar() {
        query.state(QueryExecutionState.RUNNING).scanned(123_456_789L);

        QueryStatus status = checker.check(handle, STARTED.plusSeconds(5));

        assertThat(status.statistics().dataScannedBytes()).isEqualTo(123_456_789L);
        assertThat(status.statistics().engineExecutionMillis()).isEqualTo(1200);
    }

    @Test
    void check_whenSucceeded_reportsItWithNoWait() {
        query.succeed().reason("done").scanned(42);

        QueryStatus status = checker.check(handle, STARTED.plusSeconds(12));

        assertThat(status.state()).isEqualTo("SUCCEEDED");
        assertThat(status.succeeded()).isTrue();
        assertThat(status.waitSeconds()).isZero();
        assertThat(status.stateChangeReason()).isEqualTo("done");
        assertThat(status.statistics().dataScannedBytes()).isEqualTo(42);
    }

    @Test
    void check_whenSucceededAfterTheDeadline_isStillASuccess() {
        query.succeed();

        assertThat(checker.check(handle, STARTED.plusSeconds(301)).succeeded()).isTrue();
    }

    @Test
    void check_whenFailed_throwsWithTheReasonAndAthenasErrorCategoryAndType() {
        query.state(QueryExecutionState.FAILED)
                .reason("COLUMN_NOT_FOUND: line 1:8: Column 'nme' cannot be resolved")
                .error(2, 1006, false, "COLUMN_NOT_FOUND");

        assertThatThrownBy(() -> checker.check(handle, STARTED.plusSeconds(3)))
                .isInstanceOf(QueryFailedException.class)
                .hasMessageContaining("Query q-1 failed: COLUMN_NOT_FOUND: line 1:8: Column 'nme' cannot be resolved")
                .hasMessageContaining("Athena error category 2, type 1006")
                .message().doesNotContain("retryable");
    }

    @Test
    void check_whenFailedWithARetryableError_saysSo() {
        query.state(QueryExecutionState.FAILED).reason("Internal error").error(1, 401, true, "INTERNAL_ERROR");

        assertThatThrownBy(() -> checker.check(handle, STARTED.plusSeconds(3)))
                .isInstanceOf(QueryFailedException.class)
                .hasMessageContaining("(Athena error category 1, type 401, retryable)");
    }

    @Test
    void check_whenFailedWithoutDetails_throwsAPlainMessage() {
        query.state(QueryExecutionState.FAILED);

        assertThatThrownBy(() -> checker.check(handle, STARTED.plusSeconds(3)))
                .isInstanceOf(QueryFailedException.class)
                .hasMessage("Query q-1 failed.");
    }

    @Test
    void check_whenCancelled_throwsQueryCancelledWithTheReason() {
        query.state(QueryExecutionState.CANCELLED).reason("Query was cancelled by user");

        assertThatThrownBy(() -> checker.check(handle, STARTED.plusSeconds(3)))
                .isInstanceOf(QueryCancelledException.class)
                .hasMessageContaining("q-1 was cancelled outside this workflow: Query was cancelled by user");
    }

    @Test
    void check_whenRunningExactlyAtTheDeadline_throwsTimeout() {
        query.state(QueryExecutionState.RUNNING);

        assertThatThrownBy(() -> checker.check(handle, handle.deadline()))
                .isInstanceOf(QueryTimeoutException.class)
                .hasMessageContaining("Query q-1 was still RUNNING after 300 s")
                .hasMessageContaining("timeoutSeconds of 300")
                .hasMessageContaining("Raise 'timeoutSeconds'");
    }

    @Test
    void check_whenQueuedPastTheDeadline_throwsTimeout() {
        query.state(QueryExecutionState.QUEUED);

        assertThatThrownBy(() -> checker.check(handle, handle.deadline().plusSeconds(7)))
                .isInstanceOf(QueryTimeoutException.class)
                .hasMessageContaining("still QUEUED after 307 s");
    }

    @Test
    void check_whenJustBeforeTheDeadline_waitsOnlyUntilIt() {
        query.state(QueryExecutionState.RUNNING);

        QueryStatus oneMilliBefore = checker.check(handle, handle.deadline().minusMillis(1));
        QueryStatus threeSecondsBefore = checker.check(handle, handle.deadline().minusSeconds(3));

        assertThat(oneMilliBefore.waitSeconds()).isEqualTo(1);
        assertThat(threeSecondsBefore.waitSeconds()).isEqualTo(3);
    }

    @Test
    void check_whenQueryUnknownToAthena_throwsInvalidInput() {
        QueryHandle unknown = new QueryHandle("no-such-query", "primary", null, STARTED, 300, 100, CleanupMode.NEVER, null);

        assertThatThrownBy(() -> checker.check(unknown, STARTED))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Athena does not know query no-such-query")
                .hasMessageContaining("was not found")
                .hasMessageContaining("Pass the 'query' object StartQuery returned");
    }

    @Test
    void check_whenAthenaThrottles_throwsThrottled() {
        athena.failNext(FakeAthena.GET, FakeAthena.tooManyRequests("Rate exceeded"));

        assertThatThrownBy(() -> checker.check(handle, STARTED)).isInstanceOf(ServiceThrottledException.class)
                .hasMessageContaining("GetQueryExecution q-1");
    }

    @Test
    void check_whenAthenaIsDown_throwsUnavailable() {
        athena.failNext(FakeAthena.GET, FakeAthena.internalError("boom"));

        assertThatThrownBy(() -> checker.check(handle, STARTED)).isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void toJson_givesTheFieldsTheStateMachineReads() {
        query.state(QueryExecutionState.RUNNING).scanned(1024);

        ObjectNode json = checker.check(handle, STARTED.plusSeconds(20)).toJson();

        assertThat(json.get("state").asText()).isEqualTo("RUNNING");
        assertThat(json.get("waitSeconds").isInt()).isTrue();
        assertThat(json.get("waitSeconds").asInt()).isPositive();
        assertThat(json.get("elapsedSeconds").asLong()).isEqualTo(20);
        assertThat(json.has("stateChangeReason")).isTrue();
        assertThat(json.get("statistics").get("dataScannedBytes").asLong()).isEqualTo(1024);
        assertThat(json.get("statistics").has("estimatedCostUsd")).isTrue();
    }
}
