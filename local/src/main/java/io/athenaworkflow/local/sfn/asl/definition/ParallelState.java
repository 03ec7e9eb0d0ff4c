package io.athenaworkflow.local.sfn.asl.definition;

import java.util.List;
import java.util.Optional;

/** A Parallel state: its branches in order, Retry and Catch. */
public record ParallelState(String name, QueryLanguage language, String nextState, DataFlow flow,
                            List<StateGraph> branches, List<Retrier> retriers, List<Catcher> catchers)
        implements State {

    public ParallelState {
        branches = List.copyOf(branches);
        retriers = List.copyOf(retriers);
        catchers = List.copyOf(catchers);
    }

    @Override
    public StateType type() {
        return StateType.PARALLEL;
    }

    @Override
    public Optional<String> next() {
        return Optional.ofNullable(nextState);
    }
}
