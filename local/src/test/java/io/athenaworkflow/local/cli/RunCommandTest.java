package io.athenaworkflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code run} in-process (the runtime started for one execution) and its usage errors. */
class RunCommandTest {

    @Test
    void run_whenQuerySucceedsInProcess_printsOutputJsonOnStdoutAndProgressOnStderr() {
        Cli.Result result = Cli.run("run", "--sql", "SELECT 1 AS one, 'a' AS letter, CAST(2.50 AS decimal(4,2)) AS d",
                "--name", "cli-run-1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode output = Json.parse(result.out());
        JsonNode row = output.at("/rows/0");
        assertThat(row.get("one").isIntegralNumber()).isTrue();
        assertThat(row.get("one").asInt()).isEqualTo(1);
        assertThat(row.get("letter").asText()).isEqualTo("a");
        assertThat(row.get("d").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(output.get("rowCount").asLong()).isEqualTo(1);
        assertThat(output.at("/statistics/dataScannedBytes").asLong()).isZero();
        assertThat(result.out()).startsWith("{\n  \"queryExecutionId\" : ");
        assertThat(result.err())
                .containsPattern("Console http://127\\.0\\.0\\.1:\\d+/console/#/executions/arn%3Aaws%3Astates%3Aus-east-1"
                        + "%3A000000000000%3Aexecution%3Aathena-workflow-athena-query%3Acli-run-1  \\(while this run lasts\\)\n")
                .contains("Execution arn:aws:states:us-east-1:000000000000:execution:athena-workflow-athena-query:cli-run-1:\n")
                .contains("execution started")
                .containsPattern("\\+\\d+\\.\\d\\ds  StartQuery +\\d+\\.\\d\\ds  query [0-9a-f-]{36}")
                .containsPattern("CheckStatus +\\d+\\.\\d\\ds  query (RUNNING|QUEUED|SUCCEEDED), 0 B scanned")
                .containsPattern("FetchResults +\\d+\\.\\d\\ds  1 row, 3 columns")
                .contains("execution SUCCEEDED");
    }

    @Test
    void run_whenQueryFails_printsErrorAndCauseOnStderrNothingOnStdoutAndExitsOne() {
        Cli.Result result = Cli.run("run", "--sql", "SELECT * FROM no_such_table", "--no-progress");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("athena-local run: Execution ended FAILED (arn:aws:states:us-east-1:"
                        + "000000000000:execution:athena-workflow-athena-query:")
                .contains("\n  Error: io.athenaworkflow.athena.errors.QueryFailedException\n  Cause: ")
                .contains("no_such_table")
                .doesNotContain("execution started");
    }

    @Test
    void run_whenNeitherSqlNorInput_isAUsageError() {
        Cli.Result result = Cli.run("run");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Give the query with --sql (or a whole execution input with --input)");
    }

    @Test
    void run_whenInputIsNotAnObject_isAUsageError() {
        assertThat(Cli.run("run", "--input", "[1]").err()).contains("--input must be a JSON object, got array");
        Cli.Result broken = Cli.run("run", "--input", "{\"sql\": ");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("--input is not valid JSON: ");
    }

    @Test
    void run_whenInProcessOptionsMeetEndpoint_isAUsageError() {
        Cli.Result result = Cli.run("run", "--sql", "SELECT 1", "--endpoint", "http://127.0.0.1:4566",
                "--parameter", "CleanupMode=ALWAYS");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--parameter and --data configure the in-process runtime");
    }

    @Test
    void run_whenEndpointOptionsWithoutEndpoint_isAUsageError() {
        Cli.Result result = Cli.run("run", "--sql", "SELECT 1", "--region", "eu-west-1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--state-machine-arn and --region go with --endpoint");
    }

    @Test
    void run_whenNothingListensAtTheEndpoint_saysSoAndExitsOne() {
        int port = closedPort();

        Cli.Result result = Cli.run("run", "--sql", "SELECT 1", "--endpoint", "http://127.0.0.1:" + port);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("athena-local run: ListStateMachines failed: cannot reach Step Functions"
                + " at http://127.0.0.1:" + port + " (").contains("Is `athena-local up` running there");
    }

    @Test
    void run_whenSqlFileDoesNotExist_isAUsageError() {
        Cli.Result result = Cli.run("run", "--sql", "@/no/such/query.sql");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Cannot read the file of --sql: /no/such/query.sql (no such file)");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
