package io.athenaworkflow.local.athena.engine;

import java.util.List;

/**
 * What the engine measured about a statement, for Athena's GetQueryRuntimeStatistics.
 *
 * @param planningMillis time the engine spent planning (a part of the engine's execution time, as in Athena)
 * @param inputRows rows the engine read from tables
 * @param outputStage the engine's stage tree, rooted at the stage that produced the result; null for a statement
 *     the engine ran without stages (Athena's Hive DDL)
 */
public record EngineStatistics(long planningMillis, long inputRows, Stage outputStage) {

    /**
     * One stage of the engine's distributed plan, as Athena's {@code QueryStage} reports it.
     *
     * @param stageId the stage's number in the query (0 is the output stage)
     * @param state e.g. {@code FINISHED}
     * @param inputRows rows the stage processed
     * @param inputBytes bytes the stage processed
     * @param executionMillis wall time the stage's tasks ran
     * @param subStages the stages feeding this one
     */
    public record Stage(long stageId, String state, long inputRows, long inputBytes, long executionMillis,
                        List<Stage> subStages) {
        public Stage {
            subStages = List.copyOf(subStages);
        }
    }
}
