package io.athenaworkflow.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.config.WorkflowDefaults;
import io.athenaworkflow.testing.FakeAthena;
import io.athenaworkflow.testing.FakeS3;
import io.athenaworkflow.testing.FakeStepFunctions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static io.athenaworkflow.handlers.Invocation.invoke;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four handlers chained the way the state machine chains them, passing each step the payload its ASL state
 * builds ({@code $query} is StartQuery's output bytes), so the contracts between the steps hold end to end.
 */
class HandlerPipelineTest {

    private static final String EXECUTION = "arn:aws:states:eu-west-1:111122223333:execution:athena-query:run-7";

    private final FakeAthena athena = new FakeAthena();
    private final FakeS3 s3 = new FakeS3().bucket("results-bucket");
    private final Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    private final WorkflowDefaults defaults = WorkflowDefaults.fromEnvironment(Map.of(
            "ATHENA_DATABASE", "sales", "ATHENA_OUTPUT_LOCATION", "s3://results-bucket/athena-workflow/",
            "EXPECTED_BUCKET_OWNER", FakeS3.OWNER));

    @Test
    void handlers_whenChainedLikeTheStateMachine_runTheQueryToACleanEnd() {
        var start = new StartQueryHandler(athena, s3, defaults, clock);
        var check = new CheckStatusHandler(athena, clock);
        var fetch = new FetchResultsHandler(athena, s3);
        var cleanup = new CleanupHandler(athena, s3, new FakeStepFunctions(), defaults, clock);

        JsonNode query = invoke(start, "{\"request\": {\"sql\": \"SELECT city, n FROM t WHERE n > ?\", \"parameters\": [\"1\"],"
                + " \"cleanup\": \"ALWAYS\", \"maxInlineRows\": 1}, \"executionArn\": \"" + EXECUTION + "\","
                + " \"now\": \"2024-05-01T10:00:00.000Z\"}");

        JsonNode queued = invoke(check, "{\"query\": " + query + ", \"now\": \"2024-05-01T10:00:00.400Z\"}");
        assertThat(queued.get("state").asText()).isEqualTo("QUEUED");
        assertThat(queued.get("waitSeconds").asInt()).isEqualTo(1);

        String id = query.get("queryExecutionId").asText();
        athena.query(id).succeed().columns("city", "varchar", "n", "integer").scanned(1);
        s3.put("s3://results-bucket/athena-workflow/" + id + ".csv", "\"city\",\"n\"\n\"Lyon\",\"2\"\n\"Graz\",\"3\"\n");
        s3.put("s3://results-bucket/athena-workflow/" + id + ".csv.metadata", "meta");
        s3.put("s3://results-bucket/athena-workflow/someone-elses.csv", "keep me");

        JsonNode done = invoke(check, "{\"query\": " + query + ", \"now\": \"2024-05-01T10:00:01.400Z\"}");
        assertThat(done.get("state").asText()).isEqualTo("SUCCEEDED");

        JsonNode results = invoke(fetch, "{\"query\": " + query + "}");
        assertThat(results.get("rows").toString()).isEqualTo("[{\"city\":\"Lyon\",\"n\":2}]");
        assertThat(results.get("rowCount").asLong()).isEqualTo(2);
        assertThat(results.get("truncated").asBoolean()).isTrue();

        JsonNode report = invoke(cleanup, "{\"query\": " + query + ", \"succeeded\": true}");
        assertThat(report.get("deleted")).hasSize(2);
        assertThat(s3.keys("results-bucket")).containsExactly("athena-workflow/someone-elses.csv");
        assertThat(athena.lastQuery().request().executionParameters()).containsExactly("1");
        assertThat(athena.query(id).state()).isEqualTo(QueryExecutionState.SUCCEEDED);
    }
}
