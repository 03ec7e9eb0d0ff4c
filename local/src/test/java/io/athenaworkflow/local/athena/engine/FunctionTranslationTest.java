package io.athenaworkflow.local.athena.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.athena.engine.query.FunctionRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each translated Trino function against the result Trino/Athena documents for it. */
class FunctionTranslationTest {

    /** Trino expression, and the value Athena renders for it (NULL for SQL NULL). */
    static final List<String[]> CASES = List.of(
            c("date_parse('2024-01-31 13:45', '%Y-%m-%d %H:%i')", "2024-01-31 13:45:00.000"),
            c("date_parse('31/01/2024', '%d/%m/%Y')", "2024-01-31 00:00:00.000"),
            c("date_format(TIMESTAMP '2024-01-31 13:45:07.123', '%Y-%m-%d %H:%i:%s')", "2024-01-31 13:45:07"),
            c("date_format(TIMESTAMP '2024-01-05 03:04:05', '%e %c %k %l %p %W %M %y')", "5 1 3 3 AM Friday January 24"),
            c("format_datetime(TIMESTAMP '2024-01-05 03:04:05.678', 'yyyy-MM-dd HH:mm:ss.SSS')", "2024-01-05 03:04:05.678"),
            c("format_datetime(TIMESTAMP '2024-01-05 03:04:05', 'EEE, d MMM yyyy')", "Fri, 5 Jan 2024"),
            c("parse_datetime('2024-01-05 03:04', 'yyyy-MM-dd HH:mm')", "2024-01-05 03:04:00.000 UTC"),
            c("from_iso8601_timestamp('2020-05-11T11:15:05Z')", "2020-05-11 11:15:05.000 UTC"),
            c("from_iso8601_timestamp('2020-05-11T11:15:05+05:00')", "2020-05-11 06:15:05.000 UTC"),
            c("from_iso8601_date('2020-05-11')", "2020-05-11"),
            c("to_iso8601(DATE '2020-05-11')", "2020-05-11"),
            c("to_iso8601(TIMESTAMP '2020-05-11 11:15:05')", "2020-05-11T11:15:05.000"),
            c("date_add('day', 1, DATE '2024-01-31')", "2024-02-01"),
            c("date_add('month', 1, TIMESTAMP '2024-01-31 10:00:00')", "2024-02-29 10:00:00.000"),
            c("date_add('hour', -2, TIMESTAMP '2024-01-01 01:00:00')", "2023-12-31 23:00:00.000"),
            c("date_add('quarter', 1, DATE '2024-01-15')", "2024-04-15"),
            c("date_diff('day', TIMESTAMP '2020-01-01 23:00:00', TIMESTAMP '2020-01-02 01:00:00')", "0"),
            c("date_diff('day', DATE '2024-01-01', DATE '2024-03-01')", "60"),
            c("date_diff('month', DATE '2024-01-15', DATE '2024-03-14')", "1"),
            c("date_trunc('month', TIMESTAMP '2024-05-17 10:11:12')", "2024-05-01 00:00:00.000"),
            c("date_trunc('month', DATE '2024-05-17')", "2024-05-01"),
            c("from_unixtime(1700000000)", "2023-11-14 22:13:20.000 UTC"),
            c("to_unixtime(TIMESTAMP '2024-01-02 03:04:05.678')", "1.704164645678E9"),
            c("at_timezone(from_iso8601_timestamp('2024-01-01T10:00:00Z'), 'America/Los_Angeles')",
                    "2024-01-01 02:00:00.000 America/Los_Angeles"),
            c("current_timezone()", "UTC"),
            c("day_of_week(DATE '2024-01-07')", "7"),
            c("dow(DATE '2024-01-08')", "1"),
            c("day_of_year(DATE '2024-02-01')", "32"),
            c("doy(DATE '2024-12-31')", "366"),
            c("day_of_month(DATE '2024-02-29')", "29"),
            c("week_of_year(DATE '2024-01-01')", "1"),
            c("year_of_week(DATE '2021-01-01')", "2020"),
            c("yow(DATE '2021-01-04')", "2021"),
            c("last_day_of_month(DATE '2024-02-10')", "2024-02-29"),
            c("millisecond(TIMESTAMP '2024-01-01 00:00:05.123')", "123"),
            c("json_extract_scalar('{\"a\":{\"b\":\"x\"}}', '$.a.b')", "x"),
            c("json_extract_scalar('{\"a\":{\"b\":1}}', '$.a')", null),
            c("json_extract('{\"a\":[1,2]}', '$.a')", "[1,2]"),
            c("json_parse('{\"a\": 1}')", "{\"a\":1}"),
            c("json_format(json_parse('[1, \"x\"]'))", "[1,\"x\"]"),
            c("json_array_length('[1, 2, 3]')", "3"),
            c("regexp_like('abc123', '\\d+')", "true"),
            c("regexp_extract('abc123def', '\\d+')", "123"),
            c("regexp_extract('abc', '\\d+')", null),
            c("regexp_extract('a1b2', '([a-z])(\\d)', 2)", "1"),
            c("regexp_replace('a1b2', '\\d')", "ab"),
            c("regexp_replace('a1b2', '(\\d)', '<$1>')", "a<1>b<2>"),
            c("regexp_split('a1b22c', '\\d+')", "[a, b, c]"),
            c("regexp_count('a1b22c3', '\\d+')", "3"),
            c("strpos('hello', 'l')", "3"),
            c("strpos('hello', 'z')", "0"),
            c("length('h\u00e9llo')", "5"),
            c("substr('hello', 2, 3)", "ell"),
            c("substr('hello', -3)", "llo"),
            c("substr('hello', 0)", ""),
            c("substring('hello', 2)", "ello"),
            c("split('a,b,,c', ',')", "[a, b, , c]"),
            c("split_part('a,b', ',', 2)", "b"),
            c("split_part('a,b', ',', 5)", null),
            c("concat('a', 'b', 'c')", "abc"),
            c("concat('a', NULL)", null),
            c("replace('banana', 'a')", "bnn"),
            c("replace('banana', 'a', 'o')", "bonono"),
            c("codepoint('A')", "65"),
            c("levenshtein_distance('kitten', 'sitting')", "3"),
            c("hamming_distance('abc', 'abd')", "1"),
            c("from_utf8(to_utf8('h\u00e9'))", "h\u00e9"),
            c("to_hex(md5(to_utf8('a')))", "0CC175B9C0F1B6A831C399E269772661"),
            c("to_hex(sha1(to_utf8('a')))", "86F7E437FAA5A7FCE15D1DDCB9EAEAEA377667B8"),
            c("to_hex(sha256(to_utf8('a')))", "CA978112CA1BBDCAFAC231B39A23DC4DA786EFF8147C4E72B9807785AFEE48BB"),
            c("from_utf8(from_hex('6869'))", "hi"),
            c("cardinality(ARRAY[1, 2, 3])", "3"),
            c("cardinality(MAP(ARRAY['a'], ARRAY[1]))", "1"),
            c("element_at(ARRAY['a', 'b'], 2)", "b"),
            c("element_at(ARRAY['a'], 5)", null),
            c("element_at(ARRAY['a', 'b'], -1)", "b"),
            c("element_at(MAP(ARRAY['k'], ARRAY[7]), 'k')", "7"),
            c("array_join(ARRAY['a', NULL, 'b'], '-')", "a-b"),
            c("array_join(ARRAY['a', NULL], ',', 'n/a')", "a,n/a"),
            c("contains(ARRAY[1, 2], 2)", "true"),
            c("array_position(ARRAY[10, 20], 20)", "2"),
            c("array_position(ARRAY[10, 20], 5)", "0"),
            c("array_max(ARRAY[1, 5, 2])", "5"),
            c("array_min(ARRAY[4, 5, 2])", "2"),
            c("array_sort(ARRAY[3, NULL, 1])", "[1, 3, null]"),
            c("array_distinct(ARRAY[3, 1, 3, 2, 1])", "[3, 1, 2]"),
            c("slice(ARRAY[1, 2, 3, 4], 2, 2)", "[2, 3]"),
            c("sequence(1, 5, 2)", "[1, 3, 5]"),
            c("transform(ARRAY[1, 2], x -> x * 10)", "[10, 20]"),
            c("filter(ARRAY[1, 2, 3], x -> x > 1)", "[2, 3]"),
            c("any_match(ARRAY[1, 2], x -> x > 1)", "true"),
            c("all_match(ARRAY[1, 2], x -> x > 1)", "false"),
            c("none_match(ARRAY[1, 2], x -> x > 5)", "true"),
            c("if(1 > 2, 'a', 'b')", "b"),
            c("if(1 > 2, 'a')", null),
            c("greatest(1, NULL, 3)", null),
            c("greatest(1, 5, 3)", "5"),
            c("least(4, 2, 3)", "2"),
            c("try(1 / 0)", null),
            c("try_cast('abc' AS integer)", null),
            c("try_cast('12' AS integer)", "12"),
            c("CAST('7' AS bigint)", "7"),
            c("CAST(ARRAY[1, 2] AS array(varchar))", "[1, 2]"),
            c("CAST('abc' AS JSON)", "\"abc\""),
            c("CAST(1.5e0 AS real)", "1.5"),
            c("CAST('1.005' AS decimal(5,2))", "1.01"),
            c("CAST('ab' AS char(2))", "ab"),
            c("CAST(1 AS varchar(10))", "1"),
            c("CAST(MAP(ARRAY['a'], ARRAY['1']) AS map(varchar, integer))", "{a=1}"),
            c("CAST('2024-01-02 03:04:05' AS timestamp)", "2024-01-02 03:04:05.000"),
            c("CAST('2024-01-02' AS date)", "2024-01-02"),
            c("CAST(0 AS boolean)", "false"),
            c("typeof(1)", "integer"),
            c("typeof(1.5e0)", "double"),
            c("typeof(CAST(1 AS bigint))", "bigint"),
            c("typeof(ARRAY[1])", "array(integer)"),
            c("typeof(current_timestamp)", "timestamp(3) with time zone"),
            c("truncate(-2.7e0)", "-2.0"),
            c("mod(7, 3)", "1"),
            c("rand() < 1", "true"),
            c("infinity()", "Infinity"),
            c("is_nan(nan())", "true"),
            c("is_finite(1e0)", "true"),
            c("is_infinite(infinity())", "true"),
            c("bitwise_and(12, 10)", "8"),
            c("bitwise_or(12, 10)", "14"),
            c("bitwise_xor(12, 10)", "6"),
            c("bitwise_not(0)", "-1"),
            c("year(DATE '2024-05-01')", "2024"),
            c("reduce(ARRAY[1, 2, 3], 0, (s, x) -> s + x, s -> s * 10)", "60"),
            c("ROW(1, 'a')", "{field0=1, field1=a}"),
            c("CAST(ROW(1, 'a') AS ROW(x integer, y varchar)).y", "a"),
            c("1 IS DISTINCT FROM NULL", "true"),
            c("TIMESTAMP '2024-01-01 10:00:00 UTC'", "2024-01-01 10:00:00.000 UTC"));

    /** Aggregates, over the values 1, 2, 2, 3, 5. */
    static final List<String[]> AGGREGATES = List.of(
            c("approx_distinct(x)", "4"),
            c("approx_percentile(x, 0.5)", "2"),
            c("arbitrary(x) IS NOT NULL", "true"),
            c("every(x > 0)", "true"),
            c("count_if(x > 2)", "2"),
            c("map_agg(x, x * 10)", "{1=10, 2=20, 3=30, 5=50}"));

    @TempDir
    static Path dir;
    static EngineFixture fx;

    @BeforeAll
    static void start() {
        fx = new EngineFixture(dir);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static Stream<String[]> cases() {
        return CASES.stream();
    }

    static Stream<String[]> aggregates() {
        return AGGREGATES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void function_whenTranslated_returnsWhatTrinoReturns(String expression, String expected) {
        assertThat(fx.value("SELECT " + expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregates")
    void aggregate_whenTranslated_returnsWhatTrinoReturns(String expression, String expected) {
        assertThat(fx.value("SELECT " + expression + " FROM (VALUES 1, 2, 2, 3, 5) t(x)")).isEqualTo(expected);
    }

    @Test
    void everyTranslatedFunction_hasACase() {
        String all = Stream.concat(CASES.stream(), AGGREGATES.stream()).map(c -> c[0].toLowerCase(Locale.ROOT) + " ")
                .reduce("", String::concat);
        assertThat(FunctionRules.translated()).allSatisfy(name -> assertThat(all).contains(name + "("));
    }

    @Test
    void dateAdd_whenColumnIsDate_keepsDateType() {
        fx.run("CREATE EXTERNAL TABLE d (day date) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://data/d/'");
        fx.store.put("data", "d/1.csv", "2024-01-31\n");

        CollectingSink result = fx.run("SELECT date_add('day', 1, day) AS next FROM d");

        assertThat(result.rows).containsExactly(List.of("2024-02-01"));
        assertThat(result.columns.get(0).type()).isEqualTo("date");
    }

    @Test
    void unknownFunction_failsWithFunctionNotFound() {
        assertThatThrownBy(() -> fx.run("SELECT foo(1)"))
                .isInstanceOf(QueryFailure.class)
                .hasMessage("FUNCTION_NOT_FOUND: line 1:8: Function 'foo' not registered");
    }

    @Test
    void untranslatableFunction_failsWithClearReason() {
        assertThatThrownBy(() -> fx.run("SELECT format('%s', 1)"))
                .isInstanceOf(QueryFailure.class)
                .hasMessageStartingWith("NOT_SUPPORTED: line 1:8: format() (Java format strings) is not supported");
        assertThatThrownBy(() -> fx.run("SELECT date_format(current_timestamp, '%U')"))
                .isInstanceOf(QueryFailure.class)
                .hasMessageContaining("format specifier %U is not supported");
        assertThatThrownBy(() -> fx.run("SELECT split('a,b', ',', 1)"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("split with a limit is not supported");
        assertThatThrownBy(() -> fx.run("SELECT date_add('fortnight', 1, current_date)"))
                .isInstanceOf(QueryFailure.class).hasMessageStartingWith("INVALID_FUNCTION_ARGUMENT: line 1:8:");
    }

    @Test
    void currentTimestamp_isRenderedWithMillisecondsInUtc() {
        CollectingSink result = fx.run("SELECT current_timestamp, current_date");

        assertThat(result.rows.get(0).get(0)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} UTC");
        assertThat(result.rows.get(0).get(1)).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(result.columns).extracting(ResultColumn::type).containsExactly("timestamp with time zone", "date");
    }

    @Test
    void atTimeZone_failsInsteadOfAnsweringDifferently() {
        assertThatThrownBy(() -> fx.run("SELECT current_timestamp AT TIME ZONE 'UTC'"))
                .isInstanceOf(QueryFailure.class)
                .hasMessageStartingWith("NOT_SUPPORTED: line 1:26: AT TIME ZONE is not supported");
    }

    @Test
    void wrongArgumentCount_failsWithFunctionNotFound() {
        assertThatThrownBy(() -> fx.run("SELECT date_diff('day', current_date)"))
                .isInstanceOf(QueryFailure.class)
                .hasMessage("FUNCTION_NOT_FOUND: line 1:8: Unexpected parameters for function date_diff: expected 3 arguments, got 2");
    }

    private static String[] c(String expression, String expected) {
        return new String[] {expression, expected};
    }
}
