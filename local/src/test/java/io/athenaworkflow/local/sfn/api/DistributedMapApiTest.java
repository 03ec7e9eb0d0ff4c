package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;

/**
 * Distributed Map (ItemReader over the local S3, ItemBatcher, tolerances, Map Run events) through the SDK v2 JSON API.
 */
class DistributedMapApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "datasets";
    private static final String DISTRIBUTED = """
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}""";

    private SfnFixture fx;
    private int machines;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(new FakeLambda());
        fx.aws.s3().createBucket(BUCKET);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private void put(String key, String content) {
        fx.put(BUCKET, key, content);
    }

    private DescribeExecutionResponse run(String definition, String input) {
        return fx.runViaApi("dmap" + ++machines, definition, input);
    }

    private List<HistoryEvent> history(DescribeExecutionResponse execution) {
        return fx.history(execution.executionArn());
    }

    private static JsonNode output(DescribeExecutionResponse execution) throws Exception {
        assertThat(execution.status()).as("status (error %s: %s)", execution.error(), execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        return JSON.readTree(execution.output());
    }

    /** A JSONPath Distributed Map over {@code reader}, each iteration passing its item through. */
    private static String jsonPathMap(String reader, String extra) {
        return """
                {"StartAt": "Rows", "States": {"Rows": {"Type": "Map", %s "ItemReader": %s,
                  "ItemProcessor": {%s, "StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
                  "End": true}}}""".formatted(extra, reader, DISTRIBUTED);
    }

    @Test
    void startExecution_whenCsvWithHeaderRow_runsOneIterationPerRowWithStringFields() throws Exception {
        put("in/people.csv", "name,age\nada,36\n\"lovelace, a\",37\n");
        String reader = """
                {"Resource": "arn:aws:states:::s3:getObject",
                 "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                 "Parameters": {"Bucket": "datasets", "Key.$": "$.key"}}""";

        DescribeExecutionResponse execution = run(jsonPathMap(reader, "\"Label\": \"people\","),
                "{\"key\": \"in/people.csv\"}");

        assertThat(output(execution)).isEqualTo(JSON.readTree("""
                [{"name": "ada", "age": "36"}, {"name": "lovelace, a", "age": "37"}]"""));
        List<HistoryEvent> events = history(execution);
        HistoryEvent started = events.stream().filter(e -> e.type() == HistoryEventType.MAP_RUN_STARTED)
                .findFirst().orElseThrow();
        assertThat(started.mapRunStartedEventDetails().mapRunArn())
                .matches("arn:aws:states:us-east-1:\\d{12}:mapRun:dmap1/people:[0-9a-f-]{36}");
        assertThat(events).extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.MAP_STATE_STARTED,
                HistoryEventType.MAP_RUN_STARTED, HistoryEventType.MAP_RUN_SUCCEEDED,
                HistoryEventType.MAP_STATE_SUCCEEDED);
    }

    @Test
    void startExecution_whenCsvHeadersGivenAndMaxItems_keysRowsByTheGivenHeadersUpToMaxItems() throws Exception {
        put("ratings.csv", "1,307,3.5\n1,481,3.5\n2,1091,1.5\n");
        String reader = """
                {"Resource": "arn:aws:states:::s3:getObject",
                 "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                   "CSVHeaders": ["userId", "movieId", "rating"], "MaxItems": 2},
                 "Parameters": {"Bucket": "datasets", "Key": "ratings.csv"}}""";

        JsonNode out = output(run(jsonPathMap(reader, ""), "{}"));

        assertThat(out).isEqualTo(JSON.readTree("""
                [{"userId": "1", "movieId": "307", "rating": "3.5"},
                 {"userId": "1", "movieId": "481", "rating": "3.5"}]"""));
    }

    @Test
    void startExecution_whenJsonataReadsJsonArrayAndJsonLines_selectsEachItem() throws Exception {
        put("a.json", "[{\"n\": 1}, {\"n\": 2}]");
        put("b.jsonl", "{\"n\": 3}\n{\"n\": 4}\n");
        String definition = """
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                      "ReaderConfig": {"InputType": "JSON"},
                      "Arguments": {"Bucket": "datasets", "Key": "{% $states.input.json %}"}},
                    "ItemSelector": {"double": "{% $states.context.Map.Item.Value.n * 2 %}"},
                    "ItemProcessor": {CONFIG, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                    "Assign": {"fromJson": "{% $states.result %}"}, "Next": "B"},
                  "B": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                      "ReaderConfig": {"InputType": "JSONL"}, "Arguments": {"Bucket": "datasets", "Key": "b.jsonl"}},
                    "ItemProcessor": {CONFIG, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                    "Output": {"json": "{% $fromJson %}", "jsonl": "{% $states.result %}"}, "End": true}}}"""
                .replace("CONFIG", DISTRIBUTED);

        JsonNode out = output(run(definition, "{\"json\": \"a.json\"}"));

        assertThat(out).isEqualTo(JSON.readTree("""
                {"json": [{"double": 2}, {"double": 4}], "jsonl": [{"n": 3}, {"n": 4}]}"""));
    }

    @Test
    void startExecution_whenListObjectsV2_yieldsOneItemPerObjectUnderThePrefix() throws Exception {
        put("logs/1.txt", "one");
        put("logs/2.txt", "second");
        put("other/3.txt", "x");
        String reader = """
                {"Resource": "arn:aws:states:::s3:listObjectsV2",
                 "Parameters": {"Bucket": "datasets", "Prefix": "logs/"}}""";

        JsonNode out = output(run(jsonPathMap(reader, ""), "{}"));

        assertThat(out).hasSize(2);
        assertThat(out.findValuesAsText("Key")).containsExactly("logs/1.txt", "logs/2.txt");
        assertThat(out.get(1).get("Size").asLong()).isEqualTo(6);
        assertThat(out.get(1).get("Etag").asText()).matches("\"[0-9a-f]{32}\"");
        assertThat(out.get(1).get("StorageClass").asText()).isEqualTo("STANDARD");
        assertThat(out.get(1).get("LastModified").isIntegralNumber()).isTrue();
    }

    /** Items {"fail": true|false}; a Choice fails the iteration of each failing item. */
    private static String failingItems(String tolerance) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", %s
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                    "Parameters": {"Bucket": "datasets", "Key": "items.json"}},
                  "ItemProcessor": {%s, "StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "BooleanEquals": true, "Next": "F"}],
                          "Default": "S"},
                    "F": {"Type": "Fail", "Error": "Item.Bad", "Cause": "bad item"},
                    "S": {"Type": "Succeed"}}}, "End": true}}}""".formatted(tolerance, DISTRIBUTED);
    }

    @Test
    void startExecution_whenFailuresWithinTolerance_succeedsWithTheErrorsInPlace() throws Exception {
        put("items.json", "[{\"fail\": false}, {\"fail\": true}, {\"fail\": false}, {\"fail\": false}]");

        JsonNode out = output(run(failingItems("\"ToleratedFailurePercentage\": 25,"), "{}"));

        assertThat(out.get(0)).isEqualTo(JSON.readTree("{\"fail\": false}"));
        assertThat(out.get(1)).isEqualTo(JSON.readTree("{\"Error\": \"Item.Bad\", \"Cause\": \"bad item\"}"));
    }

    @Test
    void startExecution_whenFailuresExceedTolerance_failsTheMapRunWithExceedToleratedFailureThreshold() {
        put("items.json", "[{\"fail\": true}, {\"fail\": true}, {\"fail\": false}]");

        DescribeExecutionResponse execution = run(failingItems("\"ToleratedFailureCount\": 1,"), "{}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        HistoryEvent failed = history(execution).stream().filter(e -> e.type() == HistoryEventType.MAP_RUN_FAILED)
                .findFirst().orElseThrow();
        assertThat(failed.mapRunFailedEventDetails().error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void describeMapRun_whenRunsEnded_reportsStatusSettingsAndItemCountsAndListMapRunsListsThem() {
        put("items.json", "[{\"fail\": true}, {\"fail\": false}, {\"fail\": false}, {\"fail\": false}]");

        DescribeExecutionResponse passed = run(failingItems("\"ToleratedFailureCount\": 1, \"MaxConcurrency\": 1,"),
                "{}");
        DescribeExecutionResponse failed = run(failingItems("\"MaxConcurrency\": 1,"), "{}");

        List<MapRunListItem> runs = fx.client.listMapRuns(b -> b.executionArn(passed.executionArn())).mapRuns();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).executionArn()).isEqualTo(passed.executionArn());
        assertThat(runs.get(0).stateMachineArn()).isEqualTo(passed.stateMachineArn());
        DescribeMapRunResponse ok = fx.client.describeMapRun(b -> b.mapRunArn(runs.get(0).mapRunArn()));
        assertThat(ok.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(ok.executionArn()).isEqualTo(passed.executionArn());
        assertThat(ok.maxConcurrency()).isEqualTo(1);
        assertThat(ok.toleratedFailureCount()).isEqualTo(1);
        assertThat(ok.stopDate()).isNotNull();
        assertThat(ok.itemCounts().total()).isEqualTo(4);
        assertThat(ok.itemCounts().succeeded()).isEqualTo(3);
        assertThat(ok.itemCounts().failed()).isEqualTo(1);
        assertThat(ok.itemCounts().pending()).isZero();
        assertThat(ok.executionCounts().total()).isEqualTo(4);
        String failedRun = fx.client.listMapRuns(b -> b.executionArn(failed.executionArn())).mapRuns().get(0)
                .mapRunArn();
        DescribeMapRunResponse ko = fx.client.describeMapRun(b -> b.mapRunArn(failedRun));
        assertThat(ko.status()).isEqualTo(MapRunStatus.FAILED);
        assertThat(ko.itemCounts().failed()).isEqualTo(1);
        assertThat(ko.itemCounts().aborted()).isEqualTo(3);
    }

    @Test
    void describeMapRun_whenUnknownOrNotAMapRunArn_throwsResourceNotFoundOrInvalidArn() {
        String unknown = "arn:aws:states:us-east-1:000000000000:mapRun:m/label:7b0c5f5e-0000-4000-8000-000000000000";

        assertThatThrownBy(() -> fx.client.describeMapRun(b -> b.mapRunArn(unknown)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> fx.client.describeMapRun(b -> b.mapRunArn(
                "arn:aws:states:us-east-1:000000000000:execution:m:e")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> fx.client.listMapRuns(b -> b.executionArn(
                "arn:aws:states:us-east-1:000000000000:execution:m:missing")))
                .isInstanceOf(ExecutionDoesNotExistException.class);
    }

    @Test
    void startExecution_whenNoToleranceAndOneItemFails_failsWithExceedToleratedFailureThreshold() {
        put("items.json", "[{\"fail\": false}, {\"fail\": true}]");

        DescribeExecutionResponse execution = run(failingItems(""), "{}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void startExecution_whenToleratedFailureCountPathIsNotAnInteger_failsWithStatesRuntime() {
        put("items.json", "[{\"fail\": false}]");

        DescribeExecutionResponse execution = run(failingItems("\"ToleratedFailureCountPath\": \"$.tolerate\","),
                "{\"tolerate\": \"many\"}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("States.Runtime");
        assertThat(execution.cause()).contains("ToleratedFailureCount").contains("\"many\"");
    }

    @Test
    void startExecution_whenObjectMissingOrNotTheDeclaredType_failsWithItemReaderFailed() {
        put("not-an-array.json", "{\"n\": 1}");
        String missing = """
                {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                 "Parameters": {"Bucket": "datasets", "Key": "nope.json"}}""";
        String notArray = missing.replace("nope.json", "not-an-array.json");

        DescribeExecutionResponse noKey = run(jsonPathMap(missing, ""), "{}");
        DescribeExecutionResponse wrongType = run(jsonPathMap(notArray, ""), "{}");

        assertThat(noKey.error()).isEqualTo("States.ItemReaderFailed");
        assertThat(noKey.cause()).contains("S3.NoSuchKeyException");
        assertThat(wrongType.error()).isEqualTo("States.ItemReaderFailed");
        assertThat(wrongType.cause()).contains("s3://datasets/not-an-array.json must hold a JSON array");
    }

    /** A JSONPath Distributed Map over items.json with {@code batcher}, a child failing when its first item is bad. */
    private static String batchedItems(String batcher, String extra) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", %s "ItemBatcher": %s,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                    "Parameters": {"Bucket": "datasets", "Key": "items.json"}},
                  "ItemProcessor": {%s, "StartAt": "C", "States": {
                    "C": {"Type": "Choice", "Choices": [{"Variable": "$.Items[0].fail", "BooleanEquals": true,
                          "Next": "F"}], "Default": "S"},
                    "F": {"Type": "Fail", "Error": "Batch.Bad", "Cause": "bad batch"},
                    "S": {"Type": "Succeed"}}}, "End": true}}}""".formatted(extra, batcher, DISTRIBUTED);
    }

    private DescribeMapRunResponse mapRun(DescribeExecutionResponse execution) {
        String arn = fx.client.listMapRuns(b -> b.executionArn(execution.executionArn())).mapRuns().get(0)
                .mapRunArn();
        return fx.client.describeMapRun(b -> b.mapRunArn(arn));
    }

    @Test
    void startExecution_whenItemBatcherMaxItemsAndBatchInput_givesEachChildItsSelectedItemsAndTheBatchInput()
            throws Exception {
        put("items.json", "[{\"n\": 1}, {\"n\": 2}, {\"n\": 3}, {\"n\": 4}, {\"n\": 5}]");
        String reader = """
                {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                 "Parameters": {"Bucket": "datasets", "Key": "items.json"}}""";
        String batcher = """
                "ItemSelector": {"n.$": "$$.Map.Item.Value.n", "index.$": "$$.Map.Item.Index"},
                "ItemBatcher": {"MaxItemsPerBatchPath": "$.size", "BatchInput": {"run.$": "$.run", "fixed": true}},""";

        DescribeExecutionResponse execution = run(jsonPathMap(reader, batcher), "{\"size\": 2, \"run\": \"r1\"}");

        assertThat(output(execution)).isEqualTo(JSON.readTree("""
                [{"Items": [{"n": 1, "index": 0}, {"n": 2, "index": 1}], "BatchInput": {"run": "r1", "fixed": true}},
                 {"Items": [{"n": 3, "index": 2}, {"n": 4, "index": 3}], "BatchInput": {"run": "r1", "fixed": true}},
                 {"Items": [{"n": 5, "index": 4}], "BatchInput": {"run": "r1", "fixed": true}}]"""));
        DescribeMapRunResponse mapRun = mapRun(execution);
        assertThat(mapRun.itemCounts().total()).isEqualTo(5);
        assertThat(mapRun.itemCounts().succeeded()).isEqualTo(5);
        assertThat(mapRun.executionCounts().total()).isEqualTo(3);
        assertThat(mapRun.executionCounts().succeeded()).isEqualTo(3);
    }

    @Test
    void startExecution_whenJsonataMaxInputBytesPerBatch_cutsBatchesAtTheByteLimitWithTheBatchInputCounted()
            throws Exception {
        put("items.json", "[{\"n\": 1}, {\"n\": 2}, {\"n\": 3}, {\"n\": 4}, {\"n\": 5}]");
        // {"Items":[],"BatchInput":{"at":3}} is 34 bytes and each {"n":k} 7 (plus a comma): two items make 49, three 57.
        String definition = """
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                      "ReaderConfig": {"InputType": "JSON"}, "Arguments": {"Bucket": "datasets", "Key": "items.json"}},
                    "ItemBatcher": {"MaxItemsPerBatch": "{% $states.input.most %}", "MaxInputBytesPerBatch": 50,
                      "BatchInput": {"at": "{% $states.input.most %}"}},
                    "ItemProcessor": {CONFIG, "StartAt": "P", "States": {"P": {"Type": "Pass",
                      "Output": "{% $count($states.input.Items) & '/' & $states.input.BatchInput.at %}", "End": true}}},
                    "End": true}}}"""
                .replace("CONFIG", DISTRIBUTED);

        JsonNode out = output(run(definition, "{\"most\": 3}"));

        assertThat(out).isEqualTo(JSON.readTree("[\"2/3\", \"2/3\", \"1/3\"]"));
    }

    @Test
    void startExecution_whenABatchFails_countsAllItsItemsAgainstTheTolerance() throws Exception {
        put("items.json", "[{\"fail\": true}, {\"fail\": false}, {\"fail\": false}, {\"fail\": false}]");
        String batcher = "{\"MaxItemsPerBatch\": 2}";

        DescribeExecutionResponse tolerated = run(batchedItems(batcher, "\"ToleratedFailureCount\": 2,"), "{}");
        DescribeExecutionResponse exceeded = run(batchedItems(batcher, "\"ToleratedFailureCount\": 1,"), "{}");

        assertThat(output(tolerated)).isEqualTo(JSON.readTree("""
                [{"Error": "Batch.Bad", "Cause": "bad batch"}, {"Items": [{"fail": false}, {"fail": false}]}]"""));
        DescribeMapRunResponse toleratedRun = mapRun(tolerated);
        assertThat(toleratedRun.itemCounts().failed()).isEqualTo(2);
        assertThat(toleratedRun.itemCounts().succeeded()).isEqualTo(2);
        assertThat(toleratedRun.executionCounts().failed()).isEqualTo(1);
        assertThat(exceeded.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(exceeded.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(mapRun(exceeded).status()).isEqualTo(MapRunStatus.FAILED);
    }

    @Test
    void startExecution_whenBatchLimitFromPathInvalidOrItemTooLarge_failsWithStatesRuntime() {
        put("items.json", "[{\"fail\": false}, {\"fail\": false, \"pad\": \"%s\"}]".formatted("x".repeat(100)));

        DescribeExecutionResponse zero = run(batchedItems("{\"MaxItemsPerBatchPath\": \"$.size\"}", ""),
                "{\"size\": 0}");
        DescribeExecutionResponse tooManyBytes = run(batchedItems(
                "{\"MaxInputBytesPerBatchPath\": \"$.bytes\"}", ""), "{\"bytes\": 262145}");
        DescribeExecutionResponse itemTooLarge = run(batchedItems("{\"MaxInputBytesPerBatch\": 64}", ""), "{}");

        assertThat(zero.error()).isEqualTo("States.Runtime");
        assertThat(zero.cause()).contains("MaxItemsPerBatch value must be an integer from 1 to").contains("was 0");
        assertThat(tooManyBytes.error()).isEqualTo("States.Runtime");
        assertThat(tooManyBytes.cause()).contains("MaxInputBytesPerBatch value must be an integer from 1 to 262144");
        assertThat(itemTooLarge.error()).isEqualTo("States.Runtime");
        assertThat(itemTooLarge.cause()).contains("Item 1 is").contains("exceeds the MaxInputBytesPerBatch of 64");
        assertThat(fx.client.listMapRuns(b -> b.executionArn(zero.executionArn())).mapRuns()).isEmpty();
    }

    @Test
    void createStateMachine_whenItemBatcherSetsNoLimit_throwsInvalidDefinition() {
        assertThatThrownBy(() -> fx.client.createStateMachine(b -> b.name("nolimit").roleArn(SfnFixture.ROLE)
                .definition(batchedItems("{\"BatchInput\": {\"k\": 1}}", ""))))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("SCHEMA_VALIDATION_FAILED")
                        .contains("ItemBatcher must set at least one of MaxItemsPerBatch"));
    }
}
