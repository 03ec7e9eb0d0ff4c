package io.athenaworkflow.local.sfn.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.SqlEngineFactory;
import io.athenaworkflow.local.athena.engine.trino.TrinoProcess;
import io.athenaworkflow.local.sfn.api.FakeLambda;
import io.athenaworkflow.local.sfn.api.SfnFixture;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus;
import io.athenaworkflow.local.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Athena from Task states (optimized integration with .sync, and aws-sdk:athena) against the real local Athena
 * service; SQL runs on the fake engine, except in the real-engine (Trino) test.
 */
class AthenaTasksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUTPUT = "s3://athena-results-000000000000/sfn/";

    /** StartQueryExecution.sync, then GetQueryResults of that query. */
    private static final String QUERY_AND_RESULTS = """
            {"StartAt": "Query", "States": {
              "Query": {"Type": "Task", "Resource": "arn:aws:states:::athena:startQueryExecution.sync",
                        "Parameters": {"QueryString.$": "$.sql",
                                       "ResultConfiguration": {"OutputLocation": "%s"}},
                        "Next": "Results"},
              "Results": {"Type": "Task", "Resource": "arn:aws:states:::athena:getQueryResults",
                          "Parameters": {"QueryExecutionId.$": "$.QueryExecution.QueryExecutionId"},
                          "ResultSelector": {"rows.$": "$.ResultSet.Rows", "status.$": "$.SdkHttpMetadata.HttpStatusCode"},
                          "ResultPath": "$.results", "End": true}}}""".formatted(OUTPUT);

    private SfnFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @BeforeEach
    void start() {
        fx = SfnFixture.start(new FakeLambda());
    }

    private static JsonNode output(ExecutionResult result) throws Exception {
        assertThat(result.status()).as("status (error %s: %s)", result.error(), result.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        return JSON.readTree(result.output());
    }

    private static String singleTask(String resource, String parameters) {
        return """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "Parameters": %s, "End": true}}}"""
                .formatted(resource, parameters);
    }

    @Test
    void startQueryExecutionSync_whenQuerySucceeds_returnsTheQueryExecutionAndRecordsTaskSubmitted() throws Exception {
        Execution execution = fx.run(QUERY_AND_RESULTS, "{\"sql\": \"SELECT 1\"}");
        JsonNode out = output(SfnFixture.await(execution));

        JsonNode query = out.get("QueryExecution");
        assertThat(query.get("Status").get("State").asText()).isEqualTo("SUCCEEDED");
        assertThat(query.get("Query").asText()).isEqualTo("SELECT 1");
        assertThat(query.get("ResultConfiguration").get("OutputLocation").asText())
                .isEqualTo(OUTPUT + query.get("QueryExecutionId").asText() + ".csv");
        assertThat(query.get("Status").get("SubmissionDateTime").isIntegralNumber()).isTrue();
        assertThat(query.get("Status").get("SubmissionDateTime").asLong()).isEqualTo(SfnFixture.START.toEpochMilli());
        assertThat(out.get("results").get("rows")).isEqualTo(JSON.readTree(
                "[{\"Data\":[{\"VarCharValue\":\"_col0\"}]},{\"Data\":[{\"VarCharValue\":\"1\"}]}]"));
        assertThat(out.get("results").get("status").asInt()).isEqualTo(200);
        HistoryEvent submitted = execution.history().stream().filter(e -> e.type().equals("TaskSubmitted"))
                .findFirst().orElseThrow();
        assertThat(submitted.details().get("resourceType").asText()).isEqualTo("athena");
        assertThat(submitted.details().get("resource").asText()).isEqualTo("startQueryExecution.sync");
        JsonNode submittedOutput = JSON.readTree(submitted.details().get("output").asText());
        assertThat(submittedOutput.get("QueryExecutionId").asText()).isEqualTo(query.get("QueryExecutionId").asText());
        assertThat(submittedOutput.get("SdkHttpMetadata").get("HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(execution.history().stream().map(HistoryEvent::type).toList()).containsSubsequence(
                "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded");
    }

    @Test
    void startQueryExecutionSync_whenQueryFails_failsWithTaskFailedAndTheQueryAsCause() throws Exception {
        ExecutionResult result = SfnFixture.await(fx.run(QUERY_AND_RESULTS, "{\"sql\": \"SELECT * FROM missing\"}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.TaskFailed");
        JsonNode cause = JSON.readTree(result.cause());
        assertThat(cause.get("QueryExecution").get("Status").get("State").asText()).isEqualTo("FAILED");
        assertThat(cause.get("QueryExecution").get("Status").get("StateChangeReason").asText())
                .contains("TABLE_NOT_FOUND");
    }

    @Test
    void startQueryExecutionSync_whenExecutionStopped_stopsTheRunningQuery() throws Exception {
        Execution execution = fx.sfn.startExecution(fx.machine(QUERY_AND_RESULTS).arn(), "stop-me",
                "{\"sql\": \"SELECT * FROM slow\"}");
        HistoryEvent submitted = Await.until(() -> execution.history().stream()
                .filter(e -> e.type().equals("TaskSubmitted")).findFirst().orElse(null),
                e -> e != null, "the query to be submitted");
        String queryId = JSON.readTree(submitted.details().get("output").asText()).get("QueryExecutionId").asText();

        ExecutionResult result = fx.sfn.stopExecution(execution.context().executionArn(), null, null);
        JsonNode query = Await.until(() -> fx.aws.athena().handle("GetQueryExecution",
                (ObjectNode) JSON.createObjectNode().put("QueryExecutionId", queryId)),
                q -> !q.at("/QueryExecution/Status/State").asText().equals("RUNNING"), "the query to stop");

        assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(query.at("/QueryExecution/Status/State").asText()).isEqualTo("CANCELLED");
        assertThat(execution.history().stream().map(HistoryEvent::type).toList()).contains("TaskStateAborted")
                .doesNotContain("TaskFailed");
    }

    @Test
    void startQueryExecution_whenRequestResponse_returnsTheIdInTheSdkEnvelope() throws Exception {
        JsonNode out = output(SfnFixture.await(fx.run(singleTask("arn:aws:states:::athena:startQueryExecution",
                "{\"QueryString\": \"SELECT 1\", \"ResultConfiguration\": {\"OutputLocation\": \"" + OUTPUT + "\"}}"),
                "{}")));

        assertThat(out.get("QueryExecutionId").asText()).matches("[0-9a-f-]{36}");
        assertThat(out.get("SdkHttpMetadata").get("HttpHeaders").get("Content-Type").asText())
                .isEqualTo("application/x-amz-json-1.1");
        assertThat(out.get("SdkResponseMetadata").get("RequestId").asText())
                .isEqualTo(out.get("SdkHttpMetadata").get("HttpHeaders").get("x-amzn-RequestId").asText());
    }

    @Test
    void athenaTasks_whenAthenaRejectsTheRequest_failWithAthenaNamedErrorsAndSdkCauses() {
        ExecutionResult optimized = SfnFixture.await(fx.run(singleTask(
                "arn:aws:states:::athena:getQueryExecution", "{\"QueryExecutionId\": \"nope\"}"), "{}"));
        ExecutionResult sdk = SfnFixture.await(fx.run(singleTask(
                "arn:aws:states:::aws-sdk:athena:getQueryExecution", "{\"QueryExecutionId\": \"nope\"}"), "{}"));

        assertThat(optimized.error()).isEqualTo("Athena.InvalidRequestException");
        assertThat(optimized.cause()).startsWith("QueryExecution nope was not found (Service: AmazonAthena; Status"
                + " Code: 400; Error Code: InvalidRequestException; Request ID: ").endsWith("; Proxy: null)");
        assertThat(sdk.error()).isEqualTo("Athena.InvalidRequestException");
        assertThat(sdk.cause()).startsWith("QueryExecution nope was not found (Service: Athena, Status Code: 400,"
                + " Request ID: ");
    }

    @Test
    void awsSdkAthena_whenAnyAction_returnsTheAthenaResponseAsIs() throws Exception {
        JsonNode out = output(SfnFixture.await(fx.run(singleTask("arn:aws:states:::aws-sdk:athena:getWorkGroup",
                "{\"WorkGroup\": \"primary\"}"), "{}")));

        assertThat(out.get("WorkGroup").get("Name").asText()).isEqualTo("primary");
        assertThat(out.has("SdkHttpMetadata")).isFalse();
    }

    @Test
    void athenaTasks_whenActionOrPatternUnsupported_failWithStatesRuntime() {
        ExecutionResult syncGet = SfnFixture.await(fx.run(singleTask(
                "arn:aws:states:::athena:getQueryExecution.sync", "{\"QueryExecutionId\": \"x\"}"), "{}"));
        ExecutionResult unknown = SfnFixture.await(fx.run(singleTask(
                "arn:aws:states:::aws-sdk:athena:launchRocket", "{}"), "{}"));

        assertThat(syncGet.error()).isEqualTo("States.Runtime");
        assertThat(syncGet.cause()).contains("arn:aws:states:::athena:getQueryExecution.sync");
        assertThat(unknown.error()).isEqualTo("States.Runtime");
        assertThat(unknown.cause()).contains("Athena has no action 'launchRocket'");
    }

    @Test
    void startQueryExecutionSync_whenRealEngine_runsSelectOne(@TempDir Path catalog) throws Exception {
        fx.close();
        fx = SfnFixture.start(new FakeLambda(), SqlEngineFactory.trino(catalog));
        TrinoProcess.shared().uri(); // the engine's start-up, before the execution's 30 s wait begins

        JsonNode out = output(SfnFixture.await(fx.run(QUERY_AND_RESULTS, "{\"sql\": \"SELECT 1 AS one, 'a' AS two\"}")));

        assertThat(out.at("/QueryExecution/Status/State").asText()).isEqualTo("SUCCEEDED");
        assertThat(out.get("results").get("rows")).isEqualTo(JSON.readTree("[{\"Data\":[{\"VarCharValue\":\"one\"},"
                + "{\"VarCharValue\":\"two\"}]},{\"Data\":[{\"VarCharValue\":\"1\"},{\"VarCharValue\":\"a\"}]}]"));
        String id = out.at("/QueryExecution/QueryExecutionId").asText();
        assertThat(fx.aws.objectStore().file("athena-results-000000000000", "sfn/" + id + ".csv"))
                .hasValueSatisfying(file -> assertThat(contentOf(file)).isEqualTo("\"one\",\"two\"\n\"1\",\"a\"\n"));
    }

    private static String contentOf(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
