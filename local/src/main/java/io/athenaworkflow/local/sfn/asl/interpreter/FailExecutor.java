package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.FailState;
import io.athenaworkflow.local.sfn.asl.definition.Value;

/** Fail: the error it ends with, from Error/ErrorPath and Cause/CausePath (each must be a string). */
final class FailExecutor {

    private final DataFlows flows;

    FailExecutor(DataFlows flows) {
        this.flows = flows;
    }

    /** The error to throw; FailStateEntered was recorded by the runner: a Fail state has no exit event. */
    StatesError error(StateCall call, FailState state) {
        ObjectNode context = call.context();
        String error = text(call, state.error(), context);
        String cause = text(call, state.cause(), context);
        // A Fail state without Error/ErrorPath fails with no error at all (AWS records none), not an empty one.
        return new StatesError(error, cause);
    }

    private String text(StateCall call, Value value, ObjectNode context) {
        if (value == null) {
            return null;
        }
        if (value instanceof Value.Literal literal) {
            return literal.value().asText();
        }
        JsonNode text = flows.value(call, value, call.input, context);
        if (text.isTextual()) {
            return text.asText();
        }
        if (value instanceof Value.Path path) {
            throw StatesError.runtime(call.prefix() + "The " + path.field() + " '" + path.path()
                    + "' must select a string, but selected " + Json.compact(text));
        }
        throw new StatesError("States.QueryEvaluationError", call.prefix() + "The value of the field '"
                + value.field() + "' must be a string, but was " + Json.compact(text));
    }
}
