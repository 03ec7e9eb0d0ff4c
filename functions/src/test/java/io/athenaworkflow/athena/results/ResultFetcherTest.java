package io.athenaworkflow.athena.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.errors.AccessDeniedException;
import io.athenaworkflow.athena.errors.ServiceUnavailableException;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.athena.errors.ResultNotFoundException;
import io.athenaworkflow.athena.errors.ResultUnreadableException;
import io.athenaworkflow.handlers.Json;
import io.athenaworkflow.testing.FakeAthena;
import io.athenaworkflow.testing.FakeS3;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.StatementType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultFetcherTest {

    private static final String ID = "a7e0a001-1111-4222-8333-000000000001";
    private static final String PREFIX = "s3://results-bucket/athena-workflow/";
    private static final String RESULT = PREFIX + ID + ".csv";

    private final FakeAthena athena = new FakeAthena();
    private final FakeS3 s3 = new FakeS3().bucket("results-bucket");
    private final ResultFetcher fetcher = new ResultFetcher(athena, s3, Json.MAPPER);
    private final FakeAthena.Query query = athena.addQuery(ID, RESULT).succeed();

    private static QueryHandle handle(int maxInlineRows) {
        return new QueryHandle(ID, "primary", S3Location.parse(PREFIX, "test"), Instant.parse("2024-05-01T10:00:00Z"), 900,
                maxInlineRows, CleanupMode.NEVER, FakeS3.OWNER);
    }

    private static String json(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** A CSV result with a header and {@code rows} rows "1".."rows" in one integer column. */
    private static String numbers(int rows) {
        StringBuilder csv = new StringBuilder("\"n\"\n");
        for (int i = 1; i <= rows; i++) {
            csv.append('"').append(i).append("\"\n");
        }
        return csv.toString();
    }

    @Test
    void fetch_whenCsvResult_returnsTypedRowsKeyedByColumnName() {
        query.columns("id", "integer", "name", "varchar", "price", "decimal(10,2)", "active", "boolean", "score", "double",
                "created", "timestamp", "tags", "array(varchar)");
        s3.put(RESULT, """
                "id","name","price","active","score","created","tags"
                "1","Ann","10.50","true","0.5","2024-05-01 10:00:00.000","[a, b]"
                "2","","0.00","false","NaN",,"[]"
                ,,,,,,
                """);

        QueryResults results = fetcher.fetch(handle(100));

        assertThat(json(results.rows())).isEqualTo("["
                + "{\"id\":1,\"name\":\"Ann\",\"price\":10.50,\"active\":true,\"score\":0.5,"
                + "\"created\":\"2024-05-01 10:00:00.000\",\"tags\":\"[a, b]\"},"
                + "{\"id\":2,\"name\":\"\",\"price\":0.00,\"active\":false,\"score\":\"NaN\",\"created\":null,\"tags\":\"[]\"},"
                + "{\"id\":null,\"name\":null,\"price\":null,\"active\":null,\"score\":null,\"created\":null,\"tags\":null}]");
        assertThat(results.rowCount()).isEqualTo(3);
        assertThat(results.truncated()).isFalse();
        assertThat(results.columns()).extracting(QueryResults.Column::name)
                .containsExactly("id", "name", "price", "active", "score", "created", "tags");
        assertThat(results.columns().get(2).type()).isEqualTo("decimal(10,2)");
    }

    @Test
    void fetch_whenCsvResult_reportsItsLocationStatementTypeAndStatistics() {
        query.columns("n", "integer").scanned(3L << 40);
        s3.put(RESULT, numbers(2));

        QueryResults results = fetcher.fetch(handle(100));

        assertThat(results.queryExecutionId()).isEqualTo(ID);
        assertThat(results.resultLocation()).isEqualTo(RESULT);
        assertThat(results.statementType()).isEqualTo("DML");
        assertThat(results.statistics().dataScannedBytes()).isEqualTo(3L << 40);
        assertThat(results.statistics().estimatedCostUsd()).isEqualByComparingTo("15");
        assertThat(s3.getRequests()).singleElement().satisfies(get -> {
            assertThat(get.bucket()).isEqualTo("results-bucket");
            assertThat(get.key()).isEqualTo("athena-workflow/" + ID + ".csv");
            assertThat(get.expectedBucketOwner()).isEqualTo(FakeS3.OWNER);
        });
    }

    @Test
    void fetch_whenColumnNamesRepeat_suffixesTheRepeatsSoNoValueIsLost() {
        query.columns("x", "integer", "x", "varchar", "x_2", "varchar", "x", "boolean");
        s3.put(RESULT, "\"x\",\"x\",\"x_2\",\"x\"\n\"1\",\"b\",\"c\",\"true\"\n");

        QueryResults results = fetcher.fetch(handle(100));

        assertThat(json(results.rows())).isEqualTo("[{\"x\":1,\"x_2\":\"b\",\"x_2_2\":\"c\",\"x_3\":true}]");
        assertThat(results.rows().get(0).size()).isEqualTo(4);
    }

    @Test
    void fetch_whenMoreRowsThanMaxInlineRows_previewsThatManyAndCountsAll() {
        query.columns("n", "integer");
        s3.put(RESULT, numbers(25));

        QueryResults results = fetcher.fetch(handle(10));

        assertThat(results.rows()).hasSize(10);
        assertThat(results.rows().get(9).get("n").asInt()).isEqualTo(10);
        assertThat(results.rowCount()).isEqualTo(25);
        assertThat(results.truncated()).isTrue();
    }

    @Test
    void fetch_whenRowsEqualMaxInlineRows_isNotTruncated() {
        query.columns("n", "integer");
        s3.put(RESULT, numbers(10));

        QueryResults results = fetcher.fetch(handle(10));

        assertThat(results.rows()).hasSize(10);
        assertThat(results.rowCount()).isEqualTo(10);
        assertThat(results.truncated()).isFalse();
    }

    @Test
    void fetch_whenMaxInlineRowsIsZero_previewsNothingButCountsEveryRow() {
        query.columns("n", "integer");
        s3.put(RESULT, numbers(7));

        QueryResults results = fetcher.fetch(handle(0));

        assertThat(results.rows()).isEmpty();
        assertThat(results.rowCount()).isEqualTo(7);
        assertThat(results.truncated()).isTrue();
    }

    @Test
    void fetch_whenRowsAreWide_keepsThePreviewWithinTheByteBudget() {
        query.columns("id", "integer", "blob", "varchar");
        StringBuilder csv = new StringBuilder("\"id\",\"blob\"\n");
        for (int i = 0; i < 60; i++) {
            csv.append('"').append(i).append("\",\"").append("w".repeat(10_000)).append("\"\n");
        }
        s3.put(RESULT, csv.toString());

        QueryResults results = fetcher.fetch(handle(10_000));

        assertThat(json(results.rows()).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ResultFetcher.MAX_PREVIEW_BYTES);
        assertThat(results.rows().size()).isBetween(10, 13);
        assertThat(results.rowCount()).isEqualTo(60);
        assertThat(results.truncated()).isTrue();
        assertThat(results.toJson().get("previewRowCount").asInt()).isEqualTo(results.rows().size());
    }

    @Test
    void fetch_whenRowsHoldMultiByteText_countsTheBudgetInBytes() {
        query.columns("t", "varchar");
        StringBuilder csv = new StringBuilder("\"t\"\n");
        for (int i = 0; i < 40; i++) {
            csv.append('"').append("€".repeat(4_000)).append("\"\n"); // 12,000 bytes of UTF-8, 4,000 characters
        }
        s3.put(RESULT, csv.toString());

        QueryResults results = fetcher.fetch(handle(10_000));

        assertThat(json(results.rows()).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ResultFetcher.MAX_PREVIEW_BYTES);
        assertThat(results.rows().size()).isBetween(9, 10);
        assertThat(results.rowCount()).isEqualTo(40);
    }

    @Test
    void fetch_whenRowsFillTheBudgetExactly_stillStaysWithinIt() {
        // {"c":"…"} with 1,015 characters is 1,023 bytes; with its separating comma, 128 such rows make exactly
        // MAX_PREVIEW_BYTES; the array's brackets must not push the serialized preview past the budget.
        query.columns("c", "varchar");
        StringBuilder csv = new StringBuilder("\"c\"\n");
        for (int i = 0; i < 200; i++) {
            csv.append('"').append("k".repeat(1_015)).append("\"\n");
        }
        s3.put(RESULT, csv.toString());

        QueryResults results = fetcher.fetch(handle(10_000));

        assertThat(json(results.rows()).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ResultFetcher.MAX_PREVIEW_BYTES);
        assertThat(results.rows().size()).isBetween(127, 128);
        assertThat(results.rowCount()).isEqualTo(200);
        assertThat(results.truncated()).isTrue();
    }

    @Test
    void fetch_whenASingleRowExceedsTheBudget_previewsNothingButCountsIt() {
        query.columns("c", "varchar");
        s3.put(RESULT, "\"c\"\n\"" + "z".repeat(ResultFetcher.MAX_PREVIEW_BYTES) + "\"\n\"small\"\n");

        QueryResults results = fetcher.fetch(handle(100));

        assertThat(results.rows()).isEmpty();
        assertThat(results.rowCount()).isEqualTo(2);
        assertThat(results.truncated()).isTrue();
    }

    @Test
    void fetch_whenRowsSpanLines_countsRecordsNotLines() {
        query.columns("t", "varchar");
        s3.put(RESULT, "\"t\"\n\"a\nb\"\n\"c\r\nd\"\n\"e\n\n\nf\"\n");

        QueryResults results = fetcher.fetch(handle(1));

        assertThat(results.rowCount()).isEqualTo(3);
        assertThat(results.rows().get(0).get("t").asText()).isEqualTo("a\nb");
    }

    @Test
    void fetch_whenManyRows_streamsAndCountsThemAll() {
        query.columns("n", "integer");
        s3.put(RESULT, numbers(200_000));

        QueryResults results = fetcher.fetch(handle(100));

        assertThat(results.rowCount()).isEqualTo(200_000);
        assertThat(results.rows()).hasSize(100);
    }

    @Test
    void fetch_whenResultHasNoRows_returnsColumnsAndAnEmptyPreview() {
        query.columns("a", "integer", "b", "varchar");
        s3.put(RESULT, "\"a\",\"b\"\n");

        QueryResults results = fetcher.fetch(handle(100));

        assertThat(results.rows()).isEmpty();
        assertThat(results.rowCount()).isZero();
        assertThat(results.truncated()).isFalse();
        assertThat(results.columns()).hasSize(2);
    }

    @Test
    void fetch_whenResultObjectIsEmpty_returnsNoRows() {
        query.columns("a", "integer");
        s3.put(RESULT, "");

        QueryResults results = fetcher.fetch(handle(100));

        assertThat(results.rowCount()).isZero();
        assertThat(results.rows()).isEmpty();
    }

    @Test
    void fetch_whenAthenaGivesNoColumnInfo_takesColumnNamesFromTheHeaderAsText() {
        s3.put(RESULT, "\"a\",\"b\"\n\"1\",\"2\"\n");

        QueryResults results = fetcher.fetch(handle(100));

        assertThat(results.columns()).containsExactly(new QueryResults.Column("a", "varchar"), new QueryResults.Column("b", "varchar"));
        assertThat(json(results.rows())).isEqualTo("[{\"a\":\"1\",\"b\":\"2\"}]");
    }

    @Test
    void fetch_whenARowHasFewerFieldsThanColumns_fillsTheRestWithNull() {
        query.columns("a", "integer", "b", "varchar");
        s3.put(RESULT, "\"a\",\"b\"\n\"1\"\n");

        assertThat(json(fetcher.fetch(handle(100)).rows())).isEqualTo("[{\"a\":1,\"b\":null}]");
    }

    @Test
    void fetch_whenDdlWroteATextResult_returnsOneRowPerLine() {
        query.ddl();
        String txt = PREFIX + ID + ".txt";
        s3.put(txt, "sales\nfinance\n");

        QueryResults results = fetcher.fetch(handle(100));

        assertThat(results.statementType()).isEqualTo("DDL");
        assertThat(results.resultLocation()).isEqualTo(txt);
        assertThat(results.columns()).containsExactly(new QueryResults.Column("result", "varchar"));
        assertThat(json(results.rows())).isEqualTo("[{\"result\":\"sales\"},{\"result\":\"finance\"}]");
        assertThat(results.rowCount()).isEqualTo(2);
    }

    @Test
    void fetch_whenTextResultHasSeveralColumns_splitsLinesAtTabs() {
        query.ddl().statementType(StatementType.UTILITY).columns("col_name", "string", "data_type", "string", "comment", "string");
        s3.put(PREFIX + ID + ".txt", "id\tint\t\nname\tstring\tthe name\n");

        QueryResults results = fetcher.fetch(handle(1));

        assertThat(json(results.rows())).isEqualTo("[{\"col_name\":\"id\",\"data_type\":\"int\",\"comment\":\"\"}]");
        assertThat(results.rowCount()).isEqualTo(2);
        assertThat(results.truncated()).isTrue();
    }

    @Test
    void fetch_whenDdlWroteNothing_returnsNoRows() {
        query.ddl();
        s3.put(PREFIX + ID + ".txt", "");

        QueryResults results = fetcher.fetch(handle(100));

        assertThat(results.rowCount()).isZero();
        assertThat(results.truncated()).isFalse();
    }

    @Test
    void fetch_whenQueryHasNoOutputLocation_returnsNoRowsAndNoLocation() {
        query.outputLocation(null).columns("a", "integer");

        QueryResults results = fetcher.fetch(handle(100));

        assertThat(results.resultLocation()).isNull();
        assertThat(results.rowCount()).isZero();
        assertThat(results.columns()).hasSize(1);
        assertThat(s3.getRequests()).isEmpty();
    }

    @Test
    void fetch_whenResultObjectIsGone_throwsResultNotFoundNamingIt() {
        query.columns("a", "integer");

        assertThatThrownBy(() -> fetcher.fetch(handle(100)))
                .isInstanceOf(ResultNotFoundException.class)
                .hasMessageContaining(RESULT)
                .hasMessageContaining("deleted");
    }

    @Test
    void fetch_whenQueryHasNotSucceeded_throwsInvalidInput() {
        query.state(QueryExecutionState.RUNNING);

        assertThatThrownBy(() -> fetcher.fetch(handle(100)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is RUNNING; FetchResults reads only SUCCEEDED queries");
    }

    @Test
    void fetch_whenQueryUnknown_throwsInvalidInput() {
        QueryHandle unknown = new QueryHandle("nope", "primary", null, Instant.EPOCH, 900, 100, CleanupMode.NEVER, null);

        assertThatThrownBy(() -> fetcher.fetch(unknown)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Athena does not know query nope");
    }

    @Test
    void fetch_whenResultIsNotAthenaCsv_throwsUnreadable() {
        query.columns("a", "varchar");
        s3.put(RESULT, "\"a\"\n\"truncated mid-val");

        assertThatThrownBy(() -> fetcher.fetch(handle(100))).isInstanceOf(ResultUnreadableException.class);
    }

    @Test
    void fetch_whenTheMalformedPartIsPastThePreview_stillThrowsUnreadable() {
        query.columns("n", "integer");
        s3.put(RESULT, numbers(5) + "\"6\" x\n");

        assertThatThrownBy(() -> fetcher.fetch(handle(2))).isInstanceOf(ResultUnreadableException.class);
    }

    @Test
    void fetch_whenResultsBucketBelongsToAnotherAccount_throwsAccessDenied() {
        FakeS3 foreign = new FakeS3().bucket("results-bucket", "444455556666").put(RESULT, numbers(1));
        query.columns("n", "integer");

        assertThatThrownBy(() -> new ResultFetcher(athena, foreign, Json.MAPPER).fetch(handle(100)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void fetch_whenGetQueryResultsFails_throwsTheCatalogueError() {
        s3.put(RESULT, numbers(1));
        athena.failNext(FakeAthena.RESULTS, FakeAthena.internalError("oops"));

        assertThatThrownBy(() -> fetcher.fetch(handle(100))).isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("GetQueryResults " + ID);
    }

    @Test
    void toJson_givesTheFieldsTheStateMachineReturns() {
        query.columns("n", "integer").scanned(0);
        s3.put(RESULT, numbers(3));

        JsonNode json = fetcher.fetch(handle(2)).toJson();

        assertThat(json.get("queryExecutionId").asText()).isEqualTo(ID);
        assertThat(json.get("columns").get(0).get("name").asText()).isEqualTo("n");
        assertThat(json.get("columns").get(0).get("type").asText()).isEqualTo("integer");
        assertThat(json.get("rows").size()).isEqualTo(2);
        assertThat(json.get("rowCount").asLong()).isEqualTo(3);
        assertThat(json.get("previewRowCount").asInt()).isEqualTo(2);
        assertThat(json.get("truncated").asBoolean()).isTrue();
        assertThat(json.get("resultLocation").asText()).isEqualTo(RESULT);
        assertThat(json.get("statistics").get("estimatedCostUsd").decimalValue()).isEqualByComparingTo("0");
    }
}
