package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.MapState;
import io.athenaworkflow.local.sfn.asl.definition.StateGraph;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import io.athenaworkflow.local.sfn.asl.history.HistoryLimitExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Map: runs the item processor once per item, at most MaxConcurrency at a time, each iteration in its own variable
 * scope; failures beyond the tolerated count and percentage fail the state. A Distributed Map reads its items with its
 * ItemReader ({@link MapItemSource}), may give each child a batch of items ({@link MapBatcher}; a failed batch
 * counts all its items as failed, as tolerances count items), records a {@link MapRun}, brackets the iterations with MapRunStarted and MapRunSucceeded or
 * MapRunFailed, and fails with States.ExceedToleratedFailureThreshold once its tolerance is exceeded.
 */
final class MapExecutor {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DataFlows flows;
    private final HistoryWriter history;
    private final BranchJoin join;
    private final RuntimeClock clock;
    private final Execution execution;
    private final StateRunner runner;
    private final int concurrencyCap;
    private final MapSettings settings;
    private final MapItemSource itemSource;
    private final MapBatcher batcher;

    MapExecutor(DataFlows flows, HistoryWriter history, BranchJoin join, RuntimeClock clock, Execution execution,
                StateRunner runner, int concurrencyCap, TaskInvoker invoker) {
        this.flows = flows;
        this.history = history;
        this.join = join;
        this.clock = clock;
        this.execution = execution;
        this.runner = runner;
        this.concurrencyCap = concurrencyCap;
        this.settings = new MapSettings(flows);
        this.itemSource = new MapItemSource(flows, invoker);
        this.batcher = new MapBatcher(flows, settings);
    }

    Outcome run(StateCall call, MapState state) {
        ObjectNode context = call.context();
        JsonNode effective = flows.effectiveInput(call, state.flow(), context);
        JsonNode items = state.itemReader() == null ? flows.items(call, state, effective, context)
                : itemSource.read(call, state.itemReader(), effective, context);
        int maxConcurrency = settings.count(call, state.maxConcurrency(), context);
        int limit = maxConcurrency == 0 ? concurrencyCap : Math.min(maxConcurrency, concurrencyCap);
        int toleratedCount = settings.count(call, state.toleratedFailureCount(), context);
        double toleratedPercentage = settings.percentage(call, state.toleratedFailurePercentage(), context);
        JsonNode selector = state.itemSelector();
        List<MapBatcher.Batch> batches = state.itemBatcher() == null ? null
                : batcher.batch(call, state.itemBatcher(), selected(call, selector, items, effective), effective,
                context);
        int count = batches == null ? items.size() : batches.size();
        ObjectNode startedDetails = NODES.objectNode();
        startedDetails.put("length", items.size());
        HistoryEvent started = history.append(call.frame, "MapStateStarted", "mapStateStartedEventDetails",
                startedDetails);
        MapRun run = null;
        if (state.distributed()) {
            run = new MapRun(mapRunArn(state), execution.context().executionArn(), clock.now(), maxConcurrency,
                    toleratedCount, toleratedPercentage, items.size(), count);
            execution.addMapRun(run);
            history.append(call.frame, "MapRunStarted", "mapRunStartedEventDetails",
                    NODES.objectNode().put("mapRunArn", run.arn()));
        }
        MapRun mapRun = run;
        StateGraph processor = state.processor();
        int totalItems = items.size();
        JsonNode[] results = new JsonNode[count];
        BranchJoin.Failure failure = new BranchJoin.Failure();
        int[] failed = {0};
        Fork fork = new Fork(clock, limit, execution);
        AtomicBoolean cancelled = new AtomicBoolean();
        try {
            for (int i = 0; i < count && !fork.stopped(); i++) {
                int index = i;
                // A redrive of an inline Map runs only the iterations that failed or were aborted.
                JsonNode redriveSkipped = state.distributed() ? null : runner.finishedChild(call, index).orElse(null);
                if (redriveSkipped != null) {
                    results[index] = redriveSkipped;
                    continue;
                }
                JsonNode item = batches == null ? items.get(i) : batches.get(i).input();
                int size = batches == null ? 1 : batches.get(i).size();
                boolean select = batches == null && selector != null;
                Frame child = new Frame(call.frame.scope.child(), index, item,
                        () -> fork.stopped() || call.frame.cancelled.getAsBoolean(), started.id());
                fork.start(() -> {
                    ObjectNode iteration = NODES.objectNode();
                    iteration.put("name", state.name());
                    iteration.put("index", index);
                    if (mapRun != null) {
                        mapRun.started(size);
                    }
                    try {
                        HistoryEvent iterationStarted = history.append(child, "MapIterationStarted",
                                "mapIterationStartedEventDetails", iteration);
                        child.cursor = iterationStarted.id();
                        JsonNode itemInput = item;
                        if (select) {
                            itemInput = select(call, selector, effective, index, item);
                        }
                        results[index] = state.distributed() ? runner.runGraph(processor, itemInput, child)
                                : runner.runChild(call, index, processor, itemInput, child);
                        history.append(child, "MapIterationSucceeded", "mapIterationSucceededEventDetails",
                                iteration);
                        if (mapRun != null) {
                            mapRun.succeeded(size);
                        }
                    } catch (Cancelled e) {
                        cancelled.set(true);
                        if (mapRun != null) {
                            mapRun.aborted(size);
                        }
                        history.appendQuietly(child, "MapIterationAborted", "mapIterationAbortedEventDetails",
                                iteration);
                    } catch (StatesError e) {
                        history.appendQuietly(child, "MapIterationFailed", "mapIterationFailedEventDetails",
                                iteration);
                        if (mapRun != null) {
                            mapRun.failed(size);
                        }
                        boolean exceeded;
                        synchronized (failed) {
                            failed[0] += size;
                            exceeded = failed[0] > toleratedCount
                                    && failed[0] * 100.0 / totalItems > toleratedPercentage;
                            ObjectNode errorOutput = NODES.objectNode();
                            if (e.error() != null) {
                                errorOutput.put("Error", e.error());
                            }
                            if (e.cause() != null) {
                                errorOutput.put("Cause", e.cause());
                            }
                            results[index] = errorOutput;
                        }
                        if (exceeded && failure.record(tolerated(e, state.distributed(), toleratedCount,
                                toleratedPercentage))) {
                            fork.stop();
                        }
                    } catch (HistoryLimitExceededException | IllegalStateException e) {
                        if (mapRun != null) {
                            mapRun.aborted(size);
                        }
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
            if (mapRun != null) {
                mapRun.end("ABORTED", clock.now());
            }
            throw new Cancelled();
        }
        if (mapRun != null) {
            endMapRun(call, mapRun, failure, cancelled.get());
        }
        return join.join(call, state.flow(), context, "Map", failure, cancelled.get(), results);
    }

    /** Every item through the ItemSelector, in order, as a batched Map selects them before batching. */
    private List<JsonNode> selected(StateCall call, JsonNode selector, JsonNode items, JsonNode effective) {
        List<JsonNode> selected = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            selected.add(selector == null ? items.get(i) : select(call, selector, effective, i, items.get(i)));
        }
        return selected;
    }

    /** One item through the ItemSelector, with {@code $$.Map.Item.Index} and {@code Value} in the context. */
    private JsonNode select(StateCall call, JsonNode selector, JsonNode effective, int index, JsonNode item) {
        ObjectNode itemContext = call.context();
        ObjectNode mapNode = itemContext.putObject("Map").putObject("Item");
        mapNode.put("Index", index);
        mapNode.set("Value", item);
        return flows.selectItem(call, selector, effective, itemContext);
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

    /** MapRunFailed with the Map's error, or MapRunSucceeded; a cancelled run records neither (it was aborted). */
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
        }
    }

    /**
     * The error a Map fails with: the iteration's own error when an inline Map tolerates no failure,
     * States.ExceedToleratedFailureThreshold when a tolerance was set and exceeded, and always for a Distributed Map
     * (its Map Run fails, not the item).
     */
    private static StatesError tolerated(StatesError error, boolean distributed, int toleratedCount,
                                         double toleratedPercentage) {
        if (!distributed && toleratedCount == 0 && toleratedPercentage == 0) {
            return error;
        }
        return new StatesError("States.ExceedToleratedFailureThreshold",
                "The specified tolerated failure threshold was exceeded");
    }
}
