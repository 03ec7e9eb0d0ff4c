package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Athena's CTAS table properties (the "CTAS table properties" of Athena's CREATE TABLE AS reference) on the Trino
 * engine through the Athena API: the files each writes to the local S3, Athena's defaults, and the named error for a
 * property Athena's CTAS does not take.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoCtasPropertiesTest {

    private static final String SOURCE = "SELECT * FROM (VALUES (1, 'a', 'x'), (2, 'b', 'y'), (3, 'c', 'x')) "
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
    void ctas_whenNoProperties_writesParquetUnderTablesQueryIdOfTheResultLocation() {
        QueryExecution done = lake.succeed("CREATE TABLE lake.plain AS " + SOURCE);

        String output = done.resultConfiguration().outputLocation();
        String bucket = output.substring("s3://".length(), output.indexOf('/', "s3://".length()));
        String prefix = output.substring(("s3://" + bucket + "/").length(), output.lastIndexOf('/') + 1)
                + "tables/" + done.queryExecutionId() + "/";
        List<S3Object> files = lake.local.s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents();
        assertThat(files).isNotEmpty();
        byte[] first = lake.local.s3.getObjectAsBytes(b -> b.bucket(bucket).key(files.getFirst().key()))
                .asByteArray();
        assertThat(new String(first, 0, 4, StandardCharsets.US_ASCII)).as("Parquet magic").isEqualTo("PAR1");
        assertThat(lake.rows("SELECT id, label FROM lake.plain ORDER BY id"))
                .containsExactly(List.of("1", "a"), List.of("2", "b"), List.of("3", "c"));
    }

    @Test
    void ctas_whenTextfileWithDelimiterAndNoCompression_writesExactlyThoseLines() {
        lake.succeed("CREATE TABLE lake.piped WITH (format = 'TEXTFILE', field_delimiter = '|', "
                + "write_compression = 'NONE', external_location = 's3://lake/piped/') AS " + SOURCE);

        assertThat(lake.lines("piped/", false)).containsExactlyInAnyOrder("1|a|x", "2|b|y", "3|c|x");
    }

    @Test
    void ctas_whenTextfileWithoutCompression_writesGzipAsAthenaDoes() {
        lake.succeed("CREATE TABLE lake.zipped WITH (format = 'TEXTFILE', field_delimiter = ',', "
                + "external_location = 's3://lake/zipped/') AS " + SOURCE);

        assertThat(lake.objects("zipped/")).allSatisfy(o -> assertThat(o.key()).endsWith(".gz"));
        assertThat(lake.lines("zipped/", true)).containsExactlyInAnyOrder("1,a,x", "2,b,y", "3,c,x");
    }

    @Test
    void ctas_whenPartitionedAndBucketed_writesAFolderPerPartitionAndReadsBack() {
        lake.succeed("CREATE TABLE lake.parts WITH (format = 'JSON', external_location = 's3://lake/parts/', "
                + "is_external = true, partitioned_by = ARRAY['grp'], bucketed_by = ARRAY['id'], bucket_count = 2) "
                + "AS " + SOURCE);

        assertThat(lake.objects("parts/")).extracting(o -> o.key().split("/")[1]).containsOnly("grp=x", "grp=y");
        assertThat(lake.text("SHOW PARTITIONS lake.parts")).containsExactly("grp=x", "grp=y");
        assertThat(lake.rows("SELECT id, label FROM lake.parts WHERE grp = 'x' ORDER BY id"))
                .containsExactly(List.of("1", "a"), List.of("3", "c"));
    }

    @Test
    void ctas_whenPropertyIsNotAnAthenaCtasProperty_failsNamingItAndCreatesNothing() {
        String reason = lake.fail("CREATE TABLE lake.bad WITH (textfile_field_separator = ',') AS " + SOURCE);

        assertThat(reason).startsWith("INVALID_TABLE_PROPERTY: line 1:29: Property 'textfile_field_separator'");
        assertThat(lake.text("SHOW TABLES IN lake")).doesNotContain("bad");
    }

    @Test
    void ctas_whenIcebergOnlyPropertyOnAHiveTable_failsNamingIt() {
        assertThat(lake.fail("CREATE TABLE lake.bad2 WITH (vacuum_min_snapshots_to_keep = 2) AS " + SOURCE))
                .startsWith("INVALID_TABLE_PROPERTY: ")
                .contains("'vacuum_min_snapshots_to_keep'", "applies to Iceberg tables only");
    }

    @Test
    void ctas_whenCompressionCannotBeWritten_failsNamingTheWritableOnes() {
        assertThat(lake.fail("CREATE TABLE lake.bad3 WITH (write_compression = 'BZIP2') AS " + SOURCE))
                .startsWith("INVALID_TABLE_PROPERTY: ").contains("'BZIP2'", "GZIP", "SNAPPY", "ZSTD");
    }
}
