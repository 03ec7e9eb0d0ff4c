package io.athenaworkflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * g. {@code ./athena-local up} with the engine starting in the background: spawn → edge port open, spawn → the
 * banner (the runtime started), and spawn → the first {@code SELECT 1} answered through the Athena API (it waits for the engine if the engine is not ready yet).
 * One untimed warm-up run first trains the CLI's own AOT cache (what every later {@code up} uses).
 */
final class RuntimeUpBench {

    static final String PORT_GOAL = "about 2 s (≤ 2 s)";
    private static final double PORT_GOAL_SECONDS = 2.0;

    /**
     * @param port spawn → port open
     * @param ready spawn → the banner (runtime started)
     * @param firstQuery spawn → first SELECT 1 answered through the Athena API
     */
    record Result(List<Double> port, List<Double> ready, List<Double> firstQuery) {
    }

    private final BenchPaths paths;
    private final int runs;

    RuntimeUpBench(BenchPaths paths, int runs) {
        this.paths = paths;
        this.runs = runs;
    }

    Result run() {
        Bench.progress("g: athena-local up, warm-up (trains the CLI's AOT cache)");
        try (LocalUp up = LocalUp.start(paths, "g-up-warmup")) {
            firstQuery(up);
        }
        awaitCliCache();
        List<Double> port = new ArrayList<>();
        List<Double> ready = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Bench.progress("g: athena-local up " + run + "/" + runs);
            try (LocalUp up = LocalUp.start(paths, "g-up")) {
                port.add(up.secondsToPort);
                ready.add(up.secondsToReady);
                first.add(firstQuery(up));
            }
        }
        return new Result(port, ready, first);
    }

    /** Seconds from the spawn to the first SELECT 1 answered through the Athena API. */
    private static double firstQuery(LocalUp up) {
        try (var athena = BenchRuntime.athenaClient(up.endpoint())) {
            List<List<String>> rows = AthenaApiQuery.rows(athena, "SELECT 1");
            double seconds = up.secondsSinceSpawn();
            if (!rows.equals(List.of(List.of("1")))) {
                throw new IllegalStateException("SELECT 1 through the Athena API answered " + rows);
            }
            return seconds;
        }
    }

    /** The script assembles the CLI's cache in the background after the recording run: wait for it (2 min at most). */
    private void awaitCliCache() {
        Path lock = paths.root().resolve("local/target/athena-local.aot.lock");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (Files.exists(lock) && System.nanoTime() < deadline) {
            BenchRuntime.pause(500);
        }
        if (!Files.exists(paths.root().resolve("local/target/athena-local.aot"))) {
            Bench.progress("g: warning: the CLI's AOT cache is not there; `up` runs without it");
        }
    }

    static void report(Result result, EngineStartBench.Result engine, Table table) {
        double port = Stats.median(result.port());
        String engineStart = engine == null ? "" : "engine start alone " + Stats.secondsWithSpread(engine.plain());
        table.add(EngineStartBench.GROUP, "`./athena-local up` → edge port open (engine starting in the background)",
                Stats.secondsWithSpread(result.port()), engineStart,
                engine == null ? "" : Stats.ratio(port / Stats.median(engine.plain())), PORT_GOAL,
                port <= PORT_GOAL_SECONDS);
        table.add(EngineStartBench.GROUP, "`./athena-local up` → banner printed (runtime started: template deployed,"
                        + " buckets created; the port opens before)", Stats.secondsWithSpread(result.ready()), engineStart,
                engine == null ? "" : Stats.ratio(Stats.median(result.ready()) / Stats.median(engine.plain())), "",
                null);
        table.add(EngineStartBench.GROUP, "`./athena-local up` → first `SELECT 1` answered through the Athena API",
                Stats.secondsWithSpread(result.firstQuery()), engineStart,
                engine == null ? "" : Stats.ratio(Stats.median(result.firstQuery()) / Stats.median(engine.plain())),
                "", null);
    }
}
