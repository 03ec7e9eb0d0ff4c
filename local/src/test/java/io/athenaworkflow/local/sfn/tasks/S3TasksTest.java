package io.athenaworkflow.local.sfn.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.s3.ObjectStore;
import io.athenaworkflow.local.sfn.api.FakeLambda;
import io.athenaworkflow.local.sfn.api.SfnFixture;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** aws-sdk:s3 tasks against the local S3 (S3Proxy's store) through the Step Functions service. */
class S3TasksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "data";

    private SfnFixture fx;
    private ObjectStore store;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(new FakeLambda());
        fx.aws.s3().createBucket(BUCKET);
        store = fx.aws.objectStore();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private Execution task(String action, String arguments) {
        return fx.run("""
                {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:s3:%s", "Arguments": %s, "End": true}}}"""
                .formatted(action, arguments), "{}");
    }

    private static JsonNode output(Execution execution) throws Exception {
        ExecutionResult result = SfnFixture.await(execution);
        assertThat(result.status()).as("status (error %s: %s)", result.error(), result.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        return JSON.readTree(result.output());
    }

    private void put(String key, String content) {
        store.put(BUCKET, key, content.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    @Test
    void getObject_whenObjectExists_returnsBodyAndMetadata() throws Exception {
        put("queries/q.sql", "SELECT 1");

        Execution execution = task("getObject", "{\"Bucket\": \"data\", \"Key\": \"queries/q.sql\"}");
        JsonNode out = output(execution);

        assertThat(out.get("Body").asText()).isEqualTo("SELECT 1");
        assertThat(out.get("ContentLength").asLong()).isEqualTo(8);
        // The MD5 of "SELECT 1", as S3 computes a single-part ETag.
        assertThat(out.get("ETag").asText()).isEqualTo("\"" + md5("SELECT 1") + "\"");
        assertThat(out.get("LastModified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        HistoryEvent scheduled = execution.history().stream().filter(e -> e.type().equals("TaskScheduled"))
                .findFirst().orElseThrow();
        assertThat(scheduled.details().get("resourceType").asText()).isEqualTo("aws-sdk:s3");
        assertThat(scheduled.details().get("resource").asText()).isEqualTo("getObject");
    }

    @Test
    void getObject_whenKeyOrBucketMissing_failsWithS3NamedErrorsThatCatchCanHandle() throws Exception {
        ExecutionResult noKey = SfnFixture.await(task("getObject", "{\"Bucket\": \"data\", \"Key\": \"nope\"}"));
        ExecutionResult noBucket = SfnFixture.await(task("getObject", "{\"Bucket\": \"ghost\", \"Key\": \"k\"}"));
        JsonNode caught = output(fx.run("""
                {"StartAt": "Read", "States": {
                  "Read": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                           "Parameters": {"Bucket": "data", "Key": "nope"},
                           "Catch": [{"ErrorEquals": ["S3.NoSuchKeyException"], "ResultPath": "$.error",
                                      "Next": "Default"}], "End": true},
                  "Default": {"Type": "Pass", "End": true}}}""", "{}"));

        assertThat(noKey.error()).isEqualTo("S3.NoSuchKeyException");
        assertThat(noKey.cause()).matches("The specified key does not exist\\. \\(Service: S3, Status Code: 404,"
                + " Request ID: [0-9A-F]{16}, Extended Request ID: \\S+\\)");
        assertThat(noBucket.error()).isEqualTo("S3.NoSuchBucketException");
        assertThat(noBucket.cause()).startsWith("The specified bucket does not exist (Service: S3, Status Code: 404");
        assertThat(caught.get("error").get("Error").asText()).isEqualTo("S3.NoSuchKeyException");
    }

    @Test
    void putObject_whenBodyIsTextOrJson_storesItAndReturnsTheEtag() throws Exception {
        JsonNode text = output(task("putObject", "{\"Bucket\": \"data\", \"Key\": \"out/a.txt\", \"Body\": \"hi\"}"));
        JsonNode json = output(task("putObject", "{\"Bucket\": \"data\", \"Key\": \"out/b.json\", \"Body\": {\"x\": 1}}"));

        assertThat(store.file(BUCKET, "out/a.txt")).hasValueSatisfying(f -> assertThat(f).hasContent("hi"));
        assertThat(store.file(BUCKET, "out/b.json")).hasValueSatisfying(f -> assertThat(f).hasContent("{\"x\":1}"));
        assertThat(text.get("ETag").asText()).isEqualTo("\"" + md5("hi") + "\"");
        assertThat(json.get("ETag").asText()).isEqualTo("\"" + md5("{\"x\":1}") + "\"");
    }

    @Test
    void headObject_whenMissing_reportsNoSuchKeyWithTheNullMessageOfAHeadRequest() throws Exception {
        put("present", "12345");

        JsonNode present = output(task("headObject", "{\"Bucket\": \"data\", \"Key\": \"present\"}"));
        ExecutionResult missing = SfnFixture.await(task("headObject", "{\"Bucket\": \"data\", \"Key\": \"absent\"}"));

        assertThat(present.get("ContentLength").asLong()).isEqualTo(5);
        assertThat(present.has("Body")).isFalse();
        assertThat(missing.error()).isEqualTo("S3.NoSuchKeyException");
        assertThat(missing.cause()).startsWith("null (Service: S3, Status Code: 404, Request ID: ");
    }

    @Test
    void listObjectsV2_whenDelimitedAndPaged_groupsPrefixesAndContinues() throws Exception {
        for (String key : new String[] {"a/1", "a/2", "b/3", "top-1", "top-2"}) {
            put(key, key);
        }

        JsonNode grouped = output(task("listObjectsV2", "{\"Bucket\": \"data\", \"Delimiter\": \"/\"}"));
        JsonNode firstPage = output(task("listObjectsV2", "{\"Bucket\": \"data\", \"Prefix\": \"a/\", \"MaxKeys\": 1}"));
        JsonNode secondPage = output(task("listObjectsV2", "{\"Bucket\": \"data\", \"Prefix\": \"a/\", \"MaxKeys\": 1,"
                + " \"ContinuationToken\": \"" + firstPage.get("NextContinuationToken").asText() + "\"}"));

        assertThat(grouped.get("CommonPrefixes")).isEqualTo(JSON.readTree("[{\"Prefix\":\"a/\"},{\"Prefix\":\"b/\"}]"));
        assertThat(grouped.get("Contents").findValuesAsText("Key")).containsExactly("top-1", "top-2");
        assertThat(grouped.get("KeyCount").asInt()).isEqualTo(4);
        assertThat(grouped.get("IsTruncated").asBoolean()).isFalse();
        assertThat(grouped.get("Contents").get(0).get("Size").asInt()).isEqualTo(5);
        assertThat(firstPage.get("Contents").findValuesAsText("Key")).containsExactly("a/1");
        assertThat(firstPage.get("IsTruncated").asBoolean()).isTrue();
        assertThat(secondPage.get("Contents").findValuesAsText("Key")).containsExactly("a/2");
        assertThat(secondPage.get("IsTruncated").asBoolean()).isFalse();
        assertThat(secondPage.has("NextContinuationToken")).isFalse();
    }

    @Test
    void deleteObjects_whenGiven_removesExactlyThoseKeys() throws Exception {
        put("keep", "k");
        put("gone-1", "1");
        put("gone-2", "2");
        put("gone-3", "3");

        JsonNode many = output(task("deleteObjects", "{\"Bucket\": \"data\", \"Delete\": {\"Objects\": [{\"Key\":"
                + " \"gone-1\"}, {\"Key\": \"gone-2\"}]}}"));
        JsonNode one = output(task("deleteObject", "{\"Bucket\": \"data\", \"Key\": \"gone-3\"}"));

        assertThat(many.get("Deleted").findValuesAsText("Key")).containsExactly("gone-1", "gone-2");
        assertThat(one.isEmpty()).isTrue();
        assertThat(store.listKeys(BUCKET, "")).containsExactly("keep");
    }

    @Test
    void copyObject_whenSourceExists_copiesTheContent() throws Exception {
        put("src/report v1.csv", "a,b\n1,2\n");

        JsonNode out = output(task("copyObject", "{\"Bucket\": \"data\", \"Key\": \"dst/report.csv\","
                + " \"CopySource\": \"data/src/report%20v1.csv\"}"));

        assertThat(store.file(BUCKET, "dst/report.csv")).hasValueSatisfying(f ->
                assertThat(f).hasContent("a,b\n1,2\n"));
        assertThat(out.get("CopyObjectResult").get("ETag").asText()).isEqualTo("\"" + md5("a,b\n1,2\n") + "\"");
    }

    @Test
    void s3Tasks_whenActionUnsupportedOrParameterMissing_failClearly() {
        ExecutionResult unsupported = SfnFixture.await(task("createBucket", "{\"Bucket\": \"new\"}"));
        ExecutionResult noKey = SfnFixture.await(task("getObject", "{\"Bucket\": \"data\"}"));

        assertThat(unsupported.error()).isEqualTo("States.Runtime");
        assertThat(unsupported.cause()).contains("arn:aws:states:::aws-sdk:s3:createBucket").contains("getObject");
        assertThat(noKey.error()).isEqualTo("S3.SdkClientException");
        assertThat(noKey.cause()).contains("'Key'");
        assertThat(store.bucketExists("new")).isFalse();
    }

    private static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
