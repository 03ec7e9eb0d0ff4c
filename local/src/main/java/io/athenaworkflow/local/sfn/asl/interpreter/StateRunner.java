package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.Catcher;
import io.athenaworkflow.local.sfn.asl.definition.ChoiceState;
import io.athenaworkflow.local.sfn.asl.definition.FailState;
import io.athenaworkflow.local.sfn.asl.definition.JitterStrategy;
import io.athenaworkflow.local.sfn.asl.definition.MapState;
import io.athenaworkflow.local.sfn.asl.definition.ParallelState;
import io.athenaworkflow.local.sfn.asl.definition.PassState;
import io.athenaworkflow.local.sfn.asl.definition.Retrier;
import io.athenaworkflow.local.sfn.asl.definition.State;
import io.athenaworkflow.local.sfn.asl.definition.StateGraph;
import io.athenaworkflow.local.sfn.asl.definition.SucceedState;
import io.athenaworkflow.local.sfn.asl.definition.TaskState;
import io.athenaworkflow.local.sfn.asl.definition.WaitState;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a graph state by state: records each state's entered and exited events, hands the state to the executor of
 * its kind, and applies Retry and Catch around Task, Parallel and Map.
 */
final class StateRunner {

    /** The Step Functions payload quota: 256 KiB of UTF-8 per state input, output and task result. */
    static final int MAX_PAYLOAD_BYTES = 262_144;

    private final Execution execution;
    private final RuntimeClock clock;
    private final Interpreter.Options options;
    private final HistoryWriter history;
    private final DataFlows flows;
    private final PassExecutor passes;
    private final SucceedExecutor succeeds;
    private final FailExecutor fails;
    private final ChoiceExecutor choices;
    private final WaitExecutor waits;
    private final TaskExecutor tasks;
    private final ParallelExecutor parallels;
    private final MapExecutor maps;
    private final DistributedMapExecutor distributedMaps;

    StateRunner(Execution execution, RuntimeClock clock, TaskInvoker invoker, Expressions expressions,
                Interpreter.Options options) {
        this.execution = execution;
        this.clock = clock;
        this.options = options;
        this.history = new HistoryWriter(execution);
        this.flows = new DataFlows(expressions);
        BranchJoin join = new BranchJoin(flows, history);
        this.passes = new PassExecutor(flows);
        this.succeeds = new SucceedExecutor(flows);
        this.fails = new FailExecutor(flows);
        this.choices = new ChoiceExecutor(flows);
        this.waits = new WaitExecutor(flows, clock, execution::sleep);
        this.tasks = new TaskExecutor(flows, history, execution, clock, invoker);
        this.parallels = new ParallelExecutor(flows, history, join, clock, execution, this);
        this.maps = new MapExecutor(flows, history, join, clock, execution, this, options.maxConcurrency());
        this.distributedMaps = new DistributedMapExecutor(flows, history, join, clock, execution, invoker);
    }

    /** Runs {@code graph} from its StartAt to an end state; returns the last state's output. */
    JsonNode runGraph(StateGraph graph, JsonNode input, Frame frame) {
        return runFrom(graph, graph.startAt(), input, frame, null);
    }

    /**
     * Redrives {@code graph} in {@code frame}: from the state where {@code previous} (the frame of the unsuccessful
     * run) stopped, with the input that state had, or from StartAt with {@code input} if it had entered no state.
     */
    JsonNode resumeGraph(StateGraph graph, Frame previous, JsonNode input, Frame frame) {
        Checkpoint stopped = previous.progress;
        return stopped.state().map(state -> runFrom(graph, state, stopped.input(), frame, stopped))
                .orElseGet(() -> runGraph(graph, input, frame));
    }

    /**
     * Runs branch or iteration {@code index} of the Parallel or Map state {@code call} runs, in {@code child}: a
     * redrive resumes it where it stopped (with the variables it had assigned), otherwise it runs from StartAt.
     * The caller first asks {@link #finishedChild} whether a redrive can skip it.
     */
    JsonNode runChild(StateCall call, int index, StateGraph graph, JsonNode input, Frame child) {
        call.frame.progress.childStarted(index, child);
        Frame previous = call.resumed == null ? null : call.resumed.unfinished(index).orElse(null);
        JsonNode output;
        if (previous == null) {
            output = runGraph(graph, input, child);
        } else {
            child.scope.assign(previous.scope.assigned());
            output = resumeGraph(graph, previous, input, child);
        }
        call.frame.progress.childFinished(index, output);
        return output;
    }

    /**
     * When {@code call} redrives a Parallel or Map state: the output of branch or iteration {@code index} if it had
     * succeeded (it is not run again).
     */
    Optional<JsonNode> finishedChild(StateCall call, int index) {
        if (call.resumed == null) {
            return Optional.empty();
        }
        Optional<JsonNode> output = call.resumed.finished(index);
        output.ifPresent(value -> call.frame.progress.childFinished(index, value));
        return output;
    }

    private JsonNode runFrom(StateGraph graph, String first, JsonNode input, Frame frame, Checkpoint resumed) {
        String current = first;
        JsonNode data = input;
        Checkpoint resuming = resumed;
        while (true) {
            if (frame.cancelled.getAsBoolean()) {
                throw new Cancelled();
            }
            frame.progress.at(current, data);
            Step step = runState(graph.require(current), data, frame, resuming);
            resuming = null;
            if (step.next() == null) {
                return step.output();
            }
            current = step.next();
            data = step.output();
        }
    }

    private Step runState(State state, JsonNode input, Frame frame, Checkpoint resumed) {
        Instant entered = clock.now();
        HistoryEvent event = history.append(frame, state.type().aslName() + "StateEntered",
                "stateEnteredEventDetails", HistoryWriter.enteredDetails(state.name(), input));
        StateCall call = new StateCall(state, input, frame, event.id(), entered, execution);
        call.resumed = resumed;
        try {
            return switch (state) {
                case PassState pass -> exit(call, passes.run(call, pass));
                case SucceedState succeed -> new Step(null, exit(call, succeeds.run(call, succeed)).output());
                case FailState fail -> throw fails.error(call, fail);
                case ChoiceState choice -> {
                    ChoiceExecutor.Chosen chosen = choices.run(call, choice);
                    yield new Step(chosen.next(), exit(call, chosen.outcome()).output());
                }
                case WaitState wait -> exit(call, waits.run(call, wait));
                case TaskState task -> withRetries(call, () -> tasks.run(call, task));
                case ParallelState parallel -> withRetries(call, () -> parallels.run(call, parallel));
                case MapState map -> withRetries(call, () -> map.distributed() ? distributedMaps.run(call, map)
                        : maps.run(call, map));
            };
        } catch (Cancelled cancelled) {
            if (state instanceof TaskState || state instanceof WaitState || state instanceof MapState
                    || state instanceof ParallelState) {
                history.appendQuietly(frame, state.type().aslName() + "StateAborted", null, null);
            }
            throw cancelled;
        }
    }

    private Step exit(StateCall call, Outcome outcome) {
        if (Json.utf8Size(Json.compact(outcome.output())) > MAX_PAYLOAD_BYTES) {
            throw new StatesError("States.DataLimitExceeded", call.prefix() + "The state '" + call.state.name()
                    + "' produced an output with a size exceeding the maximum number of bytes service limit.");
        }
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("name", call.state.name());
        details.put("output", Json.compact(outcome.output()));
        details.putObject("outputDetails").put("truncated", false);
        if (outcome.assigned() != null) {
            ObjectNode assigned = details.putObject("assignedVariables");
            outcome.assigned().forEach((name, value) -> assigned.put(name, Json.compact(value)));
            details.putObject("assignedVariablesDetails").put("truncated", false);
        }
        history.append(call.frame, call.state.type().aslName() + "StateExited", "stateExitedEventDetails", details);
        if (outcome.assigned() != null) {
            call.frame.scope.assign(outcome.assigned());
        }
        return new Step(call.state.next().orElse(null), outcome.output());
    }

    // ------------------------------------------------------------------------------------------ retry and catch

    private Step withRetries(StateCall call, Supplier<Outcome> attempt) {
        List<Retrier> retriers = call.state.retriers();
        int[] attempts = new int[retriers.size()];
        while (true) {
            try {
                return exit(call, attempt.get());
            } catch (StatesError error) {
                int index = matching(retriers.stream().map(Retrier::errorEquals).toList(), error.error());
                if (index >= 0) {
                    Retrier retrier = retriers.get(index);
                    if (attempts[index] < retrier.maxAttempts()) {
                        Duration delay = delay(retrier, attempts[index]);
                        attempts[index]++;
                        call.retryCount++;
                        // A retry (like any new entry) runs every branch or iteration again; only a redrive skips.
                        call.resumed = null;
                        call.frame.progress.restartChildren();
                        execution.sleep(delay);
                        continue;
                    }
                }
                List<Catcher> catchers = call.state.catchers();
                int catcher = matching(catchers.stream().map(Catcher::errorEquals).toList(), error.error());
                if (catcher < 0) {
                    throw error;
                }
                return caught(call, catchers.get(catcher), error);
            }
        }
    }

    /** The index of the first handler whose ErrorEquals matches {@code error}, or -1. */
    private static int matching(List<List<String>> handlers, String error) {
        for (int i = 0; i < handlers.size(); i++) {
            if (ErrorNames.matches(handlers.get(i), error)) {
                return i;
            }
        }
        return -1;
    }

    private Duration delay(Retrier retrier, int attempt) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempt);
        if (retrier.hasMaxDelay()) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        if (retrier.jitterStrategy() == JitterStrategy.FULL) {
            seconds = options.random().nextDouble() * seconds;
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private Step caught(StateCall call, Catcher catcher, StatesError error) {
        ObjectNode errorOutput = JsonNodeFactory.instance.objectNode();
        if (error.error() != null) {
            errorOutput.put("Error", error.error());
        }
        if (error.cause() != null) {
            errorOutput.put("Cause", error.cause());
        }
        Outcome outcome = flows.caught(call, catcher, errorOutput, call.context());
        return new Step(catcher.next(), exit(call, outcome).output());
    }
}
