package io.athenaworkflow.local.athena.engine.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.athena.engine.EngineStatistics;
import org.junit.jupiter.api.Test;

/** The engine statistics read from the {@code stats} of Trino's last client-protocol response. */
class TrinoStatisticsTest {

    /** The shape of Trino 483's {@code StatementStats}, trimmed to the fields read plus one that is not. */
    private static final String STATS = """
            {"state": "FINISHED", "planningTimeMillis": 51, "processedRows": 9, "processedBytes": 55,
             "physicalInputBytes": 36,
             "rootStage": {"stageId": "0", "state": "FINISHED", "processedRows": 2, "processedBytes": 30,
                           "wallTimeMillis": 16, "subStages": [
                 {"stageId": "1", "state": "FINISHED", "processedRows": 9, "processedBytes": 36,
                  "wallTimeMillis": 114, "subStages": []}]}}
            """;

    @Test
    void of_whenFinalStats_readsPlanningRowsAndTheStageTree() throws Exception {
        JsonNode stats = new ObjectMapper().readTree(STATS);

        EngineStatistics statistics = TrinoStatistics.of(stats);

        assertThat(TrinoStatistics.dataScannedBytes(stats)).as("physicalInputBytes, not processedBytes")
                .isEqualTo(36);
        assertThat(statistics.planningMillis()).isEqualTo(51);
        assertThat(statistics.inputRows()).isEqualTo(9);
        assertThat(statistics.outputStage()).isEqualTo(new EngineStatistics.Stage(0, "FINISHED", 2, 30, 16,
                java.util.List.of(new EngineStatistics.Stage(1, "FINISHED", 9, 36, 114, java.util.List.of()))));
    }

    @Test
    void of_whenNoRootStage_hasNoOutputStage() throws Exception {
        JsonNode stats = new ObjectMapper().readTree("{\"state\": \"FINISHED\", \"planningTimeMillis\": 0}");

        assertThat(TrinoStatistics.of(stats).outputStage()).isNull();
        assertThat(TrinoStatistics.dataScannedBytes(stats)).isZero();
    }
}
