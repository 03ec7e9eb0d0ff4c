package io.athenaworkflow.local.athena.engine.trino;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.athena.engine.EngineStatistics;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine statistics of a finished query, read from the {@code stats} of the client protocol's last response
 * (Trino's {@code StatementStats}: {@code planningTimeMillis}, {@code processedRows}, {@code physicalInputBytes} and
 * the {@code rootStage} tree). Taken from there, rather than from {@code /v1/query/{id}}, because they come with the
 * final page at no extra request.
 */
final class TrinoStatistics {

    private TrinoStatistics() {
    }

    /**
     * Bytes the query read from storage: Trino's {@code physicalInputBytes}, what Athena reports as data scanned
     * (it follows partition pruning and, for columnar formats, reads only the columns queried).
     */
    static long dataScannedBytes(JsonNode stats) {
        return stats.path("physicalInputBytes").asLong(0);
    }

    /** The engine's statistics of the query whose final {@code stats} these are. */
    static EngineStatistics of(JsonNode stats) {
        JsonNode root = stats.path("rootStage");
        return new EngineStatistics(stats.path("planningTimeMillis").asLong(0), stats.path("processedRows").asLong(0),
                root.isObject() ? stage(root) : null);
    }

    private static EngineStatistics.Stage stage(JsonNode stage) {
        List<EngineStatistics.Stage> subStages = new ArrayList<>();
        stage.path("subStages").forEach(s -> subStages.add(stage(s)));
        return new EngineStatistics.Stage(stage.path("stageId").asLong(0), stage.path("state").asText("UNKNOWN"),
                stage.path("processedRows").asLong(0), stage.path("processedBytes").asLong(0),
                stage.path("wallTimeMillis").asLong(0), subStages);
    }
}
