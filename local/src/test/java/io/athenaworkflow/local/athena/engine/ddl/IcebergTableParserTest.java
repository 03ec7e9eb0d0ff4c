package io.athenaworkflow.local.athena.engine.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.CreateIcebergTable;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.PartitionField;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Athena's CREATE TABLE for Iceberg tables, as {@link DdlParser} hands it to {@link IcebergTableParser}. */
class IcebergTableParserTest {

    @Test
    void parse_whenIcebergTable_readsColumnsTransformsLocationAndProperties() {
        DdlStatement parsed = DdlParser.parse("CREATE TABLE IF NOT EXISTS lake.t (id bigint, Category string "
                + "COMMENT 'kind', ts timestamp, name string) COMMENT 'events' "
                + "PARTITIONED BY (category, bucket(16, id), day(ts), truncate(2, name)) "
                + "LOCATION 's3://bucket/t/' TBLPROPERTIES ('table_type' = 'ICEBERG', 'Format' = 'orc');");

        assertThat(parsed).isInstanceOfSatisfying(CreateIcebergTable.class, t -> {
            assertThat(t.name().database()).isEqualTo("lake");
            assertThat(t.name().table()).isEqualTo("t");
            assertThat(t.ifNotExists()).isTrue();
            assertThat(t.columns()).extracting(DdlStatement.ColumnDefinition::name)
                    .containsExactly("id", "category", "ts", "name");
            assertThat(t.columns().get(1).comment()).isEqualTo("kind");
            assertThat(t.partitioning()).containsExactly(new PartitionField("identity", "category", null),
                    new PartitionField("bucket", "id", 16), new PartitionField("day", "ts", null),
                    new PartitionField("truncate", "name", 2));
            assertThat(t.comment()).isEqualTo("events");
            assertThat(t.location()).isEqualTo("s3://bucket/t/");
            assertThat(t.tableProperties()).isEqualTo(Map.of("table_type", "ICEBERG", "format", "orc"));
            assertThat(t.statementType()).isEqualTo("DDL");
            assertThat(t.substatementType()).isEqualTo("CREATE_TABLE");
        });
    }

    @Test
    void parse_whenTableTypeIsNotIceberg_isAHiveTable() {
        DdlStatement parsed = DdlParser.parse("CREATE EXTERNAL TABLE t (id int) LOCATION 's3://bucket/t/' "
                + "TBLPROPERTIES ('table_type' = 'HIVE')");

        assertThat(parsed).isInstanceOf(DdlStatement.CreateTable.class);
    }

    @Test
    void parse_whenExternalKeyword_failsWithAthenasMessage() {
        assertThatThrownBy(() -> DdlParser.parse("CREATE EXTERNAL TABLE t (id int) LOCATION 's3://b/t/' "
                + "TBLPROPERTIES ('table_type' = 'ICEBERG')"))
                .isInstanceOfSatisfying(QueryFailure.class, e -> assertThat(e.errorType())
                        .isEqualTo(AthenaErrors.DDL_FAILED))
                .hasMessageStartingWith("External keyword not supported for table type ICEBERG");
    }

    @Test
    void parse_whenPartitionColumnNotDeclared_failsNamingIt() {
        assertThatThrownBy(() -> DdlParser.parse("CREATE TABLE t (id int) PARTITIONED BY (day(ts)) "
                + "LOCATION 's3://b/t/' TBLPROPERTIES ('table_type' = 'ICEBERG')"))
                .hasMessageContaining("Partition column ts is not declared");
    }

    @Test
    void parse_whenTransformUnknown_failsWithSyntaxError() {
        assertThatThrownBy(() -> DdlParser.parse("CREATE TABLE t (id int) PARTITIONED BY (week(id)) "
                + "LOCATION 's3://b/t/' TBLPROPERTIES ('table_type' = 'ICEBERG')"))
                .hasMessage("SYNTAX_ERROR: line 1:41: Unknown partition transform 'week': Iceberg tables take year, "
                        + "month, day, hour, bucket and truncate");
    }

    @Test
    void parse_whenBucketCountNotPositive_failsWithSyntaxError() {
        assertThatThrownBy(() -> DdlParser.parse("CREATE TABLE t (id int) PARTITIONED BY (bucket(0, id)) "
                + "LOCATION 's3://b/t/' TBLPROPERTIES ('table_type' = 'ICEBERG')"))
                .hasMessageStartingWith("SYNTAX_ERROR").hasMessageContaining("needs a positive integer N, got '0'");
    }

    @Test
    void parse_whenLocationMissingOrNotS3_fails() {
        assertThatThrownBy(() -> DdlParser.parse("CREATE TABLE t (id int) TBLPROPERTIES ('table_type' = 'ICEBERG')"))
                .hasMessageContaining("An Iceberg table needs a LOCATION");
        assertThatThrownBy(() -> DdlParser.parse("CREATE TABLE t (id int) LOCATION '/tmp/t' "
                + "TBLPROPERTIES ('table_type' = 'ICEBERG')"))
                .hasMessageContaining("Table location must be an s3:// URI, got '/tmp/t'");
    }

    @Test
    void parse_whenStoredAsGiven_failsNamingTheFormatProperty() {
        assertThatThrownBy(() -> DdlParser.parse("CREATE TABLE t (id int) STORED AS PARQUET LOCATION 's3://b/t/' "
                + "TBLPROPERTIES ('table_type' = 'ICEBERG')"))
                .hasMessageContaining("STORED is not supported for table type ICEBERG")
                .hasMessageContaining("'format' table property");
    }
}
