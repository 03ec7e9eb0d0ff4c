package io.athenaworkflow.tests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product workflow's result feeds a Distributed Map: the workflow runs a query on the local runtime, then a second
 * state machine reads the query's {@code resultLocation} CSV with an {@code s3:getObject} ItemReader.
 */
class DistributedMapOverResultsTest {

    private static final String ROWS_MACHINE = """
            {"StartAt": "Rows", "States": {"Rows": {"Type": "Map",
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                "Parameters": {"Bucket.$": "$.bucket", "Key.$": "$.key"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "Row", "States": {"Row": {"Type": "Pass", "End": true}}},
              "End": true}}}""";

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
    void distributedMap_whenReadingTheWorkflowsResultCsv_getsOneItemPerResultRow() {
        JsonNode result = workflow.succeed("""
                {"sql": "SELECT region, count(*) AS orders FROM demo.orders WHERE year = ? GROUP BY region ORDER BY region",
                 "parameters": ["2025"]}""");
        URI location = URI.create(result.get("resultLocation").asText());
        String machine = workflow.sfn.createStateMachine(b -> b.name("result-rows").definition(ROWS_MACHINE)
                .roleArn("arn:aws:iam::000000000000:role/StatesExecutionRole")).stateMachineArn();
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("bucket", location.getHost())
                .put("key", location.getPath().substring(1));

        String arn = workflow.sfn.startExecution(b -> b.stateMachineArn(machine).input(input.toString()))
                .executionArn();
        DescribeExecutionResponse rows = workflow.awaitEnd(arn);

        assertThat(rows.status()).as("%s: %s", rows.error(), rows.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.get("rowCount").asLong()).isEqualTo(4);
        assertThat(LocalWorkflow.json(rows.output())).isEqualTo(asCsvStrings(result.get("rows")));
    }

    /** The workflow's typed rows as a CSV reader yields them: every field a string. */
    private static ArrayNode asCsvStrings(JsonNode rows) {
        ArrayNode expected = JsonNodeFactory.instance.arrayNode();
        for (JsonNode row : rows) {
            ObjectNode item = expected.addObject();
            for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                item.put(field.getKey(), field.getValue().asText());
            }
        }
        return expected;
    }
}
