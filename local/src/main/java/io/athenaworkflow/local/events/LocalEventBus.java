package io.athenaworkflow.local.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.template.DeployedTemplate;
import io.athenaworkflow.local.template.RuleDeployment;
import io.athenaworkflow.local.template.RuleTarget;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.JsonRuleCompiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local EventBridge default event bus. Rules are compiled with AWS's own matcher ({@code software.amazon.event.ruler},
 * array-consistent {@code rulesForJSONEvent}), so prefix, suffix, wildcard, anything-but, numeric, exists,
 * equals-ignore-case and {@code $or} patterns behave as on AWS.
 *
 * <p>{@link #putEvent(JsonNode)} returns at once with the names of the matching rules; deliveries run on a bounded
 * pool of threads. A delivery whose target throws is retried ({@link EventBusSettings#maxAttempts()}) after waits on
 * the runtime clock, then recorded in {@link #failedDeliveries()} and logged. Every pending delivery holds a
 * {@link RuntimeClock#begin()} activity, so a virtual clock does not move past it.
 */
public final class LocalEventBus implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalEventBus.class.getName());
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final EventTargets targets;
    private final RuntimeClock clock;
    private final EventBusSettings settings;
    private final GenericMachine<String> machine = GenericMachine.<String>builder().build();
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final List<FailedDelivery> failures = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor deliveries;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition quiet = lock.newCondition();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private int pending;

    private record Rule(String name, String pattern, boolean enabled, List<RuleTarget> targets) {
    }

    private LocalEventBus(EventTargets targets, RuntimeClock clock, EventBusSettings settings) {
        this.targets = targets;
        this.clock = clock;
        this.settings = settings;
        this.deliveries = new ThreadPoolExecutor(settings.deliveryThreads(), settings.deliveryThreads(), 30,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(settings.queueCapacity()), task -> {
                    Thread thread = new Thread(task, "eventbridge-delivery-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.deliveries.allowCoreThreadTimeOut(true);
    }

    public static LocalEventBus start(EventTargets targets, RuntimeClock clock, EventBusSettings settings) {
        if (targets == null || clock == null || settings == null) {
            throw new IllegalArgumentException("targets, clock and settings are required");
        }
        return new LocalEventBus(targets, clock, settings);
    }

    /**
     * Adds a rule, or another target to a rule of the same name and pattern.
     *
     * @throws InvalidEventPatternException when the pattern does not compile, or differs from the existing rule's
     */
    public void addRule(RuleDeployment deployment) {
        String error = JsonRuleCompiler.check(deployment.eventPattern());
        if (error != null) {
            throw new InvalidEventPatternException("Rule " + deployment.name() + ": event pattern is not valid: " + error);
        }
        synchronized (rules) {
            Rule existing = rules.get(deployment.name());
            if (existing != null) {
                if (!sameJson(existing.pattern(), deployment.eventPattern()) || existing.enabled() != deployment.enabled()) {
                    throw new InvalidEventPatternException("Rule " + deployment.name() + " already exists with another"
                            + " pattern or state; remove it first or give the new rule another name.");
                }
                List<RuleTarget> more = new ArrayList<>(existing.targets());
                more.add(deployment.target());
                rules.put(deployment.name(), new Rule(existing.name(), existing.pattern(), existing.enabled(), List.copyOf(more)));
                return;
            }
            try {
                machine.addRule(deployment.name(), deployment.eventPattern());
            } catch (IOException | RuntimeException e) {
                throw new InvalidEventPatternException("Rule " + deployment.name() + ": event pattern is not valid: "
                        + e.getMessage());
            }
            rules.put(deployment.name(), new Rule(deployment.name(), deployment.eventPattern(), deployment.enabled(),
                    List.of(deployment.target())));
        }
    }

    /** Adds every rule of a deployed template. */
    public void addRules(DeployedTemplate template) {
        template.rules().forEach(this::addRule);
    }

    /** Removes a rule with all its targets; false when there was none. */
    public boolean removeRule(String name) {
        synchronized (rules) {
            Rule rule = rules.remove(name);
            if (rule == null) {
                return false;
            }
            try {
                machine.deleteRule(name, rule.pattern());
            } catch (IOException e) {
                throw new IllegalStateException("Removing rule " + name + " failed: " + e.getMessage(), e);
            }
            return true;
        }
    }

    /** The names of the rules on the bus. */
    public List<String> ruleNames() {
        return rules.keySet().stream().sorted().toList();
    }

    /**
     * Puts one event on the bus and schedules its deliveries.
     *
     * @return the names of the enabled rules it matched, in no particular order
     * @throws InvalidEventException when the event is not an object with source, detail-type and detail
     */
    public List<String> putEvent(JsonNode event) {
        validate(event);
        LinkedHashSet<String> matched = new LinkedHashSet<>(machine.rulesForJSONEvent(event));
        List<String> delivered = new ArrayList<>();
        for (String name : matched) {
            Rule rule = rules.get(name);
            if (rule == null || !rule.enabled()) {
                continue;
            }
            delivered.add(name);
            for (RuleTarget target : rule.targets()) {
                schedule(rule.name(), target, event);
            }
        }
        return delivered;
    }

    /** Waits until no delivery is pending; false when {@code timeout} passed first. */
    public boolean awaitQuiet(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (pending > 0) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = quiet.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Deliveries scheduled but not finished. */
    public int pendingDeliveries() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    /** The deliveries the bus gave up on, oldest first. */
    public List<FailedDelivery> failedDeliveries() {
        return List.copyOf(failures);
    }

    /** Stops delivering; deliveries still queued are dropped. */
    @Override
    public void close() {
        for (Runnable dropped : deliveries.shutdownNow()) {
            if (dropped instanceof Delivery delivery) {
                delivery.abandon("the event bus was closed");
            }
        }
    }

    private void schedule(String ruleName, RuleTarget target, JsonNode event) {
        Delivery delivery = new Delivery(ruleName, target, payload(target, event), onceOnly(clock.begin()));
        changePending(1);
        try {
            deliveries.execute(delivery);
        } catch (RejectedExecutionException e) {
            delivery.abandon(deliveries.isShutdown() ? "the event bus was closed"
                    : "the delivery queue is full (" + settings.queueCapacity() + " waiting)");
        }
    }

    private static String payload(RuleTarget target, JsonNode event) {
        return target.input() != null ? target.input() : event.toString();
    }

    /** One event to one target, with retries. */
    private final class Delivery implements Runnable {
        private final String ruleName;
        private final RuleTarget target;
        private final String payload;
        private final RuntimeClock.Activity scheduled;
        private final AtomicBoolean finished = new AtomicBoolean();

        Delivery(String ruleName, RuleTarget target, String payload, RuntimeClock.Activity scheduled) {
            this.ruleName = ruleName;
            this.target = target;
            this.payload = payload;
            this.scheduled = scheduled;
        }

        @Override
        public void run() {
            String lastError = null;
            int attempts = 0;
            boolean delivered = false;
            RuntimeClock.Activity busy = clock.begin();
            try {
                scheduled.close();
                Duration wait = settings.firstRetryDelay();
                while (!delivered && attempts < settings.maxAttempts()) {
                    attempts++;
                    try {
                        send();
                        delivered = true;
                    } catch (RuntimeException e) {
                        lastError = e.toString();
                        LOG.log(System.Logger.Level.DEBUG, "Delivery of rule {0} to {1} failed (attempt {2}): {3}",
                                ruleName, target.arn(), attempts, lastError);
                        if (attempts < settings.maxAttempts()) {
                            try {
                                clock.sleep(wait);
                            } catch (InterruptedException interrupted) {
                                Thread.currentThread().interrupt();
                                lastError = "interrupted while waiting to retry after: " + lastError;
                                break;
                            }
                            wait = Duration.ofNanos((long) (wait.toNanos() * settings.backoffRate()));
                        }
                    }
                }
            } finally {
                busy.close();
            }
            // Reported after the clock activity is closed, so a quiet bus has no busy period left.
            if (delivered) {
                finish();
            } else {
                fail(attempts, lastError);
            }
        }

        private void send() {
            switch (target.kind()) {
                case START_EXECUTION -> targets.startExecution(target.arn(), payload);
                case INVOKE_FUNCTION -> targets.invokeFunction(target.arn(), payload.getBytes(StandardCharsets.UTF_8));
            }
        }

        void abandon(String reason) {
            scheduled.close();
            fail(0, reason);
        }

        private void fail(int attempts, String error) {
            if (finished.compareAndSet(false, true)) {
                failures.add(new FailedDelivery(ruleName, target, attempts, error));
                LOG.log(System.Logger.Level.WARNING, "EventBridge gave up delivering an event of rule {0} to {1} after {2}"
                        + " attempt(s): {3}", ruleName, target.arn(), attempts, error);
                changePending(-1);
            }
        }

        private void finish() {
            if (finished.compareAndSet(false, true)) {
                changePending(-1);
            }
        }
    }

    private void changePending(int delta) {
        lock.lock();
        try {
            pending += delta;
            if (pending == 0) {
                quiet.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private static RuntimeClock.Activity onceOnly(RuntimeClock.Activity activity) {
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                activity.close();
            }
        };
    }

    private static void validate(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("An event must be a JSON object with source, detail-type and detail.");
        }
        for (String field : List.of("source", "detail-type")) {
            if (!event.path(field).isTextual() || event.path(field).asText().isEmpty()) {
                throw new InvalidEventException("The event has no '" + field + "': EventBridge requires source,"
                        + " detail-type and detail.");
            }
        }
        if (!event.path("detail").isObject()) {
            throw new InvalidEventException("The event's 'detail' must be a JSON object.");
        }
    }

    private static boolean sameJson(String a, String b) {
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
