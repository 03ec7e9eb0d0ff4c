package io.athenaworkflow.athena.start;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.config.WorkflowDefaults;
import io.athenaworkflow.athena.errors.AccessDeniedException;
import io.athenaworkflow.athena.errors.ServiceUnavailableException;
import io.athenaworkflow.athena.errors.InvalidEventException;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.athena.errors.QueryFileNotFoundException;
import io.athenaworkflow.testing.FakeS3;
import io.athenaworkflow.testing.TestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static io.athenaworkflow.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TriggerEventsTest {

    private static final String BUCKET = "query-drop";
    private static final WorkflowDefaults DEFAULTS = WorkflowDefaults.fromEnvironment(Map.of(
            "ATHENA_DATABASE", "sales",
            "ATHENA_OUTPUT_LOCATION", "s3://results-bucket/athena-workflow/",
            "EXPECTED_BUCKET_OWNER", FakeS3.OWNER,
            "CLEANUP_MODE", "ALWAYS"));

    private final FakeS3 s3 = new FakeS3().bucket(BUCKET);
    private final TriggerEvents events = new TriggerEvents(s3, TestJson.MAPPER, DEFAULTS);

    /** An EventBridge "Object Created" event as S3 sends it. */
    static ObjectNode objectCreated(String bucket, String key) {
        return TestJson.object("""
                {'version': '0', 'id': '17793124-05d4-b198-2fde-7ededc63b103', 'detail-type': 'Object Created',
                 'source': 'aws.s3', 'account': '111122223333', 'time': '2024-05-01T10:00:00Z', 'region': 'eu-west-1',
                 'resources': ['arn:aws:s3:::BUCKET'],
                 'detail': {'version': '0', 'bucket': {'name': 'BUCKET'},
                            'object': {'key': 'KEY', 'size': 5, 'etag': 'b1946ac92492d2347c6235b4d2611184',
                                       'sequencer': '00617F08299329D189'},
                            'request-id': 'N4N7GDK58NMKJ12R', 'requester': '111122223333',
                            'source-ip-address': '203.0.113.15', 'reason': 'PutObject'}}
                """.replace("BUCKET", bucket).replace("KEY", key));
    }

    @Test
    void read_whenSqlObjectCreated_usesItsTextWithTheDefaults() {
        s3.put(BUCKET, "queries/daily.sql", "SELECT count(*) FROM orders\n");

        QueryRequest request = events.read(objectCreated(BUCKET, "queries/daily.sql"));

        assertThat(request.sql()).isEqualTo("SELECT count(*) FROM orders\n");
        assertThat(request.database()).isEqualTo("sales");
        assertThat(request.outputLocation()).hasToString("s3://results-bucket/athena-workflow/");
        assertThat(request.cleanup()).isEqualTo(CleanupMode.ALWAYS);
        assertThat(s3.getRequests()).singleElement().satisfies(get -> {
            assertThat(get.bucket()).isEqualTo(BUCKET);
            assertThat(get.key()).isEqualTo("queries/daily.sql");
            assertThat(get.expectedBucketOwner()).isEqualTo(FakeS3.OWNER);
        });
    }

    @Test
    void read_whenSuffixInUpperCase_stillRecognisesIt() {
        s3.put(BUCKET, "queries/DAILY.SQL", "SELECT 1");

        assertThat(events.read(objectCreated(BUCKET, "queries/DAILY.SQL")).sql()).isEqualTo("SELECT 1");
    }

    @Test
    void read_whenJsonRequestObjectCreated_usesTheWholeRequest() {
        s3.put(BUCKET, "queries/report.json", """
                {"sql": "SELECT * FROM t WHERE d = ?", "parameters": ["DATE '2024-05-01'"], "database": "finance",
                 "timeoutSeconds": 120, "cleanup": "NEVER"}
                """);

        QueryRequest request = events.read(objectCreated(BUCKET, "queries/report.json"));

        assertThat(request.sql()).isEqualTo("SELECT * FROM t WHERE d = ?");
        assertThat(request.parameters()).containsExactly("DATE '2024-05-01'");
        assertThat(request.database()).isEqualTo("finance");
        assertThat(request.timeoutSeconds()).isEqualTo(120);
        assertThat(request.cleanup()).isEqualTo(CleanupMode.NEVER);
    }

    @Test
    void read_whenNotAnEvent_parsesTheRequestDirectlyWithoutReadingS3() {
        QueryRequest request = events.read(json("{'sql': 'SELECT 2', 'database': 'x'}"));

        assertThat(request.sql()).isEqualTo("SELECT 2");
        assertThat(request.database()).isEqualTo("x");
        assertThat(s3.getRequests()).isEmpty();
    }

    @Test
    void read_whenObjectNoLongerExists_throwsQueryFileNotFoundNamingIt() {
        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "queries/gone.sql")))
                .isInstanceOf(QueryFileNotFoundException.class)
                .hasMessageContaining("s3://query-drop/queries/gone.sql")
                .hasMessageContaining("no longer exists");
    }

    @Test
    void read_whenBucketOwnedByAnotherAccount_throwsAccessDenied() {
        FakeS3 foreign = new FakeS3().bucket(BUCKET, "444455556666").put(BUCKET, "q.sql", "SELECT 1");
        TriggerEvents guarded = new TriggerEvents(foreign, TestJson.MAPPER, DEFAULTS);

        assertThatThrownBy(() -> guarded.read(objectCreated(BUCKET, "q.sql")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("s3://query-drop/q.sql");
    }

    @Test
    void read_whenS3FailsWithAServerError_throwsUnavailable() {
        s3.put(BUCKET, "q.sql", "SELECT 1").failNext(FakeS3.GET, FakeS3.error(500, "InternalError", "We encountered an internal error."));

        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "q.sql"))).isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void read_whenSqlObjectEmpty_throwsSayingSo() {
        s3.put(BUCKET, "q.sql", new byte[0]);

        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "q.sql")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("The query file s3://query-drop/q.sql is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"   ", "\n\n", "\t \r\n", "\uFEFF", "\uFEFF  \n"})
    void read_whenSqlObjectBlankOrOnlyABom_throwsSayingItIsEmpty(String content) {
        s3.put(BUCKET, "q.sql", content);

        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "q.sql")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void read_whenSqlObjectNotUtf8_throwsAskingForUtf8() {
        // "SELECT 'café'" saved as ISO-8859-1: 0xE9 starts a multi-byte sequence that never completes.
        s3.put(BUCKET, "q.sql", "SELECT 'café'".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "q.sql")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("s3://query-drop/q.sql is not valid UTF-8");
    }

    @Test
    void read_whenSqlObjectHasAnInvalidUtf8Sequence_throws() {
        s3.put(BUCKET, "q.sql", new byte[]{'S', 'E', 'L', (byte) 0xC3, (byte) 0x28});

        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "q.sql"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void read_whenSqlObjectStartsWithABom_stripsIt() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "SELECT 'ü'".getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(bom, bom.length + text.length);
        System.arraycopy(text, 0, content, bom.length, text.length);
        s3.put(BUCKET, "q.sql", content);

        assertThat(events.read(objectCreated(BUCKET, "q.sql")).sql()).isEqualTo("SELECT 'ü'");
    }

    @Test
    void read_whenJsonObjectStartsWithABom_stripsIt() {
        s3.put(BUCKET, "q.json", "\uFEFF{\"sql\": \"SELECT 3\"}");

        assertThat(events.read(objectCreated(BUCKET, "q.json")).sql()).isEqualTo("SELECT 3");
    }

    @Test
    void read_whenSqlObjectExactlyAtTheLimit_acceptsIt() {
        String sql = "SELECT '" + "x".repeat(QueryRequest.MAX_SQL_BYTES - 9) + "'";
        s3.put(BUCKET, "big.sql", sql);

        assertThat(events.read(objectCreated(BUCKET, "big.sql")).sql()).hasSize(QueryRequest.MAX_SQL_BYTES);
    }

    @Test
    void read_whenSqlObjectAtTheLimitFollowsABom_acceptsIt() {
        String sql = "SELECT '" + "x".repeat(QueryRequest.MAX_SQL_BYTES - 9) + "'";
        s3.put(BUCKET, "big.sql", "\uFEFF" + sql);

        assertThat(events.read(objectCreated(BUCKET, "big.sql")).sql()).isEqualTo(sql);
    }

    @Test
    void read_whenSqlObjectLargerThanAthenaAccepts_throwsWithTheLimit() {
        s3.put(BUCKET, "big.sql", "SELECT '" + "x".repeat(QueryRequest.MAX_SQL_BYTES) + "'");

        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "big.sql")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("s3://query-drop/big.sql is larger than 262144 bytes");
    }

    @Test
    void read_whenJsonObjectLargerThanOneMebibyte_throws() {
        s3.put(BUCKET, "big.json", "{\"sql\": \"SELECT 1\", \"pad\": \"" + "x".repeat(TriggerEvents.MAX_REQUEST_OBJECT_BYTES) + "\"}");

        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "big.json")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("larger than 1048576 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"sql\": ", "SELECT 1", "{'sql': 'SELECT 1'}", "{\"sql\": \"SELECT 1\"} trailing"})
    void read_whenJsonObjectIsNotValidJson_throwsSayingSo(String content) {
        s3.put(BUCKET, "bad.json", content);

        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "bad.json")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("The request file s3://query-drop/bad.json is not valid JSON");
    }

    @Test
    void read_whenJsonRequestHasBadFields_throwsTheFieldError() {
        s3.put(BUCKET, "a.json", "{\"sql\": \"SELECT 1\", \"timeout\": 30}");
        s3.put(BUCKET, "b.json", "{\"sql\": \"SELECT 1\", \"timeoutSeconds\": 0}");
        s3.put(BUCKET, "c.json", "[\"SELECT 1\"]");
        s3.put(BUCKET, "d.json", "{\"database\": \"sales\"}");
        s3.put(BUCKET, "e.json", "  ");

        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "a.json"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Unknown field 'timeout'");
        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "b.json"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Field 'timeoutSeconds' must be between 1 and 86400");
        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "c.json"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "d.json"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Field 'sql' is required");
        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, "e.json"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"queries/notes.txt", "queries/q.sql.bak", "queries/noext", "queries/q.jsonl", "queries/sql"})
    void read_whenObjectHasAnotherSuffix_throwsSuggestingTheRuleFilter(String key) {
        s3.put(BUCKET, key, "SELECT 1");

        assertThatThrownBy(() -> events.read(objectCreated(BUCKET, key)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("neither a .sql query nor a .json request")
                .hasMessageContaining("suffix filter");
        assertThat(s3.getRequests()).isEmpty();
    }

    @Test
    void read_whenS3EventIsNotObjectCreated_throwsInvalidEvent() {
        ObjectNode deleted = objectCreated(BUCKET, "q.sql").put("detail-type", "Object Deleted");

        assertThatThrownBy(() -> events.read(deleted))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("'Object Deleted' from 'aws.s3'");
    }

    @Test
    void read_whenEventFromAnotherSource_throwsInvalidEvent() {
        JsonNode event = json("""
                {'detail-type': 'Step Functions Execution Status Change', 'source': 'aws.states',
                 'detail': {'status': 'FAILED'}}""");

        assertThatThrownBy(() -> events.read(event))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("accepts only S3 'Object Created' events")
                .hasMessageContaining("aws.states");
    }

    @Test
    void read_whenObjectCreatedFromAnotherSource_throwsInvalidEvent() {
        ObjectNode forged = objectCreated(BUCKET, "q.sql").put("source", "custom.app");

        assertThatThrownBy(() -> events.read(forged)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void read_whenEventLacksBucketOrKey_throwsInvalidEvent() {
        ObjectNode noBucket = objectCreated(BUCKET, "q.sql");
        ((ObjectNode) noBucket.get("detail")).remove("bucket");
        ObjectNode noKey = objectCreated(BUCKET, "q.sql");
        ((ObjectNode) noKey.get("detail").get("object")).remove("key");
        ObjectNode emptyKey = objectCreated(BUCKET, "");
        ObjectNode noDetailFields = TestJson.object("{'detail-type': 'Object Created', 'source': 'aws.s3', 'detail': {}}");

        for (ObjectNode event : new ObjectNode[]{noBucket, noKey, emptyKey, noDetailFields}) {
            assertThatThrownBy(() -> events.read(event))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("lacks detail.bucket.name or detail.object.key");
        }
    }

    @Test
    void read_whenEventNamesAnInvalidBucket_throwsInvalidEvent() {
        assertThatThrownBy(() -> events.read(objectCreated("Not_A_Bucket", "q.sql")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("invalid bucket: Not_A_Bucket");
    }

    @Test
    void isEvent_whenDetailTypeAndDetailPresent_isTrue() {
        assertThat(TriggerEvents.isEvent(objectCreated(BUCKET, "q.sql"))).isTrue();
        assertThat(TriggerEvents.isEvent(json("{'sql': 'SELECT 1'}"))).isFalse();
        assertThat(TriggerEvents.isEvent(json("{'detail-type': 'Object Created'}"))).isFalse();
        assertThat(TriggerEvents.isEvent(json("[1]"))).isFalse();
        assertThat(TriggerEvents.isEvent(null)).isFalse();
    }
}
