package io.athenaworkflow.local.faults;

import io.athenaworkflow.local.edge.AwsJsonService;
import io.athenaworkflow.local.lambda.LambdaService;
import io.athenaworkflow.local.s3.ObjectStore;
import jakarta.servlet.http.HttpServlet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A {@link FaultPlan} at work in one runtime: wraps the services in fault-injecting decorators, counts the calls
 * each rule matches and records every fault injected, so tests can check that the faults really happened. With an
 * empty plan every service is returned as it is.
 */
public final class Faults {

    private final FaultPlan plan;
    private final List<Rule<AthenaFault>> athena;
    private final List<Rule<S3Fault>> s3;
    private final List<Rule<LambdaFault>> lambda;
    // Guarded by this, like every rule's counter and generator: calls are numbered in the order they arrive.
    private final List<Injection> injections = new ArrayList<>();

    private Faults(FaultPlan plan) {
        this.plan = plan;
        SplittableRandom seeds = new SplittableRandom(plan.seed());
        this.athena = plan.athena().stream().map(rule -> new Rule<>(rule, seeds.split())).toList();
        this.s3 = plan.s3().stream().map(rule -> new Rule<>(rule, seeds.split())).toList();
        this.lambda = plan.lambda().stream().map(rule -> new Rule<>(rule, seeds.split())).toList();
    }

    /** The plan's faults, ready to wrap services; nothing injected yet. */
    public static Faults of(FaultPlan plan) {
        return new Faults(Objects.requireNonNull(plan, "plan"));
    }

    public FaultPlan plan() {
        return plan;
    }

    /** The Athena API with the plan's Athena faults ({@code service} itself when there are none). */
    public AwsJsonService athena(AwsJsonService service) {
        return athena.isEmpty() ? service : new FaultyAthena(service, this);
    }

    /** The S3 REST servlet with the plan's S3 faults ({@code servlet} itself when there are none). */
    public HttpServlet s3(HttpServlet servlet) {
        return s3.isEmpty() ? servlet : new FaultyS3Servlet(servlet, this);
    }

    /**
     * The in-process object store through which the local Athena writes, with the plan's PUT and DELETE faults of S3
     * ({@code store} itself when there are none).
     */
    public ObjectStore objectStore(ObjectStore store) {
        return s3.isEmpty() ? store : new FaultyObjectStore(store, this);
    }

    /** Lambda invocations with the plan's Lambda faults ({@code service} itself when there are none). */
    public LambdaService lambda(LambdaService service) {
        return lambda.isEmpty() ? service : new FaultyLambda(service, this);
    }

    /** Every fault injected so far, in order. */
    public synchronized List<Injection> injections() {
        return List.copyOf(injections);
    }

    /** How many faults {@code rule} injected so far. */
    public synchronized long injected(FaultRule rule) {
        return injections.stream().filter(injection -> injection.rule().equals(rule)).count();
    }

    /** How many faults were injected so far, by every rule. */
    public synchronized long injected() {
        return injections.size();
    }

    Optional<AthenaFault> athenaFault(String operation) {
        return select(athena, rule -> rule.matches(operation), operation);
    }

    Optional<S3Fault> s3Fault(S3Method method, String bucket, String key) {
        return select(s3, rule -> rule.matches(method, bucket, key), method + " " + bucket + "/" + key);
    }

    Optional<LambdaFault> lambdaFault(String functionName) {
        return select(lambda, rule -> rule.function().equals(functionName), functionName);
    }

    /** Every matching rule counts the call; the first that selects it is the fault. */
    private synchronized <R extends FaultRule> Optional<R> select(List<Rule<R>> rules, Predicate<R> matches,
            String request) {
        Rule<R> chosen = null;
        long chosenCall = 0;
        for (Rule<R> rule : rules) {
            if (!matches.test(rule.rule)) {
                continue;
            }
            long call = ++rule.count;
            if (chosen == null && rule.rule.calls().includes(call, rule.random)) {
                chosen = rule;
                chosenCall = call;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        injections.add(new Injection(chosen.rule, request, chosenCall));
        return Optional.of(chosen.rule);
    }

    private static final class Rule<R extends FaultRule> {
        private final R rule;
        private final SplittableRandom random;
        private long count;

        private Rule(R rule, SplittableRandom random) {
            this.rule = rule;
            this.random = random;
        }
    }

    @Override
    public synchronized String toString() {
        return "Faults[" + injections.size() + " injected of " + (athena.size() + s3.size() + lambda.size()) + " rules]";
    }
}
