package io.athenaworkflow.local.athena;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.athena.engine.EngineStatistics;
import io.athenaworkflow.local.s3.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Athena's GetQueryRuntimeStatistics for one query execution, shaped as botocore's {@code QueryRuntimeStatistics}:
 * the {@code Timeline} (the phases GetQueryExecution's Statistics report, counted up to now while the query runs;
 * the planning time is the engine's own), and, once the query SUCCEEDED, {@code Rows} (rows the engine read, the
 * data scanned, and the rows and bytes of the result file) and the engine's stage tree as {@code OutputStage}.
 * A stage reports its input rows and bytes, state and execution time; its output figures and plan are left out
 * (the engine's client protocol does not report them), as Athena's model allows.
 */
final class QueryRuntimeStatistics {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int PAGE_ROWS = 10_000;

    /**
     * The query's phases in milliseconds: queued (submitted → started), engine (started → engine finished), service
     * processing (engine finished → completed, writing the result), and the total.
     */
    record Timeline(long queueMillis, long engineMillis, long serviceProcessingMillis, long totalMillis) {
    }

    private QueryRuntimeStatistics() {
    }

    /** The GetQueryRuntimeStatistics response for {@code query}. */
    static ObjectNode response(QueryExecution query, Instant now, ObjectStore store) {
        ObjectNode response = JSON.objectNode();
        ObjectNode statistics = response.putObject("QueryRuntimeStatistics");
        Timeline timeline = query.timeline(now);
        Optional<EngineStatistics> engine = query.engineStatistics();
        ObjectNode node = statistics.putObject("Timeline");
        node.put("QueryQueueTimeInMillis", timeline.queueMillis());
        node.put("ServicePreProcessingTimeInMillis", 0);
        node.put("QueryPlanningTimeInMillis", engine.map(EngineStatistics::planningMillis).orElse(0L));
        node.put("EngineExecutionTimeInMillis", timeline.engineMillis());
        node.put("ServiceProcessingTimeInMillis", timeline.serviceProcessingMillis());
        node.put("TotalExecutionTimeInMillis", timeline.totalMillis());
        if (query.state() == QueryState.SUCCEEDED) {
            ObjectNode rows = statistics.putObject("Rows");
            engine.ifPresent(e -> rows.put("InputRows", e.inputRows()));
            rows.put("InputBytes", query.dataScannedBytes());
            S3Location output = query.outputFile();
            Optional<Path> file = store.file(output.bucket(), output.key());
            if (file.isPresent()) {
                try {
                    rows.put("OutputBytes", Files.size(file.get()));
                    rows.put("OutputRows", resultRows(file.get(), query.csv()));
                } catch (IOException unreadable) {
                    // The result file went away meanwhile: Athena, too, may leave these figures out.
                    rows.remove("OutputBytes");
                }
            }
            engine.map(EngineStatistics::outputStage)
                    .ifPresent(stage -> statistics.set("OutputStage", stage(stage)));
        }
        return response;
    }

    /** One {@code QueryStage} and, recursively, the stages feeding it. */
    private static ObjectNode stage(EngineStatistics.Stage stage) {
        ObjectNode node = JSON.objectNode();
        node.put("StageId", stage.stageId());
        node.put("State", stage.state());
        node.put("InputRows", stage.inputRows());
        node.put("InputBytes", stage.inputBytes());
        node.put("ExecutionTime", stage.executionMillis());
        var subStages = node.putArray("SubStages");
        stage.subStages().forEach(s -> subStages.add(stage(s)));
        return node;
    }

    /** Rows in a result file: a CSV's rows after its header row, a text result's lines. */
    private static long resultRows(Path file, boolean csv) throws IOException {
        long rows = 0;
        long offset = 0;
        while (offset != ResultFileReader.END) {
            ResultFileReader.Page page = csv ? ResultFileReader.readCsv(file, offset, PAGE_ROWS)
                    : ResultFileReader.readText(file, offset, PAGE_ROWS);
            rows += page.rows().size();
            offset = page.nextOffset();
        }
        return csv && rows > 0 ? rows - 1 : rows;
    }
}
