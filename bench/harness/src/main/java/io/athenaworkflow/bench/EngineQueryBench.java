package io.athenaworkflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.athena.AthenaClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * g. Queries on {@code ./athena-local up}: the same SQL through the local Athena API (AWS SDK, {@link AthenaApiQuery})
 * and sent straight to the runtime's engine over Trino's protocol ({@link TrinoDirect}), alternating; the difference
 * is the local Athena's overhead (syntax check, result file, API calls, the client's polling). A small query over a
 * 100-row table, and a scan of a 10,000,000-row Parquet table written into the local S3 by Trino itself (CTAS).
 * Afterwards, the peak resident memory of the runtime and of its engine ({@code VmHWM}).
 */
final class EngineQueryBench {

    static final int SMALL_RUNS = 30;
    static final long SCAN_ROWS = 10_000_000L;
    static final String SMALL_SQL = "SELECT count(*), sum(x), max(label) FROM bench.small WHERE x > 10";
    static final String SCAN_SQL = "SELECT count(*), sum(x) FROM bench.scan10m";
    static final String SCAN_GOAL = "≤ 1.2× direct";
    static final String MEMORY_GOAL = "≤ 1.5 GB";
    private static final long MEMORY_GOAL_BYTES = 1_500_000_000L;

    /** Seconds of each run through the Athena API and directly on the engine. */
    record Timings(List<Double> api, List<Double> direct) {
        double ratio() {
            return Stats.median(api) / Stats.median(direct);
        }
    }

    /**
     * @param ctasSeconds writing the 10M-row table (CTAS through the Athena API)
     * @param runtimePeak the runtime JVM's VmHWM
     * @param enginePeak the engine JVM's VmHWM
     */
    record Result(Timings small, Timings scan, double ctasSeconds, long runtimePeak, long enginePeak) {
    }

    private final BenchPaths paths;
    private final int runs;

    EngineQueryBench(BenchPaths paths, int runs) {
        this.paths = paths;
        this.runs = runs;
    }

    Result run() {
        Bench.progress("g: athena-local up for the queries");
        try (LocalUp up = LocalUp.start(paths, "g-queries");
             AthenaClient athena = BenchRuntime.athenaClient(up.endpoint())) {
            AthenaApiQuery.rows(athena, "CREATE DATABASE bench");
            String location = "s3://" + BenchRuntime.DATA_BUCKET + "/bench-g/";
            AthenaApiQuery.rows(athena, "CREATE TABLE bench.small WITH (format = 'PARQUET', external_location = '"
                    + location + "small/') AS SELECT x, 'row ' || CAST(x AS varchar) AS label"
                    + " FROM unnest(sequence(1, 100)) AS t(x)");
            Bench.progress("g: writing the 10M-row table (CTAS through the Athena API)");
            long ctas = System.nanoTime();
            // sequence() stops at 10,000 entries: 1,000 × 10,000 rows, x = 0 … 9,999,999.
            AthenaApiQuery.rows(athena, "CREATE TABLE bench.scan10m WITH (format = 'PARQUET', external_location = '"
                    + location + "scan10m/') AS SELECT CAST(i * 10000 + j AS bigint) AS x"
                    + " FROM unnest(sequence(0, 999)) AS a(i) CROSS JOIN unnest(sequence(0, 9999)) AS b(j)");
            double ctasSeconds = (System.nanoTime() - ctas) / 1e9;
            try (TrinoDirect direct = new TrinoDirect(up.engineUri(), "awsdatacatalog", "bench")) {
                List<String> small = List.of("90", "4995", "row 99"); // 11 + … + 100; "row 99" sorts last
                Timings smallTimings = compare(athena, direct, SMALL_SQL, small, SMALL_RUNS, "small query");
                List<String> scan = List.of(Long.toString(SCAN_ROWS), Long.toString(SCAN_ROWS * (SCAN_ROWS - 1) / 2));
                Timings scanTimings = compare(athena, direct, SCAN_SQL, scan, runs, "10M-row scan");
                long runtimePeak = LocalUp.peakResidentBytes(up.process.pid());
                long enginePeak = LocalUp.peakResidentBytes(up.engine().pid());
                return new Result(smallTimings, scanTimings, ctasSeconds, runtimePeak, enginePeak);
            }
        }
    }

    /**
     * {@code n} timed runs of {@code sql} each way, alternating, after one untimed run each way; every answer must be
     * {@code expected} (one row), so both ways are checked to compute the same thing.
     */
    private static Timings compare(AthenaClient athena, TrinoDirect direct, String sql, List<String> expected, int n,
                                   String label) {
        List<Double> api = new ArrayList<>();
        List<Double> engine = new ArrayList<>();
        for (int run = 0; run <= n; run++) {
            Bench.progress("g: " + label + " " + run + "/" + n + (run == 0 ? " (warm-up)" : ""));
            long start = System.nanoTime();
            List<List<String>> apiRows = AthenaApiQuery.rows(athena, sql);
            double apiSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            List<List<JsonNode>> engineRows = direct.rows(sql);
            double directSeconds = (System.nanoTime() - start) / 1e9;
            check(sql, "the Athena API", apiRows, expected);
            check(sql, "the engine", engineRows.stream().map(r -> r.stream().map(JsonNode::asText).toList()).toList(),
                    expected);
            if (run > 0) {
                api.add(apiSeconds);
                engine.add(directSeconds);
            }
        }
        return new Timings(api, engine);
    }

    private static void check(String sql, String way, List<List<String>> rows, List<String> expected) {
        if (!rows.equals(List.of(expected))) {
            throw new IllegalStateException(String.format(Locale.ROOT, "`%s` through %s answered %s, expected %s",
                    sql, way, rows, expected));
        }
    }

    static void report(Result result, Table table) {
        String group = EngineStartBench.GROUP;
        String poll = " (client polls GetQueryExecution every " + BenchRuntime.POLL_MILLIS + " ms)";
        table.add(group, "small query, " + SMALL_RUNS + " runs: `" + SMALL_SQL + "` (100-row Parquet table), Athena API"
                        + poll, Stats.millisWithSpread(millis(result.small().api())),
                "same SQL straight to the engine (Trino protocol) " + Stats.millisWithSpread(millis(result.small().direct())),
                Stats.ratio(result.small().ratio()) + " (+" + Stats.millis(1000 * (Stats.median(result.small().api())
                        - Stats.median(result.small().direct()))) + ")", "", null);
        table.add(group, "10M-row scan: `" + SCAN_SQL + "` (Parquet in the local S3, written by CTAS in "
                        + Stats.seconds(result.ctasSeconds()) + "), Athena API" + poll,
                Stats.secondsWithSpread(result.scan().api()),
                "same SQL straight to the engine " + Stats.secondsWithSpread(result.scan().direct()),
                Stats.ratio(result.scan().ratio()), SCAN_GOAL, result.scan().ratio() <= 1.2);
        long total = result.runtimePeak() + result.enginePeak();
        table.add(group, "peak resident memory (VmHWM) of the runtime + its engine after the runs above",
                Stats.bytes(total), "runtime JVM " + Stats.bytes(result.runtimePeak()) + " · engine JVM "
                        + Stats.bytes(result.enginePeak()), "", MEMORY_GOAL, total <= MEMORY_GOAL_BYTES);
    }

    private static List<Double> millis(List<Double> seconds) {
        return seconds.stream().map(s -> s * 1000).toList();
    }
}
