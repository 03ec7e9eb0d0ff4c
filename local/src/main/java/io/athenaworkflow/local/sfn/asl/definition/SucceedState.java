package io.athenaworkflow.local.sfn.asl.definition;

/** A Succeed state. */
public record SucceedState(String name, QueryLanguage language, DataFlow flow) implements State {

    @Override
    public StateType type() {
        return StateType.SUCCEED;
    }
}
