package io.athenaworkflow.local.athena.engine.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DESCRIBE FORMATTED's lines from Trino's DESCRIBE rows, SHOW CREATE TABLE and the table's parameters. */
class DescribeFormattedTest {

    private static final String CREATE_TABLE = """
            CREATE TABLE awsdatacatalog.lake.logs (
               msg varchar COMMENT 'a (note), with commas',
               dt varchar
            )
            WITH (
               external_location = 's3://lake/logs',
               format = 'TEXTFILE',
               partitioned_by = ARRAY['dt'],
               textfile_field_separator = '\t'
            )""";

    @Test
    void lines_whenTabDelimitedTable_printsHivesLayoutWithEscapedDelimiter() {
        List<String> lines = DescribeFormatted.lines("lake", List.of(
                        List.of("msg", "varchar", "", "a (note), with commas"),
                        List.of("dt", "varchar", "partition key", "")),
                CREATE_TABLE, Map.of("EXTERNAL", "TRUE", "transient_lastDdlTime", "1700000000"));

        assertThat(lines).containsSubsequence(
                "msg                 \tstring              \ta (note), with commas",
                "# Partition Information",
                "dt                  \tstring              \t                    ",
                "CreateTime:         \tTue Nov 14 22:13:20 UTC 2023",
                "Location:           \ts3://lake/logs      ",
                "Table Type:         \tEXTERNAL_TABLE      ",
                "\ttransient_lastDdlTime\t1700000000          ",
                "SerDe Library:      \torg.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                "Storage Desc Params:",
                "\tfield.delim         \t\\t                  ",
                "\tserialization.format\t\\t                  ");
    }

    @Test
    void lines_whenManagedTableWithoutCreateTime_printsUnknownAndManaged() {
        List<String> lines = DescribeFormatted.lines("lake", List.of(List.of("id", "integer", "", "")),
                "CREATE TABLE t (\n   id integer\n)\nWITH (\n   format = 'ORC'\n)", Map.of());

        assertThat(lines).contains("CreateTime:         \tUNKNOWN             ",
                "Table Type:         \tMANAGED_TABLE       ",
                "SerDe Library:      \torg.apache.hadoop.hive.ql.io.orc.OrcSerde")
                .doesNotContain("Table Parameters:", "Storage Desc Params:", "# Partition Information");
    }
}
