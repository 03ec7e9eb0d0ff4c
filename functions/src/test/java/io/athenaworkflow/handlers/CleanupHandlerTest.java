package io.athenaworkflow.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.errors.InvalidEventException;
import io.athenaworkflow.athena.errors.InvalidInputException;
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

import java.time.Instant;

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
    private final CleanupHandler handler = new CleanupHandler(athena, s3, sfn);
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
}
