package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DESCRIBE FORMATTED on the Trino engine through the Athena API, laid out as Athena's Hive DDL prints it (Hive's
 * MetaDataFormatUtils: fields left-aligned in 20 characters, tab-separated; parameters indented by a tab).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoDescribeFormattedTest {

    private TrinoLake lake;

    @BeforeAll
    void start() {
        lake = new TrinoLake();
    }

    @AfterAll
    void stop() {
        lake.close();
    }

    @Test
    void describeFormatted_whenDelimitedPartitionedTable_printsColumnsDetailsAndStorage() {
        lake.succeed("CREATE EXTERNAL TABLE lake.fmt (id int COMMENT 'the key', name string) "
                + "PARTITIONED BY (dt string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                + "LOCATION 's3://lake/fmt/' TBLPROPERTIES ('classification' = 'csv')");

        List<String> lines = lake.text("DESCRIBE FORMATTED lake.fmt");

        assertThat(lines).containsSubsequence(
                "# col_name            \tdata_type           \tcomment             \t",
                "id                  \tint                 \tthe key             ",
                "name                \tstring              \t                    ",
                "# Partition Information",
                "# col_name            \tdata_type           \tcomment             \t",
                "dt                  \tstring              \t                    ",
                "# Detailed Table Information",
                "Database:           \tlake                ",
                "Table Type:         \tEXTERNAL_TABLE      ",
                "Table Parameters:",
                "\tEXTERNAL            \tTRUE                ",
                "\tclassification      \tcsv                 ",
                "# Storage Information",
                "SerDe Library:      \torg.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                "InputFormat:        \torg.apache.hadoop.mapred.TextInputFormat",
                "OutputFormat:       \torg.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                "Num Buckets:        \t-1                  ",
                "Bucket Columns:     \t[]                  ",
                "Storage Desc Params:",
                "\tfield.delim         \t,                   ");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Location:           \ts3://lake/fmt"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("CreateTime:         \\t\\w{3} \\w{3} \\d\\d "
                + "\\d\\d:\\d\\d:\\d\\d UTC \\d{4}"));
    }

    @Test
    void describeFormatted_whenView_failsNamingWhatToUseInstead() {
        lake.succeed("CREATE VIEW lake.fmtview AS SELECT 1 AS x");

        assertThat(lake.fail("DESCRIBE FORMATTED lake.fmtview"))
                .isEqualTo("NOT_SUPPORTED: DESCRIBE FORMATTED of a view is not supported by the local Athena engine "
                        + "on Trino; use DESCRIBE or SHOW CREATE VIEW");
    }

    @Test
    void describeFormatted_whenBucketedParquetCtas_printsParquetStorageAndBuckets() {
        lake.succeed("CREATE TABLE lake.fmtpq WITH (format = 'PARQUET', external_location = 's3://lake/fmtpq/', "
                + "bucketed_by = ARRAY['id'], bucket_count = 4) AS SELECT 1 AS id, 'a' AS name");

        assertThat(lake.text("DESCRIBE FORMATTED lake.fmtpq")).contains(
                "SerDe Library:      \torg.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                "InputFormat:        \torg.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                "Num Buckets:        \t4                   ",
                "Bucket Columns:     \t[id]                ")
                .doesNotContain("# Partition Information");
    }
}
