package io.athenaworkflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollingBenchTest {

    /** The project's real ASL file (the tests run in bench/harness). */
    private static String realDefinition() throws IOException {
        return Files.readString(Path.of("../../statemachine/athena-query.asl.json"));
    }

    @Test
    void withFixedWait_whenRealDefinition_fixesOnlyTheWaitSeconds() throws IOException {
        JsonNode original = BenchRuntime.read(realDefinition());

        JsonNode fixed = BenchRuntime.read(PollingBench.withFixedWait(realDefinition(), 5));

        assertThat(fixed.at("/States/WaitForQuery/Seconds").asInt()).isEqualTo(5);
        assertThat(fixed.at("/States/WaitForQuery/Seconds").isInt()).isTrue();
        ((ObjectNode) fixed.at("/States/WaitForQuery"))
                .set("Seconds", original.at("/States/WaitForQuery/Seconds"));
        assertThat(fixed).isEqualTo(original);
    }

    @Test
    void withFixedWait_whenNoSuchWaitState_failsNamingIt() {
        String definition = """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}""";

        assertThatThrownBy(() -> PollingBench.withFixedWait(definition, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WaitForQuery");
    }
}
