package io.athenaworkflow.local.sfn.asl.definition;

import java.util.List;
import java.util.Optional;

/** A Choice state: its rules in order and the {@code Default} state ({@code null} when absent). */
public record ChoiceState(String name, QueryLanguage language, DataFlow flow, List<ChoiceRule> choices,
                          String defaultState) implements State {

    public ChoiceState {
        choices = List.copyOf(choices);
    }

    @Override
    public StateType type() {
        return StateType.CHOICE;
    }

    /** The Default state, if any. */
    public Optional<String> defaultNext() {
        return Optional.ofNullable(defaultState);
    }
}
