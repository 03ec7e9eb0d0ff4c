package io.athenaworkflow.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.config.WorkflowDefaults;
import io.athenaworkflow.athena.errors.InvalidEventException;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.athena.errors.QueryFileNotFoundException;
import io.athenaworkflow.athena.errors.QueryRejectedException;
import io.athenaworkflow.testing.FakeAthena;
import io.athenaworkflow.testing.FakeContext;
import io.athenaworkflow.testing.FakeS3;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static io.athenaworkflow.handlers.Invocation.invoke;
import static io.athenaworkflow.testing.TestJson.strict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartQueryHandlerTest {

    private static final String EXECUTION = "arn:aws:states:eu-west-1:111122223333:execution:athena-query:run-1";
    private static final Instant CLOCK_TIME = Instant.parse("2024-05-01T09:00:00Z");
    private static final WorkflowDefaults DEFAULTS = WorkflowDefaults.fromEnvironment(Map.of(
            "ATHENA_WORKGROUP", "analytics",
            "ATHENA_DATABASE", "sales",
            "ATHENA_OUTPUT_LOCATION", "s3://results-bucket/athena-workflow/",
            "EXPECTED_BUCKET_OWNER", FakeS3.OWNER,
            "CLEANUP_MODE", "ON_SUCCESS",
            "MAX_INLINE_ROWS", "20"));

    private final FakeAthena athena = new FakeAthena();
    private final FakeS3 s3 = new FakeS3().bucket("query-drop");
    private final StartQueryHandler handler = new StartQueryHandler(athena, s3, DEFAULTS, Clock.fixed(CLOCK_TIME, ZoneOffset.UTC));

    /** The payload the state machine's StartQuery state sends. */
    private static String envelope(String request) {
        return "{\"request\": " + request + ", \"executionArn\": \"" + EXECUTION + "\", \"now\": \"2024-05-01T10:00:00.123Z\"}";
    }

    @Test
    void handleRequest_whenStateMachineEnvelope_returnsTheHandleLaterStatesRead() {
        JsonNode handle = invoke(handler, envelope("{\"sql\": \"SELECT 1\", \"timeoutSeconds\": 120}"), new FakeContext("StartQuery"));

        String id = athena.lastQuery().id();
        assertThat(handle).isEqualTo(strict("""
                {"queryExecutionId": "%s", "workgroup": "analytics",
                 "resultsLocation": "s3://results-bucket/athena-workflow/", "startedAt": "2024-05-01T10:00:00.123Z",
                 "timeoutSeconds": 120, "maxInlineRows": 20, "cleanup": "ON_SUCCESS", "expectedBucketOwner": "%s"}
                """.formatted(id, FakeS3.OWNER)));
        assertThat(athena.lastQuery().request().queryExecutionContext().database()).isEqualTo("sales");
    }

    @Test
    void handleRequest_whenTheStateMachineRetriesStartQuery_returnsTheSameQueryAndStartsOne() {
        String payload = envelope("{\"sql\": \"SELECT 1\"}");

        JsonNode first = invoke(handler, payload);
        JsonNode retry = invoke(handler, payload);

        assertThat(retry.get("queryExecutionId")).isEqualTo(first.get("queryExecutionId"));
        assertThat(athena.queryCount()).isEqualTo(1);
        assertThat(athena.startRequests()).hasSize(2);
    }

    @Test
    void handleRequest_whenNowIsInThePayload_usesItRatherThanTheClock() {
        JsonNode handle = invoke(handler, envelope("{\"sql\": \"SELECT 1\"}"));

        assertThat(handle.get("startedAt").asText()).isEqualTo("2024-05-01T10:00:00.123Z");
    }

    @Test
    void handleRequest_whenRequestSentDirectly_startsItWithTheClockAndNoIdempotencyToken() {
        JsonNode first = invoke(handler, "{\"sql\": \"SELECT 1\", \"database\": \"finance\"}");
        JsonNode second = invoke(handler, "{\"sql\": \"SELECT 1\", \"database\": \"finance\"}");

        assertThat(first.get("startedAt").asText()).isEqualTo(CLOCK_TIME.toString());
        assertThat(athena.lastQuery().request().queryExecutionContext().database()).isEqualTo("finance");
        assertThat(first.get("queryExecutionId")).isNotEqualTo(second.get("queryExecutionId"));
        assertThat(athena.queryCount()).isEqualTo(2);
    }

    @Test
    void handleRequest_whenRequestIsAnObjectCreatedEvent_readsTheQueryFromS3() {
        s3.put("query-drop", "queries/daily.sql", "SELECT count(*) FROM orders");
        String event = """
                {"version": "0", "id": "e-1", "detail-type": "Object Created", "source": "aws.s3",
                 "account": "111122223333", "time": "2024-05-01T10:00:00Z", "region": "eu-west-1",
                 "resources": ["arn:aws:s3:::query-drop"],
                 "detail": {"version": "0", "bucket": {"name": "query-drop"},
                            "object": {"key": "queries/daily.sql", "size": 27}, "reason": "PutObject"}}""";

        JsonNode handle = invoke(handler, envelope(event));

        assertThat(athena.lastQuery().request().queryString()).isEqualTo("SELECT count(*) FROM orders");
        assertThat(handle.get("queryExecutionId").asText()).isEqualTo(athena.lastQuery().id());
    }

    @Test
    void handleRequest_whenEventObjectIsGone_throwsQueryFileNotFound() {
        String event = "{\"detail-type\": \"Object Created\", \"source\": \"aws.s3\", \"detail\": "
                + "{\"bucket\": {\"name\": \"query-drop\"}, \"object\": {\"key\": \"gone.sql\"}}}";

        assertThatThrownBy(() -> invoke(handler, envelope(event))).isInstanceOf(QueryFileNotFoundException.class);
        assertThat(athena.startRequests()).isEmpty();
    }

    @Test
    void handleRequest_whenEventIsNotObjectCreated_throwsInvalidEvent() {
        String event = "{\"detail-type\": \"Object Deleted\", \"source\": \"aws.s3\", \"detail\": {}}";

        assertThatThrownBy(() -> invoke(handler, envelope(event))).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void handleRequest_whenRequestInvalid_throwsInvalidInputAndStartsNothing() {
        assertThatThrownBy(() -> invoke(handler, envelope("{\"sql\": \"SELECT ?\"}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("placeholder");
        assertThatThrownBy(() -> invoke(handler, envelope("null"))).isInstanceOf(InvalidInputException.class);
        assertThat(athena.startRequests()).isEmpty();
    }

    @Test
    void handleRequest_whenPayloadIsNotJson_throwsInvalidInput() {
        assertThatThrownBy(() -> invoke(handler, "{\"sql\": SELECT 1}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("The payload is not valid JSON");
    }

    @Test
    void handleRequest_whenPayloadIsEmpty_throwsInvalidInput() {
        assertThatThrownBy(() -> invoke(handler, "")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be a JSON object with at least a 'sql' field");
    }

    @Test
    void handleRequest_whenNowIsNotAnInstant_throwsInvalidInput() {
        String payload = "{\"request\": {\"sql\": \"SELECT 1\"}, \"executionArn\": \"" + EXECUTION + "\", \"now\": \"10 o'clock\"}";

        assertThatThrownBy(() -> invoke(handler, payload)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Field 'now' must be an ISO-8601 instant");
    }

    @Test
    void handleRequest_whenAthenaRefuses_throwsQueryRejected() {
        athena.failNext(FakeAthena.START, FakeAthena.invalidRequest("INVALID_INPUT", "WorkGroup analytics is disabled."));

        assertThatThrownBy(() -> invoke(handler, envelope("{\"sql\": \"SELECT 1\"}")))
                .isInstanceOf(QueryRejectedException.class)
                .hasMessageContaining("WorkGroup analytics is disabled.");
    }
}
