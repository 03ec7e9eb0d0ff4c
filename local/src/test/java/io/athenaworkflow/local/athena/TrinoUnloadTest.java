package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Athena's UNLOAD on the Trino engine through the Athena API: the files it writes under the target prefix in each
 * format, partitions, no table left in the catalog, the statement type Athena reports, and the refusal of a target
 * location that already holds objects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoUnloadTest {

    private static final String QUERY = "SELECT * FROM (VALUES (1, 'a', 'x'), (2, 'b', 'y'), (3, 'c', 'x')) "
            + "AS t(id, label, grp)";

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
    void unload_whenTextfileWithDelimiter_writesTheRowsUnderThePrefixAsDmlUnload() {
        QueryExecution done = lake.succeed("UNLOAD (" + QUERY + ") TO 's3://lake/out/text/' "
                + "WITH (format = 'TEXTFILE', field_delimiter = '|', compression = 'NONE')");

        assertThat(lake.lines("out/text/", false)).containsExactlyInAnyOrder("1|a|x", "2|b|y", "3|c|x");
        assertThat(done.statementType().toString()).isEqualTo("DML");
        assertThat(done.substatementType()).isEqualTo("UNLOAD");
        assertThat(lake.text("SHOW TABLES IN default")).noneMatch(t -> t.contains("unload"));
    }

    @Test
    void unload_whenJsonWithoutCompression_writesGzippedJsonLines() {
        lake.succeed("UNLOAD (" + QUERY + ") TO 's3://lake/out/json/' WITH (format = 'JSON')");

        assertThat(lake.objects("out/json/")).allSatisfy(o -> assertThat(o.key()).endsWith(".gz"));
        assertThat(lake.lines("out/json/", true)).containsExactlyInAnyOrder("{\"id\":1,\"label\":\"a\",\"grp\":\"x\"}",
                "{\"id\":2,\"label\":\"b\",\"grp\":\"y\"}", "{\"id\":3,\"label\":\"c\",\"grp\":\"x\"}");
    }

    @Test
    void unload_whenPartitioned_writesAFolderPerValueReadableByATable() {
        lake.succeed("UNLOAD (" + QUERY + ") TO 's3://lake/out/parts/' "
                + "WITH (format = 'PARQUET', partitioned_by = ARRAY['grp'])");

        assertThat(lake.objects("out/parts/")).extracting(o -> o.key().split("/")[2])
                .containsOnly("grp=x", "grp=y");
        lake.succeed("CREATE EXTERNAL TABLE lake.unloaded (id int, label string) PARTITIONED BY (grp string) "
                + "STORED AS PARQUET LOCATION 's3://lake/out/parts/'");
        lake.succeed("MSCK REPAIR TABLE lake.unloaded");
        assertThat(lake.rows("SELECT id, label FROM lake.unloaded WHERE grp = 'x' ORDER BY id"))
                .containsExactly(List.of("1", "a"), List.of("3", "c"));
    }

    @Test
    void unload_whenTargetHoldsObjects_failsAndLeavesThemAlone() {
        lake.put("out/taken/keep.txt", "mine");

        String reason = lake.fail("UNLOAD (" + QUERY + ") TO 's3://lake/out/taken/' WITH (format = 'JSON')");

        assertThat(reason).startsWith("HIVE_PATH_ALREADY_EXISTS: ").contains("s3://lake/out/taken/")
                .doesNotContain("athena_unload");
        assertThat(lake.objects("out/taken/")).extracting(S3Object::key).containsExactly("out/taken/keep.txt");
        assertThat(lake.text("SHOW TABLES IN default")).noneMatch(t -> t.contains("unload"));
    }

    @Test
    void unload_whenPropertyIsNotAnUnloadProperty_failsNamingIt() {
        assertThat(lake.fail("UNLOAD (" + QUERY + ") TO 's3://lake/out/bad/' WITH (format = 'JSON', "
                + "bucket_count = 2)")).startsWith("INVALID_TABLE_PROPERTY: ").contains("'bucket_count'");
    }

    @Test
    void unload_whenFormatMissing_failsNamingTheFormats() {
        assertThat(lake.fail("UNLOAD (" + QUERY + ") TO 's3://lake/out/noformat/'"))
                .startsWith("INVALID_TABLE_PROPERTY: ").contains("format", "PARQUET", "TEXTFILE");
    }

    @Test
    void startQueryExecution_whenUnloadsQueryDoesNotParse_isRejectedAtOnce() {
        assertThatThrownBy(() -> lake.local.start(
                "UNLOAD (SELEC 1) TO 's3://lake/out/never/' WITH (format = 'JSON')"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("line 1:9: mismatched input 'SELEC'");
    }
}
