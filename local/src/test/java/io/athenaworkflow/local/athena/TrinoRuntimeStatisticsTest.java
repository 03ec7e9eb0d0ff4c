package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryRuntimeStatistics;
import software.amazon.awssdk.services.athena.model.QueryStage;

/**
 * Data scanned and GetQueryRuntimeStatistics from the Trino engine's own statistics, through the Athena API: the
 * bytes read from S3 (so pruning shows), the rows read, the engine's planning time and its stage tree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoRuntimeStatisticsTest {

    private static final int ROWS_PER_DAY = 50;

    private TrinoLake lake;
    private long dayBytes;

    @BeforeAll
    void start() {
        lake = new TrinoLake();
        for (String day : List.of("2024-01-01", "2024-01-02")) {
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < ROWS_PER_DAY; i++) {
                csv.append(i).append(",item-").append(i).append('\n');
            }
            lake.put("sales/dt=" + day + "/part.csv", csv.toString());
            dayBytes = csv.length();
        }
        lake.succeed("CREATE EXTERNAL TABLE lake.sales (id int, item string) PARTITIONED BY (dt string) "
                + "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://lake/sales/'");
        lake.succeed("MSCK REPAIR TABLE lake.sales");
    }

    @AfterAll
    void stop() {
        lake.close();
    }

    @Test
    void dataScanned_whenTheWholeTableIsRead_isTheSizeOfItsFiles() {
        QueryExecution done = lake.succeed("SELECT * FROM lake.sales");

        assertThat(done.statistics().dataScannedInBytes()).isEqualTo(2 * dayBytes);
    }

    @Test
    void dataScanned_whenAPartitionIsPruned_isTheSizeOfTheOtherPartitionOnly() {
        QueryExecution done = lake.succeed("SELECT count(*) FROM lake.sales WHERE dt = '2024-01-02'");

        assertThat(lake.rows(done)).containsExactly(List.of(String.valueOf(ROWS_PER_DAY)));
        assertThat(done.statistics().dataScannedInBytes()).isEqualTo(dayBytes);
    }

    @Test
    void getQueryRuntimeStatistics_whenATableIsScanned_reportsItsRowsBytesAndTheResult() {
        QueryExecution done = lake.succeed("SELECT id, item FROM lake.sales WHERE id < 10");

        QueryRuntimeStatistics statistics = statistics(done);

        assertThat(statistics.rows().inputRows()).as("rows read").isEqualTo(2L * ROWS_PER_DAY);
        assertThat(statistics.rows().inputBytes()).isEqualTo(done.statistics().dataScannedInBytes())
                .isEqualTo(2 * dayBytes);
        assertThat(statistics.rows().outputRows()).isEqualTo(20);
        assertThat(statistics.timeline().queryPlanningTimeInMillis()).isPositive()
                .isLessThanOrEqualTo(statistics.timeline().engineExecutionTimeInMillis());
        assertThat(done.statistics().queryPlanningTimeInMillis())
                .isEqualTo(statistics.timeline().queryPlanningTimeInMillis());
    }

    @Test
    void getQueryRuntimeStatistics_whenATableIsScanned_reportsAWellFormedStageTree() {
        QueryExecution done = lake.succeed("SELECT dt, count(*) FROM lake.sales GROUP BY dt");

        QueryStage root = statistics(done).outputStage();

        assertThat(root.stageId()).isZero();
        List<QueryStage> stages = flatten(root);
        Set<Long> ids = new HashSet<>();
        stages.forEach(s -> assertThat(ids.add(s.stageId())).as("stage %s appears once", s.stageId()).isTrue());
        assertThat(stages).hasSizeGreaterThan(1).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo("FINISHED");
            assertThat(s.inputRows()).isNotNegative();
            assertThat(s.executionTime()).isNotNegative();
        });
        assertThat(stages).extracting(QueryStage::inputRows).as("the scan stage reads every row")
                .contains(2L * ROWS_PER_DAY);
    }

    @Test
    void getQueryRuntimeStatistics_whenHiveDdlRan_reportsNoEngineRows() {
        QueryExecution done = lake.succeed("SHOW TABLES IN lake");

        QueryRuntimeStatistics statistics = statistics(done);

        assertThat(statistics.rows().inputBytes()).isZero();
        assertThat(statistics.outputStage()).isNull();
    }

    private QueryRuntimeStatistics statistics(QueryExecution done) {
        return lake.local.athena.getQueryRuntimeStatistics(b -> b.queryExecutionId(done.queryExecutionId()))
                .queryRuntimeStatistics();
    }

    private static List<QueryStage> flatten(QueryStage stage) {
        List<QueryStage> all = new ArrayList<>(List.of(stage));
        stage.subStages().forEach(s -> all.addAll(flatten(s)));
        return all;
    }
}
