package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;

/** Appends the events of states to an execution's history, each chained to the last event of its own frame. */
final class HistoryWriter {

    private final Execution execution;

    HistoryWriter(Execution execution) {
        this.execution = execution;
    }

    HistoryEvent append(Frame frame, String type, String detailsField, ObjectNode details) {
        HistoryEvent event = execution.recorder().append(type, frame.cursor, detailsField, details);
        frame.cursor = event.id();
        return event;
    }

    /** Appends an event chained to the last event of the whole history (after branches joined). */
    void appendLast(Frame frame, String type) {
        execution.recorder().append(type, execution.recorder().lastEventId(), null, null);
        frame.cursor = execution.recorder().lastEventId();
    }

    /** Appends an *Aborted event if the history still accepts events. */
    void appendQuietly(Frame frame, String type, String detailsField, ObjectNode details) {
        try {
            append(frame, type, detailsField, details);
        } catch (RuntimeException ignored) {
            // The execution already ended (or hit its history quota): the abort is implied.
        }
    }

    /** The details of a *StateEntered event. */
    static ObjectNode enteredDetails(String name, JsonNode input) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("name", name);
        details.put("input", Json.compact(input));
        details.putObject("inputDetails").put("truncated", false);
        return details;
    }
}
