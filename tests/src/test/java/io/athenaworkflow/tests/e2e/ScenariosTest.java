package io.athenaworkflow.tests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end scenarios on the real template, ASL file and functions package (sam build layout): large results, DDL, result reuse, the S3
 * trigger and each cleanup mode — with a neighbour's objects in the same results prefix that must survive all of it.
 */
class ScenariosTest {

    private static final int LARGE_ROWS = 100_000;
    private static final List<String> NEIGHBOURS = List.of(
            LocalWorkflow.RESULTS_PREFIX + "neighbour.csv",
            LocalWorkflow.RESULTS_PREFIX + "neighbour.csv.metadata",
            LocalWorkflow.RESULTS_PREFIX + "nested/other-team.txt");

    private static LocalWorkflow workflow;

    @BeforeAll
    static void start() {
        workflow = new LocalWorkflow();
        workflow.loadDemoTable();
        StringBuilder csv = new StringBuilder("id,label\n");
        for (int i = 1; i <= LARGE_ROWS; i++) {
            csv.append(i).append(",row ").append(i).append('\n');
        }
        workflow.s3.putObject(b -> b.bucket(LocalWorkflow.DATA_BUCKET).key("large/rows.csv"),
                RequestBody.fromString(csv.toString()));
        workflow.succeed(sql("CREATE EXTERNAL TABLE demo.large (id bigint, label string) ROW FORMAT DELIMITED FIELDS"
                + " TERMINATED BY ',' LOCATION 's3://" + LocalWorkflow.DATA_BUCKET + "/large/'"
                + " TBLPROPERTIES ('skip.header.line.count'='1')"));
        for (String key : NEIGHBOURS) {
            workflow.s3.putObject(b -> b.bucket(LocalWorkflow.RESULTS_BUCKET).key(key), RequestBody.fromString("keep"));
        }
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(workflow.keys(LocalWorkflow.RESULTS_BUCKET, LocalWorkflow.RESULTS_PREFIX)).containsAll(NEIGHBOURS);
        } finally {
            workflow.close();
        }
    }

    @Test
    void largeResult_whenFetched_countsEveryRowAndKeepsThePayloadSmall() {
        DescribeExecutionResponse execution = workflow.run(sql("SELECT id, label FROM demo.large ORDER BY id"));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = LocalWorkflow.json(execution.output());
        assertThat(output.get("rowCount").asLong()).isEqualTo(LARGE_ROWS);
        assertThat(output.get("truncated").asBoolean()).isTrue();
        assertThat(output.get("previewRowCount").asInt()).isEqualTo(100);
        assertThat(output.get("rows").get(99).toString()).isEqualTo("{\"id\":100,\"label\":\"row 100\"}");
        assertThat(execution.output().getBytes(StandardCharsets.UTF_8).length).isLessThan(64 * 1024);
    }

    @Test
    void maxInlineRows_whenRaised_isBoundedByTheByteBudget() {
        JsonNode output = workflow.succeed("{\"sql\": \"SELECT id, label FROM demo.large\", \"maxInlineRows\": 10000}");

        assertThat(output.get("rowCount").asLong()).isEqualTo(LARGE_ROWS);
        assertThat(output.get("previewRowCount").asInt()).isBetween(1000, 9999);
        assertThat(output.toString().getBytes(StandardCharsets.UTF_8).length).isLessThan(160 * 1024);
    }

    @Test
    void ddlAndUtility_whenRun_succeedWithTextResults() {
        JsonNode create = workflow.succeed(sql("CREATE EXTERNAL TABLE IF NOT EXISTS demo.scratch (v string)"
                + " LOCATION 's3://" + LocalWorkflow.DATA_BUCKET + "/scratch/'"));
        JsonNode show = workflow.succeed(sql("SHOW TABLES IN demo"));

        assertThat(create.get("statementType").asText()).isEqualTo("DDL");
        assertThat(create.get("rowCount").asLong()).isZero();
        assertThat(create.at("/statistics/estimatedCostUsd").decimalValue()).isZero();
        assertThat(show.get("statementType").asText()).isEqualTo("UTILITY");
        assertThat(show.get("resultLocation").asText()).endsWith(".txt");
        assertThat(show.get("rows").toString()).contains("\"large\"", "\"orders\"");
    }

    @Test
    void resultReuse_whenTheSameQueryRunsAgain_reusesAndNeverDeletesTheEarlierResult() {
        String query = "SELECT count(*) AS n FROM demo.orders WHERE region = 'Europe'";
        JsonNode first = workflow.succeed("{\"sql\": \"" + query + "\", \"resultReuseMinutes\": 60}");
        JsonNode second = workflow.succeed("{\"sql\": \"" + query + "\", \"resultReuseMinutes\": 60, \"cleanup\": \"ALWAYS\"}");

        assertThat(second.at("/statistics/reusedPreviousResult").asBoolean()).isTrue();
        assertThat(second.at("/statistics/estimatedCostUsd").decimalValue()).isZero();
        assertThat(second.get("rows")).isEqualTo(first.get("rows"));
        assertThat(second.at("/cleanup/deleted")).isEmpty();
        assertThat(second.at("/cleanup/note").asText()).contains("belongs to an earlier query");
        assertThat(workflow.keys(LocalWorkflow.RESULTS_BUCKET, LocalWorkflow.RESULTS_PREFIX
                + first.get("queryExecutionId").asText())).isNotEmpty();
    }

    @Test
    void cleanupAlways_whenQuerySucceeds_deletesExactlyItsOwnObjects() {
        JsonNode output = workflow.succeed("{\"sql\": \"SELECT 1 AS one\", \"cleanup\": \"ALWAYS\"}");
        String id = output.get("queryExecutionId").asText();

        assertThat(output.at("/cleanup/deleted").toString()).contains(id + ".csv\"", id + ".csv.metadata\"");
        assertThat(workflow.keys(LocalWorkflow.RESULTS_BUCKET, LocalWorkflow.RESULTS_PREFIX + id)).isEmpty();
    }

    @Test
    void cleanupNever_whenQuerySucceeds_keepsTheResult() {
        JsonNode output = workflow.succeed("{\"sql\": \"SELECT 2 AS two\", \"cleanup\": \"NEVER\"}");
        String id = output.get("queryExecutionId").asText();

        assertThat(output.at("/cleanup/deleted")).isEmpty();
        assertThat(workflow.keys(LocalWorkflow.RESULTS_BUCKET, LocalWorkflow.RESULTS_PREFIX + id)).isNotEmpty();
    }

    @Test
    void cleanupOnSuccess_whenQuerySucceeds_deletesAndWhenItFails_keeps() {
        JsonNode succeeded = workflow.succeed("{\"sql\": \"SELECT 3 AS three\", \"cleanup\": \"ON_SUCCESS\"}");
        DescribeExecutionResponse failed = workflow.run("{\"sql\": \"SELECT * FROM demo.nosuch\", \"cleanup\": \"ON_SUCCESS\"}");

        assertThat(succeeded.at("/cleanup/deleted")).hasSize(2);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("io.athenaworkflow.athena.errors.QueryFailedException");
        JsonNode cleanup = cleanupReport(failed.executionArn());
        assertThat(cleanup.get("note").asText()).contains("kept: cleanup mode ON_SUCCESS after a failure");
    }

    @Test
    void cleanupAlways_whenQueryFails_stillRunsCleanupAndTheFailNamesTheError() {
        DescribeExecutionResponse failed = workflow.run("{\"sql\": \"SELECT * FROM demo.nosuch\", \"cleanup\": \"ALWAYS\"}");

        assertThat(failed.error()).isEqualTo("io.athenaworkflow.athena.errors.QueryFailedException");
        assertThat(failed.cause()).contains("TABLE_NOT_FOUND");
        JsonNode cleanup = cleanupReport(failed.executionArn());
        assertThat(cleanup.get("stateBefore").asText()).isEqualTo("FAILED");
        assertThat(cleanup.get("stopped").asBoolean()).isFalse();
    }

    @Test
    void s3Trigger_whenSqlFileLands_startsAnExecutionThatSucceeds() throws Exception {
        int before = executions().size();
        workflow.s3.putObject(b -> b.bucket(LocalWorkflow.TRIGGER_BUCKET).key("queries/daily-count.sql"),
                RequestBody.fromString("SELECT count(*) AS orders FROM demo.orders"));
        assertThat(workflow.runtime.events().awaitQuiet(Duration.ofSeconds(30))).isTrue();

        List<ExecutionListItem> all = executions();
        assertThat(all).hasSize(before + 1);
        DescribeExecutionResponse triggered = workflow.awaitEnd(all.getFirst().executionArn());
        assertThat(triggered.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(LocalWorkflow.json(triggered.output()).at("/rows/0/orders").asLong()).isEqualTo(3000);
        assertThat(LocalWorkflow.json(triggered.input()).at("/detail/object/key").asText())
                .isEqualTo("queries/daily-count.sql");
    }

    @Test
    void s3Trigger_whenOtherFilesLand_startsNothing() throws Exception {
        int before = executions().size();
        workflow.s3.putObject(b -> b.bucket(LocalWorkflow.TRIGGER_BUCKET).key("queries/readme.md"),
                RequestBody.fromString("not a query"));
        workflow.s3.putObject(b -> b.bucket(LocalWorkflow.TRIGGER_BUCKET).key("archive/old.sql"),
                RequestBody.fromString("SELECT 1"));
        assertThat(workflow.runtime.events().awaitQuiet(Duration.ofSeconds(30))).isTrue();

        assertThat(executions()).hasSize(before);
    }

    private static List<ExecutionListItem> executions() {
        return workflow.sfn.listExecutionsPaginator(b -> b.stateMachineArn(workflow.runtime.stateMachineArn()))
                .executions().stream().toList();
    }

    static JsonNode cleanupReport(String executionArn) {
        return ScenariosTestSupport.cleanupReport(workflow, executionArn);
    }

    static String sql(String query) {
        return LocalWorkflow.JSON.createObjectNode().put("sql", query).toString();
    }
}
