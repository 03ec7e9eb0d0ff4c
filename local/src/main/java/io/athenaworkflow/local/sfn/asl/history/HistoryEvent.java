package io.athenaworkflow.local.sfn.asl.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One execution history event, shaped as GetExecutionHistory returns it: {@code json} holds {@code type}, {@code id},
 * {@code previousEventId} and the type's details object (e.g. {@code stateEnteredEventDetails}) with the API's field
 * names; JSON payloads inside details ({@code input}, {@code output}, {@code parameters}) are strings, as on the wire.
 * The timestamp is kept as an {@link Instant}: the API layer renders it (epoch seconds with a fraction).
 *
 * <p>The node is shared: treat it as read-only (serialise it, don't modify it).
 */
public record HistoryEvent(Instant timestamp, ObjectNode json) {

    public long id() {
        return json.get("id").asLong();
    }

    public long previousEventId() {
        return json.get("previousEventId").asLong();
    }

    public String type() {
        return json.get("type").asText();
    }

    /** The details object of this event, e.g. {@code stateEnteredEventDetails}, or an empty node when it has none. */
    public ObjectNode details() {
        String name = HistoryEventTypes.detailsField(type());
        if (name != null && json.get(name) instanceof ObjectNode details) {
            return details;
        }
        return json.objectNode();
    }
}
