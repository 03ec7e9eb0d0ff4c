package io.athenaworkflow.bench;

import io.athenaworkflow.local.LocalAwsConfig;
import io.athenaworkflow.local.lambda.ColdStart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The benchmarks of "Proof under stress" §5, printed as one Markdown table on stdout (progress goes to stderr).
 * Run through {@code bench/run}, which builds what they need. Every baseline is measured in the same run, next to
 * the figure it is compared with.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws IOException {
        BenchOptions options = BenchOptions.parse(args);
        Path work = Files.createTempDirectory("athena-bench");
        BenchPaths paths = BenchPaths.of(options.root(), work);
        progress("scratch folder " + work + " (deleted after a successful run unless --keep)");
        Table table = new Table();
        String loadBefore = loadAverage();

        // g first: the engines it starts and stops must not compete with the shared engine the runtime below starts.
        EngineStartBench.Result engineStarts = null;
        RuntimeUpBench.Result ups = null;
        EngineQueryBench.Result engineQueries = null;
        if (options.only().contains("g")) {
            engineQueries = new EngineQueryBench(paths, options.runs()).run();
            ups = new RuntimeUpBench(paths, options.runs()).run();
            engineStarts = new EngineStartBench(paths, options.runs()).run();
        }

        List<ColdCallBench.Result> coldCalls = null;
        List<FirstInvocationBench.Result> firstInvocations = null;
        ResultsBench.Result results = null;
        RuntimeBench.WorkflowResult workflow = null;
        List<ColdStart> coldStarts = null;
        if (options.only().stream().anyMatch(b -> List.of("a", "b", "d", "e", "f").contains(b))) {
            progress("starting the local runtime (real clock)");
            try (BenchRuntime runtime = BenchRuntime.start(paths, LocalAwsConfig.transientOnAnyPort())) {
                runtime.loadDemoTable();
                if (options.only().contains("d") || options.only().contains("e")) {
                    workflow = RuntimeBench.workflow(runtime, options.runs());
                    coldStarts = runtime.runtime.lambda().coldStarts();
                }
                if (options.only().contains("a")) {
                    coldCalls = new ColdCallBench(paths, runtime, options.runs()).run();
                }
                if (options.only().contains("f")) {
                    firstInvocations = new FirstInvocationBench(new ColdCallBench(paths, runtime, options.runs()),
                            options.runs()).run();
                }
                if (options.only().contains("b")) {
                    results = new ResultsBench(paths, runtime, options.runs()).run();
                }
            }
        }
        List<PollingBench.Result> polling = options.only().contains("c") ? new PollingBench(paths).run() : null;
        RuntimeBench runtimeBench = new RuntimeBench(paths, options.runs());
        RuntimeBench.StartResult starts = options.only().contains("d") ? runtimeBench.starts() : null;

        if (coldCalls != null) {
            ColdCallBench.report(coldCalls, table);
        }
        if (results != null) {
            ResultsBench.report(results, table);
        }
        if (polling != null) {
            PollingBench.report(polling, table);
        }
        if (options.only().contains("d")) {
            RuntimeBench.report(starts, workflow, runtimeBench.cliPresent(), table);
        }
        if (firstInvocations != null) {
            FirstInvocationBench.report(firstInvocations, table);
        }
        if (options.only().contains("e")) {
            FootprintBench.report(paths, coldStarts, coldCalls, table);
        }
        if (options.only().contains("g")) {
            EngineStartBench.report(engineStarts, table);
            RuntimeUpBench.report(ups, engineStarts, table);
            EngineQueryBench.report(engineQueries, table);
        }

        String output = header(options) + String.format(Locale.ROOT,
                "Load average (1/5/15 min) at start: %s; at end: %s (other work shares these cores).%n%n", loadBefore,
                loadAverage()) + table.markdown();
        System.out.print(output);
        System.out.flush();
        if (options.out() != null) {
            Files.writeString(options.out(), output);
        }
        if (options.keep()) {
            progress("kept the scratch folder " + work);
        } else {
            deleteTree(work); // AOT caches and logs: a few hundred MB per run
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String header(BenchOptions options) {
        return String.format(Locale.ROOT, "Benchmarks of %s — %s, %d cores, %s, JDK %s; medians of %d runs%n",
                options.root().getFileName(), LocalDate.now(), Runtime.getRuntime().availableProcessors(), cpuModel(),
                Runtime.version(), options.runs());
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (IOException | UncheckedIOException e) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
        System.err.flush();
    }
}
