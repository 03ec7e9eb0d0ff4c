package io.athenaworkflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.testing.Await;
import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CI scenario driven by the AWS CLI, exactly as a user types it against {@code --endpoint-url}. */
class AwsCliScenarioTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private LocalAwsFixture local;

    @BeforeAll
    static void requireCli() {
        ExternalClients.require(ExternalClients.available("aws", "--version"),
                "the AWS CLI ('aws') is not installed on this machine: install it (pip install awscli) to run the "
                        + "CLI scenario");
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
    void cliScenario_whenCopyingQueryingAndCleaning_behavesAsOnAws() throws Exception {
        var endpoint = local.aws.endpoint();
        Path data = Files.writeString(dir.resolve("orders.csv"), "id,amount\n1,9.50\n2,3.25\n");

        byte[] big = new byte[9 * 1024 * 1024]; // above the CLI's 8 MiB multipart threshold
        new java.util.Random(7).nextBytes(big);
        Path bigFile = Files.write(dir.resolve("big.bin"), big);
        List<io.athenaworkflow.local.s3.ObjectCreated> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        local.aws.s3Events().onObjectCreated(events::add);

        ExternalClients.aws(endpoint, dir, "s3", "mb", "s3://ci-data");
        ExternalClients.aws(endpoint, dir, "s3", "cp", bigFile.toString(), "s3://ci-data/orders/big.bin",
                "--only-show-errors");
        ExternalClients.aws(endpoint, dir, "s3", "cp", data.toString(), "s3://ci-data/orders/2024/orders.csv",
                "--only-show-errors");
        String listing = ExternalClients.aws(endpoint, dir, "s3", "ls", "s3://ci-data/", "--recursive").stdout();
        assertThat(local.aws.objectStore().file("ci-data", "orders/2024/orders.csv"))
                .hasValueSatisfying(p -> assertThat(p).hasSameTextualContentAs(data));
        assertThat(local.aws.objectStore().file("ci-data", "orders/big.bin"))
                .hasValueSatisfying(p -> assertThat(p).hasSameBinaryContentAs(bigFile));
        String id = ExternalClients.aws(endpoint, dir, "athena", "start-query-execution", "--query-string",
                "SELECT * FROM special", "--query-execution-context", "Database=default", "--query",
                "QueryExecutionId", "--output", "text").stdout().strip();
        String state = Await.until(() -> ExternalClients.aws(endpoint, dir, "athena", "get-query-execution",
                        "--query-execution-id", id, "--query", "QueryExecution.Status.State", "--output", "text")
                .stdout().strip(), s -> !s.equals("QUEUED") && !s.equals("RUNNING"), "query " + id + " to finish");
        JsonNode results = JSON.readTree(ExternalClients.aws(endpoint, dir, "athena", "get-query-results",
                "--query-execution-id", id, "--output", "json").stdout());
        String csv = ExternalClients.aws(endpoint, dir, "s3", "cp",
                "s3://" + local.resultsBucket() + "/" + id + ".csv", "-").stdout();
        ExternalClients.aws(endpoint, dir, "s3", "rm", "s3://ci-data/orders", "--recursive", "--only-show-errors");
        String after = ExternalClients.aws(endpoint, dir, "s3", "ls", "s3://ci-data/", "--recursive").stdout();

        assertThat(listing).contains("orders/2024/orders.csv").contains(" 24 ").contains(" 9437184 orders/big.bin");
        assertThat(events).filteredOn(e -> e.key().equals("orders/big.bin")).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("CompleteMultipartUpload"));
        assertThat(state).isEqualTo("SUCCEEDED");
        List<String> firstColumn = new ArrayList<>();
        results.path("ResultSet").path("Rows").forEach(r -> firstColumn.add(r.path("Data").get(0)
                .path("VarCharValue").asText(null)));
        assertThat(firstColumn).containsExactly("label", "plain", "say \"hi\", then\nleave", "", "ünïcødé ✓");
        assertThat(results.path("ResultSet").path("ResultSetMetadata").path("ColumnInfo").get(1).path("Type")
                .asText()).isEqualTo("decimal");
        assertThat(csv).startsWith("\"label\",\"amount\",\"seen\"\n\"plain\",\"1.50\"");
        assertThat(after).isEmpty();
    }
}
