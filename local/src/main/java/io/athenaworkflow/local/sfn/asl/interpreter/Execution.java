package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.StateGraph;
import io.athenaworkflow.local.sfn.asl.definition.StateMachineDefinition;
import io.athenaworkflow.local.sfn.asl.history.ExecutionHistory;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import io.athenaworkflow.local.sfn.asl.history.HistoryLimitExceededException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A running (or finished) execution of a state machine: its status, history and result. Created by
 * {@link Interpreter#start}; runs on its own virtual thread, Parallel branches and Map iterations on theirs.
 */
public final class Execution {

    /** How long {@link #stop} waits (real time) for the states to record their aborts before it ends the history. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ExecutionContext context;
    private final List<MapRun> mapRuns = new CopyOnWriteArrayList<>();
    private final StateMachineDefinition definition;
    private final StateGraph graph;
    private final OptionalInt timeoutSeconds;
    private final String mapRunArn;
    private final TaskInvoker invoker;
    private final Expressions expressions;
    private final Interpreter.Options options;
    private final RuntimeClock clock;
    private final ExecutionListener listener;
    private ExecutionResult finalResult;
    private final JsonNode input;
    private final Instant startDate;
    private final ExecutionHistory history;
    private volatile CompletableFuture<ExecutionResult> done = new CompletableFuture<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final java.util.Map<Thread, RuntimeClock.Activity> pendingInterrupts = new java.util.HashMap<>();
    private final StateRunner runner;
    private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
    private volatile Termination termination;
    /** The top-level frame of the latest run (the first one, or the latest redrive). */
    private volatile Frame root;
    private volatile int redriveCount;
    /** Whether the execution failed for reaching the history quota (it cannot be redriven then). */
    private volatile boolean historyExhausted;
    private volatile Instant redriveDate;

    /** Why the execution is being ended from outside its states. */
    private record Termination(ExecutionStatus status, String error, String cause) {
    }

    Execution(ExecutionContext context, StateMachineDefinition definition, RuntimeClock clock, TaskInvoker invoker,
              Expressions expressions, Interpreter.Options options, ExecutionListener listener) {
        this(context, definition, definition.graph(), definition.timeoutSeconds(), null, clock, invoker, expressions,
                options, listener);
    }

    /** An execution running {@code graph}: the definition's own, or a Distributed Map's item processor. */
    private Execution(ExecutionContext context, StateMachineDefinition definition, StateGraph graph,
                      OptionalInt timeoutSeconds, String mapRunArn, RuntimeClock clock, TaskInvoker invoker,
                      Expressions expressions, Interpreter.Options options, ExecutionListener listener) {
        this.context = context;
        this.definition = definition;
        this.graph = graph;
        this.timeoutSeconds = timeoutSeconds;
        this.mapRunArn = mapRunArn;
        this.invoker = invoker;
        this.expressions = expressions;
        this.options = options;
        this.clock = clock;
        this.listener = listener;
        this.input = Json.parse(context.inputJson());
        this.startDate = clock.now();
        this.history = ExecutionHistory.withLimit(clock, event -> notifyEvent(event), options.historyLimit());
        this.runner = new StateRunner(this, clock, invoker, expressions, options);
    }

    /** Records ExecutionStarted and starts the execution thread. */
    void begin() {
        ObjectNode started = JsonNodeFactory.instance.objectNode();
        started.put("input", Json.compact(input));
        started.putObject("inputDetails").put("truncated", false);
        started.put("roleArn", context.roleArn());
        history.append("ExecutionStarted", 0, "executionStartedEventDetails", started);
        notifyStatus(ExecutionStatus.RUNNING);
        root = new Frame(Scope.root(), null, null, () -> termination != null, 0);
        Frame first = root;
        launch(startDate, () -> runner.runGraph(graph, input, first));
    }

    /**
     * RedriveExecution: appends ExecutionRedriven and runs again from the state where the unsuccessful run stopped,
     * with the input that state had and the variables assigned so far; Parallel branches and inline Map iterations
     * that succeeded are not run again. The execution is RUNNING when this returns; its timeout counts from now.
     *
     * @return the redrive date
     * @throws IllegalStateException if the execution is not FAILED, TIMED_OUT or ABORTED
     */
    public Instant redrive() {
        Frame previous;
        Instant now;
        synchronized (this) {
            if (finalResult == null || finalResult.status() == ExecutionStatus.SUCCEEDED) {
                throw new IllegalStateException("Execution is " + status + " and cannot be redriven");
            }
            now = clock.now();
            int count = redriveCount + 1;
            ObjectNode details = JsonNodeFactory.instance.objectNode().put("redriveCount", count);
            HistoryEvent redriven = history.reopen("ExecutionRedriven", "executionRedrivenEventDetails", details);
            redriveCount = count;
            redriveDate = now;
            finalResult = null;
            termination = null;
            status = ExecutionStatus.RUNNING;
            done = new CompletableFuture<>();
            previous = root;
            root = new Frame(previous.scope, null, null, () -> termination != null, redriven.id());
        }
        notifyStatus(ExecutionStatus.RUNNING);
        Frame resumed = root;
        launch(now, () -> runner.resumeGraph(graph, previous, input, resumed));
        return now;
    }

    /** Runs {@code body} on the execution's own thread; the timeout counts from {@code from}. */
    private void launch(Instant from, Supplier<JsonNode> body) {
        java.util.concurrent.CountDownLatch begun = new java.util.concurrent.CountDownLatch(1);
        Thread thread = Thread.ofVirtual().name("sfn-" + context.name()).unstarted(() -> {
            try (RuntimeClock.Activity ignored = clock.begin()) {
                register(Thread.currentThread());
                begun.countDown();
                run(from, body);
            } finally {
                unregister(Thread.currentThread());
            }
        });
        thread.start();
        try {
            begun.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Instant from, Supplier<JsonNode> body) {
        Watchdog timeout = null;
        try {
            if (timeoutSeconds.isPresent()) {
                Instant deadline = from.plusSeconds(timeoutSeconds.getAsInt());
                timeout = Watchdog.start(clock, () -> deadline,
                        () -> terminate(new Termination(ExecutionStatus.TIMED_OUT, "States.Timeout", null)));
            }
            JsonNode output = body.get();
            String text = Json.compact(output);
            if (Json.utf8Size(text) > StateRunner.MAX_PAYLOAD_BYTES) {
                fail("States.DataLimitExceeded", "The execution output has a size exceeding the maximum number of"
                        + " bytes service limit.");
                return;
            }
            if (termination != null) {
                ended();
                return;
            }
            ObjectNode details = JsonNodeFactory.instance.objectNode();
            details.put("output", text);
            details.putObject("outputDetails").put("truncated", false);
            finish(ExecutionStatus.SUCCEEDED, "ExecutionSucceeded", "executionSucceededEventDetails", details,
                    text, null, null);
        } catch (Cancelled cancelled) {
            ended();
        } catch (StatesError error) {
            if (termination != null) {
                ended();
            } else {
                fail(error.error(), error.cause());
            }
        } catch (HistoryLimitExceededException limit) {
            fail("States.Runtime", HistoryLimitExceededException.CAUSE);
        } catch (InterruptedException e) {
            ended();
        } catch (IllegalStateException closed) {
            // The history was closed by stop(): the terminal event is already there.
            ended();
        } finally {
            if (timeout != null) {
                timeout.close();
            }
        }
    }

    /** Ends an execution stopped or timed out from outside. */
    private void ended() {
        Termination why = termination;
        if (why == null) {
            fail("States.Runtime", "The execution was interrupted");
            return;
        }
        if (why.status() == ExecutionStatus.TIMED_OUT) {
            finish(ExecutionStatus.TIMED_OUT, "ExecutionTimedOut", "executionTimedOutEventDetails",
                    JsonNodeFactory.instance.objectNode(), null, why.error(), why.cause());
        } else {
            ObjectNode details = JsonNodeFactory.instance.objectNode();
            if (why.error() != null) {
                details.put("error", why.error());
            }
            if (why.cause() != null) {
                details.put("cause", why.cause());
            }
            finish(ExecutionStatus.ABORTED, "ExecutionAborted", "executionAbortedEventDetails", details, null,
                    why.error(), why.cause());
        }
    }

    private void fail(String error, String cause) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        finish(ExecutionStatus.FAILED, "ExecutionFailed", "executionFailedEventDetails", details, null, error, cause);
    }

    private void finish(ExecutionStatus finalStatus, String type, String detailsField, ObjectNode details,
                        String output, String error, String cause) {
        ExecutionResult result;
        CompletableFuture<ExecutionResult> completing;
        synchronized (this) {
            completing = done;
            if (finalResult != null) {
                return;
            }
            try {
                history.appendTerminal(type, history.lastEventId(), detailsField, details);
            } catch (IllegalStateException alreadyClosed) {
                return;
            }
            status = finalStatus;
            result = new ExecutionResult(finalStatus, output, error, cause, startDate, clock.now());
            historyExhausted = type.equals("ExecutionFailed") && HistoryLimitExceededException.CAUSE.equals(cause);
            finalResult = result;
        }
        // Listeners hear of the end before await() returns, so whoever awaits sees their effects (e.g. the
        // status-change event already handed to EventBridge).
        notifyStatus(finalStatus);
        completing.complete(result);
    }

    private void terminate(Termination why) {
        synchronized (this) {
            if (termination != null || done.isDone()) {
                return;
            }
            termination = why;
        }
        for (Thread thread : List.copyOf(threads)) {
            interrupt(thread);
        }
    }

    void register(Thread thread) {
        threads.add(thread);
        if (termination != null) {
            interrupt(thread);
        }
    }

    void unregister(Thread thread) {
        synchronized (pendingInterrupts) {
            threads.remove(thread);
            acknowledgeInterrupt();
        }
    }

    /**
     * Interrupts one of this execution's threads, keeping the clock busy on its behalf until it has reacted (see
     * {@link #acknowledgeInterrupt()}): otherwise a virtual clock could jump past the instant of the interruption.
     */
    void interrupt(Thread thread) {
        synchronized (pendingInterrupts) {
            if (!threads.contains(thread)) {
                return;
            }
            if (!pendingInterrupts.containsKey(thread)) {
                pendingInterrupts.put(thread, clock.begin());
            }
            thread.interrupt();
        }
    }

    /** Called by a thread that has seen its interruption: releases the activity held for it. */
    void acknowledgeInterrupt() {
        RuntimeClock.Activity held;
        synchronized (pendingInterrupts) {
            held = pendingInterrupts.remove(Thread.currentThread());
        }
        if (held != null) {
            held.close();
        }
    }

    /**
     * Sleeps on the runtime clock (Wait states, Retry intervals); an interruption means the execution is being
     * ended, so the state stops with {@link Cancelled}.
     */
    void sleep(Duration duration) {
        try {
            clock.sleep(duration);
        } catch (InterruptedException e) {
            acknowledgeInterrupt();
            throw new Cancelled();
        }
    }

    /**
     * Starts a child execution of a Distributed Map (its {@code processor} graph, on this execution's clock, task
     * invoker and options, without a timeout of its own), started by the Map Run {@code mapRunArn}.
     */
    Execution startChild(ExecutionContext childContext, StateGraph processor, String runArn) {
        Execution child = new Execution(childContext, definition, processor, OptionalInt.empty(), runArn, clock,
                invoker, expressions, options, ExecutionListener.NONE);
        child.begin();
        return child;
    }

    /**
     * A clock activity opened by whoever ends this execution, before the end is announced: a thread waiting for the
     * end inside {@link RuntimeClock#idle} takes it over and closes it, so a virtual clock cannot move between the
     * end and the waiter's resumption.
     */
    CompletableFuture<RuntimeClock.Activity> endHandoff() {
        return done.thenApply(result -> clock.begin());
    }

    ExecutionHistory recorder() {
        return history;
    }

    JsonNode input() {
        return input;
    }

    // -------------------------------------------------------------------------------------------------- public

    public ExecutionContext context() {
        return context;
    }

    public StateMachineDefinition definition() {
        return definition;
    }

    public Instant startDate() {
        return startDate;
    }

    /** How many times the execution was redriven (0 if never). */
    public int redriveCount() {
        return redriveCount;
    }

    /** When the execution was last redriven, or empty if never. */
    public Optional<Instant> redriveDate() {
        return Optional.ofNullable(redriveDate);
    }

    /** Whether the execution ended by reaching the history quota, which rules out a redrive. */
    public boolean historyExhausted() {
        return historyExhausted;
    }

    /** RUNNING until the execution ends, then its terminal status. */
    public ExecutionStatus status() {
        return status;
    }

    /** The result once the execution has ended. */
    public synchronized Optional<ExecutionResult> result() {
        return Optional.ofNullable(finalResult);
    }

    /**
     * Blocks until the execution ends. With a virtual clock, call this from a thread that is not registered with the
     * clock (a test or API thread): waiting does not hold the clock back.
     */
    public ExecutionResult await() {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for execution " + context.executionArn(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("execution " + context.executionArn() + " crashed", e.getCause());
        }
    }

    /** Like {@link #await()}, giving up after {@code timeout} of real time. */
    public Optional<ExecutionResult> await(Duration timeout) {
        try {
            return Optional.of(done.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("execution " + context.executionArn() + " crashed", e.getCause());
        }
    }

    /**
     * Stops the execution (StopExecution): running states are interrupted and record their *Aborted events, then
     * ExecutionAborted with {@code error} and {@code cause} (either may be null). Does nothing if it already ended.
     *
     * @return the result of the execution (ABORTED, or how it ended if it ended first)
     */
    public ExecutionResult stop(String error, String cause) {
        terminate(new Termination(ExecutionStatus.ABORTED, error, cause));
        Optional<ExecutionResult> result = await(STOP_GRACE);
        if (result.isPresent()) {
            return result.get();
        }
        // A task that ignores interruption must not keep the execution alive: end the history now.
        ended();
        return await();
    }

    /** The Map Run that started this execution, if it is a child execution of a Distributed Map. */
    public Optional<String> mapRunArn() {
        return Optional.ofNullable(mapRunArn);
    }

    /** The Map Runs of this execution's Distributed Map states, in the order they started. */
    public List<MapRun> mapRuns() {
        return List.copyOf(mapRuns);
    }

    void addMapRun(MapRun run) {
        mapRuns.add(run);
    }

    /** A snapshot of the history so far. */
    public List<HistoryEvent> history() {
        return history.events();
    }

    private void notifyEvent(HistoryEvent event) {
        try {
            listener.onEvent(this, event);
        } catch (RuntimeException ignored) {
            // A listener must not break the execution.
        }
    }

    private void notifyStatus(ExecutionStatus newStatus) {
        try {
            listener.onStatusChange(this, newStatus);
        } catch (RuntimeException ignored) {
            // A listener must not break the execution.
        }
    }
}
