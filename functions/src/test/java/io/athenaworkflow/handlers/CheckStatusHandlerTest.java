package io.athenaworkflow.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.athena.errors.QueryCancelledException;
import io.athenaworkflow.athena.errors.QueryFailedException;
import io.athenaworkflow.athena.errors.QueryTimeoutException;
import io.athenaworkflow.testing.FakeAthena;
import io.athenaworkflow.testing.FakeContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.athenaworkflow.handlers.Invocation.invoke;
import static io.athenaworkflow.testing.TestJson.strict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckStatusHandlerTest {

    private static final Instant STARTED = Instant.parse("2024-05-01T10:00:00Z");
    private static final String ID = "a7e0a001-1111-4222-8333-000000000001";
    private static final String HANDLE = new QueryHandle(ID, "primary", null, STARTED, 300, 100, CleanupMode.NEVER, null)
            .toJson().toString();

    private final FakeAthena athena = new FakeAthena();
    private final FakeAthena.Query query = athena.addQuery(ID, "s3://results-bucket/athena-workflow/" + ID + ".csv");
    private final CheckStatusHandler handler = new CheckStatusHandler(athena, Clock.fixed(STARTED.plusSeconds(100), ZoneOffset.UTC));

    private static String payload(String now) {
        return "{\"query\": " + HANDLE + ", \"now\": \"" + now + "\"}";
    }

    @Test
    void handleRequest_whenRunning_returnsStateAndAPositiveIntegerWait() {
        query.state(QueryExecutionState.RUNNING).scanned(2048);

        JsonNode status = invoke(handler, payload("2024-05-01T10:00:02.000Z"), new FakeContext("CheckStatus"));

        assertThat(status).isEqualTo(strict("""
                {"state": "RUNNING", "stateChangeReason": null, "elapsedSeconds": 2, "waitSeconds": 1,
                 "statistics": {"dataScannedBytes": 2048, "engineExecutionMillis": 1200, "queueMillis": 150,
                                "totalExecutionMillis": 1400, "reusedPreviousResult": false,
                                "estimatedCostUsd": 0.0000476837}}"""));
    }

    @Test
    void handleRequest_whenLongRunning_returnsALongerWait() {
        query.state(QueryExecutionState.RUNNING);

        JsonNode status = invoke(handler, payload("2024-05-01T10:03:20Z"));

        assertThat(status.get("waitSeconds").isInt()).isTrue();
        assertThat(status.get("waitSeconds").asInt()).isEqualTo(21);
        assertThat(status.get("elapsedSeconds").asLong()).isEqualTo(200);
    }

    @Test
    void handleRequest_whenSucceeded_returnsTheStateTheChoiceStateMatches() {
        query.succeed();

        JsonNode status = invoke(handler, payload("2024-05-01T10:00:05Z"));

        assertThat(status.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(status.get("waitSeconds").asInt()).isZero();
    }

    @Test
    void handleRequest_whenNoNowInThePayload_usesTheClock() {
        query.state(QueryExecutionState.QUEUED);

        JsonNode status = invoke(handler, "{\"query\": " + HANDLE + "}");

        assertThat(status.get("elapsedSeconds").asLong()).isEqualTo(100);
    }

    @Test
    void handleRequest_whenFailed_throwsQueryFailed() {
        query.state(QueryExecutionState.FAILED).reason("SYNTAX_ERROR: line 1:1: mismatched input").error(2, 1000, false, "x");

        assertThatThrownBy(() -> invoke(handler, payload("2024-05-01T10:00:05Z")))
                .isInstanceOf(QueryFailedException.class)
                .hasMessageContaining("SYNTAX_ERROR");
    }

    @Test
    void handleRequest_whenCancelled_throwsQueryCancelled() {
        query.state(QueryExecutionState.CANCELLED);

        assertThatThrownBy(() -> invoke(handler, payload("2024-05-01T10:00:05Z"))).isInstanceOf(QueryCancelledException.class);
    }

    @Test
    void handleRequest_whenPastTheTimeout_throwsQueryTimeout() {
        query.state(QueryExecutionState.RUNNING);

        assertThatThrownBy(() -> invoke(handler, payload("2024-05-01T10:05:00Z"))).isInstanceOf(QueryTimeoutException.class);
    }

    @Test
    void handleRequest_whenQueryMissing_throwsInvalidInput() {
        assertThatThrownBy(() -> invoke(handler, "{\"now\": \"2024-05-01T10:00:05Z\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Field 'query' must be the object StartQuery returned");
        assertThatThrownBy(() -> invoke(handler, "")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void handleRequest_whenPayloadIsNotJson_throwsInvalidInput() {
        assertThatThrownBy(() -> invoke(handler, "{\"query\": ")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not valid JSON");
    }
}
