package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.athena.model.Column;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.TableMetadata;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Athena's Iceberg tables ({@code TBLPROPERTIES ('table_type' = 'ICEBERG')}) on the Trino engine, through the Athena
 * API: created by Athena's DDL, written by INSERT, UPDATE, DELETE and MERGE, read back (also as of an earlier
 * snapshot), their files in the local S3 under the table's LOCATION, shown by the catalog API as Glue shows them,
 * and the named errors for what Athena refuses and what the local engine cannot keep.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoIcebergTablesTest {

    private TrinoLake lake;
    private LocalAwsFixture local;

    @BeforeAll
    void start() {
        lake = new TrinoLake();
        local = lake.local;
        succeed("CREATE DATABASE IF NOT EXISTS ice");
    }

    @AfterAll
    void stop() {
        lake.close();
    }

    @Test
    void icebergTable_whenInsertedUpdatedDeletedAndMerged_readsEachChange() {
        QueryExecution created = succeed("CREATE TABLE ice.orders (id bigint, item string, qty int) "
                + "LOCATION 's3://lake/warehouse/orders/' TBLPROPERTIES ('table_type' = 'ICEBERG')");
        assertThat(created.statementTypeAsString()).isEqualTo("DDL");
        assertThat(created.substatementType()).isEqualTo("CREATE_TABLE");

        QueryExecution inserted = succeed("INSERT INTO ice.orders VALUES (1, 'apple', 3), (2, 'pear', 5), "
                + "(3, 'plum', 7)");
        assertThat(inserted.statementTypeAsString()).isEqualTo("DML");
        assertThat(inserted.substatementType()).isEqualTo("INSERT");
        assertThat(updateCount(inserted)).isEqualTo(3);
        assertThat(rows("SELECT id, item, qty FROM ice.orders ORDER BY id")).containsExactly(
                List.of("1", "apple", "3"), List.of("2", "pear", "5"), List.of("3", "plum", "7"));

        QueryExecution updated = succeed("UPDATE ice.orders SET qty = qty * 10 WHERE item = 'pear'");
        assertThat(updated.substatementType()).isEqualTo("UPDATE");
        assertThat(updateCount(updated)).isEqualTo(1);
        QueryExecution deleted = succeed("DELETE FROM ice.orders WHERE id = 3");
        assertThat(deleted.substatementType()).isEqualTo("DELETE");
        assertThat(updateCount(deleted)).isEqualTo(1);
        assertThat(rows("SELECT id, item, qty FROM ice.orders ORDER BY id")).containsExactly(
                List.of("1", "apple", "3"), List.of("2", "pear", "50"));

        QueryExecution merged = succeed("MERGE INTO ice.orders t USING (VALUES (1, 'apple', 4), (9, 'fig', 1)) "
                + "AS s(id, item, qty) ON t.id = s.id "
                + "WHEN MATCHED THEN UPDATE SET qty = t.qty + s.qty "
                + "WHEN NOT MATCHED THEN INSERT (id, item, qty) VALUES (s.id, s.item, s.qty)");
        assertThat(merged.statementTypeAsString()).isEqualTo("DML");
        assertThat(merged.substatementType()).isEqualTo("MERGE");
        assertThat(updateCount(merged)).as("one row updated, one inserted").isEqualTo(2);
        assertThat(rows("SELECT id, item, qty FROM ice.orders ORDER BY id")).containsExactly(
                List.of("1", "apple", "7"), List.of("2", "pear", "50"), List.of("9", "fig", "1"));

        List<String> keys = keys("warehouse/orders/");
        assertThat(keys).anyMatch(k -> k.startsWith("warehouse/orders/data/") && k.endsWith(".parquet"));
        assertThat(keys).anyMatch(k -> k.startsWith("warehouse/orders/metadata/") && k.endsWith(".metadata.json"));
    }

    @Test
    void icebergTable_whenReadAsOfAnEarlierSnapshot_showsTheRowsOfThatSnapshot() {
        succeed("CREATE TABLE ice.history (id int) LOCATION 's3://lake/warehouse/history/' "
                + "TBLPROPERTIES ('table_type' = 'ICEBERG')");
        succeed("INSERT INTO ice.history VALUES (1)");
        String first = rows("SELECT snapshot_id FROM ice.\"history$snapshots\" ORDER BY committed_at DESC LIMIT 1")
                .getFirst().getFirst();
        succeed("INSERT INTO ice.history VALUES (2)");

        assertThat(rows("SELECT id FROM ice.history FOR VERSION AS OF " + first)).containsExactly(List.of("1"));
        assertThat(rows("SELECT id FROM ice.history ORDER BY id")).containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void partitionedIcebergTable_whenWritten_keepsFilesPerPartitionTransform() {
        succeed("CREATE TABLE ice.events (id bigint, category string, ts timestamp) "
                + "PARTITIONED BY (category, bucket(4, id), day(ts)) "
                + "LOCATION 's3://lake/warehouse/events/' TBLPROPERTIES ('table_type' = 'ICEBERG')");
        succeed("INSERT INTO ice.events VALUES (1, 'a', TIMESTAMP '2024-01-01 10:00:00'), "
                + "(2, 'b', TIMESTAMP '2024-01-02 11:30:00.123456')");

        // Iceberg keeps microseconds; the local engine's results show milliseconds (docs/local-athena.md).
        assertThat(rows("SELECT id, category, ts FROM ice.events WHERE category = 'b'"))
                .containsExactly(List.of("2", "b", "2024-01-02 11:30:00.123"));
        assertThat(rows("SELECT count(*) FROM ice.events WHERE ts = TIMESTAMP '2024-01-02 11:30:00.123456'"))
                .containsExactly(List.of("1"));
        List<String> data = keys("warehouse/events/data/");
        assertThat(data).hasSizeGreaterThanOrEqualTo(2)
                .allMatch(k -> k.contains("category=") && k.contains("id_bucket=") && k.contains("ts_day="));
        assertThat(data).anyMatch(k -> k.contains("category=b/") && k.contains("ts_day=2024-01-02/"));
    }

    @Test
    void icebergTable_whenDescribedAndListed_showsIcebergParametersAsGlueDoes() {
        succeed("CREATE TABLE ice.items (id int, name string COMMENT 'the name', price decimal(10,2)) "
                + "LOCATION 's3://lake/warehouse/items/' "
                + "TBLPROPERTIES ('table_type' = 'ICEBERG', 'format' = 'orc', 'write_compression' = 'snappy')");
        succeed("INSERT INTO ice.items VALUES (1, 'pen', 1.50)");

        TableMetadata table = local.athena.getTableMetadata(b -> b.catalogName("AwsDataCatalog")
                .databaseName("ice").tableName("items")).tableMetadata();
        assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.columns()).extracting(Column::name).containsExactly("id", "name", "price");
        assertThat(table.columns()).extracting(Column::type).containsExactly("int", "string", "decimal(10,2)");
        assertThat(table.columns().get(1).comment()).isEqualTo("the name");
        assertThat(table.partitionKeys()).isEmpty();
        assertThat(table.parameters()).containsEntry("table_type", "ICEBERG");
        String metadata = table.parameters().get("metadata_location");
        assertThat(metadata).startsWith("s3://lake/warehouse/items/metadata/").endsWith(".metadata.json");
        assertThat(keys("warehouse/items/metadata/")).contains(metadata.substring("s3://lake/".length()));
        assertThat(table.parameters().get("previous_metadata_location")).startsWith("s3://lake/warehouse/items/");
        assertThat(local.athena.listTableMetadata(b -> b.catalogName("AwsDataCatalog").databaseName("ice"))
                .tableMetadataList()).filteredOn(t -> t.name().equals("items"))
                .singleElement().satisfies(t -> assertThat(t.parameters()).containsEntry("table_type", "ICEBERG"));

        assertThat(lake.text(succeed("SHOW TBLPROPERTIES ice.items"))).contains("table_type\tICEBERG", "format\torc",
                "write_compression\tsnappy");
        assertThat(lake.text(succeed("SHOW TABLES IN ice"))).contains("items");
        assertThat(lake.text(succeed("SHOW COLUMNS IN ice.items"))).containsExactly("id", "name", "price");
        assertThat(keys("warehouse/items/data/")).isNotEmpty().allMatch(k -> k.endsWith(".orc"));
    }

    @Test
    void icebergTable_whenDropped_isGoneFromTheCatalog() {
        succeed("CREATE TABLE ice.scratch (id int) LOCATION 's3://lake/warehouse/scratch/' "
                + "TBLPROPERTIES ('table_type' = 'ICEBERG')");
        succeed("INSERT INTO ice.scratch VALUES (1)");
        assertThat(fail("CREATE TABLE ice.scratch (id int) LOCATION 's3://lake/warehouse/scratch2/' "
                + "TBLPROPERTIES ('table_type' = 'ICEBERG')"))
                .isEqualTo("TABLE_ALREADY_EXISTS: line 1:1: Table 'awsdatacatalog.ice.scratch' already exists");

        QueryExecution dropped = succeed("DROP TABLE ice.scratch");

        assertThat(dropped.substatementType()).isEqualTo("DROP_TABLE");
        assertThat(lake.text(succeed("SHOW TABLES IN ice"))).doesNotContain("scratch");
        assertThat(fail("SELECT * FROM ice.scratch")).startsWith("TABLE_NOT_FOUND");
    }

    @Test
    void ctas_whenTableTypeIceberg_createsAPartitionedIcebergTable() {
        QueryExecution done = succeed("CREATE TABLE ice.copied WITH (table_type = 'ICEBERG', is_external = false, "
                + "location = 's3://lake/warehouse/copied/', format = 'PARQUET', write_compression = 'GZIP', "
                + "partitioning = ARRAY['bucket(id, 2)']) AS SELECT * FROM (VALUES (1, 'x'), (2, 'y')) AS v(id, name)");

        assertThat(done.statementTypeAsString()).isEqualTo("DDL");
        assertThat(done.substatementType()).isEqualTo("CREATE_TABLE_AS_SELECT");
        assertThat(updateCount(done)).isEqualTo(2);
        succeed("UPDATE ice.copied SET name = 'z' WHERE id = 2");
        assertThat(rows("SELECT id, name FROM ice.copied ORDER BY id"))
                .containsExactly(List.of("1", "x"), List.of("2", "z"));
        assertThat(lake.text(succeed("SHOW TBLPROPERTIES ice.copied"))).contains("table_type\tICEBERG",
                "write_compression\tgzip");
        assertThat(keys("warehouse/copied/data/")).isNotEmpty().allMatch(k -> k.contains("id_bucket="));
        assertThat(fail("CREATE TABLE ice.copied2 WITH (table_type = 'ICEBERG', is_external = true, "
                + "location = 's3://lake/warehouse/copied2/') AS SELECT 1 AS id"))
                .startsWith("INVALID_TABLE_PROPERTY: is_external must be false");
    }

    @Test
    void optimize_whenTableHasManySmallFilesAndDeletes_compactsThemKeepingTheRows() {
        succeed("CREATE TABLE ice.compacted (id int, part string) PARTITIONED BY (part) "
                + "LOCATION 's3://lake/warehouse/compacted/' TBLPROPERTIES ('table_type' = 'ICEBERG')");
        for (int i = 1; i <= 3; i++) {
            succeed("INSERT INTO ice.compacted VALUES (" + i + ", 'a'), (" + (i + 10) + ", 'b')");
        }
        succeed("DELETE FROM ice.compacted WHERE id = 2");
        assertThat(rows("SELECT count(*) FROM ice.\"compacted$files\"")).containsExactly(List.of("7"));

        succeed("OPTIMIZE ice.compacted REWRITE DATA USING BIN_PACK WHERE part = 'a'");

        assertThat(rows("SELECT partition.part, count(*) FROM ice.\"compacted$files\" GROUP BY 1 ORDER BY 1"))
                .containsExactly(List.of("a", "1"), List.of("b", "3"));
        assertThat(rows("SELECT id FROM ice.compacted ORDER BY id")).containsExactly(List.of("1"), List.of("3"),
                List.of("11"), List.of("12"), List.of("13"));
        assertThatThrownBy(() -> local.start("OPTIMIZE ice.compacted REWRITE DATA"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Expecting: 'USING'");
        assertThat(fail("VACUUM ice.compacted")).startsWith("NOT_SUPPORTED: VACUUM is not supported");
    }

    @Test
    void createExternalTable_whenTableTypeIceberg_failsAsAthenaDoes() {
        assertThat(fail("CREATE EXTERNAL TABLE ice.wrong (id int) LOCATION 's3://lake/warehouse/wrong/' "
                + "TBLPROPERTIES ('table_type' = 'ICEBERG')"))
                .startsWith("External keyword not supported for table type ICEBERG");
    }

    @Test
    void createIcebergTable_whenPropertyUnsupported_failsNamingIt() {
        assertThat(fail("CREATE TABLE ice.tuned (id int) LOCATION 's3://lake/warehouse/tuned/' "
                + "TBLPROPERTIES ('table_type' = 'ICEBERG', 'vacuum_min_snapshots_to_keep' = '5')"))
                .startsWith("NOT_SUPPORTED: Table property 'vacuum_min_snapshots_to_keep'");
        assertThat(fail("CREATE TABLE ice.odd (id int) LOCATION 's3://lake/warehouse/odd/' "
                + "TBLPROPERTIES ('table_type' = 'ICEBERG', 'colour' = 'blue')"))
                .contains("Unsupported table property key: colour");
        assertThat(fail("CREATE TABLE ice.odd (id int) LOCATION 's3://lake/warehouse/odd/' "
                + "TBLPROPERTIES ('table_type' = 'ICEBERG', 'format' = 'json')"))
                .contains("Unsupported value 'json' for table property 'format'");
        assertThat(fail("CREATE TABLE ice.odd (id int) PARTITIONED BY (id int) "
                + "LOCATION 's3://lake/warehouse/odd/' TBLPROPERTIES ('table_type' = 'ICEBERG')"))
                .startsWith("SYNTAX_ERROR").contains("column type must not be included");
        assertThat(lake.text(succeed("SHOW TABLES IN ice"))).doesNotContain("tuned", "odd");
    }

    @Test
    void hivePartitionStatements_whenOnAnIcebergTable_failWithNotSupported() {
        succeed("CREATE TABLE ice.parted (id int, day string) PARTITIONED BY (day) "
                + "LOCATION 's3://lake/warehouse/parted/' TBLPROPERTIES ('table_type' = 'ICEBERG')");

        assertThat(fail("MSCK REPAIR TABLE ice.parted"))
                .startsWith("NOT_SUPPORTED: MSCK REPAIR TABLE is not supported for Iceberg table parted");
        assertThat(fail("ALTER TABLE ice.parted ADD PARTITION (day = '2024-01-01')"))
                .startsWith("NOT_SUPPORTED: ALTER TABLE ADD PARTITION is not supported for Iceberg table parted");
    }

    @Test
    void update_whenOnAHiveTable_failsAsTrinoAndAthenaDo() {
        succeed("CREATE EXTERNAL TABLE ice.plain (id int) STORED AS PARQUET LOCATION 's3://lake/plain/'");

        assertThat(fail("UPDATE ice.plain SET id = 2"))
                .startsWith("NOT_SUPPORTED: Modifying Hive table rows is only supported for transactional tables");
    }

    private List<String> keys(String prefix) {
        return local.s3.listObjectsV2Paginator(b -> b.bucket("lake").prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    private List<List<String>> rows(String sql) {
        return lake.rows(succeed(sql));
    }

    /** GetQueryResults' UpdateCount: the rows a DML statement or CTAS wrote. */
    private Long updateCount(QueryExecution done) {
        return local.athena.getQueryResults(b -> b.queryExecutionId(done.queryExecutionId())).updateCount();
    }


    private QueryExecution succeed(String sql) {
        QueryExecution done = local.awaitDone(local.start(sql), Duration.ofSeconds(90));
        assertThat(done.status().state()).as("%s: %s", sql, done.status().stateChangeReason())
                .isEqualTo(QueryExecutionState.SUCCEEDED);
        return done;
    }

    /** The reason the statement failed (it must fail). */
    private String fail(String sql) {
        QueryExecution done = local.awaitDone(local.start(sql), Duration.ofSeconds(90));
        assertThat(done.status().state()).as(sql).isEqualTo(QueryExecutionState.FAILED);
        return done.status().stateChangeReason();
    }
}
