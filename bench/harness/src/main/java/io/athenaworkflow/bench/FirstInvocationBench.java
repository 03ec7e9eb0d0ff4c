package io.athenaworkflow.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * f. The first invocation after the handler is constructed, in a fresh JVM: what a SnapStart restore leaves (the
 * snapshot is taken after init, so a restored environment holds a constructed handler that has never been called).
 * Without priming, that first call still loads and links the classes of its path and runs them interpreted; with
 * priming ({@code beforeCheckpoint}, run by the driver right after construction as the snapshot would) it should
 * cost about what a warm call costs. Each child JVM makes {@value #CALLS} calls, so the warm call (the median of
 * calls 6–10) is measured in the same JVM as the first. Every variant also runs without the template's
 * JAVA_TOOL_OPTIONS, to decide whether {@code -XX:TieredStopAtLevel=1} still pays with SnapStart.
 */
final class FirstInvocationBench {

    static final String GROUP = "f. First invocation after construction (SnapStart restore stand-in)";
    static final int CALLS = 10;

    /** Primed or not, with the template's JVM flags or without. */
    enum Variant { UNPRIMED, PRIMED, UNPRIMED_NO_FLAGS, PRIMED_NO_FLAGS;

        boolean primed() {
            return this == PRIMED || this == PRIMED_NO_FLAGS;
        }

        boolean flags() {
            return this == UNPRIMED || this == PRIMED;
        }
    }

    /**
     * One child's figures.
     *
     * @param firstMillis the first call after construction (after priming when primed)
     * @param primingMillis the hooks (0 when not primed)
     * @param warmMillis the median of calls 6–10
     */
    record Sample(double firstMillis, double primingMillis, double warmMillis) {
    }

    /** One handler's samples per variant. */
    record Result(ColdCallBench.Handler handler, Map<Variant, List<Sample>> samples) {

        List<Double> first(Variant variant) {
            return samples.get(variant).stream().map(Sample::firstMillis).toList();
        }

        List<Double> priming(Variant variant) {
            return samples.get(variant).stream().map(Sample::primingMillis).toList();
        }

        List<Double> warm(Variant variant) {
            return samples.get(variant).stream().map(Sample::warmMillis).toList();
        }
    }

    private final ColdCallBench calls;
    private final int runs;

    FirstInvocationBench(ColdCallBench calls, int runs) {
        this.calls = calls;
        this.runs = runs;
    }

    List<Result> run() {
        List<Result> results = new ArrayList<>();
        for (ColdCallBench.Handler handler : calls.handlers()) {
            Map<Variant, List<Sample>> samples = new EnumMap<>(Variant.class);
            for (int run = 1; run <= runs; run++) {
                Bench.progress("f: " + handler.label() + ": run " + run + "/" + runs);
                for (Variant variant : Variant.values()) {
                    List<JsonNode> payloads = new ArrayList<>();
                    for (int i = 0; i < CALLS; i++) {
                        payloads.add(handler.payload().get());
                    }
                    ChildProcess.Result result = calls.childRun(handler,
                            variant.flags() ? ColdCallBench.Variant.PRODUCT : ColdCallBench.Variant.PRODUCT_NO_FLAGS,
                            payloads, List.of(), variant.primed() ? List.of("--prime") : List.of(), "first-" + variant);
                    samples.computeIfAbsent(variant, v -> new ArrayList<>()).add(sample(result));
                }
            }
            results.add(new Result(handler, samples));
        }
        return results;
    }

    private static Sample sample(ChildProcess.Result result) {
        String[] timing = result.rest().stream().filter(l -> l.startsWith("#timing ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("The driver printed no #timing line")).split(" ");
        List<Double> later = result.rest().stream().filter(l -> l.startsWith("#call "))
                .map(l -> Long.parseLong(l.split(" ", 3)[1]) / 1e6).toList();
        if (later.size() != CALLS - 1) {
            throw new IllegalStateException("The driver made " + (later.size() + 1) + " calls instead of " + CALLS);
        }
        // later holds calls 2..10: calls 6..10 are its last five.
        return new Sample(Long.parseLong(timing[3]) / 1e6, Long.parseLong(timing[4]) / 1e6,
                Stats.median(later.subList(CALLS - 6, CALLS - 1)));
    }

    static void report(List<Result> results, Table table) {
        for (Result result : results) {
            String label = result.handler().label();
            double primed = Stats.median(result.first(Variant.PRIMED));
            double warm = Stats.median(result.warm(Variant.PRIMED));
            table.add(GROUP, label + ": first invocation, primed (beforeCheckpoint ran after construction)",
                    Stats.millisWithSpread(result.first(Variant.PRIMED)),
                    "warm call (calls 6–10, same JVMs) " + Stats.millisWithSpread(result.warm(Variant.PRIMED))
                            + " · unprimed first invocation " + Stats.millisWithSpread(result.first(Variant.UNPRIMED)),
                    Stats.ratio(primed / warm) + " warm · " + Stats.ratio(primed / Stats.median(result.first(Variant.UNPRIMED)))
                            + " unprimed", "≤ 2× warm", primed <= 2 * warm);
            table.add(GROUP, label + ": the priming itself (beforeCheckpoint + afterRestore; before the snapshot on AWS)",
                    Stats.millisWithSpread(result.priming(Variant.PRIMED)), "", "", "", null);
            table.add(GROUP, label + ": without the template's JAVA_TOOL_OPTIONS (C2 on): primed first · warm · unprimed first",
                    Stats.millis(Stats.median(result.first(Variant.PRIMED_NO_FLAGS))) + " · "
                            + Stats.millis(Stats.median(result.warm(Variant.PRIMED_NO_FLAGS))) + " · "
                            + Stats.millis(Stats.median(result.first(Variant.UNPRIMED_NO_FLAGS))),
                    "with -XX:TieredStopAtLevel=1: " + Stats.millis(primed) + " · " + Stats.millis(warm) + " · "
                            + Stats.millis(Stats.median(result.first(Variant.UNPRIMED))),
                    Stats.ratio(Stats.median(result.first(Variant.PRIMED_NO_FLAGS)) / primed) + " primed first · "
                            + Stats.ratio(Stats.median(result.warm(Variant.PRIMED_NO_FLAGS)) / warm) + " warm", "", null);
        }
    }
}
