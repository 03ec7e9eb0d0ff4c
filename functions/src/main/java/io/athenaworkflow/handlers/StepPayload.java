package io.athenaworkflow.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.config.JsonFields;
import io.athenaworkflow.athena.errors.InvalidInputException;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The fields the state machine passes to every step: {@code query} (the handle StartQuery returned), {@code now}
 * ({@code $states.context.State.EnteredTime}, so timeouts follow the state machine's clock) and, for StartQuery,
 * {@code request} and {@code executionArn}.
 */
final class StepPayload {

    private StepPayload() {
    }

    static QueryHandle query(JsonNode payload) {
        return QueryHandle.fromJson(payload.get("query"));
    }

    /** The state machine's time, or this machine's clock when invoked directly without one. */
    static Instant now(JsonNode payload, Clock clock) {
        return JsonFields.text(payload, "now").map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("Field 'now' must be an ISO-8601 instant such as 2024-01-01T00:00:00.000Z,"
                        + " but was '" + text + "'.");
            }
        }).orElseGet(clock::instant);
    }

    /** Whether the payload wraps the execution input as {@code request} (the state machine's form). */
    static boolean isEnvelope(JsonNode payload) {
        return payload.isObject() && payload.has("request");
    }
}
