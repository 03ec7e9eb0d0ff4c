package io.athenaworkflow.athena.start;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.config.WorkflowDefaults;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.testing.TestJson;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.athenaworkflow.testing.TestJson.json;
import static io.athenaworkflow.testing.TestJson.strict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryRequestTest {

    private static final WorkflowDefaults DEFAULTS = WorkflowDefaults.fromEnvironment(Map.of(
            "ATHENA_WORKGROUP", "analytics",
            "ATHENA_DATABASE", "sales",
            "ATHENA_OUTPUT_LOCATION", "s3://results-bucket/athena-workflow/",
            "ATHENA_KMS_KEY", "arn:aws:kms:eu-west-1:111122223333:key/default",
            "EXPECTED_BUCKET_OWNER", "111122223333",
            "QUERY_TIMEOUT_SECONDS", "1200",
            "MAX_INLINE_ROWS", "50",
            "RESULT_REUSE_MINUTES", "15",
            "CLEANUP_MODE", "ON_SUCCESS"));
    private static final WorkflowDefaults BARE = WorkflowDefaults.fromEnvironment(Map.of());

    // ----- defaults and accepted values -----

    @Test
    void parse_whenOnlySqlGiven_appliesEveryDefault() {
        QueryRequest request = QueryRequest.parse(json("{'sql': 'SELECT 1'}"), DEFAULTS);

        assertThat(request.sql()).isEqualTo("SELECT 1");
        assertThat(request.database()).isEqualTo("sales");
        assertThat(request.catalog()).isEqualTo("AwsDataCatalog");
        assertThat(request.workgroup()).isEqualTo("analytics");
        assertThat(request.outputLocation()).isEqualTo(new S3Location("results-bucket", "athena-workflow/"));
        assertThat(request.parameters()).isEmpty();
        assertThat(request.resultReuseMinutes()).isEqualTo(15);
        assertThat(request.timeoutSeconds()).isEqualTo(1200);
        assertThat(request.maxInlineRows()).isEqualTo(50);
        assertThat(request.cleanup()).isEqualTo(CleanupMode.ON_SUCCESS);
        assertThat(request.kmsKey()).isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/default");
        assertThat(request.expectedBucketOwner()).isEqualTo("111122223333");
    }

    @Test
    void parse_whenNoDeploymentDefaults_usesBuiltInDefaults() {
        QueryRequest request = QueryRequest.parse(json("{'sql': 'SELECT 1'}"), BARE);

        assertThat(request.workgroup()).isEqualTo("primary");
        assertThat(request.database()).isNull();
        assertThat(request.outputLocation()).isNull();
        assertThat(request.timeoutSeconds()).isEqualTo(900);
        assertThat(request.maxInlineRows()).isEqualTo(100);
        assertThat(request.resultReuseMinutes()).isZero();
        assertThat(request.cleanup()).isEqualTo(CleanupMode.NEVER);
        assertThat(request.kmsKey()).isNull();
        assertThat(request.expectedBucketOwner()).isNull();
    }

    @Test
    void parse_whenEveryFieldGiven_overridesTheDefaults() {
        QueryRequest request = QueryRequest.parse(strict("""
                {"sql": "SELECT * FROM orders WHERE day = ? AND qty > ?",
                 "database": "shop", "catalog": "lakehouse", "workgroup": "etl-2",
                 "outputLocation": "s3://results-bucket/athena-workflow/team-a",
                 "parameters": ["DATE '2024-01-01'", 5],
                 "resultReuseMinutes": 0, "timeoutSeconds": 60, "maxInlineRows": 0,
                 "cleanup": "always", "kmsKey": "arn:aws:kms:eu-west-1:111122223333:key/other"}
                """), DEFAULTS);

        assertThat(request.sql()).isEqualTo("SELECT * FROM orders WHERE day = ? AND qty > ?");
        assertThat(request.database()).isEqualTo("shop");
        assertThat(request.catalog()).isEqualTo("lakehouse");
        assertThat(request.workgroup()).isEqualTo("etl-2");
        assertThat(request.outputLocation()).hasToString("s3://results-bucket/athena-workflow/team-a/");
        assertThat(request.parameters()).containsExactly("DATE '2024-01-01'", "5");
        assertThat(request.resultReuseMinutes()).isZero();
        assertThat(request.timeoutSeconds()).isEqualTo(60);
        assertThat(request.maxInlineRows()).isZero();
        assertThat(request.cleanup()).isEqualTo(CleanupMode.ALWAYS);
        assertThat(request.kmsKey()).isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/other");
        assertThat(request.expectedBucketOwner()).isEqualTo("111122223333");
    }

    @Test
    void parse_whenNumbersGivenAsStrings_acceptsThem() {
        QueryRequest request = QueryRequest.parse(json(
                "{'sql': 'SELECT 1', 'timeoutSeconds': '600', 'maxInlineRows': ' 20 ', 'resultReuseMinutes': '10080'}"), DEFAULTS);

        assertThat(request.timeoutSeconds()).isEqualTo(600);
        assertThat(request.maxInlineRows()).isEqualTo(20);
        assertThat(request.resultReuseMinutes()).isEqualTo(10080);
    }

    @Test
    void parse_whenFieldsAreJsonNull_usesTheDefaults() {
        QueryRequest request = QueryRequest.parse(json(
                "{'sql': 'SELECT 1', 'database': null, 'parameters': null, 'timeoutSeconds': null, 'cleanup': null}"), DEFAULTS);

        assertThat(request.database()).isEqualTo("sales");
        assertThat(request.parameters()).isEmpty();
        assertThat(request.timeoutSeconds()).isEqualTo(1200);
        assertThat(request.cleanup()).isEqualTo(CleanupMode.ON_SUCCESS);
    }

    @Test
    void parse_whenRangesAtTheirEnds_acceptsThem() {
        QueryRequest low = QueryRequest.parse(json(
                "{'sql': 'SELECT 1', 'timeoutSeconds': 1, 'maxInlineRows': 0, 'resultReuseMinutes': 0}"), DEFAULTS);
        QueryRequest high = QueryRequest.parse(json(
                "{'sql': 'SELECT 1', 'timeoutSeconds': 86400, 'maxInlineRows': 10000, 'resultReuseMinutes': 10080}"), DEFAULTS);

        assertThat(List.of(low.timeoutSeconds(), low.maxInlineRows(), low.resultReuseMinutes())).containsExactly(1, 0, 0);
        assertThat(List.of(high.timeoutSeconds(), high.maxInlineRows(), high.resultReuseMinutes()))
                .containsExactly(86400, 10000, 10080);
    }

    @Test
    void parameters_whenReturned_cannotBeChanged() {
        QueryRequest request = QueryRequest.parse(json("{'sql': 'SELECT ?', 'parameters': ['1']}"), DEFAULTS);

        assertThatThrownBy(() -> request.parameters().add("2")).isInstanceOf(UnsupportedOperationException.class);
    }

    // ----- the input itself -----

    @Test
    void parse_whenInputNotAnObject_throwsAskingForAnObjectWithSql() {
        for (JsonNode input : List.of(json("[]"), json("'SELECT 1'"), json("null"), json("42"), MissingNode.getInstance())) {
            assertThatThrownBy(() -> QueryRequest.parse(input, DEFAULTS))
                    .as("input %s", input)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("must be a JSON object with at least a 'sql' field");
        }
        assertThatThrownBy(() -> QueryRequest.parse(null, DEFAULTS)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("but was empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"query", "Sql", "SQL", "output_location", "expectedBucketOwner", "detail"})
    void parse_whenUnknownField_throwsNamingItAndListingTheAccepted(String field) {
        ObjectNode input = TestJson.object("{'sql': 'SELECT 1'}").put(field, "x");

        rejects(input).hasMessageContaining("Unknown field '" + field + "'")
                .hasMessageContaining("[catalog, cleanup, database, kmsKey, maxInlineRows, outputLocation, parameters,"
                        + " resultReuseMinutes, sql, timeoutSeconds, workgroup]");
    }

    // ----- sql -----

    @Test
    void parse_whenSqlMissingOrNull_throwsSayingItIsRequired() {
        rejects(json("{}")).hasMessageContaining("Field 'sql' is required");
        rejects(json("{'sql': null, 'database': 'x'}")).hasMessageContaining("Field 'sql' is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"   \"", "\" \\n\\t \\r\\n\""})
    void parse_whenSqlEmptyOrBlank_throwsSayingItIsEmpty(String sql) {
        rejects(strict("{\"sql\": " + sql + "}")).hasMessageContaining("Field 'sql' is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "[\"SELECT 1\"]", "{\"text\": \"SELECT 1\"}"})
    void parse_whenSqlNotAString_throwsNamingTheType(String sql) {
        rejects(strict("{\"sql\": " + sql + "}")).hasMessageContaining("Field 'sql' must be a string");
    }

    @Test
    void parse_whenSqlExactlyAtTheByteLimit_acceptsIt() {
        String sql = sqlOfBytes(QueryRequest.MAX_SQL_BYTES, "x");

        assertThat(QueryRequest.parse(TestJson.MAPPER.createObjectNode().put("sql", sql), DEFAULTS).sql()).isEqualTo(sql);
    }

    @Test
    void parse_whenSqlOneByteOverTheLimit_throwsWithTheSize() {
        String sql = sqlOfBytes(QueryRequest.MAX_SQL_BYTES + 1, "x");

        rejects(TestJson.MAPPER.createObjectNode().put("sql", sql))
                .hasMessageContaining("262145 bytes")
                .hasMessageContaining("at most 262144 bytes of UTF-8");
    }

    @Test
    void parse_whenMultiByteSqlIsOverTheByteLimitButUnderItInCharacters_throws() {
        // 87,382 three-byte characters: far fewer than 262,144 characters, but 262,146 bytes of UTF-8.
        String sql = "SELECT '" + "€".repeat(87_382) + "'";
        int bytes = sql.getBytes(StandardCharsets.UTF_8).length;
        assertThat(sql.length()).isLessThan(QueryRequest.MAX_SQL_BYTES);
        assertThat(bytes).isGreaterThan(QueryRequest.MAX_SQL_BYTES);

        rejects(TestJson.MAPPER.createObjectNode().put("sql", sql)).hasMessageContaining(bytes + " bytes");
    }

    @Test
    void parse_whenFourByteCharactersFillTheLimitExactly_acceptsThem() {
        String sql = sqlOfBytes(QueryRequest.MAX_SQL_BYTES, "😀");

        assertThat(sql.getBytes(StandardCharsets.UTF_8)).hasSize(QueryRequest.MAX_SQL_BYTES);
        assertThat(QueryRequest.parse(TestJson.MAPPER.createObjectNode().put("sql", sql), DEFAULTS).sql()).isEqualTo(sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT '\\ud800'|8",
            "SELECT '\\udc00x'|8",
            "SELECT '\\ude00\\ud83d'|8",
            "\\ud83d|0",
    })
    void parse_whenSqlHasAnUnpairedSurrogate_throwsWithItsPosition(String jsonText, int position) {
        JsonNode input = strict("{\"sql\": \"" + jsonText + "\"}");

        rejects(input).hasMessageContaining("not valid Unicode")
                .hasMessageContaining("unpaired surrogate at character " + position);
    }

    @Test
    void parse_whenSqlHasPairedSurrogates_acceptsThem() {
        JsonNode input = strict("{\"sql\": \"SELECT '\\ud83d\\ude00'\"}");

        assertThat(QueryRequest.parse(input, DEFAULTS).sql()).isEqualTo("SELECT '😀'");
    }

    // ----- names -----

    @ParameterizedTest
    @ValueSource(strings = {"my workgroup", "wg/1", "wg:1", "wörk", "a,b"})
    void parse_whenWorkgroupHasForbiddenCharacters_throwsNamingTheRule(String workgroup) {
        rejects(TestJson.object("{'sql': 'SELECT 1'}").put("workgroup", workgroup))
                .hasMessageContaining("Field 'workgroup' may hold only letters, digits")
                .hasMessageContaining(workgroup);
    }

    @Test
    void parse_whenWorkgroupBlankOrTooLong_throws() {
        rejects(json("{'sql': 'SELECT 1', 'workgroup': ' '}")).hasMessageContaining("'workgroup' must not be blank");
        rejects(TestJson.object("{'sql': 'SELECT 1'}").put("workgroup", "w".repeat(129)))
                .hasMessageContaining("'workgroup' must be at most 128 characters");
        assertThat(QueryRequest.parse(TestJson.object("{'sql': 'SELECT 1'}").put("workgroup", "w".repeat(128)), DEFAULTS)
                .workgroup()).hasSize(128);
    }

    @Test
    void parse_whenWorkgroupNotAString_throws() {
        rejects(json("{'sql': 'SELECT 1', 'workgroup': 7}")).hasMessageContaining("'workgroup' must be a string");
    }

    @Test
    void parse_whenDatabaseOrCatalogTooLong_throwsWithTheLimit() {
        assertThat(QueryRequest.parse(TestJson.object("{'sql': 'SELECT 1'}").put("database", "d".repeat(255)), DEFAULTS)
                .database()).hasSize(255);
        rejects(TestJson.object("{'sql': 'SELECT 1'}").put("database", "d".repeat(256)))
                .hasMessageContaining("'database' must be at most 255 characters, but has 256");
        assertThat(QueryRequest.parse(TestJson.object("{'sql': 'SELECT 1'}").put("catalog", "c".repeat(256)), DEFAULTS)
                .catalog()).hasSize(256);
        rejects(TestJson.object("{'sql': 'SELECT 1'}").put("catalog", "c".repeat(257)))
                .hasMessageContaining("'catalog' must be at most 256 characters, but has 257");
    }

    @Test
    void parse_whenDatabaseOrCatalogBlank_throws() {
        rejects(json("{'sql': 'SELECT 1', 'database': ''}")).hasMessageContaining("'database' must not be blank");
        rejects(json("{'sql': 'SELECT 1', 'catalog': '  '}")).hasMessageContaining("'catalog' must not be blank");
        rejects(json("{'sql': 'SELECT 1', 'kmsKey': ''}")).hasMessageContaining("'kmsKey' must not be blank");
    }

    // ----- outputLocation -----

    @ParameterizedTest
    @ValueSource(strings = {"results-bucket/athena-workflow/", "https://results-bucket.s3.amazonaws.com/x/", "/tmp/out"})
    void parse_whenOutputLocationNotS3_throws(String location) {
        rejects(TestJson.object("{'sql': 'SELECT 1'}").put("outputLocation", location))
                .hasMessageContaining("'outputLocation' must be an s3:// location");
    }

    @Test
    void parse_whenOutputLocationBucketInvalid_throws() {
        rejects(json("{'sql': 'SELECT 1', 'outputLocation': 's3://Results_Bucket/x/'}"))
                .hasMessageContaining("'outputLocation' names an invalid bucket 'Results_Bucket'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://other-bucket/athena-workflow/", "s3://results-bucket/", "s3://results-bucket/elsewhere/",
            "s3://results-bucket/athena-workflow-evil/", "s3://results-bucket/athena-workflo/"})
    void parse_whenOutputLocationOutsideTheResultsLocation_throwsNamingBoth(String location) {
        rejects(TestJson.object("{'sql': 'SELECT 1'}").put("outputLocation", location))
                .hasMessageContaining("is outside s3://results-bucket/athena-workflow/")
                .hasMessageContaining("use a prefix under it");
    }

    @Test
    void parse_whenOutputLocationIsTheResultsLocationItself_acceptsIt() {
        QueryRequest request = QueryRequest.parse(
                json("{'sql': 'SELECT 1', 'outputLocation': 's3://results-bucket/athena-workflow/'}"), DEFAULTS);

        assertThat(request.outputLocation()).isEqualTo(new S3Location("results-bucket", "athena-workflow/"));
    }

    @Test
    void parse_whenNoResultsLocationConfigured_acceptsAnyOutputLocation() {
        QueryRequest request = QueryRequest.parse(json("{'sql': 'SELECT 1', 'outputLocation': 's3://anywhere/x'}"), BARE);

        assertThat(request.outputLocation()).isEqualTo(new S3Location("anywhere", "x/"));
    }

    // ----- parameters -----

    @ParameterizedTest
    @ValueSource(strings = {"\"'2024-01-01'\"", "42", "{\"a\": \"1\"}", "true"})
    void parse_whenParametersNotAnArray_throwsWithAnExample(String value) {
        rejects(strict("{\"sql\": \"SELECT ?\", \"parameters\": " + value + "}"))
                .hasMessageContaining("Field 'parameters' must be an array of SQL literals");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"'a'\", null]", "[\"'a'\", [\"x\"]]", "[\"'a'\", {\"v\": 1}]"})
    void parse_whenAParameterIsNotAScalar_throwsNamingItsIndex(String array) {
        rejects(strict("{\"sql\": \"SELECT ?, ?\", \"parameters\": " + array + "}"))
                .hasMessageContaining("parameters[1] must be a string holding a SQL literal");
    }

    @Test
    void parse_whenAParameterIsEmpty_throwsNamingItsIndex() {
        rejects(json("{'sql': 'SELECT ?', 'parameters': ['']}"))
                .hasMessageContaining("parameters[0] must be 1 to 1024 characters long, but has 0");
    }

    @Test
    void parse_whenAParameterIsTooLong_throwsNamingItsIndex() {
        ObjectNode ok = TestJson.object("{'sql': 'SELECT ?'}");
        ok.putArray("parameters").add("'" + "p".repeat(1022) + "'");
        assertThat(QueryRequest.parse(ok, DEFAULTS).parameters().getFirst()).hasSize(1024);

        ObjectNode tooLong = TestJson.object("{'sql': 'SELECT ?'}");
        tooLong.putArray("parameters").add("'" + "p".repeat(1023) + "'");
        rejects(tooLong).hasMessageContaining("parameters[0] must be 1 to 1024 characters long, but has 1025");
    }

    @Test
    void parse_whenParametersAreNumbersOrBooleans_keepsTheirLiteralText() {
        QueryRequest request = QueryRequest.parse(json("{'sql': 'SELECT ?, ?, ?', 'parameters': [42, 2.5, false]}"), DEFAULTS);

        assertThat(request.parameters()).containsExactly("42", "2.5", "false");
    }

    @Test
    void parse_whenFewerParametersThanPlaceholders_throwsWithBothCounts() {
        rejects(json("{'sql': 'SELECT * FROM t WHERE a = ? AND b = ?', 'parameters': ['1']}"))
                .hasMessageContaining("has 2 '?' placeholder(s) but 'parameters' has 1 value(s)");
    }

    @Test
    void parse_whenParametersButNoPlaceholders_throwsWithBothCounts() {
        rejects(json("{'sql': 'SELECT 1', 'parameters': ['1']}"))
                .hasMessageContaining("has 0 '?' placeholder(s) but 'parameters' has 1 value(s)");
    }

    @Test
    void parse_whenPlaceholdersButNoParameters_throws() {
        rejects(json("{'sql': 'SELECT * FROM t WHERE a = ?'}"))
                .hasMessageContaining("has 1 '?' placeholder(s) but 'parameters' has 0 value(s)");
        rejects(json("{'sql': 'SELECT * FROM t WHERE a = ?', 'parameters': []}"))
                .hasMessageContaining("has 1 '?' placeholder(s) but 'parameters' has 0 value(s)");
    }

    @Test
    void parse_whenQuestionMarksOnlyInQuotesAndComments_ignoresThem() {
        JsonNode oneParameter = TestJson.MAPPER.createObjectNode()
                .put("sql", "SELECT 'why?' AS \"really?\" -- what?\nFROM t /* ? */ WHERE a = ?")
                .set("parameters", TestJson.MAPPER.createArrayNode().add("1"));
        JsonNode noParameters = TestJson.MAPPER.createObjectNode().put("sql", "SELECT 'why?' -- or why not?");

        assertThat(QueryRequest.parse(oneParameter, DEFAULTS).parameters()).containsExactly("1");
        assertThat(QueryRequest.parse(noParameters, DEFAULTS).parameters()).isEmpty();
    }

    // ----- numbers -----

    @ParameterizedTest
    @CsvSource({
            "timeoutSeconds, 0", "timeoutSeconds, 86401", "timeoutSeconds, -1",
            "maxInlineRows, -1", "maxInlineRows, 10001",
            "resultReuseMinutes, -1", "resultReuseMinutes, 10081",
    })
    void parse_whenNumberOutOfRange_throwsWithTheRange(String field, long value) {
        rejects(TestJson.object("{'sql': 'SELECT 1'}").put(field, value))
                .hasMessageContaining("Field '" + field + "' must be between")
                .hasMessageContaining("but was " + value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "timeoutSeconds|1.5", "timeoutSeconds|\"fast\"", "timeoutSeconds|true", "timeoutSeconds|[60]",
            "maxInlineRows|\"10 rows\"", "maxInlineRows|1e2", "resultReuseMinutes|\"1.0\"", "resultReuseMinutes|{}",
    })
    void parse_whenNumberNotAnInteger_throwsSayingAnIntegerIsExpected(String field, String value) {
        rejects(strict("{\"sql\": \"SELECT 1\", \"" + field + "\": " + value + "}"))
                .hasMessageContaining("Field '" + field + "' must be an integer between");
    }

    // ----- cleanup -----

    @ParameterizedTest
    @ValueSource(strings = {"\"SOMETIMES\"", "\"\"", "true", "1"})
    void parse_whenCleanupModeBad_throwsListingTheModes(String value) {
        AbstractThrowableAssert<?, ? extends Throwable> failure = rejects(strict("{\"sql\": \"SELECT 1\", \"cleanup\": " + value + "}"))
                .hasMessageContaining("Field 'cleanup' must be");
        if (value.startsWith("\"")) {
            failure.hasMessageContaining("[ALWAYS, ON_SUCCESS, NEVER]");
        }
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rejects(JsonNode input) {
        return assertThatThrownBy(() -> QueryRequest.parse(input, DEFAULTS)).isInstanceOf(InvalidInputException.class);
    }

    /** "SELECT '…'" of exactly {@code bytes} bytes of UTF-8, filled with {@code filler} and padded with 'x'. */
    private static String sqlOfBytes(int bytes, String filler) {
        StringBuilder sql = new StringBuilder("SELECT '");
        int fillerBytes = filler.getBytes(StandardCharsets.UTF_8).length;
        int used = sql.length() + 1;
        while (used + fillerBytes <= bytes) {
            sql.append(filler);
            used += fillerBytes;
        }
        while (used < bytes) {
            sql.append('x');
            used++;
        }
        return sql.append('\'').toString();
    }
}
