package io.athenaworkflow.local.sfn.asl.definition;

import java.util.Optional;

/** A Wait state: how long ({@code Seconds}/{@code SecondsPath}) or until when ({@code Timestamp}/{@code TimestampPath}). */
public record WaitState(String name, QueryLanguage language, String nextState, DataFlow flow, Until until,
                        Value value) implements State {

    /** Whether {@link #value()} is a number of seconds or a timestamp. */
    public enum Until { SECONDS, TIMESTAMP }

    @Override
    public StateType type() {
        return StateType.WAIT;
    }

    @Override
    public Optional<String> next() {
        return Optional.ofNullable(nextState);
    }
}
