package io.athenaworkflow.local.athena.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.athena.engine.catalog.CatalogTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataWritesTest {

    @TempDir
    Path dir;
    EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(dir);
        fx.run("CREATE EXTERNAL TABLE src (id int, city string, amount double) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                + "LOCATION 's3://data/src/'");
        fx.store.put("data", "src/1.csv", "1,paris,10.5\n2,oslo,20\n3,paris,1.5\n");
    }

    @Test
    void ctas_whenDefaultFormat_writesParquetAtOutputLocationAndRegistersTable() {
        Statement statement = new Statement("ctas1", "CREATE TABLE totals AS SELECT city, sum(amount) AS total FROM src GROUP BY city",
                "AwsDataCatalog", "default", List.of(), "s3://results/out/", new Cancellation());
        CollectingSink sink = new CollectingSink();

        StatementOutcome outcome = fx.engine.execute(statement, sink);

        assertThat(outcome.statementType()).isEqualTo("DDL");
        assertThat(outcome.substatementType()).isEqualTo("CREATE_TABLE_AS_SELECT");
        assertThat(sink.names()).containsExactly("rows");
        assertThat(sink.rows).containsExactly(List.of("2"));
        CatalogTable table = fx.engine.catalog().table("default", "totals").orElseThrow();
        assertThat(table.location()).isEqualTo("s3://results/out/tables/ctas1/");
        assertThat(table.columns()).extracting(c -> c.name() + ":" + c.type()).containsExactly("city:string", "total:double");
        assertThat(fx.store.listKeys("results", "out/tables/ctas1/")).singleElement().asString().endsWith(".parquet");
        assertThat(fx.rows("SELECT city, total FROM totals ORDER BY city")).containsExactly("oslo|20.0", "paris|12.0");
        assertThat(dir.resolve("spill").toFile().list((d, n) -> n.startsWith("write-"))).isEmpty();
    }

    @Test
    void ctas_whenPartitionedTextfileAtExternalLocation_writesPartitionFolders() {
        fx.run("CREATE TABLE bycity WITH (format = 'TEXTFILE', field_delimiter = '|', "
                + "external_location = 's3://data/bycity/', partitioned_by = ARRAY['city']) AS SELECT id, amount, city FROM src");

        assertThat(fx.run("SHOW PARTITIONS bycity").lines()).containsExactly("city=oslo", "city=paris");
        assertThat(fx.store.listKeys("data", "bycity/city=paris/")).hasSize(1);
        assertThat(fx.rows("SELECT id, amount, city FROM bycity ORDER BY id"))
                .containsExactly("1|10.5|paris", "2|20.0|oslo", "3|1.5|paris");
        assertThatThrownBy(() -> fx.run("CREATE TABLE again WITH (external_location = 's3://data/bycity/') AS SELECT 1 AS x"))
                .isInstanceOf(QueryFailure.class).hasMessageStartingWith("HIVE_PATH_ALREADY_EXISTS");
    }

    @Test
    void ctas_whenTableExists_failsUnlessIfNotExists() {
        assertThatThrownBy(() -> fx.run("CREATE TABLE src AS SELECT 1 AS x"))
                .isInstanceOf(QueryFailure.class)
                .hasMessage("TABLE_ALREADY_EXISTS: line 1:14: Destination table 'awsdatacatalog.default.src' already exists");
        assertThat(fx.run("CREATE TABLE IF NOT EXISTS src AS SELECT 1 AS x").rows).containsExactly(List.of("0"));
    }

    @Test
    void insertInto_whenTableIsText_appendsRowsReadByTheNextQuery() {
        CollectingSink sink = fx.run("INSERT INTO src (id, city) VALUES (4, 'rome'), (5, 'oslo')");

        assertThat(sink.rows).containsExactly(List.of("2"));
        assertThat(fx.outcome("INSERT INTO src SELECT 6, 'x', 1e0").substatementType()).isEqualTo("INSERT");
        assertThat(fx.rows("SELECT id, city, amount FROM src WHERE id >= 4 ORDER BY id"))
                .containsExactly("4|rome|NULL", "5|oslo|NULL", "6|x|1.0");
    }

    @Test
    void insertInto_whenPartitionedParquet_addsPartitions() {
        fx.run("CREATE TABLE sales WITH (partitioned_by = ARRAY['city']) AS SELECT id, amount, city FROM src WHERE id = 1");

        fx.run("INSERT INTO sales SELECT 9, 99.5e0, 'lima'");

        assertThat(fx.run("SHOW PARTITIONS sales").lines()).containsExactly("city=lima", "city=paris");
        assertThat(fx.rows("SELECT id, amount, city FROM sales ORDER BY id")).containsExactly("1|10.5|paris", "9|99.5|lima");
        assertThatThrownBy(() -> fx.run("INSERT INTO sales SELECT 1"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("Insert query has 1 columns but the target table has 3");
    }

    @Test
    void unload_whenJson_writesFilesAndListsThem() {
        CollectingSink sink = fx.run("UNLOAD (SELECT id, city FROM src WHERE city = 'paris') TO 's3://exports/paris/' "
                + "WITH (format = 'JSON')");

        assertThat(sink.format).isEqualTo(ResultFormat.TEXT);
        assertThat(sink.lines()).singleElement().asString().startsWith("s3://exports/paris/");
        String key = sink.lines().get(0).substring("s3://exports/".length());
        assertThat(fx.store.file("exports", key).orElseThrow()).content()
                .contains("{\"id\":1,\"city\":\"paris\"}").contains("{\"id\":3,\"city\":\"paris\"}");
        assertThatThrownBy(() -> fx.run("UNLOAD (SELECT 1) TO 's3://exports/paris/' WITH (format = 'ORC')"))
                .isInstanceOf(QueryFailure.class).hasMessageStartingWith("HIVE_PATH_ALREADY_EXISTS");
        assertThatThrownBy(() -> fx.run("UNLOAD (SELECT 1) TO 's3://exports/other/' WITH (format = 'ORC')"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("format 'ORC' is not supported locally");
    }
}
