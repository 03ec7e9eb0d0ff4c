package io.athenaworkflow.tests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The workflow's promises on the happy path, on the real template, ASL file and functions package (sam build layout). */
class HappyPathTest {

    private static LocalWorkflow workflow;

    @BeforeAll
    static void start() {
        workflow = new LocalWorkflow();
        workflow.loadDemoTable();
    }

    @AfterAll
    static void stop() {
        workflow.close();
    }

    @Test
    void parameterizedAggregate_whenRun_returnsTypedRowsCountLocationAndCost() {
        JsonNode output = workflow.succeed("""
                {"sql": "SELECT region, count(*) AS orders, CAST(sum(quantity * unit_price) AS decimal(12,2)) AS revenue FROM demo.orders WHERE year = ? GROUP BY region ORDER BY region",
                 "parameters": ["2025"]}""");

        assertThat(output.get("columns").toString()).isEqualTo(
                "[{\"name\":\"region\",\"type\":\"varchar\"},{\"name\":\"orders\",\"type\":\"bigint\"},"
                        + "{\"name\":\"revenue\",\"type\":\"decimal\"}]");
        assertThat(output.get("rowCount").asLong()).isEqualTo(4);
        assertThat(output.get("truncated").asBoolean()).isFalse();
        JsonNode first = output.get("rows").get(0);
        assertThat(first.get("region").asText()).isEqualTo("Asia Pacific");
        assertThat(first.get("orders").isIntegralNumber()).isTrue();
        assertThat(first.get("revenue").isNumber()).isTrue();
        long total = 0;
        for (JsonNode row : output.get("rows")) {
            total += row.get("orders").asLong();
        }
        assertThat(total).isEqualTo(1500);
        String id = output.get("queryExecutionId").asText();
        assertThat(output.get("resultLocation").asText())
                .isEqualTo("s3://" + LocalWorkflow.RESULTS_BUCKET + "/" + LocalWorkflow.RESULTS_PREFIX + id + ".csv");
        assertThat(output.at("/statistics/dataScannedBytes").asLong()).isPositive();
        assertThat(output.at("/statistics/estimatedCostUsd").decimalValue())
                .isEqualByComparingTo("0.0000476837"); // the 10 MB minimum at USD 5 per TB
        assertThat(output.at("/cleanup/note").asText()).contains("cleanup mode NEVER");
        assertThat(workflow.keys(LocalWorkflow.RESULTS_BUCKET, LocalWorkflow.RESULTS_PREFIX + id))
                .contains(LocalWorkflow.RESULTS_PREFIX + id + ".csv");
    }
}
