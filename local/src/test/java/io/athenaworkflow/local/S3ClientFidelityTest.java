package io.athenaworkflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.edge.EdgeConfig;
import io.athenaworkflow.local.edge.EdgeServer;
import io.athenaworkflow.local.s3.LocalS3;
import io.athenaworkflow.local.s3.LocalS3Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local S3 checked with real clients (boto3, the AWS CLI, curl with presigned URLs) through the edge server, as a
 * user's program meets it: the checks in src/test/resources/boto3/s3_fidelity.py (written from S3's documentation,
 * every response also checked against botocore's S3 model) and the seeded property-style round trip of
 * s3_roundtrip.py. Each Python check is one test here.
 */
class S3ClientFidelityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private LocalS3 s3;
    private EdgeServer edge;

    @BeforeAll
    static void requireClients() {
        ExternalClients.require(ExternalClients.available("python3", "-c", "import boto3"),
                "python3 with boto3 is not installed on this machine: install it to run the S3 client checks");
        ExternalClients.require(ExternalClients.available("curl", "--version"), "curl is not installed on this machine");
        ExternalClients.require(ExternalClients.available("aws", "--version"), "the AWS CLI ('aws') is not installed on this machine");
    }

    @BeforeEach
    void start() {
        s3 = LocalS3.start(LocalS3Config.temporary());
        edge = EdgeServer.start(EdgeConfig.anyFreePort(), s3.servlet());
    }

    @AfterEach
    void stop() {
        edge.close();
        s3.close();
    }

    @TestFactory
    Stream<DynamicTest> s3Fidelity_whenCheckedWithBoto3CliAndCurl_answersAsS3() {
        List<JsonNode> checks = run("s3_fidelity.py");

        assertThat(checks).as("checks reported by s3_fidelity.py").hasSizeGreaterThanOrEqualTo(29);
        return checks.stream().map(check -> DynamicTest.dynamicTest(check.path("check").asText(),
                () -> assertThat(check.path("ok").asBoolean()).as(check.path("error").asText() + "\n"
                        + check.path("trace").asText()).isTrue()));
    }

    @TestFactory
    Stream<DynamicTest> roundTrip_whenRandomObjectsWrittenByEveryClient_listHeadAndReadBackIdentical() {
        long seed = Long.getLong("s3.roundtrip.seed", new SecureRandom().nextInt(1_000_000));
        List<JsonNode> checks = run("s3_roundtrip.py", Long.toString(seed));

        assertThat(checks).as("checks reported by s3_roundtrip.py (seed " + seed + ")").hasSize(3);
        return checks.stream().map(check -> DynamicTest.dynamicTest(check.path("check").asText() + " [seed " + seed
                + "]", () -> assertThat(check.path("ok").asBoolean()).as("seed " + seed
                + " (rerun with -Ds3.roundtrip.seed=" + seed + "): " + check.path("error").asText() + "\n"
                + check.path("trace").asText()).isTrue()));
    }

    /** Runs a script beside s3_checks.py; returns the checks it reported, one JSON object per line. */
    private List<JsonNode> run(String script, String... arguments) {
        copy("s3_checks.py");
        copy(script);
        List<String> command = new ArrayList<>(List.of("python3", dir.resolve(script).toString()));
        command.addAll(List.of(arguments));
        ExternalClients.Result result = ExternalClients.run(edge.endpoint(), dir, command);
        List<JsonNode> checks = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            if (line.startsWith("{")) {
                try {
                    checks.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        // Exit status 1 means some check failed (reported as its test); anything else is a crash of the script.
        assertThat(result.exitCode()).as(script + " crashed: " + result.stderr()).isIn(0, 1);
        assertThat(checks.stream().allMatch(c -> c.path("ok").asBoolean())).isEqualTo(result.exitCode() == 0);
        return checks;
    }

    private void copy(String resource) {
        try (InputStream source = getClass().getResourceAsStream("/boto3/" + resource)) {
            Files.copy(source, dir.resolve(resource), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
