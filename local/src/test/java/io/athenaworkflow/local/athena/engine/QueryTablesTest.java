package io.athenaworkflow.local.athena.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryTablesTest {

    @TempDir
    Path dir;
    EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void openCsvSerde_whenFieldsAreQuoted_keepsCommasAndNewlinesAndSkipsHeader() {
        fx.run("""
                CREATE EXTERNAL TABLE people (id int, name string, note string)
                ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
                LOCATION 's3://data/people/'
                TBLPROPERTIES ('skip.header.line.count'='1')""");
        fx.store.put("data", "people/part-1.csv", "id,name,note\n1,\"Smith, Jane\",\"line one\nline two\"\n2,Bob,\n");
        fx.store.put("data", "people/_SUCCESS", "ignored");
        fx.store.put("data", "people/.hidden.csv", "9,hidden,x\n");

        CollectingSink result = fx.run("SELECT id, name, note FROM people ORDER BY id");

        assertThat(result.rows).containsExactly(List.of("1", "Smith, Jane", "line one\nline two"), List.of("2", "Bob", ""));
        assertThat(result.columns).extracting(ResultColumn::type).containsExactly("integer", "varchar", "varchar");
    }

    @Test
    void openCsvSerde_whenNumericFieldIsNotANumber_failsWithHiveBadData() {
        fx.run("CREATE EXTERNAL TABLE n (id int, v string) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' "
                + "LOCATION 's3://data/n/'");
        fx.store.put("data", "n/a.csv", "1,a\nabc,b\n");

        assertThatThrownBy(() -> fx.run("SELECT sum(id) FROM n"))
                .isInstanceOf(QueryFailure.class)
                .hasMessage("HIVE_BAD_DATA: Error parsing field value 'abc' for field 0: For input string: \"abc\"")
                .extracting(e -> ((QueryFailure) e).errorCategory()).isEqualTo(2);
    }

    @Test
    void lazySimpleSerde_whenBackslashNAndBadNumbers_readsNull() {
        fx.run("""
                CREATE EXTERNAL TABLE tsv (id int, name string, score double, ok boolean, d date)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'
                LOCATION 's3://data/tsv/'""");
        fx.store.put("data", "tsv/a.tsv", "1\tann\t1.5\ttrue\t2024-01-31\n2\t\\N\tnope\tFALSE\tbad\n3\t\t\t\t\nx\tshort\n");

        assertThat(fx.rows("SELECT id, name, score, ok, d FROM tsv")).containsExactly(
                "1|ann|1.5|true|2024-01-31",
                "2|NULL|NULL|false|NULL",
                "3||NULL|NULL|NULL",
                "NULL|short|NULL|NULL|NULL");
    }

    @Test
    void jsonSerde_whenNewlineDelimited_readsTypedColumnsIncludingNested() {
        fx.run("""
                CREATE EXTERNAL TABLE ev (id bigint, kind string, tags array<string>, props map<string,int>,
                  who struct<name:string,age:int>)
                ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
                LOCATION 's3://data/ev/'""");
        fx.store.put("data", "ev/1.json", """
                {"id": 1, "kind": "click", "tags": ["a","b"], "props": {"x": 1}, "who": {"name": "ann", "age": 30}}
                {"id": 2, "kind": null, "tags": [], "props": {}, "who": null}
                """);

        CollectingSink result = fx.run("SELECT * FROM ev ORDER BY id");

        assertThat(result.rows).containsExactly(
                List.of("1", "click", "[a, b]", "{x=1}", "{name=ann, age=30}"),
                java.util.Arrays.asList("2", null, "[]", "{}", null));
        assertThat(result.columns).extracting(ResultColumn::type)
                .containsExactly("bigint", "varchar", "array", "map", "row");
    }

    @Test
    void parquet_whenFilesHaveExtraAndMissingColumns_readsDeclaredColumnsByName() throws Exception {
        Path file = dir.resolve("p.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement()) {
            s.execute("COPY (SELECT i AS id, 'n' || i AS name, i * 1.5 AS price, 'x' AS extra FROM range(1, 4) t(i)) TO '"
                    + file + "' (FORMAT parquet)");
        }
        fx.store.put("data", "pq/part-0.parquet", file, "application/octet-stream");
        fx.run("CREATE EXTERNAL TABLE pq (id bigint, name string, price double, missing string) STORED AS PARQUET "
                + "LOCATION 's3://data/pq/'");

        CollectingSink result = fx.run("SELECT id, name, price, missing FROM pq ORDER BY id");
        StatementOutcome outcome = fx.engine.execute(EngineFixture.statement("SELECT count(*) FROM pq"), new CollectingSink());

        assertThat(fx.rows("SELECT id, name, price, missing FROM pq ORDER BY id"))
                .containsExactly("1|n1|1.5|NULL", "2|n2|3.0|NULL", "3|n3|4.5|NULL");
        assertThat(result.columns).extracting(ResultColumn::type).containsExactly("bigint", "varchar", "double", "varchar");
        assertThat(outcome.dataScannedBytes()).isEqualTo(Files.size(file));
        assertThat(outcome.statementType()).isEqualTo("DML");
        assertThat(outcome.substatementType()).isEqualTo("SELECT");
    }

    @Test
    void partitionedTable_whenPartitionsRegistered_addsKeyColumnsAndReadsOnlyRegisteredOnes() {
        fx.run("CREATE DATABASE logs");
        fx.run("CREATE EXTERNAL TABLE logs.hits (path string, n int) PARTITIONED BY (dt date, host string) "
                + "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://data/hits/'");
        fx.store.put("data", "hits/dt=2024-01-01/host=a/1.csv", "/x,1\n/y,2\n");
        fx.store.put("data", "hits/dt=2024-01-02/host=b/1.csv", "/x,10\n");
        fx.store.put("data", "other/z.csv", "/z,100\n");

        assertThat(fx.rows("SELECT count(*) FROM logs.hits")).containsExactly("0");
        fx.run("MSCK REPAIR TABLE logs.hits");
        fx.run("ALTER TABLE logs.hits ADD PARTITION (dt='2024-01-03', host='c') LOCATION 's3://data/other/'");

        assertThat(fx.rows("SELECT dt, host, sum(n) FROM logs.hits GROUP BY dt, host ORDER BY dt"))
                .containsExactly("2024-01-01|a|3", "2024-01-02|b|10", "2024-01-03|c|100");
        assertThat(fx.run("SELECT dt FROM \"logs\".\"hits\" LIMIT 1").columns.get(0).type()).isEqualTo("date");
    }

    @Test
    void partitionProjection_whenEnabled_readsProjectedFoldersWithoutRegisteredPartitions() {
        fx.run("CREATE EXTERNAL TABLE proj (v int) PARTITIONED BY (region string, yr int) "
                + "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://data/proj/' TBLPROPERTIES ("
                + "'projection.enabled'='true', 'projection.region.type'='enum', 'projection.region.values'='eu,us', "
                + "'projection.yr.type'='integer', 'projection.yr.range'='2020,2024', "
                + "'storage.location.template'='s3://data/proj/${region}/${yr}/')");
        fx.store.put("data", "proj/eu/2023/a.csv", "1\n2\n");
        fx.store.put("data", "proj/us/2024/a.csv", "10\n");
        fx.store.put("data", "proj/ap/2024/a.csv", "100\n");
        fx.store.put("data", "proj/us/2019/a.csv", "1000\n");

        assertThat(fx.rows("SELECT region, yr, sum(v) FROM proj GROUP BY region, yr ORDER BY region"))
                .containsExactly("eu|2023|3", "us|2024|10");
    }

    @Test
    void tableNames_whenQualifiedQuotedOrUnqualified_resolveCaseInsensitively() {
        fx.run("CREATE DATABASE Sales");
        fx.run("CREATE EXTERNAL TABLE sales.t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://data/t/'");
        fx.store.put("data", "t/1.csv", "7\n");

        assertThat(fx.rows("SELECT a FROM sales.t")).containsExactly("7");
        assertThat(fx.rows("SELECT a FROM \"SALES\".\"T\"")).containsExactly("7");
        assertThat(fx.rows("SELECT a FROM AwsDataCatalog.sales.T")).containsExactly("7");
        CollectingSink sink = new CollectingSink();
        fx.engine.execute(new Statement("q1", "select A from T", "AwsDataCatalog", "SALES", List.of(), "s3://r/", new Cancellation()), sink);
        assertThat(sink.rows).containsExactly(List.of("7"));
    }

    @Test
    void emptyLocation_whenNoFiles_isAnEmptyTable() {
        fx.run("CREATE EXTERNAL TABLE e (a int, b string) LOCATION 's3://nobucket/e/'");

        CollectingSink result = fx.run("SELECT * FROM e");

        assertThat(result.rows).isEmpty();
        assertThat(result.names()).containsExactly("a", "b");
    }

    @Test
    void unknownTable_failsWithTableNotFoundAtItsPosition() {
        assertThatThrownBy(() -> fx.run("SELECT *\nFROM   nosuch"))
                .isInstanceOf(QueryFailure.class)
                .hasMessage("TABLE_NOT_FOUND: line 2:8: Table 'awsdatacatalog.default.nosuch' does not exist");
        assertThatThrownBy(() -> fx.run("SELECT * FROM nodb.t"))
                .isInstanceOf(QueryFailure.class)
                .hasMessage("SCHEMA_NOT_FOUND: line 1:15: Schema 'nodb' does not exist");
    }

    @Test
    void unknownColumn_failsWithColumnNotFound() {
        fx.run("CREATE EXTERNAL TABLE e (a int) LOCATION 's3://nobucket/e/'");

        assertThatThrownBy(() -> fx.run("SELECT a, bogus FROM e"))
                .isInstanceOf(QueryFailure.class)
                .hasMessageStartingWith("COLUMN_NOT_FOUND: line 1:11: Column 'bogus' cannot be resolved");
    }

    @Test
    void typeErrors_failWithTrinoErrorNames() {
        fx.run("CREATE EXTERNAL TABLE e (a int, s string) LOCATION 's3://nobucket/e/'");

        assertThatThrownBy(() -> fx.run("SELECT abs(s) FROM e"))
                .isInstanceOf(QueryFailure.class)
                .hasMessage("FUNCTION_NOT_FOUND: line 1:8: Unexpected parameters (varchar) for function abs");
        assertThatThrownBy(() -> fx.run("SELECT s, count(*) FROM e"))
                .isInstanceOf(QueryFailure.class)
                .hasMessageStartingWith("EXPRESSION_NOT_AGGREGATE: line 1:8: 's' must be an aggregate expression");
        assertThatThrownBy(() -> fx.run("SELECT CAST('abc' AS integer)"))
                .isInstanceOf(QueryFailure.class).hasMessage("INVALID_CAST_ARGUMENT: Cannot cast 'abc' to integer");
        assertThatThrownBy(() -> fx.run("SELECT 2147483647 + 1"))
                .isInstanceOf(QueryFailure.class).hasMessageStartingWith("NUMERIC_VALUE_OUT_OF_RANGE:");
    }

    @Test
    void syntaxError_failsWithSyntaxErrorAndPosition() {
        assertThatThrownBy(() -> fx.run("SELEC 1"))
                .isInstanceOf(QueryFailure.class)
                .hasMessageStartingWith("SYNTAX_ERROR: line 1:1: mismatched input 'SELEC'")
                .satisfies(e -> assertThat(((QueryFailure) e).errorType()).isEqualTo(AthenaErrors.QUERY_ERROR));
        assertThatThrownBy(() -> fx.run("SELECT (1 + 2"))
                .isInstanceOf(QueryFailure.class).hasMessageStartingWith("SYNTAX_ERROR: line 1:13: mismatched input '<EOF>'");
        assertThatThrownBy(() -> fx.run("SELECT 1 FROM WHERE"))
                .isInstanceOf(QueryFailure.class).hasMessageStartingWith("SYNTAX_ERROR:");
    }

    @Test
    void executionParameters_whenGiven_areBoundInOrder() {
        assertThat(fx.rows("SELECT ?, ? || 'x', ? + 1", "'a'", "'b'", "41")).containsExactly("a|bx|42");
    }

    @Test
    void executionParameters_whenCountDiffers_failsWithAthenaMessage() {
        assertThatThrownBy(() -> fx.run("SELECT ?, ?", "1"))
                .isInstanceOf(QueryFailure.class)
                .hasMessage("INVALID_PARAMETER_USAGE: line 1:1: Incorrect number of parameters: expected 2 but found 1");
    }

    @Test
    void resultTypes_areReportedAsAthenaColumnInfo() {
        CollectingSink result = fx.run("SELECT 1 AS i, CAST(1 AS bigint) AS b, 1.5e0 AS d, CAST(2.50 AS decimal(10,2)) AS m, "
                + "'x' AS s, true AS t, DATE '2024-01-02' AS dd, TIMESTAMP '2024-01-02 03:04:05.678912' AS ts, "
                + "ARRAY[1, 2] AS arr, MAP(ARRAY['k'], ARRAY[1]) AS mp, CAST(ROW(1, 'a') AS ROW(x integer, y varchar)) AS r, "
                + "CAST(NULL AS varchar) AS n, CAST(1 AS real) AS f, CAST(1 AS smallint) AS sm");

        assertThat(result.columns).containsExactly(
                new ResultColumn("i", "integer", 10, 0, "UNKNOWN"),
                new ResultColumn("b", "bigint", 19, 0, "UNKNOWN"),
                new ResultColumn("d", "double", 17, 0, "UNKNOWN"),
                new ResultColumn("m", "decimal", 10, 2, "UNKNOWN"),
                new ResultColumn("s", "varchar", 2147483647, 0, "UNKNOWN"),
                new ResultColumn("t", "boolean", 0, 0, "UNKNOWN"),
                new ResultColumn("dd", "date", 0, 0, "UNKNOWN"),
                new ResultColumn("ts", "timestamp", 3, 0, "UNKNOWN"),
                new ResultColumn("arr", "array", 0, 0, "UNKNOWN"),
                new ResultColumn("mp", "map", 0, 0, "UNKNOWN"),
                new ResultColumn("r", "row", 0, 0, "UNKNOWN"),
                new ResultColumn("n", "varchar", 2147483647, 0, "UNKNOWN"),
                new ResultColumn("f", "real", 17, 0, "UNKNOWN"),
                new ResultColumn("sm", "smallint", 5, 0, "UNKNOWN"));
        assertThat(result.rows).containsExactly(java.util.Arrays.asList("1", "1", "1.5", "2.50", "x", "true", "2024-01-02",
                "2024-01-02 03:04:05.678", "[1, 2]", "{k=1}", "{x=1, y=a}", null, "1.0", "1"));
    }

    @Test
    void unnamedSelectItems_getTrinoColumnNames() {
        CollectingSink result = fx.run("SELECT 1, 2 AS two, 'a' || 'b', 3 three, count(*) FROM (VALUES 1) t(x)");

        assertThat(result.names()).containsExactly("_col0", "two", "_col2", "three", "_col4");
        assertThat(fx.run("VALUES (1, 'a')").names()).containsExactly("_col0", "_col1");
        assertThat(fx.rows("SELECT x FROM (VALUES 1, 2) t(x) ORDER BY x")).containsExactly("1", "2");
    }

    @Test
    void integerDivision_andDivisionByZero_behaveAsTrino() {
        assertThat(fx.rows("SELECT 7 / 2, -7 / 2, 7.0e0 / 2, 7 % 3")).containsExactly("3|-3|3.5|1");
        assertThatThrownBy(() -> fx.run("SELECT 1 / 0"))
                .isInstanceOf(QueryFailure.class).hasMessage("DIVISION_BY_ZERO: Division by zero");
    }

    @Test
    void withClause_whenCteShadowsNothing_runs() {
        fx.run("CREATE EXTERNAL TABLE t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://data/t/'");
        fx.store.put("data", "t/1.csv", "1\n2\n3\n");

        assertThat(fx.rows("WITH big AS (SELECT a FROM t WHERE a > 1), x (v) AS (SELECT 10) "
                + "SELECT sum(a) + max(v) FROM big CROSS JOIN x")).containsExactly("15");
    }

    @Test
    void backquotedIdentifierInQuery_failsLikeTrino() {
        assertThatThrownBy(() -> fx.run("SELECT `a` FROM t"))
                .isInstanceOf(QueryFailure.class)
                .hasMessage("SYNTAX_ERROR: line 1:8: backquoted identifiers are not supported; use double quotes to quote identifiers");
    }
}
