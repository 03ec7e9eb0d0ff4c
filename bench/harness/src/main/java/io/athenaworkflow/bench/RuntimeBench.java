package io.athenaworkflow.bench;

import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus;
import software.amazon.awssdk.services.athena.model.QueryExecution;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * d. The local runtime: a fresh JVM to LocalRuntime ready (vs the same JVM doing nothing), LocalRuntime.start inside
 * that JVM, {@code ./athena-local up} to listening (when the CLI is in this build), and a small query's whole
 * workflow on the real clock (vs the same query straight through the Athena API, polled every 10 ms).
 */
final class RuntimeBench {

    static final String GROUP = "d. Local runtime";
    static final String CLI_CLASS = "io/athenaworkflow/local/cli/AthenaLocal.class";

    record StartResult(List<Double> freshJvm, List<Double> freshJvmAot, List<Double> emptyJvm, List<Double> inJvm,
                       List<Double> cliUp) {
    }

    record WorkflowResult(double firstExecution, List<Double> executions, List<Double> direct, double inProcessStart) {
    }

    private final BenchPaths paths;
    private final int runs;

    RuntimeBench(BenchPaths paths, int runs) {
        this.paths = paths;
        this.runs = runs;
    }

    /** The small query's workflow on an already running real-clock runtime; the first execution meets cold handlers. */
    static WorkflowResult workflow(BenchRuntime runtime, int runs) {
        List<Double> executions = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        double first = 0;
        String input = runtime.demoQueryRequest().toString();
        for (int run = 0; run <= runs; run++) {
            Bench.progress("d: workflow run " + run + "/" + runs + (run == 0 ? " (cold handlers)" : ""));
            long start = System.nanoTime();
            Execution execution = runtime.runtime.stepFunctions().startExecution(runtime.runtime.stateMachineArn(),
                    null, input);
            ExecutionResult result = execution.await(Duration.ofMinutes(5))
                    .orElseThrow(() -> new IllegalStateException("The workflow did not end within 5 minutes"));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (result.status() != ExecutionStatus.SUCCEEDED) {
                throw new IllegalStateException("The workflow ended " + result.status() + ": " + result.error() + " "
                        + result.cause());
            }
            if (run == 0) {
                first = seconds;
            } else {
                executions.add(seconds);
                direct.add(directQuery(runtime));
            }
        }
        return new WorkflowResult(first, executions, direct, runtime.startSeconds);
    }

    /** The same query straight through the Athena API: start, poll every 10 ms, read the first page. */
    private static double directQuery(BenchRuntime runtime) {
        long start = System.nanoTime();
        var request = runtime.demoQueryRequest();
        String id = runtime.athena.startQueryExecution(r -> r.queryString(request.get("sql").asText())
                .executionParameters(request.get("parameters").get(0).asText())
                .resultConfiguration(c -> c.outputLocation("s3://" + BenchRuntime.RESULTS_BUCKET + "/bench-direct/")))
                .queryExecutionId();
        QueryExecution done = runtime.awaitSucceeded(id);
        runtime.athena.getQueryResults(r -> r.queryExecutionId(done.queryExecutionId()));
        return (System.nanoTime() - start) / 1e9;
    }

    StartResult starts() {
        List<Double> fresh = new ArrayList<>();
        List<Double> empty = new ArrayList<>();
        List<Double> inJvm = new ArrayList<>();
        List<String> probe = List.of(BenchPaths.java().toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                paths.harnessClassPath(), RuntimeStartProbe.class.getName());
        Map<String, String> env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        List<String> runtimeArgs = List.of(paths.root().toString(), paths.functionsArtifact().toString());
        Path aot = paths.work().resolve("runtime.aot");
        Bench.progress("d: training the runtime's AOT cache");
        List<String> training = concat(probe, runtimeArgs.toArray(String[]::new));
        training.add(1, "-XX:AOTCacheOutput=" + aot);
        ChildProcess.run(training, env, paths.work().resolve("probe-train.err"), l -> l.startsWith("ready "));
        List<Double> freshAot = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Bench.progress("d: runtime start " + run + "/" + runs);
            ChildProcess.Result started = ChildProcess.run(concat(probe, paths.root().toString(),
                    paths.functionsArtifact().toString()), env, paths.work().resolve("probe.err"), l -> l.startsWith("ready "));
            fresh.add(started.seconds());
            inJvm.add(Long.parseLong(started.answer().split(" ")[1]) / 1000.0);
            empty.add(ChildProcess.run(concat(probe, "--empty"), env, paths.work().resolve("probe-empty.err"),
                    l -> l.startsWith("ready ")).seconds());
            List<String> withAot = concat(probe, runtimeArgs.toArray(String[]::new));
            withAot.add(1, "-XX:AOTCache=" + aot);
            freshAot.add(ChildProcess.run(withAot, env, paths.work().resolve("probe-aot.err"),
                    l -> l.startsWith("ready ")).seconds());
        }
        List<Double> up = new ArrayList<>();
        if (cliPresent()) {
            for (int run = 0; run <= runs; run++) {
                Bench.progress("d: athena-local up " + run + "/" + runs + (run == 0 ? " (warm-up: AOT training)" : ""));
                double seconds = cliUp();
                if (run > 0) {
                    up.add(seconds);
                }
            }
        }
        return new StartResult(fresh, freshAot, empty, inJvm, up);
    }

    boolean cliPresent() {
        try (ZipFile jar = new ZipFile(paths.localJar().toFile())) {
            return jar.getEntry(CLI_CLASS) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code ./athena-local up --port P} until P accepts a connection; then the process is stopped. */
    private double cliUp() {
        try (LocalUp up = LocalUp.start(paths, "cli-up")) {
            return up.secondsToPort;
        }
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    static void report(StartResult starts, WorkflowResult workflow, boolean cli, Table table) {
        if (starts != null) {
            double fresh = Stats.median(starts.freshJvm());
            double empty = Stats.median(starts.emptyJvm());
            table.add(GROUP, "fresh JVM → LocalRuntime ready (template deployed, port open)",
                    Stats.secondsWithSpread(starts.freshJvm()), "same JVM + class path doing nothing "
                            + Stats.secondsWithSpread(starts.emptyJvm()), "+" + Stats.seconds(fresh - empty), "", null);
            table.add(GROUP, "fresh JVM + AOT cache → LocalRuntime ready", Stats.secondsWithSpread(starts.freshJvmAot()),
                    "same JVM + class path doing nothing " + Stats.secondsWithSpread(starts.emptyJvm()),
                    "+" + Stats.seconds(Stats.median(starts.freshJvmAot()) - empty), "", null);
            table.add(GROUP, "LocalRuntime.start() inside the fresh JVM (no AOT cache)",
                    Stats.secondsWithSpread(starts.inJvm()), "", "", "", null);
            if (cli) {
                double up = Stats.median(starts.cliUp());
                table.add(GROUP, "`./athena-local up` → port listening", Stats.secondsWithSpread(starts.cliUp()),
                        "empty JVM " + Stats.seconds(empty), "+" + Stats.seconds(up - empty), "", null);
            } else {
                table.add(GROUP, "`./athena-local up` → port listening", "n/a: the CLI is not in this build", "", "", "",
                        null);
            }
        }
        if (workflow != null) {
            table.add(GROUP, "LocalRuntime.start() in the benchmark JVM (first in this JVM)",
                    Stats.seconds(workflow.inProcessStart()), "", "", "", null);
            double executions = Stats.median(workflow.executions());
            double direct = Stats.median(workflow.direct());
            table.add(GROUP, "small query, whole workflow (real clock; first execution: "
                            + Stats.seconds(workflow.firstExecution()) + " with cold handlers)",
                    Stats.secondsWithSpread(workflow.executions()),
                    "same query via the Athena API (10 ms polling) " + Stats.secondsWithSpread(workflow.direct()),
                    Stats.ratio(executions / direct), "", null);
        }
    }
}
