package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A Pass state; {@code result} is its JSONPath {@code Result} literal, or {@code null}. */
public record PassState(String name, QueryLanguage language, String nextState, DataFlow flow, JsonNode result)
        implements State {

    @Override
    public StateType type() {
        return StateType.PASS;
    }

    @Override
    public Optional<String> next() {
        return Optional.ofNullable(nextState);
    }
}
