package io.athenaworkflow.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.config.JsonFields;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.errors.InvalidInputException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What StartQuery hands to the later steps (the state machine keeps it in the {@code $query} variable): the query
 * execution id and the settings that govern polling, fetching and cleanup. Small on purpose: it travels in every
 * state's payload.
 *
 * @param queryExecutionId Athena's id of the query
 * @param workgroup the workgroup it runs in
 * @param resultsLocation where this workflow may read and delete results: the requested output location, or null
 *     when the workgroup's own location is used
 * @param startedAt when StartQuery ran (the state machine's clock)
 * @param timeoutSeconds how long the query may stay QUEUED/RUNNING after {@code startedAt}
 * @param maxInlineRows how many rows FetchResults returns inline at most
 * @param cleanup what Cleanup deletes
 * @param expectedBucketOwner the account that must own the results bucket, or null
 */
public record QueryHandle(
        String queryExecutionId,
        String workgroup,
        S3Location resultsLocation,
        Instant startedAt,
        int timeoutSeconds,
        int maxInlineRows,
        CleanupMode cleanup,
        String expectedBucketOwner) {

    /** When CheckStatus stops waiting and reports a timeout. */
    public Instant deadline() {
        return startedAt.plus(Duration.ofSeconds(timeoutSeconds));
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("queryExecutionId", queryExecutionId);
        node.put("workgroup", workgroup);
        node.put("resultsLocation", resultsLocation == null ? null : resultsLocation.toString());
        node.put("startedAt", startedAt.toString());
        node.put("timeoutSeconds", timeoutSeconds);
        node.put("maxInlineRows", maxInlineRows);
        node.put("cleanup", cleanup.name());
        node.put("expectedBucketOwner", expectedBucketOwner);
        return node;
    }

    /**
     * Reads a handle produced by {@link #toJson()}.
     *
     * @throws InvalidInputException when {@code node} is not such a handle (names the missing or bad field)
     */
    public static QueryHandle fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("Field 'query' must be the object StartQuery returned, but was "
                    + (node == null ? "missing" : JsonFields.describe(node)) + ".");
        }
        String id = JsonFields.name(node, "queryExecutionId", 128)
                .orElseThrow(() -> new InvalidInputException("Field 'query.queryExecutionId' is required."));
        Instant startedAt;
        try {
            startedAt = Instant.parse(JsonFields.text(node, "startedAt")
                    .orElseThrow(() -> new InvalidInputException("Field 'query.startedAt' is required.")));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("Field 'query.startedAt' must be an ISO-8601 instant: " + e.getMessage());
        }
        return new QueryHandle(
                id,
                JsonFields.text(node, "workgroup").orElse("primary"),
                JsonFields.text(node, "resultsLocation").map(v -> S3Location.parse(v, "query.resultsLocation")).orElse(null),
                startedAt,
                JsonFields.integer(node, "timeoutSeconds", 1, Integer.MAX_VALUE).orElse(900),
                JsonFields.integer(node, "maxInlineRows", 0, Integer.MAX_VALUE).orElse(100),
                JsonFields.text(node, "cleanup").map(v -> CleanupMode.parse(v, "query.cleanup")).orElse(CleanupMode.NEVER),
                JsonFields.text(node, "expectedBucketOwner").orElse(null));
    }
}
