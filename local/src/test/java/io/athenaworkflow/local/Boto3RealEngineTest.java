package io.athenaworkflow.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.athena.engine.trino.TrinoProcess;
import io.athenaworkflow.local.testing.LocalAwsFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An analyst's boto3 program written for real Athena (src/test/resources/boto3/athena_real_program.py) run unchanged
 * against the local S3 and Athena with real SQL: DDL over a CSV with quoted commas, a typed aggregate and its
 * Athena-format CSV, a syntax error, 2,500 rows paged, and the concurrency quota.
 */
class Boto3RealEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUOTA = 3;

    @TempDir
    Path dir;
    @TempDir
    Path catalog;
    private LocalAwsFixture local;

    @BeforeAll
    static void requireBoto3() {
        ExternalClients.require(ExternalClients.available("python3", "-c", "import boto3"),
                "python3 with boto3 is not installed on this machine: install it (pip install boto3) to run the "
                        + "boto3 scenario");
        TrinoProcess.shared().uri(); // the engine's start-up, before botocore's 60 s read timeout applies
    }

    @BeforeEach
    void start() {
        // Queries stay RUNNING for a second, so starting several at once meets the quota.
        local = new LocalAwsFixture(config -> config.withAthenaConcurrencyQuota(QUOTA)
                .withMinimumQueryDuration(Duration.ofSeconds(1)), SqlEngineFactory.trino(catalog));
        local.aws.s3().createBucket("analyst-data");
    }

    @AfterEach
    void stop() {
        local.close();
    }

    @Test
    void boto3Program_whenRunUnchanged_behavesAsOnAthena() throws Exception {
        Path script = dir.resolve("athena_real_program.py");
        try (InputStream source = getClass().getResourceAsStream("/boto3/athena_real_program.py")) {
            Files.copy(source, script);
        }

        ExternalClients.Result run = ExternalClients.run(local.aws.endpoint(), dir,
                List.of("python3", script.toString(), "analyst-data"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode report = JSON.readTree(run.stdout());
        assertThat(report.get("database").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.get("table").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.at("/aggregate/types").toString()).isEqualTo("[\"varchar\",\"bigint\",\"double\"]");
        assertThat(report.at("/aggregate/rows").toString()).isEqualTo(
                "[[\"product\",\"n\",\"total\"],[\"Gadget \\\"Pro\\\"\",\"1\",\"4.5\"],[\"Widget, small\",\"2\",\"17.5\"]]");
        assertThat(report.at("/aggregate/csv").asText()).isEqualTo(
                "\"product\",\"n\",\"total\"\n\"Gadget \"\"Pro\"\"\",\"1\",\"4.5\"\n\"Widget, small\",\"2\",\"17.5\"\n");
        assertThat(report.at("/syntaxError/code").asText()).isEqualTo("InvalidRequestException");
        assertThat(report.at("/syntaxError/message").asText()).startsWith("line 1:1: mismatched input 'SELEC'");
        assertThat(report.at("/paged/rows").asInt()).isEqualTo(2501);
        assertThat(report.at("/paged/first").toString()).isEqualTo("[[\"n\"],[\"1\"]]");
        assertThat(report.at("/paged/last").toString()).isEqualTo("[\"2500\"]");
        assertThat(report.at("/quota/started").asInt()).isEqualTo(QUOTA);
        assertThat(report.at("/quota/throttled/code").asText()).isEqualTo("TooManyRequestsException");
    }
}
