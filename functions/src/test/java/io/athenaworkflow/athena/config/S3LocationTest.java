package io.athenaworkflow.athena.config;

import io.athenaworkflow.athena.errors.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3LocationTest {

    @Test
    void parse_whenBucketAndKey_splitsAtFirstSlash() {
        S3Location location = S3Location.parse("s3://my-results.bucket/a/b/c.csv", "outputLocation");

        assertThat(location.bucket()).isEqualTo("my-results.bucket");
        assertThat(location.key()).isEqualTo("a/b/c.csv");
        assertThat(location).hasToString("s3://my-results.bucket/a/b/c.csv");
    }

    @Test
    void parse_whenBucketOnly_hasEmptyKey() {
        assertThat(S3Location.parse("s3://bucket1", "f").key()).isEmpty();
        assertThat(S3Location.parse("s3://bucket1/", "f").key()).isEmpty();
        assertThat(S3Location.parse("s3://bucket1", "f")).hasToString("s3://bucket1/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bucket/key", "https://bucket.s3.amazonaws.com/key", "S3://bucket/key", "s3:/bucket/key", ""})
    void parse_whenNotS3Uri_throwsNamingTheField(String uri) {
        assertThatThrownBy(() -> S3Location.parse(uri, "outputLocation"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'outputLocation'")
                .hasMessageContaining("s3://");
    }

    @Test
    void parse_whenNull_throwsNamingTheField() {
        assertThatThrownBy(() -> S3Location.parse(null, "outputLocation"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'outputLocation'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://My-Bucket/x", "s3://ab/x", "s3://under_score/x", "s3://a..b/x", "s3://-leading/x",
            "s3://trailing-/x", "s3:///key", "s3://this-bucket-name-is-way-too-long-for-s3-which-allows-sixty-three/x"})
    void parse_whenBucketNameBreaksS3Rules_throwsNamingTheBucket(String uri) {
        assertThatThrownBy(() -> S3Location.parse(uri, "outputLocation"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid bucket")
                .hasMessageContaining("'outputLocation'");
    }

    @Test
    void parse_whenBucketIs63Characters_acceptsIt() {
        String bucket = "a".repeat(63);

        assertThat(S3Location.parse("s3://" + bucket + "/k", "f").bucket()).isEqualTo(bucket);
    }

    @Test
    void new_whenBucketInvalid_throwsIllegalArgument() {
        assertThatThrownBy(() -> new S3Location("Bad_Bucket", "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3Location(null, "k")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void new_whenKeyNull_usesEmptyKey() {
        assertThat(new S3Location("bucket", null).key()).isEmpty();
    }

    @Test
    void asPrefix_whenKeyLacksSlash_appendsOneOnceAndKeepsTheRoot() {
        S3Location prefix = new S3Location("bucket", "results").asPrefix();

        assertThat(prefix.key()).isEqualTo("results/");
        assertThat(prefix.asPrefix()).isEqualTo(prefix);
        assertThat(new S3Location("bucket", "").asPrefix().key()).isEmpty();
    }

    @Test
    void contains_whenUnderThePrefix_isTrue() {
        S3Location results = new S3Location("bucket", "results/");

        assertThat(results.contains(new S3Location("bucket", "results/"))).isTrue();
        assertThat(results.contains(new S3Location("bucket", "results/2024/q.csv"))).isTrue();
        assertThat(new S3Location("bucket", "").contains(new S3Location("bucket", "anything/at/all"))).isTrue();
    }

    @Test
    void contains_whenSiblingPrefixOrOtherBucket_isFalse() {
        S3Location results = new S3Location("bucket", "results/");

        assertThat(results.contains(new S3Location("bucket", "results-other/q.csv"))).isFalse();
        assertThat(results.contains(new S3Location("bucket", "results"))).isFalse();
        assertThat(results.contains(new S3Location("bucket", "other/results/q.csv"))).isFalse();
        assertThat(results.contains(new S3Location("bucket2", "results/q.csv"))).isFalse();
    }

    @Test
    void resolve_whenNameGiven_placesItInsideThePrefix() {
        assertThat(new S3Location("bucket", "results").resolve("q.csv")).hasToString("s3://bucket/results/q.csv");
        assertThat(new S3Location("bucket", "").resolve("q.csv")).hasToString("s3://bucket/q.csv");
    }

    @Test
    void fileNameAndParent_whenNestedKey_splitAtLastSlash() {
        S3Location location = new S3Location("bucket", "results/2024/abc.csv.metadata");

        assertThat(location.fileName()).isEqualTo("abc.csv.metadata");
        assertThat(location.parent()).isEqualTo(new S3Location("bucket", "results/2024/"));
        assertThat(new S3Location("bucket", "top.csv").parent()).isEqualTo(new S3Location("bucket", ""));
        assertThat(new S3Location("bucket", "top.csv").fileName()).isEqualTo("top.csv");
    }
}
