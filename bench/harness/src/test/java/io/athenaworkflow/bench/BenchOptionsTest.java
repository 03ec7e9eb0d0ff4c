package io.athenaworkflow.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void parse_whenNoArguments_runsEveryBenchmarkFiveTimes() {
        BenchOptions options = BenchOptions.parse(new String[0]);

        assertThat(options.runs()).isEqualTo(5);
        assertThat(options.only()).containsExactly("a", "b", "c", "d", "e", "f", "g");
        assertThat(options.out()).isNull();
        assertThat(options.keep()).isFalse();
    }

    @Test
    void parse_whenOptionsGiven_takesThem() {
        BenchOptions options = BenchOptions.parse(new String[] {"--runs", "7", "--only", "b,c", "--out", "t.md",
                "--root", "/tmp", "--keep"});

        assertThat(options.runs()).isEqualTo(7);
        assertThat(options.only()).isEqualTo(Set.of("b", "c"));
        assertThat(options.out()).isEqualTo(Path.of("t.md"));
        assertThat(options.root()).isEqualTo(Path.of("/tmp"));
        assertThat(options.keep()).isTrue();
    }

    @Test
    void parse_whenUnknownBenchmark_failsListingTheValidOnes() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only", "a,z"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a, b, c, d, e, f, g]");
    }

    @Test
    void parse_whenRunsBelowOne_fails() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--runs", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--runs");
    }

    @Test
    void parse_whenUnknownOption_failsWithUsage() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
    }
}
