package io.athenaworkflow.athena.config;

import io.athenaworkflow.athena.errors.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowDefaultsTest {

    @Test
    void fromEnvironment_whenNothingSet_usesDocumentedDefaults() {
        WorkflowDefaults defaults = WorkflowDefaults.fromEnvironment(Map.of());

        assertThat(defaults.workgroup()).isEqualTo("primary");
        assertThat(defaults.catalog()).isEqualTo("AwsDataCatalog");
        assertThat(defaults.database()).isNull();
        assertThat(defaults.resultsLocation()).isNull();
        assertThat(defaults.kmsKey()).isNull();
        assertThat(defaults.expectedBucketOwner()).isNull();
        assertThat(defaults.timeoutSeconds()).isEqualTo(900);
        assertThat(defaults.maxInlineRows()).isEqualTo(100);
        assertThat(defaults.resultReuseMinutes()).isZero();
        assertThat(defaults.cleanup()).isEqualTo(CleanupMode.NEVER);
    }

    @Test
    void fromEnvironment_whenEverythingSet_readsEveryVariable() {
        Map<String, String> env = new HashMap<>();
        env.put("ATHENA_WORKGROUP", "analytics");
        env.put("ATHENA_CATALOG", "lakehouse");
        env.put("ATHENA_DATABASE", "sales");
        env.put("ATHENA_OUTPUT_LOCATION", "s3://results-bucket/athena-workflow");
        env.put("ATHENA_KMS_KEY", "arn:aws:kms:eu-west-1:111122223333:key/abcd");
        env.put("EXPECTED_BUCKET_OWNER", "111122223333");
        env.put("QUERY_TIMEOUT_SECONDS", "3600");
        env.put("MAX_INLINE_ROWS", "25");
        env.put("RESULT_REUSE_MINUTES", "60");
        env.put("CLEANUP_MODE", "on_success");

        WorkflowDefaults defaults = WorkflowDefaults.fromEnvironment(env);

        assertThat(defaults.workgroup()).isEqualTo("analytics");
        assertThat(defaults.catalog()).isEqualTo("lakehouse");
        assertThat(defaults.database()).isEqualTo("sales");
        // The results location is a folder, whether or not the variable ends with '/'.
        assertThat(defaults.resultsLocation()).isEqualTo(new S3Location("results-bucket", "athena-workflow/"));
        assertThat(defaults.kmsKey()).isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/abcd");
        assertThat(defaults.expectedBucketOwner()).isEqualTo("111122223333");
        assertThat(defaults.timeoutSeconds()).isEqualTo(3600);
        assertThat(defaults.maxInlineRows()).isEqualTo(25);
        assertThat(defaults.resultReuseMinutes()).isEqualTo(60);
        assertThat(defaults.cleanup()).isEqualTo(CleanupMode.ON_SUCCESS);
    }

    @Test
    void fromEnvironment_whenValuesBlankAsTheTemplateSetsThem_treatsThemAsUnset() {
        // The template passes KmsKeyArn '' when no key is wanted: that must mean SSE-S3, not a key named ''.
        Map<String, String> env = Map.of("ATHENA_KMS_KEY", "", "ATHENA_DATABASE", "   ", "QUERY_TIMEOUT_SECONDS", " ",
                "CLEANUP_MODE", "");

        WorkflowDefaults defaults = WorkflowDefaults.fromEnvironment(env);

        assertThat(defaults.kmsKey()).isNull();
        assertThat(defaults.database()).isNull();
        assertThat(defaults.timeoutSeconds()).isEqualTo(900);
        assertThat(defaults.cleanup()).isEqualTo(CleanupMode.NEVER);
    }

    @Test
    void fromEnvironment_whenValuesHaveSurroundingSpaces_trimsThem() {
        WorkflowDefaults defaults = WorkflowDefaults.fromEnvironment(Map.of("ATHENA_WORKGROUP", " etl \n",
                "MAX_INLINE_ROWS", " 7 "));

        assertThat(defaults.workgroup()).isEqualTo("etl");
        assertThat(defaults.maxInlineRows()).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource({
            "QUERY_TIMEOUT_SECONDS, 15m",
            "QUERY_TIMEOUT_SECONDS, 9.5",
            "MAX_INLINE_ROWS, ten",
            "MAX_INLINE_ROWS, 99999999999",
            "RESULT_REUSE_MINUTES, 0x10",
    })
    void fromEnvironment_whenNumberMalformed_throwsNamingTheVariable(String name, String value) {
        assertThatThrownBy(() -> WorkflowDefaults.fromEnvironment(Map.of(name, value)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(name)
                .hasMessageContaining(value);
    }

    @ParameterizedTest
    @CsvSource({
            "QUERY_TIMEOUT_SECONDS, 0",
            "QUERY_TIMEOUT_SECONDS, -5",
            "QUERY_TIMEOUT_SECONDS, 86401",
            "MAX_INLINE_ROWS, -1",
            "MAX_INLINE_ROWS, 10001",
            "RESULT_REUSE_MINUTES, -1",
            "RESULT_REUSE_MINUTES, 10081",
    })
    void fromEnvironment_whenNumberOutOfRange_throwsNamingTheVariable(String name, String value) {
        // The same ranges as the execution input's fields: a default the input itself could not set is a
        // deployment error, reported at cold start rather than as a query that times out at once.
        assertThatThrownBy(() -> WorkflowDefaults.fromEnvironment(Map.of(name, value)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(name)
                .hasMessageContaining(value);
    }

    @ParameterizedTest
    @CsvSource({
            "QUERY_TIMEOUT_SECONDS, 1", "QUERY_TIMEOUT_SECONDS, 86400",
            "MAX_INLINE_ROWS, 0", "MAX_INLINE_ROWS, 10000",
            "RESULT_REUSE_MINUTES, 0", "RESULT_REUSE_MINUTES, 10080",
    })
    void fromEnvironment_whenNumberAtRangeEnd_acceptsIt(String name, String value) {
        WorkflowDefaults defaults = WorkflowDefaults.fromEnvironment(Map.of(name, value));

        int read = switch (name) {
            case "QUERY_TIMEOUT_SECONDS" -> defaults.timeoutSeconds();
            case "MAX_INLINE_ROWS" -> defaults.maxInlineRows();
            default -> defaults.resultReuseMinutes();
        };
        assertThat(read).isEqualTo(Integer.parseInt(value));
    }

    @Test
    void fromEnvironment_whenCleanupModeUnknown_throwsNamingTheVariable() {
        assertThatThrownBy(() -> WorkflowDefaults.fromEnvironment(Map.of("CLEANUP_MODE", "SOMETIMES")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("CLEANUP_MODE")
                .hasMessageContaining("SOMETIMES")
                .hasMessageContaining("ON_SUCCESS")
                .hasMessageContaining("template parameter CleanupMode");
    }

    @Test
    void fromEnvironment_whenOutputLocationNotS3_throwsNamingTheVariable() {
        assertThatThrownBy(() -> WorkflowDefaults.fromEnvironment(Map.of("ATHENA_OUTPUT_LOCATION", "results-bucket/prefix/")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ATHENA_OUTPUT_LOCATION")
                .hasMessageContaining("s3://")
                .hasMessageContaining("ResultsBucket and ResultsPrefix");
    }

    @Test
    void fromEnvironment_whenOutputLocationIsBucketRoot_keepsTheWholeBucket() {
        // The template builds s3://${ResultsBucket}/${ResultsPrefix}; ResultsPrefix may be ''.
        WorkflowDefaults defaults = WorkflowDefaults.fromEnvironment(Map.of("ATHENA_OUTPUT_LOCATION", "s3://results-bucket/"));

        assertThat(defaults.resultsLocation()).isEqualTo(new S3Location("results-bucket", ""));
    }
}
