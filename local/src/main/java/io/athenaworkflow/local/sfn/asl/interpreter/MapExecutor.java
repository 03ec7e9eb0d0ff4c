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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An INLINE Map: runs the item processor once per item inside this execution, at most MaxConcurrency at a time, each
 * iteration in its own variable scope with its MapIteration* events; failures beyond the tolerated count and
 * percentage fail the state. A Distributed Map runs children instead ({@link DistributedMapExecutor}).
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

    MapExecutor(DataFlows flows, HistoryWriter history, BranchJoin join, RuntimeClock clock, Execution execution,
                StateRunner runner, int concurrencyCap) {
        this.flows = flows;
        this.history = history;
        this.join = join;
        this.clock = clock;
        this.execution = execution;
        this.runner = runner;
        this.concurrencyCap = concurrencyCap;
        this.settings = new MapSettings(flows);
    }

    Outcome run(StateCall call, MapState state) {
        ObjectNode context = call.context();
        JsonNode effective = flows.effectiveInput(call, state.flow(), context);
        JsonNode items = flows.items(call, state, effective, context);
        int maxConcurrency = settings.count(call, state.maxConcurrency(), context);
        int limit = maxConcurrency == 0 ? concurrencyCap : Math.min(maxConcurrency, concurrencyCap);
        int toleratedCount = settings.count(call, state.toleratedFailureCount(), context);
        double toleratedPercentage = settings.percentage(call, state.toleratedFailurePercentage(), context);
        JsonNode selector = state.itemSelector();
        int count = items.size();
        ObjectNode startedDetails = NODES.objectNode();
        startedDetails.put("length", items.size());
        HistoryEvent started = history.append(call.frame, "MapStateStarted", "mapStateStartedEventDetails",
                startedDetails);
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
                // A redrive runs only the iterations that failed or were aborted.
                JsonNode redriveSkipped = runner.finishedChild(call, index).orElse(null);
                if (redriveSkipped != null) {
                    results[index] = redriveSkipped;
                    continue;
                }
                JsonNode item = items.get(i);
                boolean select = selector != null;
                Frame child = new Frame(call.frame.scope.child(), index, item,
                        () -> fork.stopped() || call.frame.cancelled.getAsBoolean(), started.id());
                fork.start(() -> {
                    ObjectNode iteration = NODES.objectNode();
                    iteration.put("name", state.name());
                    iteration.put("index", index);
                    try {
                        HistoryEvent iterationStarted = history.append(child, "MapIterationStarted",
                                "mapIterationStartedEventDetails", iteration);
                        child.cursor = iterationStarted.id();
                        JsonNode itemInput = item;
                        if (select) {
                            itemInput = select(call, selector, effective, index, item);
                        }
                        results[index] = runner.runChild(call, index, processor, itemInput, child);
                        history.append(child, "MapIterationSucceeded", "mapIterationSucceededEventDetails",
                                iteration);
                    } catch (Cancelled e) {
                        cancelled.set(true);
                        history.appendQuietly(child, "MapIterationAborted", "mapIterationAbortedEventDetails",
                                iteration);
                    } catch (StatesError e) {
                        history.appendQuietly(child, "MapIterationFailed", "mapIterationFailedEventDetails",
                                iteration);
                        boolean exceeded;
                        synchronized (failed) {
                            failed[0]++;
                            exceeded = MapSettings.exceeded(failed[0], totalItems, toleratedCount,
                                    toleratedPercentage);
                            ObjectNode errorOutput = NODES.objectNode();
                            if (e.error() != null) {
                                errorOutput.put("Error", e.error());
                            }
                            if (e.cause() != null) {
                                errorOutput.put("Cause", e.cause());
                            }
                            results[index] = errorOutput;
                        }
                        if (exceeded && failure.record(tolerated(e, toleratedCount, toleratedPercentage))) {
                            fork.stop();
                        }
                    } catch (HistoryLimitExceededException | IllegalStateException e) {
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
            throw new Cancelled();
        }
        return join.join(call, state.flow(), context, "Map", failure, cancelled.get(), results);
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
     * The error a Map fails with: the iteration's own error when it tolerates no failure,
     * States.ExceedToleratedFailureThreshold when a tolerance was set and exceeded.
     */
    private static StatesError tolerated(StatesError error, int toleratedCount, double toleratedPercentage) {
        if (toleratedCount == 0 && toleratedPercentage == 0) {
            return error;
        }
        return MapSettings.thresholdExceeded();
    }
}
