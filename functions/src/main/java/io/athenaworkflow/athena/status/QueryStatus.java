package io.athenaworkflow.athena.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.athena.QueryStatistics;

/**
 * A query that is still on its way (QUEUED or RUNNING) or has SUCCEEDED, as CheckStatus reports it. The ends that
 * are failures (FAILED, CANCELLED, timed out) are thrown instead, so the state machine's Catch handles them.
 *
 * @param state QUEUED, RUNNING or SUCCEEDED
 * @param stateChangeReason Athena's reason, or null
 * @param statistics the statistics so far
 * @param elapsedSeconds seconds since StartQuery
 * @param waitSeconds seconds to wait before the next check (0 once SUCCEEDED)
 */
public record QueryStatus(String state, String stateChangeReason, QueryStatistics statistics, long elapsedSeconds,
                          int waitSeconds) {

    public boolean succeeded() {
        return "SUCCEEDED".equals(state);
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("state", state);
        node.put("stateChangeReason", stateChangeReason);
        node.put("elapsedSeconds", elapsedSeconds);
        node.put("waitSeconds", waitSeconds);
        node.set("statistics", statistics.toJson());
        return node;
    }
}
