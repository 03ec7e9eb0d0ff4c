package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.MapState;
import io.athenaworkflow.local.sfn.asl.history.HistoryLimitExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Distributed Map: reads its items ({@link MapItemSource}), selects and batches them ({@link MapBatcher}), records a
 * {@link MapRun} and runs each item (or batch) as a child execution of the Map's ExecutionType, with its own ARN and
 * history, at most MaxConcurrency at once (0: up to {@link #MAX_CHILDREN}; UpdateMapRun may change it while the run
 * goes on). The parent's history keeps MapStateStarted, MapRunStarted and MapRunSucceeded/Failed/Aborted only.
 * Failures beyond the tolerance (a failed batch counts all its items) fail the Map with
 * States.ExceedToleratedFailureThreshold and abort the children still running; a ResultWriter then exports the
 * children's records ({@link ResultExport}).
 */
final class DistributedMapExecutor {

    /** AWS runs up to 10,000 child executions of one Map Run at once; MaxConcurrency 0 means that many. */
    static final int MAX_CHILDREN = 10_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DataFlows flows;
    private final HistoryWriter history;
    private final BranchJoin join;
    private final RuntimeClock clock;
    private final Execution execution;
    private final MapSettings settings;
    private final MapItemSource itemSource;
    private final MapBatcher batcher;
    private final ResultExport export;

    DistributedMapExecutor(DataFlows flows, HistoryWriter history, BranchJoin join, RuntimeClock clock,
                           Execution execution, TaskInvoker invoker) {
        this.flows = flows;
        this.history = history;
        this.join = join;
        this.clock = clock;
        this.execution = execution;
        this.settings = new MapSettings(flows);
        this.itemSource = new MapItemSource(flows, invoker);
        this.batcher = new MapBatcher(flows, settings);
        this.export = new ResultExport(invoker);
    }

    Outcome run(StateCall call, MapState state) {
        ObjectNode context = call.context();
        JsonNode effective = flows.effectiveInput(call, state.flow(), context);
        JsonNode items = state.itemReader() == null ? flows.items(call, state, effective, context)
                : itemSource.read(call, state.itemReader(), effective, context);
        int maxConcurrency = settings.count(call, state.maxConcurrency(), context);
        int toleratedCount = settings.count(call, state.toleratedFailureCount(), context);
        double toleratedPercentage = settings.percentage(call, state.toleratedFailurePercentage(), context);
        List<JsonNode> selected = selected(call, state.itemSelector(), items, effective);
        List<MapBatcher.Batch> batches = state.itemBatcher() == null ? null
                : batcher.batch(call, state.itemBatcher(), selected, effective, context);
        JsonNode writerArguments = state.resultWriter() == null || state.resultWriter().arguments() == null ? null
                : flows.selectItem(call, state.resultWriter().arguments(), effective, context);
        int count = batches == null ? selected.size() : batches.size();
        ObjectNode startedDetails = NODES.objectNode();
        startedDetails.put("length", items.size());
        history.append(call.frame, "MapStateStarted", "mapStateStartedEventDetails", startedDetails);
        MapRun run = new MapRun(mapRunArn(state), execution.context().executionArn(), state.executionType(),
                clock.now(), maxConcurrency, toleratedCount, toleratedPercentage, items.size(), count);
        // Listening before the Map Run is visible, so that no UpdateMapRun can slip in between.
        Fork fork = new Fork(clock, limit(maxConcurrency), execution);
        run.onConcurrencyChange(newLimit -> fork.maxConcurrency(limit(newLimit)));
        execution.addMapRun(run);
        history.append(call.frame, "MapRunStarted", "mapRunStartedEventDetails",
                NODES.objectNode().put("mapRunArn", run.arn()));
        JsonNode[] inputs = new JsonNode[count];
        for (int i = 0; i < count; i++) {
            inputs[i] = batches == null ? selected.get(i) : batches.get(i).input();
        }
        Execution[] children = new Execution[count];
        JsonNode[] results = new JsonNode[count];
        BranchJoin.Failure failure = new BranchJoin.Failure();
        long[] failedItems = {0};
        AtomicBoolean cancelled = new AtomicBoolean();
        try {
            for (int i = 0; i < count && !fork.stopped(); i++) {
                int index = i;
                int size = batches == null ? 1 : batches.get(i).size();
                fork.start(() -> {
                    run.started(size);
                    try {
                        Execution child = execution.startChild(childContext(run, inputs[index]), state.processor(),
                                run.arn());
                        children[index] = child;
                        run.addChild(child, size, index);
                        ExecutionResult result = awaitChild(child);
                        if (result.status() == ExecutionStatus.SUCCEEDED) {
                            results[index] = Json.parse(result.output());
                            run.succeeded(size);
                            return;
                        }
                        // A child stopped from outside counts as aborted, and against the tolerance like a failure.
                        if (result.status() == ExecutionStatus.ABORTED) {
                            run.aborted(size);
                        } else {
                            run.failed(size);
                        }
                        boolean exceeded;
                        synchronized (failedItems) {
                            failedItems[0] += size;
                            exceeded = run.exceeded(failedItems[0]);
                            results[index] = errorOutput(result);
                        }
                        if (exceeded && failure.record(MapSettings.thresholdExceeded())) {
                            fork.stop();
                        }
                    } catch (Cancelled e) {
                        cancelled.set(true);
                        run.aborted(size);
                    } catch (HistoryLimitExceededException | IllegalStateException e) {
                        run.aborted(size);
                        if (failure.record(e)) {
                            fork.stop();
                        }
                    }
                });
            }
            fork.awaitAll();
        } catch (InterruptedException e) {
            fork.stop();
            BranchJoin.awaitQuietly(fork);
            run.end("ABORTED", clock.now());
            history.appendQuietly(call.frame, "MapRunAborted", null, null);
            throw new Cancelled();
        }
        JsonNode result = null;
        if (state.resultWriter() != null && !call.frame.cancelled.getAsBoolean()) {
            List<ResultExport.Child> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                records.add(new ResultExport.Child(children[i], inputs[i], results[i],
                        batches == null ? 1 : batches.get(i).size()));
            }
            try {
                result = export.result(state.resultWriter(), writerArguments, run, records);
            } catch (StatesError e) {
                failure.record(e);
            }
        }
        endMapRun(call, run, failure, cancelled.get());
        return result == null
                ? join.join(call, state.flow(), context, "Map", failure, cancelled.get(), results)
                : join.join(call, state.flow(), context, "Map", failure, cancelled.get(), result);
    }

    /** MaxConcurrency as a number of children: 0 means as many as AWS allows. */
    private static int limit(int maxConcurrency) {
        return maxConcurrency == 0 ? MAX_CHILDREN : Math.min(maxConcurrency, MAX_CHILDREN);
    }

    /**
     * Waits (idle on the clock) for the child to end. When this thread is interrupted (the parent was stopped, or the
     * Map failed), the child is stopped as well (ABORTED) and the Map's iteration ends with {@link Cancelled}.
     */
    private ExecutionResult awaitChild(Execution child) {
        CompletableFuture<RuntimeClock.Activity> handoff = child.endHandoff();
        RuntimeClock.Activity held;
        try {
            held = clock.idle(handoff::get);
        } catch (InterruptedException e) {
            execution.acknowledgeInterrupt();
            handoff.thenAccept(RuntimeClock.Activity::close);
            child.stop(null, null);
            throw new Cancelled();
        } catch (ExecutionException e) {
            throw new IllegalStateException("child execution " + child.context().executionArn() + " crashed",
                    e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("waiting for child execution " + child.context().executionArn()
                    + " failed", e);
        }
        held.close();
        return child.result().orElseThrow();
    }

    /**
     * A child's identity as AWS forms it: named by a UUID, of the state machine {@code MACHINE/LABEL} (the Map Run's),
     * with the ARN {@code ...:execution:MACHINE/LABEL:NAME} (STANDARD) or {@code ...:express:MACHINE/LABEL:NAME:ID}
     * (EXPRESS).
     */
    private ExecutionContext childContext(MapRun run, JsonNode input) {
        String[] parts = run.arn().split(":");
        String prefix = String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4]);
        String machine = parts[6];
        String name = UUID.randomUUID().toString();
        String arn = run.executionType() == MapState.ExecutionType.EXPRESS
                ? prefix + ":express:" + machine + ":" + name + ":" + UUID.randomUUID()
                : prefix + ":execution:" + machine + ":" + name;
        return new ExecutionContext(arn, name, prefix + ":stateMachine:" + machine, machine,
                execution.context().roleArn(), Json.compact(input));
    }

    /** A failed child's place in the Map's result: its Error and Cause. */
    private static ObjectNode errorOutput(ExecutionResult result) {
        ObjectNode errorOutput = NODES.objectNode();
        if (result.error() != null) {
            errorOutput.put("Error", result.error());
        }
        if (result.cause() != null) {
            errorOutput.put("Cause", result.cause());
        }
        return errorOutput;
    }

    /** Every item through the ItemSelector, in order, with {@code $$.Map.Item.Index} and {@code Value} set. */
    private List<JsonNode> selected(StateCall call, JsonNode selector, JsonNode items, JsonNode effective) {
        List<JsonNode> selected = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (selector == null) {
                selected.add(items.get(i));
                continue;
            }
            ObjectNode itemContext = call.context();
            ObjectNode item = itemContext.putObject("Map").putObject("Item");
            item.put("Index", i);
            item.set("Value", items.get(i));
            selected.add(flows.selectItem(call, selector, effective, itemContext));
        }
        return selected;
    }

    /**
     * The Map Run's ARN as AWS forms it:
     * {@code arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID}, the label defaulting to the state's name.
     */
    private String mapRunArn(MapState state) {
        String[] parts = execution.context().stateMachineArn().split(":", 7);
        String label = state.label() == null ? state.name() : state.label();
        return String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "mapRun", parts[6] + "/" + label,
                UUID.randomUUID().toString());
    }

    /** MapRunFailed with the Map's error, MapRunSucceeded, or MapRunAborted when the parent is being stopped. */
    private void endMapRun(StateCall call, MapRun run, BranchJoin.Failure failure, boolean cancelled) {
        if (failure.value() instanceof StatesError error) {
            run.end("FAILED", clock.now());
            ObjectNode details = NODES.objectNode();
            details.put("error", error.error());
            details.put("cause", error.cause());
            history.append(call.frame, "MapRunFailed", "mapRunFailedEventDetails", details);
        } else if (failure.value() == null && !cancelled && !call.frame.cancelled.getAsBoolean()) {
            run.end("SUCCEEDED", clock.now());
            history.append(call.frame, "MapRunSucceeded", null, null);
        } else {
            run.end("ABORTED", clock.now());
            history.appendQuietly(call.frame, "MapRunAborted", null, null);
        }
    }
}
