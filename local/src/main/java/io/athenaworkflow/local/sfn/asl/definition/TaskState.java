package io.athenaworkflow.local.sfn.asl.definition;

import java.util.List;
import java.util.Optional;

/**
 * A Task state: its {@code Resource} ARN, optional {@code TimeoutSeconds}/{@code HeartbeatSeconds} (literal, path or
 * JSONata; {@code null} when absent), Retry and Catch.
 */
public record TaskState(String name, QueryLanguage language, String nextState, DataFlow flow, String resource,
                        Value timeoutSeconds, Value heartbeatSeconds, List<Retrier> retriers,
                        List<Catcher> catchers) implements State {

    public TaskState {
        retriers = List.copyOf(retriers);
        catchers = List.copyOf(catchers);
    }

    @Override
    public StateType type() {
        return StateType.TASK;
    }

    @Override
    public Optional<String> next() {
        return Optional.ofNullable(nextState);
    }
}
