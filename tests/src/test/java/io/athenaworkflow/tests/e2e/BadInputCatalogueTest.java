package io.athenaworkflow.tests.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every bad input ends the execution in QueryFailed with a named Error and a Cause that says what to fix — and
 * nothing foreign is deleted, nothing is left running.
 */
class BadInputCatalogueTest {

    private static final String ERRORS = "io.athenaworkflow.athena.errors.";
    /** Objects named by crafted events live outside the trigger rule's prefix, so only the test starts executions. */
    private static final String OBJECTS = "bad-inputs/";
    private static final String FOREIGN_BUCKET = "someone-elses-queries";
    private static final List<String> NEIGHBOURS = List.of(
            LocalWorkflow.RESULTS_PREFIX + "neighbour-report.csv",
            LocalWorkflow.RESULTS_PREFIX + "00000000-0000-0000-0000-000000000000.csv");

    private static LocalWorkflow workflow;

    record Case(String name, String input, String error, String causeContains) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        workflow = new LocalWorkflow();
        workflow.loadDemoTable();
        for (String key : NEIGHBOURS) {
            workflow.s3.putObject(b -> b.bucket(LocalWorkflow.RESULTS_BUCKET).key(key), RequestBody.fromString("keep me"));
        }
        put(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "empty.sql", new byte[0]);
        put(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "blank.sql", "  \n\t ".getBytes(StandardCharsets.UTF_8));
        put(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "latin1.sql", "SELECT 'caf\u00e9'".getBytes(StandardCharsets.ISO_8859_1));
        put(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "huge.sql",
                ("SELECT '" + "x".repeat(262_144) + "'").getBytes(StandardCharsets.UTF_8));
        put(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "notes.txt", "SELECT 1".getBytes(StandardCharsets.UTF_8));
        put(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "broken.json", "{\"sql\": ".getBytes(StandardCharsets.UTF_8));
        put(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "typo.json",
                "{\"sql\": \"SELECT 1\", \"timeout\": 5}".getBytes(StandardCharsets.UTF_8));
        workflow.runtime.aws().s3().createBucket(FOREIGN_BUCKET, "111111111111");
        put(FOREIGN_BUCKET, "queries/q.sql", "SELECT 1".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(workflow.keys(LocalWorkflow.RESULTS_BUCKET, LocalWorkflow.RESULTS_PREFIX)).containsAll(NEIGHBOURS);
            var running = workflow.runtime.aws().athena().handle("ListQueryExecutions",
                    LocalWorkflow.JSON.createObjectNode());
            for (var id : running.get("QueryExecutionIds")) {
                var state = workflow.runtime.aws().athena().handle("GetQueryExecution",
                        LocalWorkflow.JSON.createObjectNode().put("QueryExecutionId", id.asText()));
                assertThat(state.at("/QueryExecution/Status/State").asText()).as("query %s", id.asText())
                        .isNotIn("QUEUED", "RUNNING");
            }
        } finally {
            workflow.close();
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("empty input", "{}", "InvalidInputException", "Field 'sql' is required"),
                new Case("input is not an object", "[\"SELECT 1\"]", "InvalidInputException", "must be a JSON object"),
                new Case("empty sql", "{\"sql\": \"\"}", "InvalidInputException", "'sql' is empty"),
                new Case("blank sql", "{\"sql\": \"  \\n \"}", "InvalidInputException", "'sql' is empty"),
                new Case("sql not a string", "{\"sql\": 42}", "InvalidInputException", "'sql' must be a string"),
                new Case("sql with an unpaired surrogate", "{\"sql\": \"SELECT '\\ud800'\"}", "InvalidInputException",
                        "not valid Unicode"),
                new Case("misspelt field", "{\"sql\": \"SELECT 1\", \"databse\": \"demo\"}", "InvalidInputException",
                        "Unknown field 'databse'"),
                new Case("unknown database", "{\"sql\": \"SELECT * FROM orders\", \"database\": \"nosuchdb\"}",
                        "QueryFailedException", "nosuchdb"),
                new Case("unknown table", "{\"sql\": \"SELECT * FROM demo.nosuch\"}", "QueryFailedException",
                        "TABLE_NOT_FOUND"),
                // Athena (and Trino) reject a statement that does not parse at StartQueryExecution.
                new Case("syntax error", "{\"sql\": \"SELEC region FROM demo.orders\"}", "QueryRejectedException",
                        "line 1:1: mismatched input 'SELEC'"),
                new Case("division by zero", "{\"sql\": \"SELECT 1 / 0\"}", "QueryFailedException", "failed"),
                new Case("too few parameters", "{\"sql\": \"SELECT * FROM demo.orders WHERE year = ?\"}",
                        "InvalidInputException", "1 '?' placeholder(s) but 'parameters' has 0"),
                new Case("too many parameters", "{\"sql\": \"SELECT 1\", \"parameters\": [\"1\"]}", "InvalidInputException",
                        "0 '?' placeholder(s) but 'parameters' has 1"),
                new Case("parameters not an array", "{\"sql\": \"SELECT ?\", \"parameters\": \"1\"}",
                        "InvalidInputException", "'parameters' must be an array"),
                new Case("parameter is an object", "{\"sql\": \"SELECT ?\", \"parameters\": [{\"v\": 1}]}",
                        "InvalidInputException", "parameters[0] must be a string"),
                new Case("output location not s3", "{\"sql\": \"SELECT 1\", \"outputLocation\": \"/tmp/results\"}",
                        "InvalidInputException", "must be an s3:// location"),
                new Case("output location with an invalid bucket",
                        "{\"sql\": \"SELECT 1\", \"outputLocation\": \"s3://Bad_Bucket/x/\"}", "InvalidInputException",
                        "invalid bucket 'Bad_Bucket'"),
                new Case("foreign output location", "{\"sql\": \"SELECT 1\", \"outputLocation\": \"s3://elsewhere/x/\"}",
                        "InvalidInputException", "outside s3://athena-workflow-results/athena-workflow/"),
                new Case("negative timeout", "{\"sql\": \"SELECT 1\", \"timeoutSeconds\": -5}", "InvalidInputException",
                        "'timeoutSeconds' must be between 1 and 86400"),
                new Case("timeout too long", "{\"sql\": \"SELECT 1\", \"timeoutSeconds\": 86401}", "InvalidInputException",
                        "'timeoutSeconds' must be between 1 and 86400"),
                new Case("timeout not a number", "{\"sql\": \"SELECT 1\", \"timeoutSeconds\": \"soon\"}",
                        "InvalidInputException", "'timeoutSeconds' must be an integer"),
                new Case("negative maxInlineRows", "{\"sql\": \"SELECT 1\", \"maxInlineRows\": -1}", "InvalidInputException",
                        "'maxInlineRows' must be between 0 and 10000"),
                new Case("result reuse beyond 7 days", "{\"sql\": \"SELECT 1\", \"resultReuseMinutes\": 20000}",
                        "InvalidInputException", "'resultReuseMinutes' must be between 0 and 10080"),
                new Case("unknown cleanup mode", "{\"sql\": \"SELECT 1\", \"cleanup\": \"SOMETIMES\"}",
                        "InvalidInputException", "must be one of [ALWAYS, ON_SUCCESS, NEVER]"),
                new Case("malformed workgroup", "{\"sql\": \"SELECT 1\", \"workgroup\": \"my group!\"}",
                        "InvalidInputException", "'workgroup' may hold only"),
                new Case("unknown workgroup", "{\"sql\": \"SELECT 1\", \"workgroup\": \"nosuchgroup\"}",
                        "QueryRejectedException", "nosuchgroup"),
                new Case("malformed EventBridge event", event("aws.s3", "Object Created", "{}"), "InvalidEventException",
                        "lacks detail.bucket.name or detail.object.key"),
                new Case("EventBridge event of another kind", event("aws.events", "Scheduled Event", "{}"),
                        "InvalidEventException", "accepts only S3 'Object Created' events"),
                new Case("query file missing", objectCreated(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "gone.sql"),
                        "QueryFileNotFoundException", "no longer exists"),
                new Case("query file empty", objectCreated(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "empty.sql"),
                        "InvalidInputException", "is empty"),
                new Case("query file blank", objectCreated(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "blank.sql"),
                        "InvalidInputException", "is empty"),
                new Case("query file not UTF-8", objectCreated(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "latin1.sql"),
                        "InvalidInputException", "not valid UTF-8"),
                new Case("query file too large", objectCreated(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "huge.sql"),
                        "InvalidInputException", "larger than 262144 bytes"),
                new Case("object of another type", objectCreated(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "notes.txt"),
                        "InvalidInputException", "neither a .sql query nor a .json request"),
                new Case("request file not JSON", objectCreated(LocalWorkflow.TRIGGER_BUCKET, OBJECTS + "broken.json"),
                        "InvalidInputException", "is not valid JSON"),
                new Case("request file with a misspelt field", objectCreated(LocalWorkflow.TRIGGER_BUCKET,
                        OBJECTS + "typo.json"), "InvalidInputException", "Unknown field 'timeout'"),
                new Case("bucket of another owner", objectCreated(FOREIGN_BUCKET, "queries/q.sql"),
                        "AccessDeniedException", "AccessDenied"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void execution_whenInputIsBad_failsWithNamedErrorAndHelpfulCause(Case bad) {
        DescribeExecutionResponse execution = workflow.run(bad.input());

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo(ERRORS + bad.error());
        assertThat(execution.cause()).contains(bad.causeContains()).doesNotContain("\tat ", "stackTrace");
    }

    @Test
    void startExecution_whenInputIsOver256KB_isRejectedByStepFunctionsBeforeAnythingRuns() {
        String input = "{\"sql\": \"SELECT '" + "x".repeat(262_144) + "'\"}";

        assertThatThrownBy(() -> workflow.run(input))
                .isInstanceOfSatisfying(SfnException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageContaining("262144");
    }

    static String event(String source, String detailType, String detail) {
        return "{\"version\":\"0\",\"id\":\"6a7e8feb-b491-4cf7-a9f1-bf3703467718\",\"detail-type\":\"" + detailType
                + "\",\"source\":\"" + source + "\",\"account\":\"000000000000\",\"time\":\"2026-01-05T09:00:00Z\","
                + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":" + detail + "}";
    }

    static String objectCreated(String bucket, String key) {
        return event("aws.s3", "Object Created", "{\"version\":\"0\",\"bucket\":{\"name\":\"" + bucket + "\"},"
                + "\"object\":{\"key\":\"" + key + "\",\"size\":1,\"etag\":\"x\",\"sequencer\":\"1\"},"
                + "\"request-id\":\"R\",\"requester\":\"000000000000\",\"source-ip-address\":\"127.0.0.1\","
                + "\"reason\":\"PutObject\"}");
    }

    private static void put(String bucket, String key, byte[] content) {
        workflow.s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }
}
