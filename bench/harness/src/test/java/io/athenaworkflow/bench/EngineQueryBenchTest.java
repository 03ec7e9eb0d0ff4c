package io.athenaworkflow.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EngineQueryBenchTest {

    private static EngineQueryBench.Result result(List<Double> scanApi, List<Double> scanDirect, long runtime,
                                                  long engine) {
        EngineQueryBench.Timings small = new EngineQueryBench.Timings(List.of(0.6), List.of(0.4));
        return new EngineQueryBench.Result(small, new EngineQueryBench.Timings(scanApi, scanDirect), 30, runtime, engine);
    }

    @Test
    void report_whenScanWithinOverheadAndMemoryUnderGoal_marksBothMet() {
        Table table = new Table();

        EngineQueryBench.report(result(List.of(2.3, 2.4, 9.0), List.of(2.0, 2.0, 2.1), 300_000_000L, 1_000_000_000L),
                table);

        List<Table.Row> rows = table.rows();
        assertThat(rows.get(0).result()).isEmpty();
        assertThat(rows.get(0).ratio()).isEqualTo("1.50× (+200 ms)");
        assertThat(rows.get(1).ratio()).isEqualTo("1.20×");
        assertThat(rows.get(1).result()).isEqualTo("met");
        assertThat(rows.get(2).product()).isEqualTo("1300.0 MB");
        assertThat(rows.get(2).result()).isEqualTo("met");
    }

    @Test
    void report_whenScanOverheadAboveGoalAndMemoryAboveGoal_marksBothMissed() {
        Table table = new Table();

        EngineQueryBench.report(result(List.of(2.5), List.of(2.0), 600_000_000L, 1_000_000_000L), table);

        List<Table.Row> rows = table.rows();
        assertThat(rows.get(1).ratio()).isEqualTo("1.25×");
        assertThat(rows.get(1).result()).isEqualTo("**missed**");
        assertThat(rows.get(2).product()).isEqualTo("1600.0 MB");
        assertThat(rows.get(2).baseline()).isEqualTo("runtime JVM 600.0 MB · engine JVM 1000.0 MB");
        assertThat(rows.get(2).result()).isEqualTo("**missed**");
    }
}
