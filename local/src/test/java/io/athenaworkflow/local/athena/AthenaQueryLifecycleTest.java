package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.testing.LocalAwsFixture;
import io.athenaworkflow.local.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

class AthenaQueryLifecycleTest {

    private LocalAwsFixture local;

    @AfterEach
    void stop() {
        if (local != null) {
            local.close();
        }
    }

    @Test
    void startQueryExecution_whenSelectSucceeds_reportsAthenaShapedExecution() {
        local = new LocalAwsFixture();
        String id = local.athena.startQueryExecution(b -> b.queryString("SELECT * FROM special")
                .queryExecutionContext(c -> c.database("sales").catalog("AwsDataCatalog"))).queryExecutionId();

        QueryExecution done = local.awaitDone(id);

        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(done.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        assertThat(done.query()).isEqualTo("SELECT * FROM special");
        assertThat(done.statementTypeAsString()).isEqualTo("DML");
        assertThat(done.substatementType()).isEqualTo("SELECT");
        assertThat(done.workGroup()).isEqualTo("primary");
        assertThat(done.resultConfiguration().outputLocation())
                .isEqualTo("s3://athena-results-000000000000/" + id + ".csv");
        assertThat(done.queryExecutionContext().database()).isEqualTo("sales");
        assertThat(done.queryExecutionContext().catalog()).isEqualTo("awsdatacatalog");
        assertThat(done.status().submissionDateTime()).isNotNull();
        assertThat(done.status().completionDateTime()).isAfterOrEqualTo(done.status().submissionDateTime());
        assertThat(done.status().stateChangeReason()).isNull();
        assertThat(done.statistics().dataScannedInBytes()).isEqualTo(4096);
        assertThat(done.statistics().resultReuseInformation().reusedPreviousResult()).isFalse();
        assertThat(done.statistics().totalExecutionTimeInMillis())
                .isGreaterThanOrEqualTo(done.statistics().engineExecutionTimeInMillis());
        assertThat(done.engineVersion().effectiveEngineVersion()).isEqualTo("Athena engine version 3");
        assertThat(local.engine.executed()).singleElement().satisfies(s -> {
            assertThat(s.queryExecutionId()).isEqualTo(id);
            assertThat(s.database()).isEqualTo("sales");
            assertThat(s.catalog()).isEqualTo("AwsDataCatalog");
            assertThat(s.outputLocation()).isEqualTo("s3://athena-results-000000000000/");
        });
    }

    @Test
    void startQueryExecution_whenEngineFails_endsFailedWithAthenaError() {
        local = new LocalAwsFixture();
        String id = local.start("SELECT * FROM missing");

        QueryExecution done = local.awaitDone(id);

        assertThat(done.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(done.status().stateChangeReason()).startsWith("TABLE_NOT_FOUND: line 1:15");
        AthenaError error = done.status().athenaError();
        assertThat(error.errorCategory()).isEqualTo(2);
        assertThat(error.errorType()).isEqualTo(1301);
        assertThat(error.retryable()).isFalse();
        assertThat(error.errorMessage()).isEqualTo(done.status().stateChangeReason());
        assertThat(local.aws.objectStore().listKeys(local.resultsBucket(), id)).isEmpty();
        assertThatThrownBy(() -> local.athena.getQueryResults(b -> b.queryExecutionId(id)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.athenaErrorCode()).isEqualTo("INVALID_QUERY_EXECUTION_STATE");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Query did not finish successfully. Final query state: FAILED");
                });
    }

    @Test
    void stopQueryExecution_whenRunning_cancelsTheStatement() {
        local = new LocalAwsFixture();
        String id = local.start("SELECT * FROM slow");
        local.awaitState(id, QueryExecutionState.RUNNING);

        local.athena.stopQueryExecution(b -> b.queryExecutionId(id));
        QueryExecution stopped = local.execution(id);

        assertThat(stopped.status().state()).isEqualTo(QueryExecutionState.CANCELLED);
        assertThat(stopped.status().stateChangeReason()).isEqualTo("Query cancelled by user");
        assertThat(stopped.status().completionDateTime()).isNotNull();
        assertThat(stopped.status().athenaError()).isNull();
        assertThat(local.engine.executed().getFirst().cancellation().isCancelled()).isTrue();
        assertThatThrownBy(() -> local.athena.getQueryResults(b -> b.queryExecutionId(id)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.athenaErrorCode()).isEqualTo("RESULT_NOT_FOUND");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Could not find results");
                });
        assertThat(local.aws.objectStore().listKeys(local.resultsBucket(), id)).isEmpty();
    }

    @Test
    void stopQueryExecution_whenAlreadySucceeded_changesNothing() {
        local = new LocalAwsFixture();
        String id = local.start("SELECT 1");
        QueryExecution done = local.awaitDone(id);

        local.athena.stopQueryExecution(b -> b.queryExecutionId(id));

        assertThat(local.execution(id).status()).isEqualTo(done.status());
    }

    @Test
    void startQueryExecution_whenQuotaReached_isThrottledUntilAQueryEnds() {
        local = new LocalAwsFixture(c -> c.withAthenaConcurrencyQuota(2));
        String first = local.start("SELECT * FROM slow");
        local.start("SELECT * FROM slow");

        assertThatThrownBy(() -> local.start("SELECT 1"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.reasonAsString()).isEqualTo("CONCURRENT_QUERY_LIMIT_EXCEEDED");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith(
                            "You have exceeded the limit for the number of queries you can run concurrently.");
                });
        local.athena.stopQueryExecution(b -> b.queryExecutionId(first));
        String third = local.start("SELECT 1");
        assertThat(local.awaitDone(third).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
    }

    @Test
    void clientRequestToken_whenRepeatedWithSameRequest_returnsSameQueryWithoutRunningAgain() {
        local = new LocalAwsFixture();
        String token = "token-0123456789-0123456789-0123456789";
        String first = local.athena.startQueryExecution(b -> b.queryString("SELECT 1").clientRequestToken(token))
                .queryExecutionId();
        local.awaitDone(first);

        String again = local.athena.startQueryExecution(b -> b.queryString("SELECT 1").clientRequestToken(token))
                .queryExecutionId();
        // Athena does not compare ExecutionParameters (or the workgroup) of a retried token.
        String withParameters = local.athena.startQueryExecution(b -> b.queryString("SELECT 1")
                .clientRequestToken(token).executionParameters("42")).queryExecutionId();

        assertThat(again).isEqualTo(first);
        assertThat(withParameters).isEqualTo(first);
        assertThat(local.engine.executed()).hasSize(1);
    }

    @Test
    void clientRequestToken_whenReusedForAnotherQuery_isIdempotentParameterMismatch() {
        local = new LocalAwsFixture();
        String token = "token-abcdefghij-abcdefghij-abcdefghij";
        local.athena.startQueryExecution(b -> b.queryString("SELECT 1").clientRequestToken(token));

        assertThatThrownBy(() -> local.athena.startQueryExecution(b -> b.queryString("SELECT 2")
                .clientRequestToken(token)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.athenaErrorCode()).isEqualTo("IDEMPOTENT_PARAMETER_MISMATCH");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Idempotent parameters do not match");
                });
        assertThatThrownBy(() -> local.athena.startQueryExecution(b -> b.queryString("SELECT 1")
                .clientRequestToken(token).queryExecutionContext(c -> c.database("sales"))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Idempotent parameters do not match");
    }

    @Test
    void resultReuse_whenIdenticalQueryRecentlySucceeded_pointsAtPreviousResult() {
        local = new LocalAwsFixture();
        String first = local.athena.startQueryExecution(b -> b.queryString("SELECT * FROM special")
                .resultReuseConfiguration(r -> r.resultReuseByAgeConfiguration(a -> a.enabled(true))))
                .queryExecutionId();
        QueryExecution original = local.awaitDone(first);

        String second = local.athena.startQueryExecution(b -> b.queryString("SELECT * FROM special")
                .resultReuseConfiguration(r -> r.resultReuseByAgeConfiguration(a -> a.enabled(true)
                        .maxAgeInMinutes(10)))).queryExecutionId();
        QueryExecution reused = local.awaitDone(second);

        assertThat(second).isNotEqualTo(first);
        assertThat(reused.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        assertThat(reused.resultConfiguration().outputLocation())
                .isEqualTo(original.resultConfiguration().outputLocation());
        assertThat(reused.statistics().resultReuseInformation().reusedPreviousResult()).isTrue();
        assertThat(reused.statistics().dataScannedInBytes()).isZero();
        assertThat(reused.resultReuseConfiguration().resultReuseByAgeConfiguration().maxAgeInMinutes())
                .isEqualTo(10);
        assertThat(local.engine.executed()).hasSize(1);
        assertThat(local.athena.getQueryResults(b -> b.queryExecutionId(second)).resultSet().rows())
                .isEqualTo(local.athena.getQueryResults(b -> b.queryExecutionId(first)).resultSet().rows());
    }

    @Test
    void resultReuse_whenNotEnabledOrQueryDiffers_runsTheQueryAgain() {
        local = new LocalAwsFixture();
        local.awaitDone(local.start("SELECT * FROM special"));

        String plain = local.start("SELECT * FROM special");
        String other = local.athena.startQueryExecution(b -> b.queryString("SELECT 1")
                .resultReuseConfiguration(r -> r.resultReuseByAgeConfiguration(a -> a.enabled(true))))
                .queryExecutionId();

        assertThat(local.awaitDone(plain).statistics().resultReuseInformation().reusedPreviousResult()).isFalse();
        assertThat(local.awaitDone(other).statistics().resultReuseInformation().reusedPreviousResult()).isFalse();
        assertThat(local.engine.executed()).hasSize(3);
    }

    @Test
    void minimumQueryDuration_whenSet_keepsQueryRunningUntilTheClockPassesIt() throws InterruptedException {
        ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
        local = new LocalAwsFixture(c -> c.withClock(clock).withMinimumQueryDuration(Duration.ofMinutes(10)));
        String id = local.start("SELECT 1");
        clock.awaitSleepers(1);

        QueryExecution running = local.execution(id);
        assertThatThrownBy(() -> local.athena.getQueryResults(b -> b.queryExecutionId(id)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Query has not yet finished. Current state: RUNNING"));
        clock.advance(Duration.ofMinutes(10));
        QueryExecution done = local.awaitDone(id);

        assertThat(running.status().state()).isEqualTo(QueryExecutionState.RUNNING);
        assertThat(done.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        assertThat(done.status().submissionDateTime()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(done.status().completionDateTime()).isEqualTo(Instant.parse("2025-01-01T00:10:00Z"));
        assertThat(done.statistics().totalExecutionTimeInMillis()).isEqualTo(600_000);
        assertThat(done.statistics().engineExecutionTimeInMillis()).isEqualTo(600_000);
    }

    @Test
    void stopQueryExecution_whenWaitingOutMinimumDuration_cancelsWithoutResults() throws InterruptedException {
        ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
        local = new LocalAwsFixture(c -> c.withClock(clock).withMinimumQueryDuration(Duration.ofMinutes(10)));
        String id = local.start("SELECT 1");
        clock.awaitSleepers(1);

        local.athena.stopQueryExecution(b -> b.queryExecutionId(id));
        clock.awaitSleepers(0);

        assertThat(local.execution(id).status().state()).isEqualTo(QueryExecutionState.CANCELLED);
        assertThat(local.aws.objectStore().listKeys(local.resultsBucket(), "")).isEmpty();
    }

    @Test
    void clockActivity_whenQueryRunsAndEnds_isHeldUntilCompletionThenReleased() {
        ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
        local = new LocalAwsFixture(c -> c.withClock(clock));
        String slow = local.start("SELECT * FROM slow");
        local.awaitState(slow, QueryExecutionState.RUNNING);
        int whileRunning = clock.openActivities();

        local.athena.stopQueryExecution(b -> b.queryExecutionId(slow));
        local.awaitDone(local.start("SELECT 1"));

        assertThat(whileRunning).isEqualTo(1);
        io.athenaworkflow.local.testing.Await.until(clock::openActivities, n -> n == 0,
                "every query to release the clock");
    }
}
