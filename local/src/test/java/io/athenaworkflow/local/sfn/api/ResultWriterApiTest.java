package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;

/**
 * A Distributed Map's ResultWriter through the SDK v2 JSON API: the manifest and result files it writes, read back
 * with the S3 API, and the state output pointing at them.
 */
class ResultWriterApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULTS = "results";

    private SfnFixture fx;
    private int machines;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(new FakeLambda());
        fx.aws.s3().createBucket(RESULTS);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private DescribeExecutionResponse run(String definition, String input) {
        return fx.runViaApi("writer" + ++machines, definition, input);
    }

    /**
     * A JSONPath Distributed Map over {@code $.items} with {@code extra} fields, whose children fail for an item
     * {"fail": true} and otherwise output {@code [item, item]} (an array, to show the transformations).
     */
    private static String map(String extra) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", %s
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "IsPresent": true, "Next": "F"}],
                          "Default": "Twice"},
                    "F": {"Type": "Fail", "Error": "Item.Bad", "Cause": "bad item"},
                    "Twice": {"Type": "Pass", "Parameters": {"pair.$": "States.Array($, $)"},
                              "OutputPath": "$.pair", "End": true}}}, "End": true}}}""".formatted(extra);
    }

    private JsonNode readJson(String key) throws Exception {
        return JSON.readTree(fx.read(RESULTS, key));
    }

    @Test
    void startExecution_whenResultWriterExports_writesManifestAndResultFilesAndOutputsTheirLocation()
            throws Exception {
        String writer = """
                "ToleratedFailureCount": 1, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                  "Parameters": {"Bucket": "results", "Prefix.$": "$.prefix"}},""";

        DescribeExecutionResponse execution = run(map(writer), """
                {"prefix": "jobs/today", "items": [{"n": 1}, {"fail": true}, {"n": 2}]}""");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        String mapRun = fx.client.listMapRuns(b -> b.executionArn(execution.executionArn())).mapRuns().get(0)
                .mapRunArn();
        String id = mapRun.substring(mapRun.lastIndexOf(':') + 1);
        String folder = "jobs/today/" + id + "/";
        assertThat(JSON.readTree(execution.output())).isEqualTo(JSON.createObjectNode().put("MapRunArn", mapRun)
                .set("ResultWriterDetails", JSON.createObjectNode().put("Bucket", RESULTS)
                        .put("Key", folder + "manifest.json")));
        JsonNode manifest = readJson(folder + "manifest.json");
        assertThat(manifest.get("DestinationBucket").asText()).isEqualTo(RESULTS);
        assertThat(manifest.get("MapRunArn").asText()).isEqualTo(mapRun);
        JsonNode files = manifest.get("ResultFiles");
        assertThat(files.get("PENDING")).isEmpty();
        assertThat(files.get("SUCCEEDED")).hasSize(1);
        assertThat(files.get("SUCCEEDED").get(0).get("Key").asText()).isEqualTo(folder + "SUCCEEDED_0.json");
        assertThat(files.get("FAILED").get(0).get("Key").asText()).isEqualTo(folder + "FAILED_0.json");
        for (JsonNode file : List.of(files.get("SUCCEEDED").get(0), files.get("FAILED").get(0))) {
            String key = file.get("Key").asText();
            assertThat(file.get("Size").asLong()).isEqualTo(fx.s3().headObject(b -> b.bucket(RESULTS).key(key))
                    .contentLength());
        }
        List<ExecutionListItem> children = fx.client.listExecutions(b -> b.mapRunArn(mapRun)).executions();
        JsonNode succeeded = readJson(folder + "SUCCEEDED_0.json");
        assertThat(succeeded).hasSize(2);
        JsonNode first = succeeded.get(0);
        assertThat(fieldNames(first)).containsExactly("ExecutionArn", "Input", "InputDetails", "Name", "Output",
                "OutputDetails", "RedriveCount", "RedriveStatus", "RedriveStatusReason", "StartDate",
                "StateMachineArn", "Status", "StopDate");
        assertThat(children).extracting(ExecutionListItem::executionArn).contains(first.get("ExecutionArn").asText());
        assertThat(JSON.readTree(first.get("Input").asText())).isEqualTo(JSON.readTree("{\"n\": 1}"));
        assertThat(JSON.readTree(first.get("Output").asText())).isEqualTo(JSON.readTree("[{\"n\": 1}, {\"n\": 1}]"));
        assertThat(first.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(first.get("StateMachineArn").asText()).isEqualTo(children.get(0).stateMachineArn());
        assertThat(first.get("StartDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode failed = readJson(folder + "FAILED_0.json");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("Status").asText()).isEqualTo("FAILED");
        assertThat(failed.get(0).get("Error").asText()).isEqualTo("Item.Bad");
        assertThat(failed.get(0).get("Cause").asText()).isEqualTo("bad item");
        assertThat(failed.get(0).has("Output")).isFalse();
        assertThat(failed.get(0).get("RedriveStatus").asText()).isEqualTo("REDRIVABLE_BY_MAP_RUN");
        DescribeMapRunResponse described = fx.client.describeMapRun(b -> b.mapRunArn(mapRun));
        assertThat(described.itemCounts().resultsWritten()).isEqualTo(3);
        assertThat(described.executionCounts().resultsWritten()).isEqualTo(3);
    }

    @Test
    void startExecution_whenJsonataWriterConfigFlattensToJsonLines_writesOneLinePerOutputElement() throws Exception {
        String definition = """
                {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map",
                  "Items": "{% $states.input.items %}",
                  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                    "Arguments": {"Bucket": "results", "Prefix": "{% $states.input.prefix %}"},
                    "WriterConfig": {"OutputType": "JSONL", "Transformation": "FLATTEN"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass",
                      "Output": "{% [$states.input, $states.input * 10] %}", "End": true}}},
                  "End": true}}}""";

        DescribeExecutionResponse execution = run(definition, "{\"prefix\": \"flat\", \"items\": [1, 2]}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        String manifestKey = JSON.readTree(execution.output()).get("ResultWriterDetails").get("Key").asText();
        assertThat(manifestKey).startsWith("flat/").endsWith("/manifest.json");
        String key = readJson(manifestKey).get("ResultFiles").get("SUCCEEDED").get(0).get("Key").asText();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : fx.read(RESULTS, key).split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).containsExactlyInAnyOrder(JSON.readTree("1"), JSON.readTree("10"), JSON.readTree("2"),
                JSON.readTree("20"));
    }

    @Test
    void startExecution_whenOnlyWriterConfigFlatten_flattensTheStateOutputAndWritesNothing() throws Exception {
        DescribeExecutionResponse execution = run(map("\"ResultWriter\": {\"WriterConfig\": {\"Transformation\":"
                + " \"FLATTEN\", \"OutputType\": \"JSON\"}},"), "{\"items\": [{\"n\": 1}, {\"n\": 2}]}");

        assertThat(JSON.readTree(execution.output())).isEqualTo(JSON.readTree("""
                [{"n": 1}, {"n": 1}, {"n": 2}, {"n": 2}]"""));
        assertThat(fx.s3().listObjectsV2(b -> b.bucket(RESULTS)).contents()).isEmpty();
    }

    @Test
    void startExecution_whenToleranceExceeded_writesTheFailureAndTheItemsNeverStartedAsPending() throws Exception {
        String writer = """
                "MaxConcurrency": 1, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                  "Parameters": {"Bucket": "results"}},""";

        DescribeExecutionResponse execution = run(map(writer), "{\"items\": [{\"fail\": true}, {\"n\": 2}, {\"n\": 3}]}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        String mapRun = fx.client.listMapRuns(b -> b.executionArn(execution.executionArn())).mapRuns().get(0)
                .mapRunArn();
        String folder = mapRun.substring(mapRun.lastIndexOf(':') + 1) + "/";
        JsonNode files = readJson(folder + "manifest.json").get("ResultFiles");
        assertThat(files.get("SUCCEEDED")).isEmpty();
        assertThat(files.get("FAILED").get(0).get("Key").asText()).isEqualTo(folder + "FAILED_0.json");
        JsonNode pending = readJson(folder + "PENDING_0.json");
        assertThat(pending).hasSize(2);
        assertThat(JSON.readTree(pending.get(0).get("Input").asText())).isEqualTo(JSON.readTree("{\"n\": 2}"));
        assertThat(fx.client.describeMapRun(b -> b.mapRunArn(mapRun)).status()).isEqualTo(MapRunStatus.FAILED);
    }

    @Test
    void startExecution_whenResultBucketMissing_failsWithResultWriterFailed() {
        DescribeExecutionResponse execution = run(map("""
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "nowhere"}},"""),
                "{\"items\": [{\"n\": 1}]}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("States.ResultWriterFailed");
        assertThat(execution.cause()).contains("s3://nowhere/").contains("S3.NoSuchBucketException");
        String mapRun = fx.client.listMapRuns(b -> b.executionArn(execution.executionArn())).mapRuns().get(0)
                .mapRunArn();
        assertThat(fx.client.describeMapRun(b -> b.mapRunArn(mapRun)).status()).isEqualTo(MapRunStatus.FAILED);
    }

    @Test
    void createStateMachine_whenResultWriterInvalid_throwsInvalidDefinitionNamingTheProblem() {
        String inline = map("\"ResultWriter\": {\"WriterConfig\": {\"OutputType\": \"JSON\"}},")
                .replace("\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"", "\"Mode\": \"INLINE\"");
        String wrongResource = map("""
                "ResultWriter": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b"}},""");
        String empty = map("\"ResultWriter\": {},");
        String badTransformation = map("\"ResultWriter\": {\"WriterConfig\": {\"Transformation\": \"SQUASH\"}},");

        assertThat(rejection(inline)).contains("ResultWriter is only supported in a Map whose ProcessorConfig.Mode is"
                + " DISTRIBUTED");
        assertThat(rejection(wrongResource)).contains("The ResultWriter Resource must be"
                + " arn:aws:states:::s3:putObject at /States/M/ResultWriter/Resource");
        assertThat(rejection(empty)).contains("ResultWriter must specify WriterConfig, or Resource and Parameters");
        assertThat(rejection(badTransformation)).contains("WriterConfig.Transformation must be NONE, COMPACT or"
                + " FLATTEN");
    }

    private String rejection(String definition) {
        String name = "invalid" + ++machines;
        Throwable thrown = catchThrowable(() -> fx.client.createStateMachine(b -> b.name(name)
                .definition(definition).roleArn(SfnFixture.ROLE)));
        assertThat(thrown).isInstanceOf(InvalidDefinitionException.class);
        return thrown.getMessage();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
