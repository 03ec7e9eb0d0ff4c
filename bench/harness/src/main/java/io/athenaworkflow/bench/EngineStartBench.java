package io.athenaworkflow.bench;

import io.athenaworkflow.local.athena.engine.trino.TrinoEngineSettings;
import io.athenaworkflow.local.athena.engine.trino.TrinoProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * g. The local Athena's engine on its own: Trino 483 started as the runtime starts it ({@link TrinoProcess}, the
 * engine folder of this checkout), from launch to its first {@code SELECT 1} answered over Trino's protocol; with a
 * JDK AOT cache (JEP 483/514: trained once with {@code -XX:AOTCacheOutput}, used with {@code -XX:AOTCache}) against
 * without one, alternating so that both meet the same load.
 */
final class EngineStartBench {

    static final String GROUP = "g. Local Athena on Trino 483";
    /** How long the training engine may take to write its cache and exit (over a minute on a loaded machine). */
    private static final Duration TRAINING_EXIT = Duration.ofMinutes(5);

    /**
     * @param plain launch → first SELECT 1 answered, no AOT cache (seconds)
     * @param aot the same with the AOT cache
     * @param trainingSeconds the training run (launch → SELECT 1 answered, under -XX:AOTCacheOutput)
     * @param cacheBytes the cache file's size
     */
    record Result(List<Double> plain, List<Double> aot, double trainingSeconds, long cacheBytes) {
    }

    private final BenchPaths paths;
    private final int runs;

    EngineStartBench(BenchPaths paths, int runs) {
        this.paths = paths;
        this.runs = runs;
    }

    Result run() {
        TrinoEngineSettings settings = TrinoEngineSettings.defaults();
        Path cache = paths.work().resolve("trino-engine.aot");
        Bench.progress("g: training the engine's AOT cache");
        double training;
        TrinoProcess trainee = TrinoProcess.start(settings.withJvmOptions(List.of("-XX:AOTCacheOutput=" + cache)));
        try {
            training = firstAnswer(trainee, System.nanoTime());
        } finally {
            trainee.stop(TRAINING_EXIT); // the JVM writes the cache as it exits
        }
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("The training run wrote no AOT cache at " + cache + ": the engine JVM "
                    + "did not take -XX:AOTCacheOutput, or it was killed before writing the cache at exit");
        }
        TrinoEngineSettings withCache = settings.withJvmOptions(List.of("-XX:AOTCache=" + cache));
        List<Double> plain = new ArrayList<>();
        List<Double> aot = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Bench.progress("g: engine start " + run + "/" + runs + " (without, then with the AOT cache)");
            plain.add(startToFirstAnswer(settings));
            aot.add(startToFirstAnswer(withCache));
        }
        return new Result(plain, aot, training, BenchPaths.size(cache));
    }

    /** Launches an engine, waits for its first SELECT 1 answer, stops it. */
    static double startToFirstAnswer(TrinoEngineSettings settings) {
        long start = System.nanoTime();
        try (TrinoProcess engine = TrinoProcess.start(settings)) {
            return firstAnswer(engine, start);
        }
    }

    /** Seconds from {@code start} (nanoTime) to the engine's answer to SELECT 1 (waiting for its start-up). */
    private static double firstAnswer(TrinoProcess engine, long start) {
        try (TrinoDirect client = new TrinoDirect(engine.uri(), null, null)) {
            var rows = client.rows("SELECT 1");
            double seconds = (System.nanoTime() - start) / 1e9;
            if (rows.size() != 1 || rows.getFirst().getFirst().asInt() != 1) {
                throw new IllegalStateException("SELECT 1 answered " + rows);
            }
            return seconds;
        }
    }

    static void report(Result result, Table table) {
        double plain = Stats.median(result.plain());
        double aot = Stats.median(result.aot());
        table.add(GROUP, "engine start: launch → first `SELECT 1` answered, with a JDK AOT cache ("
                        + Stats.bytes(result.cacheBytes()) + ", trained once in " + Stats.seconds(result.trainingSeconds())
                        + ")", Stats.secondsWithSpread(result.aot()),
                "no AOT cache (as the runtime starts it) " + Stats.secondsWithSpread(result.plain()),
                Stats.ratio(aot / plain), "", null);
    }
}
