package io.athenaworkflow.local.athena.engine.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.athena.engine.QueryFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Athena's CTAS properties as the Trino statement and session properties that stand for them. */
class CtasPropertiesTest {

    private static final String ID = "0b5f8d1e-aaaa-bbbb-cccc-123456789abc";

    @Test
    void of_whenNoWithClause_addsAthenasDefaultFormatAndLocation() {
        CtasProperties ctas = CtasProperties.of("CREATE TABLE t AS SELECT 1 x", ID, "s3://results/q/").orElseThrow();

        assertThat(ctas.sql()).isEqualTo("CREATE TABLE t WITH (format = 'PARQUET', external_location = "
                + "'s3://results/q/tables/" + ID + "/') AS SELECT 1 x");
        assertThat(ctas.sessionProperties()).isEqualTo(Map.of("compression_codec", "GZIP"));
    }

    @Test
    void of_whenAthenaProperties_mapsEachOntoTrinos() {
        CtasProperties ctas = CtasProperties.of("CREATE TABLE IF NOT EXISTS db.t WITH (format = 'textfile', "
                + "external_location = 's3a://b/p/', field_delimiter = '|', partitioned_by = ARRAY['p'], "
                + "bucketed_by = ARRAY['id'], bucket_count = 4, is_external = true, write_compression = 'ZLIB') "
                + "AS SELECT 1 id, 'a' p", ID, "s3://results/").orElseThrow();

        assertThat(ctas.sql()).isEqualTo("CREATE TABLE IF NOT EXISTS db.t WITH (format = 'TEXTFILE', "
                + "external_location = 's3://b/p/', textfile_field_separator = '|', partitioned_by = ARRAY['p'], "
                + "bucketed_by = ARRAY['id'], bucket_count = 4) AS SELECT 1 id, 'a' p");
        assertThat(ctas.sessionProperties()).isEqualTo(Map.of("compression_codec", "GZIP"));
    }

    @Test
    void of_whenNotACtas_isEmpty() {
        assertThat(CtasProperties.of("CREATE TABLE t (x int)", ID, "s3://r/")).isEmpty();
        assertThat(CtasProperties.of("SELECT 1", ID, "s3://r/")).isEmpty();
        assertThat(CtasProperties.of("CREATE TABLE t WITH (table_type = 'ICEBERG') AS SELECT 1 x", ID, "s3://r/"))
                .as("an Iceberg CTAS is not a Hive table").isEmpty();
    }

    @Test
    void of_whenUnknownProperty_failsWithInvalidTablePropertyAtItsPosition() {
        assertThatThrownBy(() -> CtasProperties.of("CREATE TABLE t WITH (colour = 'red') AS SELECT 1 x", ID,
                "s3://r/")).isInstanceOf(QueryFailure.class)
                .hasMessageStartingWith("INVALID_TABLE_PROPERTY: line 1:22: Property 'colour' = 'red' is not valid")
                .hasMessageContaining("write_compression");
    }

    @Test
    void of_whenIsExternalFalse_failsNamingIceberg() {
        assertThatThrownBy(() -> CtasProperties.of("CREATE TABLE t WITH (is_external = false) AS SELECT 1 x", ID,
                "s3://r/")).isInstanceOf(QueryFailure.class).hasMessageContaining("ICEBERG");
    }

    @Test
    void of_whenFormatIsNotAString_failsSayingSo() {
        assertThatThrownBy(() -> CtasProperties.of("CREATE TABLE t WITH (format = 1) AS SELECT 1 x", ID, "s3://r/"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("expected a string literal");
    }

    @Test
    void of_whenPropertyHasNoValue_failsWithSyntaxError() {
        assertThatThrownBy(() -> CtasProperties.of("CREATE TABLE t WITH (format = ) AS SELECT 1 x", ID, "s3://r/"))
                .isInstanceOf(QueryFailure.class).hasMessageStartingWith("SYNTAX_ERROR: line 1:31: ");
    }
}
