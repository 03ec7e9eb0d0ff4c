package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.DataFlow;

/**
 * Ends a Parallel or Map state once its branches or iterations are all done: the first failure fails the state
 * ({@code <kind>StateFailed}), a cancellation ends it quietly, else it succeeds with the results in order.
 */
final class BranchJoin {

    /** The first failure of a group of branches or iterations. */
    static final class Failure {
        private RuntimeException first;

        synchronized boolean record(RuntimeException failure) {
            if (first == null) {
                first = failure;
                return true;
            }
            return false;
        }

        synchronized RuntimeException value() {
            return first;
        }
    }

    private final DataFlows flows;
    private final HistoryWriter history;

    BranchJoin(DataFlows flows, HistoryWriter history) {
        this.flows = flows;
        this.history = history;
    }

    Outcome join(StateCall call, DataFlow flow, ObjectNode context, String kind, Failure failure,
                 boolean someCancelled, JsonNode[] results) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (JsonNode result : results) {
            array.add(result);
        }
        return join(call, flow, context, kind, failure, someCancelled, (JsonNode) array);
    }

    /** Like {@link #join(StateCall, DataFlow, ObjectNode, String, Failure, boolean, JsonNode[])} with one result. */
    Outcome join(StateCall call, DataFlow flow, ObjectNode context, String kind, Failure failure,
                 boolean someCancelled, JsonNode result) {
        if (failure.value() != null) {
            if (!(failure.value() instanceof StatesError error)) {
                throw failure.value();
            }
            if (call.frame.cancelled.getAsBoolean()) {
                throw new Cancelled();
            }
            history.appendLast(call.frame, kind + "StateFailed");
            throw error;
        }
        if (someCancelled || call.frame.cancelled.getAsBoolean()) {
            throw new Cancelled();
        }
        history.appendLast(call.frame, kind + "StateSucceeded");
        return flows.resultOutput(call, flow, result, context);
    }

    /** Waits for a stopped fork's children to end, keeping the interrupt for the caller. */
    static void awaitQuietly(Fork fork) {
        try {
            fork.awaitAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
