package io.athenaworkflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.testing.Await;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@code up} served from a thread of the test (port 0), used the way its banner says: with the AWS SDK, by dropping a
 * .sql file into the trigger bucket, and with {@code run --endpoint}; then stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpCommandTest {

    private static RunningUp up;
    private static URI endpoint;
    private static String stateMachineArn;
    private static SfnClient sfn;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        up = RunningUp.start();
        endpoint = up.endpoint;
        stateMachineArn = up.stateMachineArn;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        sfn = SfnClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void closeClients() throws InterruptedException {
        if (sfn != null) {
            sfn.close();
            s3.close();
        }
        if (up != null && up.isRunning()) {
            up.stop();
        }
    }

    @Test
    @Order(1)
    void up_whenServing_printsEndpointStateMachineBucketsAndCopyPasteableExamples() {
        String aws = "aws --endpoint-url " + endpoint;
        String arn = "arn:aws:states:us-east-1:000000000000:stateMachine:athena-workflow-athena-query";
        assertThat(stateMachineArn).isEqualTo(arn);
        assertThat(up.out.toString()).isEqualTo("athena-local is up: the athena-workflow template on the embedded runtime.\n"
                + "\n"
                + "  Endpoint        " + endpoint + "  (S3, Athena, Step Functions; any credentials, region us-east-1)\n"
                + "  Console         " + endpoint + "/console/  (state machines, executions, live graph view)\n"
                + "  State machine   " + arn + "\n"
                + "  Data bucket     s3://athena-workflow-data/\n"
                + "  Results bucket  s3://athena-workflow-results/athena-workflow/\n"
                + "  Trigger bucket  s3://athena-workflow-queries/queries/  (a .sql or .json object here starts an"
                + " execution)\n"
                + "  Stored in       a temporary folder, deleted on exit\n"
                + "\n"
                + "Try it (any credentials work):\n"
                + "  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1\n"
                + "  " + aws + " stepfunctions start-execution --state-machine-arn " + arn
                + " --input '{\"sql\": \"SELECT 1 AS one\"}'\n"
                + "  " + aws + " stepfunctions describe-execution --execution-arn <the executionArn printed above>\n"
                + "  echo 'SELECT 1 AS one' > q.sql\n"
                + "  " + aws + " s3 cp q.sql s3://athena-workflow-queries/queries/\n"
                + "  " + aws + " stepfunctions list-executions --state-machine-arn " + arn + "\n"
                + "  ./athena-local run --endpoint " + endpoint + " --sql 'SELECT 1 AS one'\n");
        assertThat(up.err.toString()).isEqualTo("Serving until Ctrl-C.\n");
    }

    @Test
    @Order(2)
    void up_whenTheSdkStartsAnExecution_runsTheQueryToSuccess() {
        String executionArn = sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name("sdk-1")
                .input("{\"sql\": \"SELECT 6 * 7 AS answer\"}")).executionArn();

        DescribeExecutionResponse done = awaitEnd(executionArn);

        assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(done.output()).get("rows").toString()).isEqualTo("[{\"answer\":42}]");
    }

    @Test
    @Order(3)
    void up_whenASqlFileLandsInTheTriggerBucket_startsAnExecutionThatSucceeds() {
        s3.putObject(b -> b.bucket("athena-workflow-queries").key("queries/cli-up-test.sql"),
                RequestBody.fromString("SELECT 'from a file' AS origin"));

        ExecutionListItem started = Await.until(() -> sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn))
                        .executions().stream().filter(e -> !e.name().equals("sdk-1")).findFirst().orElse(null),
                e -> e != null, "an execution started by the object-created event");
        DescribeExecutionResponse done = awaitEnd(started.executionArn());

        assertThat(done.input()).contains("queries/cli-up-test.sql");
        assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(done.output()).get("rows").toString()).isEqualTo("[{\"origin\":\"from a file\"}]");
    }

    @Test
    @Order(4)
    void run_whenEndpointIsTheRunningUp_printsOutputOnStdoutAndProgressOnStderr() {
        Cli.Result result = Cli.run("run", "--endpoint", endpoint.toString(), "--sql", "SELECT 41 + 1 AS answer",
                "--name", "remote-1", "--poll-interval", "100");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode output = Json.parse(result.out());
        assertThat(output.get("rows").toString()).isEqualTo("[{\"answer\":42}]");
        assertThat(result.err())
                .startsWith("Console " + endpoint + "/console/#/executions/"
                        + URLEncoder.encode(stateMachineArn.replace(":stateMachine:", ":execution:") + ":remote-1",
                                StandardCharsets.UTF_8) + "\n"
                        + "Execution " + stateMachineArn.replace(":stateMachine:", ":execution:") + ":remote-1 at "
                        + endpoint + ":\n   +0.00s  execution started\n")
                .containsPattern("StartQuery +\\d+\\.\\d\\ds  query [0-9a-f-]{36}")
                .containsPattern("FetchResults +\\d+\\.\\d\\ds  1 row, 1 column")
                .endsWith("  execution SUCCEEDED\n");
        assertThat(sfn.describeExecution(b -> b.executionArn(stateMachineArn.replace(":stateMachine:", ":execution:")
                + ":remote-1")).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    @Order(5)
    void run_whenEndpointExecutionFails_printsErrorAndCauseAndExitsOne() {
        Cli.Result result = Cli.run("run", "--endpoint", endpoint.toString(), "--input",
                "{\"sql\": \"SELECT 1\", \"cleanup\": \"SOMETIMES\"}", "--no-progress", "--poll-interval", "100");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("athena-local run: Execution ended FAILED (arn:aws:states:us-east-1:")
                .contains("\n  Error: io.athenaworkflow.athena.errors.InvalidInputException\n  Cause: ")
                .contains("cleanup");
    }

    @Test
    @Order(6)
    void run_whenStateMachineArnDoesNotExist_reportsTheApiError() {
        Cli.Result result = Cli.run("run", "--endpoint", endpoint.toString(), "--sql", "SELECT 1",
                "--state-machine-arn", "arn:aws:states:us-east-1:000000000000:stateMachine:nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("athena-local run: StartExecution failed at " + endpoint
                + ": StateMachineDoesNotExist: State Machine Does Not Exist: "
                + "'arn:aws:states:us-east-1:000000000000:stateMachine:nope'\n");
    }

    @Test
    @Order(7)
    void up_whenThePortIsTaken_saysSoAndExitsOne() {
        Cli.Result result = Cli.run("up", "--port", Integer.toString(endpoint.getPort()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("athena-local up: cannot listen on 127.0.0.1:" + endpoint.getPort())
                .contains("Choose another with --port");
    }

    @Test
    @Order(8)
    void up_whenInterrupted_closesTheRuntimeAndExitsZero() throws InterruptedException {
        assertThat(up.stop()).isZero();
        assertThat(refusesConnections(endpoint)).isTrue();
        assertThat(up.err.toString()).isEqualTo("Serving until Ctrl-C.\n");
    }

    private static DescribeExecutionResponse awaitEnd(String executionArn) {
        return Await.until(() -> sfn.describeExecution(b -> b.executionArn(executionArn)),
                d -> d.status() != ExecutionStatus.RUNNING, "the end of " + executionArn);
    }

    private static boolean refusesConnections(URI uri) {
        try {
            new Socket(uri.getHost(), uri.getPort()).close();
            return false;
        } catch (IOException refused) {
            return true;
        }
    }

}
