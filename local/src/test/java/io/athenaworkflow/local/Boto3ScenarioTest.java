package io.athenaworkflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A boto3 program written for real Athena (src/test/resources/boto3/athena_flow.py) run unchanged locally. */
class Boto3ScenarioTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private LocalAwsFixture local;

    @BeforeAll
    static void requireBoto3() {
        ExternalClients.require(ExternalClients.available("python3", "-c", "import boto3"),
                "python3 with boto3 is not installed on this machine: install it (pip install boto3) to run the "
                        + "boto3 scenario");
    }

    @BeforeEach
    void start() {
        local = new LocalAwsFixture();
    }

    @AfterEach
    void stop() {
        local.close();
    }

    @Test
    void boto3Program_whenRunAgainstLocalRuntime_readsAllPagesAndDeletesOnlyItsOwnResults() throws Exception {
        local.engine.numbers("SELECT n FROM numbers", 2500);
        String otherQuery = local.start("SELECT 1");
        local.awaitDone(otherQuery);
        Path script = dir.resolve("athena_flow.py");
        try (InputStream source = getClass().getResourceAsStream("/boto3/athena_flow.py")) {
            Files.copy(source, script);
        }

        ExternalClients.Result run = ExternalClients.run(local.aws.endpoint(), dir,
                List.of("python3", script.toString(), "SELECT n FROM numbers"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode report = JSON.readTree(run.stdout());
        String id = report.path("queryExecutionId").asText();
        assertThat(report.path("states").get(report.path("states").size() - 1).asText()).isEqualTo("SUCCEEDED");
        assertThat(report.path("columns").get(0).asText()).isEqualTo("n");
        assertThat(report.path("rowCount").asInt()).isEqualTo(2501);
        assertThat(report.path("firstRows").toString()).isEqualTo("[[\"n\"],[\"0\"],[\"1\"]]");
        assertThat(report.path("lastRow").toString()).isEqualTo("[\"2499\"]");
        assertThat(report.path("deleted").toString()).isEqualTo("[\"" + id + ".csv\",\"" + id + ".csv.metadata\"]");
        assertThat(local.aws.objectStore().listKeys(local.resultsBucket(), ""))
                .containsExactly(otherQuery + ".csv", otherQuery + ".csv.metadata");
        assertThat(local.engine.executed().getLast().database()).isEqualTo("default");
    }
}
