package io.athenaworkflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    private final ProgressRenderer renderer = new ProgressRenderer();
    private final List<String> lines = new ArrayList<>();

    private void event(long millis, String type, String name, String output) {
        lines.addAll(renderer.lines(new ProgressEvent(T0.plusMillis(millis), type, name, output, null, null)));
    }

    private void failure(long millis, String type, String error, String cause) {
        lines.addAll(renderer.lines(new ProgressEvent(T0.plusMillis(millis), type, null, null, error, cause)));
    }

    @Test
    void lines_whenQueryRunsThroughTheWorkflow_showsEachStateWithElapsedTimeAndQueryState() {
        event(0, "ExecutionStarted", null, null);
        event(0, "TaskStateEntered", "StartQuery", null);
        event(5, "TaskScheduled", null, null);
        event(310, "TaskStateExited", "StartQuery", "{\"queryExecutionId\":\"q-1\",\"workgroup\":\"primary\"}");
        event(310, "TaskStateEntered", "CheckStatus", null);
        event(350, "TaskStateExited", "CheckStatus", """
                {"state":"RUNNING","elapsedSeconds":0,"waitSeconds":1,"statistics":{"dataScannedBytes":0}}""");
        event(350, "ChoiceStateEntered", "IsQueryDone", null);
        event(351, "ChoiceStateExited", "IsQueryDone", "{\"state\":\"RUNNING\",\"statistics\":{}}");
        event(351, "WaitStateEntered", "WaitForQuery", null);
        event(1351, "WaitStateExited", "WaitForQuery", "{}");
        event(1351, "TaskStateEntered", "CheckStatus", null);
        event(1410, "TaskStateExited", "CheckStatus", """
                {"state":"SUCCEEDED","waitSeconds":0,"statistics":{"dataScannedBytes":253981}}""");
        event(1410, "TaskStateEntered", "FetchResults", null);
        event(1580, "TaskStateExited", "FetchResults", "{\"columns\":[{},{}],\"rows\":[],\"rowCount\":8}");
        event(1580, "TaskStateEntered", "Cleanup", null);
        event(1660, "TaskStateExited", "Cleanup", """
                {"queryExecutionId":"q-1","stateBefore":"SUCCEEDED","stopped":false,"deleted":["a","b"]}""");
        event(1661, "ExecutionSucceeded", null, null);

        assertThat(lines).containsExactly(
                "   +0.00s  execution started",
                "   +0.31s  StartQuery               0.31s  query q-1",
                "   +0.35s  CheckStatus              0.04s  query RUNNING, 0 B scanned so far, next check in 1s",
                "   +0.35s  IsQueryDone              0.00s",
                "   +1.35s  WaitForQuery             1.00s",
                "   +1.41s  CheckStatus              0.05s  query SUCCEEDED, 248.0 KiB scanned",
                "   +1.58s  FetchResults             0.17s  8 rows, 2 columns",
                "   +1.66s  Cleanup                  0.08s  deleted 2 objects",
                "   +1.66s  execution SUCCEEDED");
    }

    @Test
    void lines_whenLambdaFailsAndTheExecutionEndsInAFailState_showsTheErrorMessageAndTheFailure() {
        event(0, "ExecutionStarted", null, null);
        event(0, "TaskStateEntered", "StartQuery", null);
        failure(200, "TaskFailed", "io.athenaworkflow.athena.errors.InvalidInputException", """
                {"errorMessage":"sql is missing: give the query as \\"sql\\"","errorType":"x","stackTrace":[]}""");
        event(210, "TaskStateExited", "StartQuery", "{\"Error\":\"x\"}");
        event(210, "FailStateEntered", "QueryFailed", null);
        failure(211, "ExecutionFailed", "io.athenaworkflow.athena.errors.InvalidInputException", "sql is missing");

        assertThat(lines).containsExactly(
                "   +0.00s  execution started",
                "   +0.20s  ! io.athenaworkflow.athena.errors.InvalidInputException: sql is missing: give the query"
                        + " as \"sql\"",
                "   +0.21s  StartQuery               0.21s",
                "   +0.21s  QueryFailed              0.00s",
                "   +0.21s  execution FAILED: io.athenaworkflow.athena.errors.InvalidInputException");
    }

    @Test
    void lines_whenStatesRunForMinutesAndHours_writesMinutesAndHours() {
        event(0, "ExecutionStarted", null, null);
        event(0, "WaitStateEntered", "Long", null);
        event(125_000, "WaitStateExited", "Long", "{}");
        event(125_000, "WaitStateEntered", "Longer", null);
        event(3_725_000 + 125_000, "WaitStateExited", "Longer", "{}");
        event(3_850_000, "ExecutionTimedOut", null, null);

        assertThat(lines).containsExactly(
                "   +0.00s  execution started",
                "   +2m05s  Long                     2m05s",
                "+1h04m10s  Longer                 1h02m05s",
                "+1h04m10s  execution TIMED_OUT");
    }

    @Test
    void lines_whenTaskTimesOutWithoutCause_showsTheErrorName() {
        event(0, "ExecutionStarted", null, null);
        failure(3000, "LambdaFunctionTimedOut", "States.Timeout", null);
        event(3001, "ExecutionAborted", null, null);

        assertThat(lines).containsExactly(
                "   +0.00s  execution started",
                "   +3.00s  ! States.Timeout",
                "   +3.00s  execution ABORTED");
    }

    @Test
    void message_whenCauseIsLongPlainText_shortensItToOneLine() {
        String cause = "line one\nline two " + "x".repeat(400);

        assertThat(ProgressRenderer.message(cause)).hasSize(303).startsWith("line one line two xxx").endsWith("...");
    }

    @Test
    void detail_whenOutputIsNotAnObject_isEmpty() {
        assertThat(ProgressRenderer.detail("[1,2]")).isEmpty();
        assertThat(ProgressRenderer.detail("\"text\"")).isEmpty();
        assertThat(ProgressRenderer.detail("not json")).isEmpty();
        assertThat(ProgressRenderer.detail(null)).isEmpty();
    }
}
