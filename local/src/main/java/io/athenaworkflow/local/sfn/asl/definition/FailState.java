package io.athenaworkflow.local.sfn.asl.definition;

/** A Fail state: its {@code Error} and {@code Cause} ({@code null} when the state sets neither form). */
public record FailState(String name, QueryLanguage language, Value error, Value cause) implements State {

    @Override
    public StateType type() {
        return StateType.FAIL;
    }
}
