package io.athenaworkflow.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.config.WorkflowDefaults;
import io.athenaworkflow.athena.errors.InvalidEventException;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.athena.errors.ServiceThrottledException;
import io.athenaworkflow.testing.FakeAthena;
import io.athenaworkflow.testing.FakeContext;
import io.athenaworkflow.testing.FakeS3;
import io.athenaworkflow.testing.FakeStepFunctions;
import io.athenaworkflow.testing.FakeStepFunctions.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static io.athenaworkflow.handlers.Invocation.invoke;
import static io.athenaworkflow.testing.TestJson.strict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CleanupHandlerTest {

    private static final String EXECUTION = "arn:aws:states:eu-west-1:111122223333:execution:athena-query:run-1";
    private static final String ID = "a7e0a001-1111-4222-8333-000000000001";
    private static final String FOLDER = "athena-workflow/";

    private final FakeAthena athena = new FakeAthena();
    private final FakeS3 s3 = new FakeS3().bucket("results-bucket");
    private final FakeStepFunctions sfn = new FakeStepFunctions();
    private static final WorkflowDefaults DEFAULTS = WorkflowDefaults.fromEnvironment(Map.of(
            "ATHENA_OUTPUT_LOCATION", "s3://results-bucket/" + FOLDER, "EXPECTED_BUCKET_OWNER", FakeS3.OWNER));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:20:00Z"), ZoneOffset.UTC);
    private final CleanupHandler handler = new CleanupHandler(athena, s3, sfn, DEFAULTS, CLOCK);
    private final FakeAthena.Query query = athena.addQuery(ID, "s3://results-bucket/" + FOLDER + ID + ".csv");

    CleanupHandlerTest() {
        s3.put("results-bucket", FOLDER + ID + ".csv", "x").put("results-bucket", FOLDER + ID + ".csv.metadata", "m")
                .put("results-bucket", FOLDER + "other.csv", "o");
    }

    private static String handle(CleanupMode mode) {
        return new QueryHandle(ID, "primary", new S3Location("results-bucket", FOLDER), Instant.parse("2024-05-01T10:00:00Z"),
                900, 100, mode, FakeS3.OWNER).toJson().toString();
    }

    /** The event EventBridge delivers when an execution ends. */
    private static String statusChange(String status) {
        return """
                {"version": "0", "id": "315c1398-40ff-a850-213b-158f73e60175",
                 "detail-type": "Step Functions Execution Status Change", "source": "aws.states",
                 "account": "111122223333", "time": "2024-05-01T10:05:00Z", "region": "eu-west-1",
                 "resources": ["%1$s"],
                 "detail": {"executionArn": "%1$s",
                            "stateMachineArn": "arn:aws:states:eu-west-1:111122223333:stateMachine:athena-query",
                            "name": "run-1", "status": "%2$s", "startDate": 1714557600000, "stopDate": 1714557900000,
                            "input": "{}", "output": null, "inputDetails": {"included": true}, "outputDetails": null}}
                """.formatted(EXECUTION, status);
    }

    @Test
    void handleRequest_whenWorkflowSucceededWithAlways_deletesTheQuerysObjectsAndReports() {
        query.succeed();

        JsonNode report = invoke(handler, "{\"query\": " + handle(CleanupMode.ALWAYS) + ", \"succeeded\": true}",
                new FakeContext("Cleanup"));

        assertThat(report).isEqualTo(strict("""
                {"queryExecutionId": "%1$s", "stateBefore": "SUCCEEDED", "stopped": false,
                 "deleted": ["s3://results-bucket/athena-workflow/%1$s.csv",
                             "s3://results-bucket/athena-workflow/%1$s.csv.metadata"],
                 "note": null}""".formatted(ID)));
        assertThat(s3.keys("results-bucket")).containsExactly(FOLDER + "other.csv");
    }

    @Test
    void handleRequest_whenWorkflowFailedWithOnSuccess_stopsTheQueryButKeepsItsObjects() {
        query.state(QueryExecutionState.RUNNING);

        JsonNode report = invoke(handler, "{\"query\": " + handle(CleanupMode.ON_SUCCESS) + ", \"succeeded\": false}");

        assertThat(report.get("stopped").asBoolean()).isTrue();
        assertThat(report.get("stateBefore").asText()).isEqualTo("RUNNING");
        assertThat(report.get("deleted")).isEmpty();
        assertThat(report.get("note").asText()).contains("cleanup mode ON_SUCCESS after a failure");
        assertThat(athena.stopRequests()).containsExactly(ID);
        assertThat(s3.exists("results-bucket", FOLDER + ID + ".csv")).isTrue();
    }

    @Test
    void handleRequest_whenQueryIsNull_reportsThatNothingWasStarted() {
        JsonNode report = invoke(handler, "{\"query\": null, \"succeeded\": false}");

        assertThat(report).isEqualTo(strict("""
                {"queryExecutionId": null, "stateBefore": null, "stopped": false, "deleted": [],
                 "note": "No query was started; nothing to clean up."}"""));
        assertThat(athena.calls(FakeAthena.GET)).isZero();
    }

    @Test
    void handleRequest_whenQueryLeftOut_reportsThatNothingWasStarted() {
        // JSONata drops a field whose value is undefined: "query": "{% $query %}" before StartQuery assigned it.
        JsonNode report = invoke(handler, "{\"succeeded\": false}");

        assertThat(report.get("note").asText()).isEqualTo("No query was started; nothing to clean up.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"query\": HANDLE}", "{\"query\": HANDLE, \"succeeded\": null}",
            "{\"query\": HANDLE, \"succeeded\": \"true\"}", "{\"query\": HANDLE, \"succeeded\": 1}"})
    void handleRequest_whenSucceededMissingOrNotABoolean_throwsInvalidInput(String payload) {
        query.succeed();

        assertThatThrownBy(() -> invoke(handler, payload.replace("HANDLE", handle(CleanupMode.ALWAYS))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Field 'succeeded' must be true or false");
        assertThat(s3.deletedObjects()).isEmpty();
    }

    @Test
    void handleRequest_whenQueryIsNotAHandle_throwsInvalidInput() {
        assertThatThrownBy(() -> invoke(handler, "{\"query\": \"" + ID + "\", \"succeeded\": true}"))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"cleanup\"", "42", "null"})
    void handleRequest_whenPayloadIsNotAnObject_throwsInvalidInput(String payload) {
        assertThatThrownBy(() -> invoke(handler, payload)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("The Cleanup payload must be");
    }

    @Test
    void handleRequest_whenPayloadIsNotJson_throwsInvalidInput() {
        assertThatThrownBy(() -> invoke(handler, "{query:}")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABORTED", "TIMED_OUT", "FAILED"})
    void handleRequest_whenExecutionEndedOutsideTheStateMachine_findsTheQueryStopsItAndCleansAsAFailure(String status) {
        query.state(QueryExecutionState.RUNNING);
        sfn.history(EXECUTION, new History()
                .executionStarted("{\"sql\": \"SELECT 1\"}")
                .stateEntered("StartQuery", "{}")
                .lambdaInvokeSucceeded(handle(CleanupMode.ALWAYS))
                .stateEntered("CheckStatus", "{}")
                .event(HistoryEventType.valueOf("EXECUTION_" + status)));

        JsonNode report = invoke(handler, statusChange(status));

        assertThat(report.get("queryExecutionId").asText()).isEqualTo(ID);
        assertThat(report.get("stopped").asBoolean()).isTrue();
        assertThat(athena.stopRequests()).containsExactly(ID);
        assertThat(report.get("deleted")).hasSize(2);
        assertThat(s3.keys("results-bucket")).containsExactly(FOLDER + "other.csv");
        assertThat(sfn.requests()).allSatisfy(r -> assertThat(r.executionArn()).isEqualTo(EXECUTION));
    }

    @Test
    void handleRequest_whenExecutionEndedWithOnSuccess_treatsItAsAFailureAndKeepsTheObjects() {
        query.state(QueryExecutionState.QUEUED);
        sfn.history(EXECUTION, new History().lambdaInvokeSucceeded(handle(CleanupMode.ON_SUCCESS)));

        JsonNode report = invoke(handler, statusChange("ABORTED"));

        assertThat(report.get("stopped").asBoolean()).isTrue();
        assertThat(report.get("deleted")).isEmpty();
        assertThat(s3.exists("results-bucket", FOLDER + ID + ".csv")).isTrue();
    }

    @Test
    void handleRequest_whenExecutionEndedBeforeStartingAQuery_reportsThatNothingWasStarted() {
        sfn.history(EXECUTION, new History()
                .executionStarted("{}")
                .taskFailed("io.athenaworkflow.athena.errors.InvalidInputException", "bad")
                .event(HistoryEventType.EXECUTION_FAILED));

        JsonNode report = invoke(handler, statusChange("FAILED"));

        assertThat(report.get("queryExecutionId").isNull()).isTrue();
        assertThat(report.get("deleted")).isEmpty();
        assertThat(report.get("note").asText())
                .isEqualTo("Execution " + EXECUTION + " ended FAILED before starting a query; nothing to clean up.");
        assertThat(athena.calls(FakeAthena.GET)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUCCEEDED", "RUNNING", "PENDING_REDRIVE", ""})
    void handleRequest_whenStatusIsNotOneThatNeedsCleanup_throwsInvalidEvent(String status) {
        assertThatThrownBy(() -> invoke(handler, statusChange(status)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("[")
                .hasMessageContaining("with status '" + status + "'");
        assertThat(sfn.requests()).isEmpty();
    }

    @Test
    void handleRequest_whenEventOfAnotherType_throwsInvalidEvent() {
        String s3Event = "{\"detail-type\": \"Object Created\", \"source\": \"aws.s3\", \"detail\": {\"status\": \"FAILED\","
                + " \"executionArn\": \"" + EXECUTION + "\"}}";

        assertThatThrownBy(() -> invoke(handler, s3Event)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("'Object Created'");
    }

    @Test
    void handleRequest_whenEventLacksTheExecutionArn_throwsInvalidEvent() {
        String event = statusChange("ABORTED").replace("\"executionArn\": \"" + EXECUTION + "\",", "");

        assertThatThrownBy(() -> invoke(handler, event)).isInstanceOf(InvalidEventException.class);
    }

    // ----- after a StartQuery that never got Athena's answer -----

    // Athena and S3 of their own: no query or object of the tests above.
    private final FakeAthena lostAthena = new FakeAthena();
    private final FakeS3 lostS3 = new FakeS3().bucket("results-bucket");
    private final CleanupHandler afterLostStart = new CleanupHandler(lostAthena, lostS3, sfn, DEFAULTS, CLOCK);

    private static final String REQUEST = "{\"sql\": \"SELECT 42\", \"cleanup\": \"ALWAYS\"}";

    /** What the state machine's Cleanup sends after StartQuery's Catch: no handle, but what StartQuery was given. */
    private static String lostStart(String request, String executionArn) {
        return "{\"query\": null, \"succeeded\": false, \"start\": {\"request\": " + request + ", \"executionArn\": "
                + (executionArn == null ? "null" : "\"" + executionArn + "\"") + "}}";
    }

    /** StartQuery's call as Athena carried it out, its answer lost on the way back. */
    private String startWhoseAnswerWasLost() {
        var start = new StartQueryHandler(lostAthena, lostS3, DEFAULTS, CLOCK);
        return invoke(start, "{\"request\": " + REQUEST + ", \"executionArn\": \"" + EXECUTION + "\"}")
                .get("queryExecutionId").asText();
    }

    @Test
    void handleRequest_whenStartQueryLostTheAnswerOfARunningQuery_findsThatQueryByItsTokenAndStopsIt() {
        String lost = startWhoseAnswerWasLost();
        lostAthena.query(lost).state(QueryExecutionState.RUNNING);
        int queries = lostAthena.queryCount();

        JsonNode report = invoke(afterLostStart, lostStart(REQUEST, EXECUTION));

        assertThat(report.get("queryExecutionId").asText()).isEqualTo(lost);
        assertThat(report.get("stateBefore").asText()).isEqualTo("RUNNING");
        assertThat(report.get("stopped").asBoolean()).isTrue();
        assertThat(report.get("note").asText()).contains("StartQueryExecution repeated with the execution's"
                + " ClientRequestToken returned query " + lost);
        assertThat(lostAthena.queryCount()).as("no second query").isEqualTo(queries);
        assertThat(lostAthena.stopRequests()).containsExactly(lost);
        assertThat(lostAthena.startRequests()).hasSize(2).extracting(r -> r.clientRequestToken()).containsOnly(
                lostAthena.startRequests().getFirst().clientRequestToken());
    }

    @Test
    void handleRequest_whenTheLostQueryAlreadySucceeded_findsItAndDeletesItsObjectsPerCleanupMode() {
        String lost = startWhoseAnswerWasLost();
        lostAthena.query(lost).succeed();
        lostS3.put("results-bucket", FOLDER + lost + ".csv", "x");

        JsonNode report = invoke(afterLostStart, lostStart(REQUEST, EXECUTION));

        assertThat(report.get("queryExecutionId").asText()).isEqualTo(lost);
        assertThat(report.get("stopped").asBoolean()).isFalse();
        assertThat(report.get("deleted")).extracting(JsonNode::asText)
                .containsExactly("s3://results-bucket/" + FOLDER + lost + ".csv");
        assertThat(lostAthena.stopRequests()).isEmpty();
    }

    @Test
    void handleRequest_whenNoEarlierStartReachedAthena_startsTheQueryAndStopsItAtOnce() {
        int queries = lostAthena.queryCount();

        JsonNode report = invoke(afterLostStart, lostStart(REQUEST, EXECUTION));

        String id = report.get("queryExecutionId").asText();
        assertThat(lostAthena.queryCount()).isEqualTo(queries + 1);
        assertThat(report.get("stateBefore").asText()).isEqualTo("QUEUED");
        assertThat(report.get("stopped").asBoolean()).isTrue();
        assertThat(lostAthena.stopRequests()).containsExactly(id);
    }

    @Test
    void handleRequest_whenTheRepeatIsThrottled_throwsServiceThrottledForTheStateMachineToRetry() {
        lostAthena.failNext(FakeAthena.START, FakeAthena.tooManyRequests("Rate exceeded"));

        assertThatThrownBy(() -> invoke(afterLostStart, lostStart(REQUEST, EXECUTION)))
                .isInstanceOf(ServiceThrottledException.class)
                .hasMessageContaining("StartQueryExecution was throttled by Athena");
        assertThat(lostAthena.stopRequests()).isEmpty();
    }

    @Test
    void handleRequest_whenTheQueryFileVanishedMeanwhile_reportsThatTheQueryCannotBeFoundThisWay() {
        lostS3.bucket("query-drop");
        String event = """
                {"version": "0", "id": "e1", "detail-type": "Object Created", "source": "aws.s3", "account": "111122223333",
                 "time": "2024-05-01T10:00:00Z", "region": "eu-west-1", "resources": [],
                 "detail": {"bucket": {"name": "query-drop"}, "object": {"key": "queries/gone.sql"}}}""";
        int queries = lostAthena.queryCount();

        JsonNode report = invoke(afterLostStart, lostStart(event, EXECUTION));

        assertThat(report.get("queryExecutionId").isNull()).isTrue();
        assertThat(report.get("note").asText()).contains("repeating its StartQueryExecution failed",
                "queries/gone.sql", "ListQueryExecutions");
        assertThat(lostAthena.queryCount()).isEqualTo(queries);
    }

    @Test
    void handleRequest_whenTheLostStartLacksTheExecutionArn_throwsInvalidInputRatherThanStartAnotherQuery() {
        int queries = lostAthena.queryCount();

        assertThatThrownBy(() -> invoke(afterLostStart, lostStart(REQUEST, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Field 'start' must be");
        assertThat(lostAthena.queryCount()).isEqualTo(queries);
    }

    @Test
    void handleRequest_whenExecutionWasStoppedWhileStartQueryWaitedForAnAnswer_findsTheQueryByItsTokenAndStopsIt() {
        String lost = startWhoseAnswerWasLost();
        lostAthena.query(lost).state(QueryExecutionState.RUNNING);
        sfn.history(EXECUTION, new History()
                .executionStarted(REQUEST)
                .stateEntered("StartQuery", "{}")
                .event(HistoryEventType.TASK_SCHEDULED)
                .taskFailed("io.athenaworkflow.athena.errors.ServiceUnavailableException", "answer lost")
                .event(HistoryEventType.EXECUTION_ABORTED));

        JsonNode report = invoke(afterLostStart, statusChange("ABORTED"));

        assertThat(report.get("queryExecutionId").asText()).isEqualTo(lost);
        assertThat(report.get("stopped").asBoolean()).isTrue();
        assertThat(lostAthena.stopRequests()).containsExactly(lost);
    }
}
