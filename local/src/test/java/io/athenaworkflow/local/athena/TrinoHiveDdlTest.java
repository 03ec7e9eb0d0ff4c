package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;

import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.athena.model.Column;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.TableMetadata;

/**
 * Athena's Hive DDL on the Trino engine, through the Athena API: tables over objects in the local S3 in each
 * format Athena reads, partitions (MSCK REPAIR TABLE, ALTER TABLE ADD/DROP PARTITION), SHOW and DESCRIBE, views,
 * and the Glue-style catalog API answering from the same metastore.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoHiveDdlTest {

    private TrinoLake lake;
    private LocalAwsFixture local;

    @BeforeAll
    void start() {
        lake = new TrinoLake();
        local = lake.local;
    }

    @AfterAll
    void stop() {
        lake.close();
    }

    @Test
    void openxJsonTable_whenQueried_readsNestedFields() {
        put("openx/a.json", "{\"id\": 1, \"tags\": [\"a\", \"b\"], \"who\": {\"name\": \"ann\"}}\n"
                + "{\"id\": 2, \"tags\": [], \"who\": {\"name\": \"bob\"}}\n");
        succeed("CREATE EXTERNAL TABLE lake.openx (id int, tags array<string>, who struct<name:string>) "
                + "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION 's3://lake/openx/'");

        assertThat(rows("SELECT id, tags, who.name FROM lake.openx ORDER BY id"))
                .containsExactly(List.of("1", "[a, b]", "ann"), List.of("2", "[]", "bob"));
    }

    @Test
    void hiveJsonTable_whenQueried_readsTypedColumns() {
        put("hivejson/a.json", "{\"id\": 7, \"price\": 2.50}\n");
        succeed("CREATE EXTERNAL TABLE lake.hivejson (id bigint, price decimal(5,2)) "
                + "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe' LOCATION 's3://lake/hivejson/'");

        assertThat(rows("SELECT id, price FROM lake.hivejson")).containsExactly(List.of("7", "2.50"));
    }

    @Test
    void openCsvTable_whenStringColumns_readsQuotedFieldsAndSkipsHeader() {
        put("opencsv/a.csv", "id,name\n\"1\",\"Smith, Ann\"\n\"2\",\"Bo\"\n");
        succeed("CREATE EXTERNAL TABLE lake.opencsv (id string, name string) "
                + "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' "
                + "WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '\"') "
                + "LOCATION 's3://lake/opencsv/' TBLPROPERTIES ('skip.header.line.count' = '1')");

        assertThat(rows("SELECT id, name FROM lake.opencsv ORDER BY id"))
                .containsExactly(List.of("1", "Smith, Ann"), List.of("2", "Bo"));
    }

    @Test
    void openCsvTable_whenTypedAndPartitioned_readsTypedValuesAndShowsAsOneTable() {
        put("typedcsv/dt=2024-01-01/a.csv", "\"1\",\"9.50\",\"Ann\"\n\"2\",\"\",\"Bo\"\n");
        succeed("CREATE EXTERNAL TABLE lake.typedcsv (id bigint, amount decimal(10,2), name string) "
                + "PARTITIONED BY (dt string) ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' "
                + "LOCATION 's3://lake/typedcsv/'");
        succeed("MSCK REPAIR TABLE lake.typedcsv");

        assertThat(rows("SELECT id + 1, amount * 2, name, dt FROM lake.typedcsv ORDER BY id")).containsExactly(
                List.of("2", "19.00", "Ann", "2024-01-01"), java.util.Arrays.asList("3", null, "Bo", "2024-01-01"));
        assertThat(lake.text(succeed("SHOW TABLES IN lake"))).contains("typedcsv")
                .noneMatch(t -> t.startsWith("athena_opencsv_source"));
        assertThat(lake.text(succeed("SHOW PARTITIONS lake.typedcsv"))).containsExactly("dt=2024-01-01");
        TableMetadata table = local.athena.getTableMetadata(b -> b.catalogName("AwsDataCatalog")
                .databaseName("lake").tableName("typedcsv")).tableMetadata();
        assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.columns()).extracting(Column::type).containsExactly("bigint", "decimal(10,2)", "string");
        assertThat(table.partitionKeys()).extracting(Column::name).containsExactly("dt");

        succeed("DROP TABLE lake.typedcsv");
        assertThat(lake.text(succeed("SHOW TABLES IN lake"))).noneMatch(t -> t.contains("typedcsv"));
    }

    @ParameterizedTest(name = "STORED AS {0}")
    @ValueSource(strings = {"PARQUET", "ORC", "AVRO"})
    void binaryFormatTable_whenWrittenByCtas_isReadByAnExternalTable(String format) {
        String name = format.toLowerCase(java.util.Locale.ROOT);
        succeed("CREATE TABLE lake." + name + "_ctas WITH (format = '" + format + "', external_location = "
                + "'s3://lake/" + name + "/') AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(id, label)");
        succeed("CREATE EXTERNAL TABLE lake." + name + "_ext (id int, label string) STORED AS " + format
                + " LOCATION 's3://lake/" + name + "/'");

        assertThat(rows("SELECT id, label FROM lake." + name + "_ext ORDER BY id"))
                .containsExactly(List.of("1", "a"), List.of("2", "b"));
    }

    @Test
    void partitionedTable_whenRepairedAddedAndDropped_readsExactlyTheRegisteredPartitions() {
        put("events/dt=2024-01-01/a.csv", "1,x\n");
        put("events/dt=2024-01-02/a.csv", "2,y\n");
        succeed("CREATE EXTERNAL TABLE lake.events (id int, v string) PARTITIONED BY (dt string) "
                + "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://lake/events/'");
        assertThat(rows("SELECT count(*) FROM lake.events")).containsExactly(List.of("0"));

        List<String> repair = lake.text(succeed("MSCK REPAIR TABLE lake.events"));
        assertThat(repair).contains("Repair: Added partition to metastore events:dt=2024-01-01",
                "Repair: Added partition to metastore events:dt=2024-01-02");
        assertThat(lake.text(succeed("SHOW PARTITIONS lake.events"))).containsExactly("dt=2024-01-01", "dt=2024-01-02");
        assertThat(rows("SELECT id, dt FROM lake.events WHERE dt = '2024-01-02'"))
                .containsExactly(List.of("2", "2024-01-02"));

        succeed("ALTER TABLE lake.events DROP PARTITION (dt = '2024-01-01')");
        assertThat(rows("SELECT id FROM lake.events")).containsExactly(List.of("2"));
        assertThat(local.s3.listObjectsV2(b -> b.bucket("lake").prefix("events/dt=2024-01-01/")).contents())
                .as("DROP PARTITION keeps the files of an external table").hasSize(1);

        succeed("ALTER TABLE lake.events ADD IF NOT EXISTS PARTITION (dt = '2024-01-01') "
                + "LOCATION 's3://lake/events/dt=2024-01-01/'");
        assertThat(rows("SELECT id FROM lake.events ORDER BY id")).containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void catalogApi_whenTableCreatedByDdl_answersFromTheSameMetastore() {
        succeed("CREATE EXTERNAL TABLE lake.described (id int, names array<string>, amount decimal(10,2)) "
                + "PARTITIONED BY (dt string) STORED AS PARQUET LOCATION 's3://lake/described/' "
                + "TBLPROPERTIES ('classification' = 'parquet')");

        TableMetadata table = local.athena.getTableMetadata(b -> b.catalogName("AwsDataCatalog")
                .databaseName("lake").tableName("described")).tableMetadata();

        assertThat(table.columns()).extracting(Column::name, Column::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("id", "int"),
                org.assertj.core.groups.Tuple.tuple("names", "array<string>"),
                org.assertj.core.groups.Tuple.tuple("amount", "decimal(10,2)"));
        assertThat(table.partitionKeys()).extracting(Column::name, Column::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dt", "string"));
        assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.parameters()).containsEntry("classification", "parquet").containsEntry("EXTERNAL", "TRUE");
        assertThat(table.createTime()).isAfter(java.time.Instant.now().minus(Duration.ofHours(1)));
        assertThat(local.athena.listDatabases(b -> b.catalogName("AwsDataCatalog")).databaseList())
                .extracting(d -> d.name()).contains("default", "lake");
        assertThat(lake.text(succeed("DESCRIBE lake.described")).getFirst())
                .isEqualTo("id                  \tint                 \t                    ");
    }

    @Test
    void view_whenCreated_isQueriedAndListedAsVirtualView() {
        succeed("CREATE OR REPLACE VIEW lake.numbers AS SELECT x FROM UNNEST(sequence(1, 3)) AS t(x)");

        assertThat(rows("SELECT sum(x) FROM lake.numbers")).containsExactly(List.of("6"));
        assertThat(local.athena.getTableMetadata(b -> b.catalogName("AwsDataCatalog").databaseName("lake")
                .tableName("numbers")).tableMetadata().tableType()).isEqualTo("VIRTUAL_VIEW");
        succeed("DROP VIEW lake.numbers");
    }

    @Test
    void dropDatabaseCascade_whenItHasTables_removesThemButKeepsTheirFiles() {
        put("gone/a.csv", "1\n");
        succeed("CREATE DATABASE scratch");
        succeed("CREATE EXTERNAL TABLE scratch.t (id int) LOCATION 's3://lake/gone/'");

        succeed("DROP DATABASE scratch CASCADE");

        assertThat(lake.text(succeed("SHOW DATABASES"))).doesNotContain("scratch").contains("lake");
        assertThat(local.s3.listObjectsV2(b -> b.bucket("lake").prefix("gone/")).contents()).hasSize(1);
    }

    private void put(String key, String body) {
        lake.put(key, body);
    }

    private List<List<String>> rows(String sql) {
        return lake.rows(succeed(sql));
    }

    private QueryExecution succeed(String sql) {
        QueryExecution done = local.awaitDone(local.start(sql), Duration.ofSeconds(90));
        assertThat(done.status().state()).as("%s: %s", sql, done.status().stateChangeReason())
                .isEqualTo(QueryExecutionState.SUCCEEDED);
        return done;
    }
}
