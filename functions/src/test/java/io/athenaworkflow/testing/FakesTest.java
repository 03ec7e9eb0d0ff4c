package io.athenaworkflow.testing;

import io.athenaworkflow.testing.FakeStepFunctions.History;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fakes must behave like the services where the tests rely on them, or the tests prove nothing. */
class FakesTest {

    @Test
    void fakeS3_listObjectsV2Paginator_returnsEveryKeyUnderThePrefixExactlyOnceAcrossPages() {
        FakeS3 s3 = new FakeS3().bucket("b").pageSize(3);
        for (int i = 0; i < 10; i++) {
            s3.put("b", "p/k" + i, "x");
        }
        s3.put("b", "o/k", "x").put("b", "p", "x").put("b", "q/k", "x");

        List<String> keys = s3.listObjectsV2Paginator(r -> r.bucket("b").prefix("p/")).contents().stream()
                .map(S3Object::key).toList();

        assertThat(keys).containsExactly("p/k0", "p/k1", "p/k2", "p/k3", "p/k4", "p/k5", "p/k6", "p/k7", "p/k8", "p/k9");
        assertThat(s3.listRequests()).hasSize(4);
    }

    @Test
    void fakeS3_getObject_readsContentOrFailsLikeS3() throws Exception {
        FakeS3 s3 = new FakeS3().bucket("b").put("b", "k", "héllo");

        try (var in = s3.getObject(r -> r.bucket("b").key("k"))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("héllo");
            assertThat(in.response().contentLength()).isEqualTo(6);
        }
        assertThatThrownBy(() -> s3.getObject(r -> r.bucket("b").key("missing")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
                });
        assertThatThrownBy(() -> s3.getObject(r -> r.bucket("b").key("k").expectedBucketOwner("999999999999")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
    }

    @Test
    void fakeS3_deleteObjects_reportsDeletedAndFailedKeys() {
        FakeS3 s3 = new FakeS3().bucket("b").put("b", "a", "1").put("b", "c", "2").failDeleteOf("c", "AccessDenied", "no");

        var response = s3.deleteObjects(r -> r.bucket("b").delete(d -> d.objects(o -> o.key("a"), o -> o.key("c"))));

        assertThat(response.deleted()).extracting(d -> d.key()).containsExactly("a");
        assertThat(response.errors()).extracting(e -> e.key() + ":" + e.code()).containsExactly("c:AccessDenied");
        assertThat(s3.keys("b")).containsExactly("c");
        assertThat(s3.deletedObjects()).containsExactly("s3://b/a");
    }

    @Test
    void fakeAthena_startQueryExecution_honoursTheClientRequestToken() {
        FakeAthena athena = new FakeAthena();
        String token = "t".repeat(64);

        String first = athena.startQueryExecution(r -> r.queryString("SELECT 1").clientRequestToken(token)).queryExecutionId();
        String again = athena.startQueryExecution(r -> r.queryString("SELECT 1").clientRequestToken(token)).queryExecutionId();

        assertThat(again).isEqualTo(first);
        assertThat(athena.queryCount()).isEqualTo(1);
        assertThatThrownBy(() -> athena.startQueryExecution(r -> r.queryString("SELECT 2").clientRequestToken(token)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> athena.startQueryExecution(r -> r.queryString("SELECT 1").clientRequestToken("short")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void fakeAthena_stopQueryExecution_cancelsOnlyQueriesOnTheirWay() {
        FakeAthena athena = new FakeAthena();
        FakeAthena.Query running = athena.addQuery("r", null).state(software.amazon.awssdk.services.athena.model.QueryExecutionState.RUNNING);
        FakeAthena.Query done = athena.addQuery("d", null).succeed();

        athena.stopQueryExecution(r -> r.queryExecutionId("r"));
        athena.stopQueryExecution(r -> r.queryExecutionId("d"));

        assertThat(running.state()).hasToString("CANCELLED");
        assertThat(done.state()).hasToString("SUCCEEDED");
        assertThat(athena.calls(FakeAthena.STOP)).isEqualTo(2);
    }

    @Test
    void fakeStepFunctions_getExecutionHistory_pagesAndOmitsDataUnlessAsked() {
        FakeStepFunctions sfn = new FakeStepFunctions().pageSize(2)
                .history("arn", new History().executionStarted("{\"a\":1}").lambdaInvokeSucceeded("{\"x\":1}"));

        List<HistoryEvent> withData = sfn.getExecutionHistoryPaginator(r -> r.executionArn("arn").includeExecutionData(true))
                .events().stream().toList();
        List<HistoryEvent> withoutData = sfn.getExecutionHistoryPaginator(r -> r.executionArn("arn").includeExecutionData(false))
                .events().stream().toList();

        assertThat(withData).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L);
        assertThat(withData.get(2).taskSucceededEventDetails().output()).contains("\"Payload\":{\"x\":1}");
        assertThat(withoutData.get(2).taskSucceededEventDetails().output()).isNull();
        assertThat(sfn.requests()).hasSize(4);
    }
}
