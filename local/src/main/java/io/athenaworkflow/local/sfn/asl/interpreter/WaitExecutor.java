package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.sfn.asl.definition.WaitState;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/** Wait: sleeps on the runtime clock for Seconds, or until Timestamp, counted from when the state was entered. */
final class WaitExecutor {

    private final DataFlows flows;
    private final RuntimeClock clock;
    private final Consumer<Duration> sleeper;

    /** {@code sleeper} waits on the execution's clock (TestState passes one that does not wait, as AWS does). */
    WaitExecutor(DataFlows flows, RuntimeClock clock, Consumer<Duration> sleeper) {
        this.flows = flows;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    Outcome run(StateCall call, WaitState state) {
        ObjectNode context = call.context();
        JsonNode effective = flows.effectiveInput(call, state.flow(), context);
        JsonNode value = flows.value(call, state.value(), effective, context);
        Instant until = state.until() == WaitState.Until.SECONDS
                ? call.enteredTime.plusSeconds(seconds(call, value, state.value().field()))
                : timestamp(call, value, state.value().field());
        sleeper.accept(Duration.between(clock.now(), until));
        return flows.passThrough(call, state.flow(), effective, context);
    }

    private long seconds(StateCall call, JsonNode value, String field) {
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 99_999_999L) {
            throw flows.invalid(call, call.prefix() + "The " + field + " value must be a non-negative integer, but"
                    + " was " + Json.compact(value));
        }
        return value.asLong();
    }

    private Instant timestamp(StateCall call, JsonNode value, String field) {
        try {
            if (value.isTextual()) {
                return OffsetDateTime.parse(value.asText()).toInstant();
            }
        } catch (DateTimeParseException e) {
            // falls through to the error below
        }
        throw flows.invalid(call, call.prefix() + "The " + field + " value must be an ISO-8601 timestamp such as"
                + " 2016-03-14T01:59:00Z, but was " + Json.compact(value));
    }
}
