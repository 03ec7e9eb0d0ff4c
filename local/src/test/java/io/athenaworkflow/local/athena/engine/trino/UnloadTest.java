package io.athenaworkflow.local.athena.engine.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.athena.engine.QueryFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Athena's UNLOAD as the CTAS and DROP of a transient table that stand for it. */
class UnloadTest {

    @Test
    void of_whenUnload_writesACtasAtTheTargetAndDropsIt() {
        Unload unload = Unload.of("UNLOAD (SELECT a, p FROM t WHERE (a > 1)) TO 's3://b/out/' WITH (format = 'json', "
                + "compression = 'SNAPPY', partitioned_by = ARRAY['p'])", "cat", "ab-12").orElseThrow();

        assertThat(unload.ctas()).isEqualTo("CREATE TABLE \"cat\".\"default\".\"athena_unload__ab_12\" WITH (format = "
                + "'JSON', external_location = 's3://b/out/', partitioned_by = ARRAY['p']) AS SELECT a, p FROM t "
                + "WHERE (a > 1)");
        assertThat(unload.drop()).isEqualTo("DROP TABLE IF EXISTS \"cat\".\"default\".\"athena_unload__ab_12\"");
        assertThat(unload.sessionProperties()).isEqualTo(Map.of("compression_codec", "SNAPPY"));
    }

    @Test
    void of_whenNotUnload_isEmpty() {
        assertThat(Unload.of("SELECT 1", "cat", "id")).isEmpty();
    }

    @Test
    void of_whenToIsMissing_failsWithSyntaxError() {
        assertThatThrownBy(() -> Unload.of("UNLOAD (SELECT 1) INTO 's3://b/'", "cat", "id"))
                .isInstanceOf(QueryFailure.class).hasMessageStartingWith("SYNTAX_ERROR: line 1:19: expected TO");
    }

    @Test
    void of_whenQueryIsNotClosed_failsWithSyntaxError() {
        assertThatThrownBy(() -> Unload.of("UNLOAD (SELECT 1 TO 's3://b/'", "cat", "id"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("closing ')'");
    }

    @Test
    void reword_whenTargetNotEmpty_namesTheTargetInsteadOfTheTransientTable() {
        Unload unload = Unload.of("UNLOAD (SELECT 1) TO 's3://b/out/' WITH (format = 'ORC')", "cat", "q1")
                .orElseThrow();

        QueryFailure reworded = unload.reword(new QueryFailure("HIVE_PATH_ALREADY_EXISTS: Target directory for "
                + "table 'default.athena_unload__q1' already exists: s3://b/out", 2, 1100));

        assertThat(reworded.getMessage()).startsWith("HIVE_PATH_ALREADY_EXISTS: UNLOAD's target location s3://b/out/ "
                + "is not empty").doesNotContain("athena_unload");
        assertThat(reworded.errorCategory()).isEqualTo(2);
    }

    @Test
    void queryInPlace_whenUnloadSpansLines_keepsTheQueryWhereItWas() {
        assertThat(Unload.queryInPlace("UNLOAD (\nSELEC 1) TO 's3://b/'"))
                .contains(" ".repeat(8) + "\nSELEC 1" + " ".repeat(14));
        assertThat(Unload.queryInPlace("SELECT 1")).isEmpty();
    }
}
