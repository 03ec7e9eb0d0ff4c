package io.athenaworkflow.athena.cleanup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What Cleanup did.
 *
 * @param queryExecutionId the query cleaned up, or null when there was none (the execution ended before starting one)
 * @param stateBefore the query's state when Cleanup looked, or null
 * @param stopped whether Cleanup stopped the query
 * @param deleted the objects deleted (s3:// URIs)
 * @param note why nothing or not everything was deleted, or null
 */
public record CleanupReport(String queryExecutionId, String stateBefore, boolean stopped, List<String> deleted,
                            String note) {

    public CleanupReport {
        deleted = List.copyOf(deleted);
    }

    /** Nothing to do: no query was started. */
    public static CleanupReport noQuery(String note) {
        return nothing(null, null, false, note);
    }

    static CleanupReport nothing(String queryExecutionId, String stateBefore, boolean stopped, String note) {
        return new CleanupReport(queryExecutionId, stateBefore, stopped, List.of(), note);
    }

    /** This report with {@code how} the query was found put before its note. */
    CleanupReport after(String how) {
        return new CleanupReport(queryExecutionId, stateBefore, stopped, deleted, note == null ? how : how + " " + note);
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("queryExecutionId", queryExecutionId);
        node.put("stateBefore", stateBefore);
        node.put("stopped", stopped);
        ArrayNode list = node.putArray("deleted");
        deleted.forEach(list::add);
        node.put("note", note);
        return node;
    }
}
