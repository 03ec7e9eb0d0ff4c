package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.ParallelState;
import io.athenaworkflow.local.sfn.asl.definition.StateGraph;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import io.athenaworkflow.local.sfn.asl.history.HistoryLimitExceededException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Parallel: every branch on its own thread with the same input; the first failure stops the siblings. A redrive runs
 * only the branches that failed or were aborted.
 */
final class ParallelExecutor {

    private final DataFlows flows;
    private final HistoryWriter history;
    private final BranchJoin join;
    private final RuntimeClock clock;
    private final Execution execution;
    private final StateRunner runner;

    ParallelExecutor(DataFlows flows, HistoryWriter history, BranchJoin join, RuntimeClock clock,
                     Execution execution, StateRunner runner) {
        this.flows = flows;
        this.history = history;
        this.join = join;
        this.clock = clock;
        this.execution = execution;
        this.runner = runner;
    }

    Outcome run(StateCall call, ParallelState state) {
        ObjectNode context = call.context();
        JsonNode branchInput = flows.arguments(call, state.flow(), context);
        HistoryEvent started = history.append(call.frame, "ParallelStateStarted", null, null);
        List<StateGraph> branches = state.branches();
        JsonNode[] results = new JsonNode[branches.size()];
        BranchJoin.Failure failure = new BranchJoin.Failure();
        Fork fork = new Fork(clock, Integer.MAX_VALUE, execution);
        AtomicBoolean branchCancelled = new AtomicBoolean();
        try {
            for (int i = 0; i < branches.size(); i++) {
                int index = i;
                JsonNode redriveSkipped = runner.finishedChild(call, index).orElse(null);
                if (redriveSkipped != null) {
                    results[index] = redriveSkipped;
                    continue;
                }
                Frame child = new Frame(call.frame.scope.child(), null, null,
                        () -> fork.stopped() || call.frame.cancelled.getAsBoolean(), started.id());
                fork.start(() -> {
                    try {
                        results[index] = runner.runChild(call, index, branches.get(index), branchInput, child);
                    } catch (StatesError | Cancelled | HistoryLimitExceededException | IllegalStateException e) {
                        if (!(e instanceof Cancelled) && failure.record(e)) {
                            fork.stop();
                        } else if (e instanceof Cancelled) {
                            branchCancelled.set(true);
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
        return join.join(call, state.flow(), context, "Parallel", failure, branchCancelled.get(), results);
    }
}
