package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.SqlEngineFactory;
import io.athenaworkflow.local.athena.engine.trino.TrinoProcess;
import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * Trino's documented semantics through the local Athena API (AWS SDK over HTTP), on the Trino engine. Every
 * expected value is the result Trino's documentation gives for the expression (https://trino.io/docs/current/
 * functions/*.html and language/types.html), rendered as Athena writes it in its result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoSemanticsTest {

    private LocalAwsFixture local;
    private Path metastore;

    @BeforeAll
    void start() throws IOException {
        TrinoProcess.shared().uri();
        metastore = Files.createTempDirectory("trino-semantics");
        local = new LocalAwsFixture(UnaryOperator.identity(), SqlEngineFactory.trino(metastore));
        // The first query also waits for the runtime's catalog and compiles Trino's first plans: let it finish
        // before the tests' 30 s waits begin.
        assertThat(local.awaitDone(local.start("SELECT 1"), Duration.ofMinutes(3)).status().state())
                .isEqualTo(QueryExecutionState.SUCCEEDED);
    }

    @AfterAll
    void stop() {
        local.close();
        try (Stream<Path> paths = Files.walk(metastore)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> documentedResults() {
        return Stream.of(
                // Decimals keep their literal's scale; arithmetic is exact (language/types: DECIMAL).
                Arguments.of("CAST(DECIMAL '0.0034' AS VARCHAR)", "0.0034"),
                Arguments.of("DECIMAL '1.10' + DECIMAL '2.205'", "3.305"),
                Arguments.of("typeof(1.5)", "decimal(2,1)"),
                // Integer division truncates (functions/math: "/").
                Arguments.of("7 / 2", "3"),
                // Strings (functions/string).
                Arguments.of("substr('hello', -3)", "llo"),
                Arguments.of("CAST('abcdef' AS varchar(3))", "abc"),
                Arguments.of("levenshtein_distance('café', 'cafe')", "1"),
                Arguments.of("length('café')", "4"),
                // Arrays (functions/array).
                Arguments.of("sequence(5, 1)", "[5, 4, 3, 2, 1]"),
                Arguments.of("slice(ARRAY[1, 2, 3, 4], -2, 2)", "[3, 4]"),
                Arguments.of("array_join(ARRAY[1, NULL, 2], ',')", "1,2"),
                Arguments.of("transform(ARRAY[5, 6], x -> x + 1)", "[6, 7]"),
                Arguments.of("reduce(ARRAY[5, 20, 50], 0, (s, x) -> s + x, s -> s)", "75"),
                Arguments.of("cardinality(ARRAY[1, NULL, 3])", "3"),
                // Maps: equality does not depend on entry order (functions/map, language/types: MAP).
                Arguments.of("map(ARRAY['a', 'b'], ARRAY[1, 2]) = map(ARRAY['b', 'a'], ARRAY[2, 1])", "true"),
                Arguments.of("element_at(map(ARRAY['a'], ARRAY[1]), 'a')", "1"),
                Arguments.of("map(ARRAY['a'], ARRAY[1])", "{a=1}"),
                // Rows render with their field names.
                Arguments.of("CAST(ROW(1, 'a') AS ROW(x integer, y varchar))", "{x=1, y=a}"),
                // JSON (functions/json).
                Arguments.of("CAST(JSON '\"x\"' AS VARCHAR)", "x"),
                Arguments.of("json_extract_scalar('{\"a\": {\"b\": 12}}', '$.a.b')", "12"),
                Arguments.of("json_array_length('[1, 2, 3]')", "3"),
                // NaN is not equal to itself (functions/math: nan()).
                Arguments.of("nan() = nan()", "false"),
                Arguments.of("is_nan(nan())", "true"),
                // Dates and times: day_of_week is ISO, Monday 1 to Sunday 7 (functions/datetime).
                Arguments.of("EXTRACT(DOW FROM DATE '2024-01-07')", "7"),
                Arguments.of("date_add('day', 1, DATE '2024-02-28')", "2024-02-29"),
                Arguments.of("date_trunc('month', TIMESTAMP '2024-05-17 10:11:12.345')", "2024-05-01 00:00:00.000"),
                // Regular expressions: Java pattern syntax (functions/regexp examples).
                Arguments.of("regexp_extract('1a 2b 14m', '\\d+')", "1"),
                Arguments.of("regexp_replace('1a 2b 14m', '(\\d+)([ab]) ', '3c$2 ')", "3ca 3cb 14m"),
                Arguments.of("regexp_like('1a 2b 14m', '\\d+b')", "true"),
                // Binary values as Athena prints them.
                Arguments.of("to_utf8('ab')", "61 62"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("documentedResults")
    void select_whenExpressionHasDocumentedResult_returnsIt(String expression, String expected) {
        assertThat(value("SELECT " + expression)).isEqualTo(expected);
    }

    static Stream<Arguments> documentedNulls() {
        return Stream.of(
                Arguments.of("NULL = NULL"),
                Arguments.of("element_at(map(ARRAY['a'], ARRAY[1]), 'b')"),
                // contains: NULL when the element is not found and the array holds a NULL (functions/array).
                Arguments.of("contains(ARRAY[1, NULL], 2)"),
                // all_match: NULL when the predicate is NULL for some elements and true for the others.
                Arguments.of("all_match(ARRAY[1, NULL], x -> x > 0)"),
                Arguments.of("try(1 / 0)"));
    }

    @ParameterizedTest(name = "{0} is NULL")
    @MethodSource("documentedNulls")
    void select_whenDocumentedResultIsNull_returnsNullNotEmpty(String expression) {
        GetQueryResultsResponse results = results(succeed("SELECT " + expression + " AS v"));

        assertThat(results.resultSet().rows().get(1).data().getFirst().varCharValue()).isNull();
    }

    static Stream<Arguments> documentedErrors() {
        return Stream.of(
                Arguments.of("2147483647 + 1", "NUMERIC_VALUE_OUT_OF_RANGE: "),
                Arguments.of("1 / 0", "DIVISION_BY_ZERO: "),
                Arguments.of("CAST('abc' AS integer)", "INVALID_CAST_ARGUMENT: "),
                Arguments.of("no_such_function(1)", "FUNCTION_NOT_FOUND: line 1:8: "),
                Arguments.of("x FROM nowhere.nothing", "SCHEMA_NOT_FOUND: line 1:15: Schema 'nowhere' does not exist"),
                Arguments.of("x FROM default.nothing",
                        "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.default.nothing' does not exist"));
    }

    @ParameterizedTest(name = "{0} fails with {1}")
    @MethodSource("documentedErrors")
    void select_whenTrinoRaisesAnError_failsWithAthenasErrorShape(String expression, String reasonPrefix) {
        QueryExecution failed = local.awaitDone(local.start("SELECT " + expression));

        assertThat(failed.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(failed.status().stateChangeReason()).startsWith(reasonPrefix);
        assertThat(failed.status().athenaError().errorCategory()).isEqualTo(2);
    }

    @Test
    void call_whenTrinoWouldRunTheProcedure_failsWithNotSupportedAsAthenaHasNoStoredProcedures() {
        QueryExecution failed = local.awaitDone(local.start(
                "CALL system.sync_partition_metadata('default', 'nothing', 'FULL')"));

        assertThat(failed.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(failed.status().stateChangeReason())
                .isEqualTo("NOT_SUPPORTED: Stored procedures (CALL) are not supported by Athena");
    }

    @Test
    void startQueryExecution_whenSyntaxError_isRejectedWithInvalidRequest() {
        assertThatThrownBy(() -> local.start("SELEC 1"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("line 1:1: mismatched input 'SELEC'. Expecting: ");
    }

    @Test
    void executionParameters_whenGiven_areBoundByTrinoNotConcatenated() {
        String id = local.athena.startQueryExecution(b -> b.queryString("SELECT ? || 'y' AS s, ? + 1 AS n")
                .executionParameters("'x'", "3")).queryExecutionId();
        QueryExecution done = local.awaitDone(id);
        assertThat(done.status().state()).as(done.status().stateChangeReason())
                .isEqualTo(QueryExecutionState.SUCCEEDED);

        List<String> row = results(done).resultSet().rows().get(1).data().stream().map(Datum::varCharValue).toList();

        assertThat(row).containsExactly("xy", "4");
    }

    @Test
    void executionParameters_whenCountDiffers_failsTheQuery() {
        String id = local.athena.startQueryExecution(b -> b.queryString("SELECT ? AS a, ? AS b")
                .executionParameters("1")).queryExecutionId();

        QueryExecution failed = local.awaitDone(id);

        assertThat(failed.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(failed.status().stateChangeReason()).contains("Incorrect number of parameters");
    }

    @Test
    void columnInfo_whenDecimalAndVarchar_reportsTrinoTypesWithPrecisionAndScale() {
        List<ColumnInfo> columns = results(succeed("SELECT DECIMAL '12.345' AS d, CAST('ab' AS varchar(5)) AS v, "
                + "ARRAY[1] AS a")).resultSet().resultSetMetadata().columnInfo();

        assertThat(columns).extracting(ColumnInfo::type).containsExactly("decimal", "varchar", "array");
        assertThat(columns.get(0).precision()).isEqualTo(5);
        assertThat(columns.get(0).scale()).isEqualTo(3);
        assertThat(columns.get(1).precision()).isEqualTo(5);
    }

    private String value(String sql) {
        return results(succeed(sql)).resultSet().rows().get(1).data().getFirst().varCharValue();
    }

    private GetQueryResultsResponse results(QueryExecution query) {
        return local.athena.getQueryResults(b -> b.queryExecutionId(query.queryExecutionId()));
    }

    private QueryExecution succeed(String sql) {
        QueryExecution done = local.awaitDone(local.start(sql));
        assertThat(done.status().state()).as("%s: %s", sql, done.status().stateChangeReason())
                .isEqualTo(QueryExecutionState.SUCCEEDED);
        return done;
    }
}
