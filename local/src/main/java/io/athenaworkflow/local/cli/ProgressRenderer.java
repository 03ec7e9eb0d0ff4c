package io.athenaworkflow.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one execution's history events into progress lines, state by state:
 *
 * <pre>
 *    +0.00s  execution started
 *    +0.01s  StartQuery               0.01s  query 1e08d41b-fc34-4280-84a8-a81c75843a2a
 *    +0.03s  CheckStatus              0.01s  query RUNNING, 0 B scanned so far, next check in 1s
 *    +0.04s  IsQueryDone              0.00s
 *    +1.04s  WaitForQuery             1.00s
 *    +1.06s  CheckStatus              0.02s  query SUCCEEDED, 248.0 KiB scanned
 *    ...
 *    +1.23s  execution SUCCEEDED
 * </pre>
 *
 * The first column is the time since the execution started, then the state's name and how long it took. For a
 * Task state, what follows depends on its output: a query handle, a query status (CheckStatus), results
 * (FetchResults) or a cleanup report. A failed task shows its error ({@code !}); for a Lambda error document, its
 * errorMessage. Not thread-safe: feed it one execution's events in order.
 */
public final class ProgressRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 300;

    private Instant start;
    private final Map<String, Deque<Instant>> entered = new HashMap<>();

    /** The lines to print for {@code event}; often none. */
    public List<String> lines(ProgressEvent event) {
        if (start == null) {
            start = event.timestamp();
        }
        String at = String.format(Locale.ROOT, "%9s", "+" + Units.duration(Duration.between(start, event.timestamp())));
        String type = event.type();
        switch (type) {
            case "ExecutionStarted" -> {
                return List.of(at + "  execution started");
            }
            case "ExecutionSucceeded" -> {
                return List.of(at + "  execution SUCCEEDED");
            }
            case "ExecutionFailed" -> {
                return List.of(at + "  execution FAILED" + (event.error() == null ? "" : ": " + event.error()));
            }
            case "ExecutionAborted" -> {
                return List.of(at + "  execution ABORTED");
            }
            case "ExecutionTimedOut" -> {
                return List.of(at + "  execution TIMED_OUT" + (event.error() == null ? "" : ": " + event.error()));
            }
            default -> {
                if (type.equals("FailStateEntered")) {
                    // A Fail state has no exit event: it ends where it starts.
                    return List.of(stateLine(at, event.name(), Duration.ZERO, ""));
                }
                if (type.endsWith("StateEntered")) {
                    entered.computeIfAbsent(String.valueOf(event.name()), name -> new ArrayDeque<>())
                            .addLast(event.timestamp());
                    return List.of();
                }
                if (type.endsWith("StateExited")) {
                    Deque<Instant> times = entered.get(String.valueOf(event.name()));
                    Instant since = times == null || times.isEmpty() ? event.timestamp() : times.pollFirst();
                    // Only a Task's output is news; Choice, Wait and Succeed pass on what they got.
                    String detail = type.equals("TaskStateExited") ? detail(event.output()) : "";
                    return List.of(stateLine(at, event.name(), Duration.between(since, event.timestamp()), detail));
                }
                if ((type.endsWith("Failed") || type.endsWith("TimedOut")) && !type.startsWith("Execution")) {
                    String message = message(event.cause());
                    return List.of(at + "  ! " + (event.error() == null ? type : event.error())
                            + (message == null ? "" : ": " + message));
                }
                return List.of();
            }
        }
    }

    private static String stateLine(String at, String name, Duration took, String detail) {
        return String.format(Locale.ROOT, "%s  %-22s %7s  %s", at, name, Units.duration(took), detail).stripTrailing();
    }

    /** What a state's output says about the query, recognised by its shape. */
    static String detail(String output) {
        JsonNode json = parse(output);
        if (json == null || !json.isObject()) {
            return "";
        }
        if (json.path("state").isTextual() && json.path("statistics").isObject()) {
            String state = json.get("state").asText();
            long scanned = json.path("statistics").path("dataScannedBytes").asLong();
            boolean done = !"QUEUED".equals(state) && !"RUNNING".equals(state);
            String text = "query " + state + ", " + Units.bytes(scanned) + " scanned" + (done ? "" : " so far");
            if (!done && json.path("waitSeconds").isNumber()) {
                text += ", next check in " + json.get("waitSeconds").asLong() + "s";
            }
            return text;
        }
        if (json.path("rowCount").isNumber() && json.path("columns").isArray()) {
            return Units.count(json.get("rowCount").asLong(), "row", "rows") + ", "
                    + Units.count(json.get("columns").size(), "column", "columns");
        }
        if (json.path("deleted").isArray() && json.has("stateBefore")) {
            int deleted = json.get("deleted").size();
            String text = deleted == 0 ? "nothing deleted" : "deleted " + Units.count(deleted, "object", "objects");
            return json.path("stopped").asBoolean(false) ? "stopped the query, " + text : text;
        }
        if (json.path("queryExecutionId").isTextual()) {
            return "query " + json.get("queryExecutionId").asText();
        }
        return "";
    }

    /** A cause for one line: a Lambda error document's errorMessage, shortened. */
    static String message(String cause) {
        if (cause == null || cause.isBlank()) {
            return null;
        }
        String text = cause;
        JsonNode json = parse(cause);
        if (json != null && json.path("errorMessage").isTextual()) {
            text = json.get("errorMessage").asText();
        }
        text = text.replace('\n', ' ').replace('\r', ' ').strip();
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
