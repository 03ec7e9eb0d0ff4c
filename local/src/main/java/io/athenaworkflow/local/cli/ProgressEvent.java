package io.athenaworkflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * The part of an execution history event that progress shows, the same whether it came from the in-process runtime
 * or from GetExecutionHistory over the API.
 *
 * @param timestamp when the event happened
 * @param type the history event type ({@code StateEntered}, {@code TaskFailed}, {@code ExecutionSucceeded}, ...)
 * @param name the state's name (StateEntered/StateExited), else null
 * @param output the state's output JSON text (StateExited), else null
 * @param error the error name of a failure event, else null
 * @param cause the cause of a failure event, else null
 */
public record ProgressEvent(Instant timestamp, String type, String name, String output, String error, String cause) {

    public ProgressEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(type, "type");
    }

    /** The event of the local Step Functions service. */
    public static ProgressEvent of(HistoryEvent event) {
        JsonNode details = event.details();
        return new ProgressEvent(event.timestamp(), event.type(), text(details, "name"), text(details, "output"),
                text(details, "error"), text(details, "cause"));
    }

    private static String text(JsonNode details, String field) {
        JsonNode value = details.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
