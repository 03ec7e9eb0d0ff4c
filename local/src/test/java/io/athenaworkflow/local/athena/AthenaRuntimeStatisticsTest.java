package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.services.athena.model.GetQueryRuntimeStatisticsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryRuntimeStatistics;
import software.amazon.awssdk.services.athena.model.QueryRuntimeStatisticsTimeline;

/**
 * GetQueryRuntimeStatistics through the AWS SDK, and its raw JSON checked member by member against the shapes the SDK
 * was generated from (Athena's service model).
 */
class AthenaRuntimeStatisticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private LocalAwsFixture local;

    @AfterEach
    void stop() {
        if (local != null) {
            local.close();
        }
    }

    @Test
    void getQueryRuntimeStatistics_whenSucceeded_reportsTheTimelineOfGetQueryExecutionAndTheResultRows() {
        local = new LocalAwsFixture();
        String id = local.start("SELECT * FROM special");
        QueryExecution done = local.awaitDone(id);

        QueryRuntimeStatistics statistics = local.athena.getQueryRuntimeStatistics(b -> b.queryExecutionId(id))
                .queryRuntimeStatistics();

        QueryRuntimeStatisticsTimeline timeline = statistics.timeline();
        assertThat(timeline.queryQueueTimeInMillis()).isEqualTo(done.statistics().queryQueueTimeInMillis());
        assertThat(timeline.engineExecutionTimeInMillis()).isEqualTo(done.statistics().engineExecutionTimeInMillis());
        assertThat(timeline.serviceProcessingTimeInMillis()).isEqualTo(done.statistics().serviceProcessingTimeInMillis());
        assertThat(timeline.totalExecutionTimeInMillis()).isEqualTo(done.statistics().totalExecutionTimeInMillis());
        assertThat(timeline.servicePreProcessingTimeInMillis()).isZero();
        assertThat(timeline.queryPlanningTimeInMillis()).isZero();
        assertThat(statistics.rows().inputBytes()).isEqualTo(4096);
        // The fake engine's "special" result has four rows under a header.
        assertThat(statistics.rows().outputRows()).isEqualTo(4);
        String key = done.resultConfiguration().outputLocation().substring(("s3://" + local.resultsBucket() + "/").length());
        long stored = local.s3.headObject(b -> b.bucket(local.resultsBucket()).key(key)).contentLength();
        assertThat(statistics.rows().outputBytes()).isEqualTo(stored);
        assertThat(statistics.rows().inputRows()).as("the fake engine reports no engine statistics").isNull();
        assertThat(statistics.outputStage()).as("the fake engine has no stages").isNull();
    }

    @Test
    void getQueryRuntimeStatistics_whenRunning_reportsTheTimelineSoFarWithoutRows() {
        local = new LocalAwsFixture();
        String id = local.start("SELECT * FROM slow");
        local.awaitState(id, QueryExecutionState.RUNNING);

        QueryRuntimeStatistics statistics = local.athena.getQueryRuntimeStatistics(b -> b.queryExecutionId(id))
                .queryRuntimeStatistics();

        assertThat(statistics.timeline()).isNotNull();
        assertThat(statistics.timeline().totalExecutionTimeInMillis())
                .isGreaterThanOrEqualTo(statistics.timeline().queryQueueTimeInMillis());
        assertThat(statistics.rows()).isNull();
        local.athena.stopQueryExecution(b -> b.queryExecutionId(id));
    }

    @Test
    void getQueryRuntimeStatistics_whenQueryUnknown_isInvalidRequestAsAthenaAnswers() {
        local = new LocalAwsFixture();

        assertThatThrownBy(() -> local.athena.getQueryRuntimeStatistics(
                b -> b.queryExecutionId("00000000-0000-4000-8000-000000000000")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("QueryExecution 00000000-0000-4000-8000-000000000000 was not found");
                });
    }

    @Test
    void getQueryRuntimeStatistics_whenIdMissing_isAValidationError() {
        local = new LocalAwsFixture();

        HttpResponse<String> response = local.rawJson("AmazonAthena.GetQueryRuntimeStatistics", "1.1", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("queryExecutionId");
    }

    @Test
    void getQueryRuntimeStatistics_whenSerialized_usesOnlyMembersOfTheServiceModel() throws Exception {
        local = new LocalAwsFixture();
        String id = local.start("SELECT * FROM special");
        local.awaitDone(id);

        HttpResponse<String> response = local.rawJson("AmazonAthena.GetQueryRuntimeStatistics", "1.1",
                "{\"QueryExecutionId\": \"" + id + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertMembersOf(body, GetQueryRuntimeStatisticsResponse.builder().build().sdkFields(), "");
        assertThat(body.at("/QueryRuntimeStatistics/Timeline").size()).isEqualTo(6);
        assertThat(body.at("/QueryRuntimeStatistics/Rows").size()).isEqualTo(3);
    }

    /** Every member of {@code node} is a member of the shape (by its wire name), with the shape's type. */
    private static void assertMembersOf(JsonNode node, List<SdkField<?>> fields, String path) {
        Map<String, SdkField<?>> byName = fields.stream().collect(Collectors.toMap(SdkField::locationName, f -> f));
        assertThat(node.isObject()).as(path).isTrue();
        node.properties().forEach(member -> {
            String at = path + "/" + member.getKey();
            SdkField<?> field = byName.get(member.getKey());
            assertThat(field).as("%s is a member of the model (%s)", at, byName.keySet()).isNotNull();
            MarshallingType<?> type = field.marshallingType();
            if (type == MarshallingType.SDK_POJO) {
                assertMembersOf(member.getValue(), field.constructor().get().sdkFields(), at);
            } else if (type == MarshallingType.LONG) {
                assertThat(member.getValue().isIntegralNumber()).as("%s is a Long", at).isTrue();
            } else if (type == MarshallingType.STRING) {
                assertThat(member.getValue().isTextual()).as("%s is a String", at).isTrue();
            }
        });
    }
}
