package io.athenaworkflow.athena.start;

import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.errors.AccessDeniedException;
import io.athenaworkflow.athena.errors.ServiceThrottledException;
import io.athenaworkflow.athena.errors.ServiceUnavailableException;
import io.athenaworkflow.athena.errors.QueryRejectedException;
import io.athenaworkflow.testing.FakeAthena;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.EncryptionOption;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryStarterTest {

    private static final String EXECUTION = "arn:aws:states:eu-west-1:111122223333:execution:athena-query:run-1";
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00.123Z");
    private static final S3Location RESULTS = new S3Location("results-bucket", "athena-workflow/");

    private final FakeAthena athena = new FakeAthena();
    private final QueryStarter starter = new QueryStarter(athena);

    private static QueryRequest request(String sql, List<String> parameters, String kmsKey, int reuseMinutes) {
        return new QueryRequest(sql, "sales", "AwsDataCatalog", "analytics", RESULTS, parameters, reuseMinutes, 600, 25,
                CleanupMode.ON_SUCCESS, kmsKey, "111122223333");
    }

    private static QueryRequest simple() {
        return request("SELECT 1", List.of(), null, 0);
    }

    @Test
    void start_whenAccepted_returnsAHandleCarryingTheRequestSettings() {
        QueryHandle handle = starter.start(simple(), EXECUTION, NOW);

        assertThat(handle.queryExecutionId()).isEqualTo(athena.lastQuery().id());
        assertThat(handle.workgroup()).isEqualTo("analytics");
        assertThat(handle.resultsLocation()).isEqualTo(RESULTS);
        assertThat(handle.startedAt()).isEqualTo(NOW);
        assertThat(handle.timeoutSeconds()).isEqualTo(600);
        assertThat(handle.deadline()).isEqualTo(NOW.plusSeconds(600));
        assertThat(handle.maxInlineRows()).isEqualTo(25);
        assertThat(handle.cleanup()).isEqualTo(CleanupMode.ON_SUCCESS);
        assertThat(handle.expectedBucketOwner()).isEqualTo("111122223333");
    }

    @Test
    void start_whenAccepted_sendsQueryContextWorkgroupAndOutputToAthena() {
        starter.start(simple(), EXECUTION, NOW);

        StartQueryExecutionRequest sent = athena.startRequests().getFirst();
        assertThat(sent.queryString()).isEqualTo("SELECT 1");
        assertThat(sent.workGroup()).isEqualTo("analytics");
        assertThat(sent.queryExecutionContext().database()).isEqualTo("sales");
        assertThat(sent.queryExecutionContext().catalog()).isEqualTo("AwsDataCatalog");
        assertThat(sent.resultConfiguration().outputLocation()).isEqualTo("s3://results-bucket/athena-workflow/");
        assertThat(sent.resultConfiguration().expectedBucketOwner()).isEqualTo("111122223333");
    }

    @Test
    void start_whenNoKmsKey_asksForSseS3() {
        starter.start(simple(), EXECUTION, NOW);

        var encryption = athena.startRequests().getFirst().resultConfiguration().encryptionConfiguration();
        assertThat(encryption.encryptionOption()).isEqualTo(EncryptionOption.SSE_S3);
        assertThat(encryption.kmsKey()).isNull();
    }

    @Test
    void start_whenKmsKeyGiven_asksForSseKmsWithThatKey() {
        String key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd";

        starter.start(request("SELECT 1", List.of(), key, 0), EXECUTION, NOW);

        var encryption = athena.startRequests().getFirst().resultConfiguration().encryptionConfiguration();
        assertThat(encryption.encryptionOption()).isEqualTo(EncryptionOption.SSE_KMS);
        assertThat(encryption.kmsKey()).isEqualTo(key);
    }

    @Test
    void start_whenParametersGiven_passesThemAsExecutionParametersInOrder() {
        starter.start(request("SELECT * FROM t WHERE d = ? AND n > ?", List.of("DATE '2024-01-01'", "5"), null, 0),
                EXECUTION, NOW);

        assertThat(athena.startRequests().getFirst().executionParameters()).containsExactly("DATE '2024-01-01'", "5");
    }

    @Test
    void start_whenNoParameters_sendsNoExecutionParameters() {
        // Athena rejects an empty ExecutionParameters list, so it must be left out, not sent empty.
        starter.start(simple(), EXECUTION, NOW);

        assertThat(athena.startRequests().getFirst().hasExecutionParameters()).isFalse();
    }

    @Test
    void start_whenResultReuseRequested_enablesReuseByAge() {
        starter.start(request("SELECT 1", List.of(), null, 60), EXECUTION, NOW);

        var reuse = athena.startRequests().getFirst().resultReuseConfiguration().resultReuseByAgeConfiguration();
        assertThat(reuse.enabled()).isTrue();
        assertThat(reuse.maxAgeInMinutes()).isEqualTo(60);
    }

    @Test
    void start_whenResultReuseIsZero_sendsNoReuseConfiguration() {
        starter.start(simple(), EXECUTION, NOW);

        assertThat(athena.startRequests().getFirst().resultReuseConfiguration()).isNull();
    }

    @Test
    void start_whenNoOutputLocation_leavesItToTheWorkgroup() {
        QueryRequest request = new QueryRequest("SELECT 1", null, "AwsDataCatalog", "primary", null, List.of(), 0, 900, 100,
                CleanupMode.NEVER, null, null);

        QueryHandle handle = starter.start(request, EXECUTION, NOW);

        StartQueryExecutionRequest sent = athena.startRequests().getFirst();
        assertThat(sent.resultConfiguration().outputLocation()).isNull();
        assertThat(sent.resultConfiguration().expectedBucketOwner()).isNull();
        assertThat(sent.queryExecutionContext().database()).isNull();
        assertThat(handle.resultsLocation()).isNull();
        assertThat(athena.lastQuery().outputLocation()).startsWith("s3://workgroup-results/primary/");
    }

    // ----- idempotency -----

    @Test
    void start_whenRetriedForTheSameExecution_returnsTheSameQueryAndStartsOnlyOne() {
        QueryHandle first = starter.start(simple(), EXECUTION, NOW);
        QueryHandle retry = starter.start(simple(), EXECUTION, NOW.plusSeconds(3));

        assertThat(retry.queryExecutionId()).isEqualTo(first.queryExecutionId());
        assertThat(athena.startRequests()).hasSize(2);
        assertThat(athena.queryCount()).isEqualTo(1);
        assertThat(athena.startRequests().get(1).clientRequestToken())
                .isEqualTo(athena.startRequests().get(0).clientRequestToken());
    }

    @Test
    void start_whenDifferentExecutions_startsDifferentQueries() {
        QueryHandle one = starter.start(simple(), EXECUTION, NOW);
        QueryHandle two = starter.start(simple(), EXECUTION.replace("run-1", "run-2"), NOW);

        assertThat(one.queryExecutionId()).isNotEqualTo(two.queryExecutionId());
        assertThat(athena.queryCount()).isEqualTo(2);
    }

    @Test
    void start_whenNoExecutionArn_startsANewQueryEachTime() {
        QueryHandle one = starter.start(simple(), null, NOW);
        QueryHandle two = starter.start(simple(), " ", NOW);

        assertThat(one.queryExecutionId()).isNotEqualTo(two.queryExecutionId());
        assertThat(athena.queryCount()).isEqualTo(2);
    }

    @Test
    void clientRequestToken_forAnExecution_isDeterministicAndWithinAthenasLengthLimits() {
        String token = QueryStarter.clientRequestToken(EXECUTION);

        assertThat(QueryStarter.clientRequestToken(EXECUTION)).isEqualTo(token);
        assertThat(token).hasSizeBetween(32, 128).matches("[0-9a-f]+");
    }

    @Test
    void clientRequestToken_forDifferentExecutions_differs() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(QueryStarter.clientRequestToken(EXECUTION + "-" + i));
        }
        // Executions of different state machines may share a name: the whole ARN decides.
        tokens.add(QueryStarter.clientRequestToken(EXECUTION.replace("athena-query", "other-machine")));

        assertThat(tokens).hasSize(1001);
    }

    @Test
    void clientRequestToken_whenExecutionArnIsVeryLong_staysWithinLimits() {
        assertThat(QueryStarter.clientRequestToken(EXECUTION + "x".repeat(2000))).hasSizeBetween(32, 128);
    }

    @Test
    void clientRequestToken_whenNoExecution_isRandomButValid() {
        String one = QueryStarter.clientRequestToken(null);
        String two = QueryStarter.clientRequestToken("");

        assertThat(one).isNotEqualTo(two);
        assertThat(one).hasSizeBetween(32, 128);
        assertThat(two).hasSizeBetween(32, 128);
    }

    // ----- errors -----

    @Test
    void start_whenAthenaRefusesTheRequest_throwsQueryRejectedWithAthenasCodeAndMessage() {
        var refusal = FakeAthena.invalidRequest("WORKGROUP_NOT_FOUND", "WorkGroup analytics is not found.");
        athena.failNext(FakeAthena.START, refusal);

        assertThatThrownBy(() -> starter.start(simple(), EXECUTION, NOW))
                .isInstanceOf(QueryRejectedException.class)
                .hasMessageContaining("WORKGROUP_NOT_FOUND")
                .hasMessageContaining("WorkGroup analytics is not found.")
                .hasCause(refusal);
        assertThat(athena.queryCount()).isZero();
    }

    @Test
    void start_whenNeitherRequestNorWorkgroupHasAnOutputLocation_throwsQueryRejected() {
        athena.workgroupOutputLocation(null);
        QueryRequest request = new QueryRequest("SELECT 1", null, "AwsDataCatalog", "primary", null, List.of(), 0, 900, 100,
                CleanupMode.NEVER, null, null);

        assertThatThrownBy(() -> starter.start(request, EXECUTION, NOW))
                .isInstanceOf(QueryRejectedException.class)
                .hasMessageContaining("No output location provided");
    }

    @Test
    void start_whenAthenaThrottles_throwsServiceThrottled() {
        athena.failNext(FakeAthena.START, FakeAthena.tooManyRequests("You have exceeded the limit for the number of queries"));

        assertThatThrownBy(() -> starter.start(simple(), EXECUTION, NOW))
                .isInstanceOf(ServiceThrottledException.class)
                .hasMessageContaining("StartQueryExecution")
                .hasMessageContaining("exceeded the limit");
    }

    @Test
    void start_whenAthenaFailsWithAServerError_throwsServiceUnavailable() {
        athena.failNext(FakeAthena.START, FakeAthena.internalError("Internal error"));

        assertThatThrownBy(() -> starter.start(simple(), EXECUTION, NOW)).isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void start_whenAccessDenied_throwsAccessDenied() {
        athena.failNext(FakeAthena.START, FakeAthena.error(403, "AccessDeniedException",
                "User is not authorized to perform: athena:StartQueryExecution"));

        assertThatThrownBy(() -> starter.start(simple(), EXECUTION, NOW))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("athena:StartQueryExecution");
    }

    @Test
    void start_whenRetriedAfterAThrottledAttempt_startsExactlyOneQuery() {
        athena.failNext(FakeAthena.START, FakeAthena.tooManyRequests("slow down"));
        assertThatThrownBy(() -> starter.start(simple(), EXECUTION, NOW)).isInstanceOf(ServiceThrottledException.class);

        QueryHandle handle = starter.start(simple(), EXECUTION, NOW.plusSeconds(2));

        assertThat(athena.queryCount()).isEqualTo(1);
        assertThat(handle.queryExecutionId()).isEqualTo(athena.lastQuery().id());
    }
}
