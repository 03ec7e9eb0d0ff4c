package io.athenaworkflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.LocalAwsConfig;
import io.athenaworkflow.local.clock.VirtualClock;
import io.athenaworkflow.local.sfn.api.StateMachineSpec;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus;
import io.athenaworkflow.local.template.StateMachineDeployment;
import software.amazon.awssdk.services.athena.model.QueryExecution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * c. The real state machine on a virtual clock, with every Athena query held RUNNING for D seconds: state
 * transitions (StateEntered events of the execution history) and detection delay (the query's completion time to
 * the CheckStatus that saw SUCCEEDED), against the same ASL with the Wait fixed at 1 s and at 5 s (generated from
 * the deployed definition, so only the Wait differs).
 */
final class PollingBench {

    static final String GROUP = "c. Polling (virtual clock, query held RUNNING for D)";
    static final List<Integer> DURATIONS = List.of(1, 10, 60, 600);
    static final String WAIT_STATE = "WaitForQuery";

    /** One execution: transitions, CheckStatus calls, the query's run time and the detection delay. */
    record Run(int transitions, int checks, double querySeconds, double delaySeconds) {
    }

    /** Per D: the product's run and the fixed-1 s and fixed-5 s runs. */
    record Result(int durationSeconds, Run product, Run fixed1, Run fixed5) {
    }

    private final BenchPaths paths;

    PollingBench(BenchPaths paths) {
        this.paths = paths;
    }

    List<Result> run() {
        List<Result> results = new ArrayList<>();
        for (int d : DURATIONS) {
            Bench.progress("c: D = " + d + " s");
            LocalAwsConfig aws = LocalAwsConfig.transientOnAnyPort()
                    .withClock(VirtualClock.startingAt(Instant.parse("2026-01-05T09:00:00Z")))
                    .withMinimumQueryDuration(Duration.ofSeconds(d));
            try (BenchRuntime runtime = BenchRuntime.start(paths, aws)) {
                StateMachineDeployment deployed = runtime.runtime.template().stateMachines().getFirst();
                String product = runtime.runtime.stateMachineArn();
                String fixed1 = createFixed(runtime, deployed, 1);
                String fixed5 = createFixed(runtime, deployed, 5);
                results.add(new Result(d, execute(runtime, product, d), execute(runtime, fixed1, d),
                        execute(runtime, fixed5, d)));
            }
        }
        return results;
    }

    /** The deployed definition with the Wait's Seconds fixed, as its own state machine. */
    static String createFixed(BenchRuntime runtime, StateMachineDeployment deployed, int seconds) {
        return runtime.runtime.stepFunctions().createStateMachine(StateMachineSpec.of(
                deployed.name() + "-fixed-" + seconds + "s", withFixedWait(deployed.definition(), seconds),
                "arn:aws:iam::000000000000:role/bench-fixed-polling")).arn();
    }

    /**
     * The definition with {@value #WAIT_STATE}'s {@code Seconds} replaced by a constant; nothing else changes.
     *
     * @throws IllegalStateException when the definition has no such Wait state (the real file changed)
     */
    static String withFixedWait(String definition, int seconds) {
        ObjectNode root = (ObjectNode) BenchRuntime.read(definition);
        JsonNode wait = root.path("States").path(WAIT_STATE);
        if (!"Wait".equals(wait.path("Type").asText()) || !wait.has("Seconds")) {
            throw new IllegalStateException("The state machine has no Wait state '" + WAIT_STATE + "' with Seconds: the"
                    + " fixed-polling variants cannot be generated; update PollingBench.WAIT_STATE.");
        }
        ((ObjectNode) wait).put("Seconds", seconds);
        return root.toString();
    }

    static Run execute(BenchRuntime runtime, String stateMachineArn, int d) {
        Execution execution = runtime.runtime.stepFunctions().startExecution(stateMachineArn, null,
                "{\"sql\": \"SELECT 1 AS one\"}");
        ExecutionResult result = execution.await(Duration.ofMinutes(10))
                .orElseThrow(() -> new IllegalStateException("The D=" + d + " s execution did not end in 10 minutes"));
        if (result.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("The D=" + d + " s execution of " + stateMachineArn + " ended "
                    + result.status() + ": " + result.error() + " " + result.cause());
        }
        String id = BenchRuntime.read(result.output()).get("queryExecutionId").asText();
        QueryExecution query = runtime.athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
        Instant submitted = query.status().submissionDateTime();
        Instant completed = query.status().completionDateTime();

        List<HistoryEvent> history = execution.history();
        int transitions = 0;
        int checks = 0;
        Instant lastCheck = null;
        for (HistoryEvent event : history) {
            if (event.type().endsWith("StateEntered")) {
                transitions++;
                if ("CheckStatus".equals(event.details().path("name").asText())) {
                    checks++;
                    lastCheck = event.timestamp();
                }
            }
        }
        if (lastCheck == null) {
            throw new IllegalStateException("No CheckStatus in the history of " + stateMachineArn);
        }
        return new Run(transitions, checks, millisBetween(submitted, completed) / 1000.0,
                millisBetween(completed, lastCheck) / 1000.0);
    }

    private static long millisBetween(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    static void report(List<Result> results, Table table) {
        for (Result result : results) {
            int d = result.durationSeconds();
            boolean goal = d >= 60;
            String label = "D = " + d + " s";
            table.add(GROUP, label + ": state transitions (CheckStatus calls)",
                    result.product().transitions() + " (" + result.product().checks() + ")",
                    "fixed 1 s: " + result.fixed1().transitions() + " (" + result.fixed1().checks() + ") · fixed 5 s: "
                            + result.fixed5().transitions() + " (" + result.fixed5().checks() + ")",
                    Stats.ratio((double) result.product().transitions() / result.fixed1().transitions()) + " of 1 s",
                    goal ? "≤ ⅓ of 1 s polling" : "",
                    goal ? result.product().transitions() * 3 <= result.fixed1().transitions() : null);
            double allowed = 0.1 * d + 1;
            table.add(GROUP, label + ": detection delay (query ran " + Stats.decimal(result.product().querySeconds()) + " s)",
                    Stats.decimal(result.product().delaySeconds()) + " s",
                    "fixed 1 s: " + Stats.decimal(result.fixed1().delaySeconds()) + " s · fixed 5 s: "
                            + Stats.decimal(result.fixed5().delaySeconds()) + " s",
                    Stats.decimal(result.product().delaySeconds() / d * 100) + "% of D",
                    goal ? "≤ 10% of D + 1 s (" + Stats.decimal(allowed) + " s)" : "",
                    goal ? result.product().delaySeconds() <= allowed : null);
        }
    }
}
