package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;

/**
 * A Distributed Map's ItemReader options through the Step Functions JSON API with the SDK v2: CSVDelimiter,
 * MaxItemsPath and a JSONata MaxItems, and S3 inventory manifests (InputType MANIFEST) over the local S3.
 */
class ItemReaderApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "datasets";

    private SfnFixture fx;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(new FakeLambda());
        fx.aws.s3().createBucket(BUCKET);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private DescribeExecutionResponse run(String definition, String input) {
        String machine = fx.client.createStateMachine(b -> b.name("sm-" + UUID.randomUUID()).definition(definition)
                .roleArn(SfnFixture.ROLE)).stateMachineArn();
        String arn = fx.client.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
        SfnFixture.await(fx.sfn.describeExecution(arn));
        return fx.client.describeExecution(b -> b.executionArn(arn));
    }

    private static JsonNode output(DescribeExecutionResponse execution) throws Exception {
        assertThat(execution.status()).as("status (error %s: %s)", execution.error(), execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        return JSON.readTree(execution.output());
    }

    /** A JSONPath (or, with {@code language} "JSONata", JSONata) Distributed Map passing each item through. */
    private static String map(String language, String reader) {
        return """
                {"QueryLanguage": "%s", "StartAt": "Rows", "States": {"Rows": {"Type": "Map", "ItemReader": %s,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
                  "End": true}}}""".formatted(language, reader);
    }

    private void put(String key, byte[] content) {
        fx.aws.objectStore().put(BUCKET, key, content, "application/octet-stream");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '/', ignoreLeadingAndTrailingWhitespace = false,
            value = {"COMMA/,", "PIPE/|", "SEMICOLON/;", "SPACE/ ", "TAB/\t"})
    void startExecution_whenCsvDelimiterSet_splitsRowsOnThatCharacter(String delimiter, char character)
            throws Exception {
        String d = String.valueOf(character);
        put("rows.csv", ("name" + d + "note\nada" + d + "\"a, b; c|d e\"\ngrace" + d + "x\n")
                .getBytes(StandardCharsets.UTF_8));
        String reader = """
                {"Resource": "arn:aws:states:::s3:getObject",
                 "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "CSVDelimiter": "%s"},
                 "Parameters": {"Bucket": "datasets", "Key": "rows.csv"}}""".formatted(delimiter);

        assertThat(output(run(map("JSONPath", reader), "{}"))).isEqualTo(JSON.readTree("""
                [{"name": "ada", "note": "a, b; c|d e"}, {"name": "grace", "note": "x"}]"""));
    }

    @Test
    void startExecution_whenMaxItemsPathOrJsonataMaxItems_readsTheLimitFromTheInput() throws Exception {
        put("n.json", "[1, 2, 3, 4]".getBytes(StandardCharsets.UTF_8));
        String jsonPath = """
                {"Resource": "arn:aws:states:::s3:getObject",
                 "ReaderConfig": {"InputType": "JSON", "MaxItemsPath": "$.limit"},
                 "Parameters": {"Bucket": "datasets", "Key": "n.json"}}""";
        String jsonata = """
                {"Resource": "arn:aws:states:::s3:getObject",
                 "ReaderConfig": {"InputType": "JSON", "MaxItems": "{% $states.input.limit + 1 %}"},
                 "Arguments": {"Bucket": "datasets", "Key": "n.json"}}""";

        assertThat(output(run(map("JSONPath", jsonPath), "{\"limit\": 2}"))).isEqualTo(JSON.readTree("[1, 2]"));
        assertThat(output(run(map("JSONata", jsonata), "{\"limit\": 2}"))).isEqualTo(JSON.readTree("[1, 2, 3]"));
        assertThat(output(run(map("JSONPath", jsonPath), "{\"limit\": 0}"))).isEqualTo(JSON.readTree("[1, 2, 3, 4]"));
    }

    @Test
    void startExecution_whenMaxItemsPathNotANonNegativeInteger_failsWithItemReaderFailed() {
        put("n.json", "[1, 2]".getBytes(StandardCharsets.UTF_8));
        String reader = """
                {"Resource": "arn:aws:states:::s3:getObject",
                 "ReaderConfig": {"InputType": "JSON", "MaxItemsPath": "$.limit"},
                 "Parameters": {"Bucket": "datasets", "Key": "n.json"}}""";

        DescribeExecutionResponse text = run(map("JSONPath", reader), "{\"limit\": \"two\"}");
        DescribeExecutionResponse negative = run(map("JSONPath", reader), "{\"limit\": -1}");
        DescribeExecutionResponse missing = run(map("JSONPath", reader), "{}");

        assertThat(text.error()).isEqualTo("States.ItemReaderFailed");
        assertThat(text.cause()).contains("MaxItemsPath").contains("'\"two\"'").contains("not a valid integer");
        assertThat(negative.error()).isEqualTo("States.ItemReaderFailed");
        assertThat(negative.cause()).contains("must not be negative");
        assertThat(missing.error()).isEqualTo("States.Runtime");
        assertThat(missing.cause()).contains("$.limit");
    }

    @Test
    void startExecution_whenS3InventoryManifest_runsOneIterationPerInventoryRow() throws Exception {
        put("inventory/data/part-1.csv.gz", gzip("""
                "src","a.txt","12","2025-01-01T00:00:00.000Z"
                "src","dir/b, c.txt","0","2025-01-02T00:00:00.000Z"
                """));
        put("inventory/data/part-2.csv", """
                "src","z.txt","7","2025-01-03T00:00:00.000Z"
                """.getBytes(StandardCharsets.UTF_8));
        put("inventory/manifest.json", """
                {"sourceBucket": "src", "destinationBucket": "arn:aws:s3:::datasets", "version": "2016-11-30",
                 "creationTimestamp": "1735689600000", "fileFormat": "CSV",
                 "fileSchema": "Bucket, Key, Size, LastModifiedDate",
                 "files": [{"key": "inventory/data/part-1.csv.gz", "size": 90, "MD5checksum": "x"},
                           {"key": "inventory/data/part-2.csv", "size": 40, "MD5checksum": "y"}]}"""
                .getBytes(StandardCharsets.UTF_8));
        String reader = """
                {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST"},
                 "Parameters": {"Bucket": "datasets", "Key": "inventory/manifest.json"}}""";

        assertThat(output(run(map("JSONPath", reader), "{}"))).isEqualTo(JSON.readTree("""
                [{"Bucket": "src", "Key": "a.txt", "Size": "12", "LastModifiedDate": "2025-01-01T00:00:00.000Z"},
                 {"Bucket": "src", "Key": "dir/b, c.txt", "Size": "0",
                  "LastModifiedDate": "2025-01-02T00:00:00.000Z"},
                 {"Bucket": "src", "Key": "z.txt", "Size": "7", "LastModifiedDate": "2025-01-03T00:00:00.000Z"}]"""));
    }

    @Test
    void startExecution_whenManifestNotCsvOrDataFileMissing_failsWithItemReaderFailed() {
        put("orc/manifest.json", """
                {"destinationBucket": "arn:aws:s3:::datasets", "fileFormat": "ORC", "fileSchema": "Bucket, Key",
                 "files": [{"key": "orc/data/1.orc"}]}""".getBytes(StandardCharsets.UTF_8));
        put("gone/manifest.json", """
                {"destinationBucket": "arn:aws:s3:::datasets", "fileFormat": "CSV", "fileSchema": "Bucket, Key",
                 "files": [{"key": "gone/data/1.csv.gz"}]}""".getBytes(StandardCharsets.UTF_8));
        String reader = """
                {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST"},
                 "Parameters": {"Bucket": "datasets", "Key.$": "$.manifest"}}""";

        DescribeExecutionResponse orc = run(map("JSONPath", reader), "{\"manifest\": \"orc/manifest.json\"}");
        DescribeExecutionResponse gone = run(map("JSONPath", reader), "{\"manifest\": \"gone/manifest.json\"}");

        assertThat(orc.error()).isEqualTo("States.ItemReaderFailed");
        assertThat(orc.cause()).contains("'ORC'").contains("only CSV inventories");
        assertThat(gone.error()).isEqualTo("States.ItemReaderFailed");
        assertThat(gone.cause()).contains("S3.NoSuchKeyException");
    }

    @Test
    void createStateMachine_whenReaderConfigInvalidOrUnsupported_isRefusedNamingTheField() {
        String badDelimiter = """
                {"Resource": "arn:aws:states:::s3:getObject",
                 "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "CSVDelimiter": "COLON"},
                 "Parameters": {"Bucket": "datasets", "Key": "k"}}""";
        String both = """
                {"Resource": "arn:aws:states:::s3:getObject",
                 "ReaderConfig": {"InputType": "JSON", "MaxItems": 1, "MaxItemsPath": "$.n"},
                 "Parameters": {"Bucket": "datasets", "Key": "k"}}""";
        String parquet = """
                {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "PARQUET"},
                 "Parameters": {"Bucket": "datasets", "Key": "k"}}""";

        assertThatThrownBy(() -> run(map("JSONPath", badDelimiter), "{}"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("CSVDelimiter must be one of COMMA, PIPE, SEMICOLON, SPACE or TAB");
        assertThatThrownBy(() -> run(map("JSONPath", both), "{}"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("MaxItems and MaxItemsPath are mutually exclusive");
        assertThatThrownBy(() -> run(map("JSONPath", parquet), "{}"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("UNSUPPORTED_BY_LOCAL_RUNTIME").hasMessageContaining("PARQUET");
    }
}
