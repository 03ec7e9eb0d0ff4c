package io.athenaworkflow.local.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which faults the local runtime injects: immutable, built by adding rules to {@link #none()}. Each rule counts the
 * calls it matches on its own; when several rules match one call, every one counts it and the first (in the order
 * they were added) that selects it decides the failure.
 *
 * <pre>{@code
 * FaultPlan plan = FaultPlan.none()
 *         .with(AthenaFault.throttling("StartQueryExecution", Calls.first(3)))
 *         .with(S3Fault.onGet("**.csv", Calls.first(2), S3Error.SLOW_DOWN))
 *         .with(LambdaFault.crash("athena-workflow-CheckStatusFunction", Calls.only(1)));
 * }</pre>
 *
 * @param athena faults of the Athena API
 * @param s3 faults of S3
 * @param lambda faults of Lambda invocations
 * @param seed seeds the generator of {@link Calls#withProbability} rules, so a run can be repeated
 */
public record FaultPlan(List<AthenaFault> athena, List<S3Fault> s3, List<LambdaFault> lambda, long seed) {

    public FaultPlan {
        athena = List.copyOf(Objects.requireNonNull(athena, "athena"));
        s3 = List.copyOf(Objects.requireNonNull(s3, "s3"));
        lambda = List.copyOf(Objects.requireNonNull(lambda, "lambda"));
    }

    /** No faults (the default of every runtime). */
    public static FaultPlan none() {
        return new FaultPlan(List.of(), List.of(), List.of(), 0);
    }

    public FaultPlan with(AthenaFault rule) {
        return new FaultPlan(append(athena, rule), s3, lambda, seed);
    }

    public FaultPlan with(S3Fault rule) {
        return new FaultPlan(athena, append(s3, rule), lambda, seed);
    }

    public FaultPlan with(LambdaFault rule) {
        return new FaultPlan(athena, s3, append(lambda, rule), seed);
    }

    public FaultPlan withSeed(long newSeed) {
        return new FaultPlan(athena, s3, lambda, newSeed);
    }

    /** Whether the plan has no rule at all. */
    public boolean isEmpty() {
        return athena.isEmpty() && s3.isEmpty() && lambda.isEmpty();
    }

    private static <T> List<T> append(List<T> rules, T rule) {
        List<T> next = new ArrayList<>(rules);
        next.add(Objects.requireNonNull(rule, "rule"));
        return next;
    }
}
