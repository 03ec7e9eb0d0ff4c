package io.athenaworkflow.local.sfn.asl.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@code StartAt} + {@code States} pair: the top level of a state machine, a Parallel branch or a Map processor. */
public final class StateGraph {

    private final String startAt;
    private final Map<String, State> states;

    StateGraph(String startAt, Map<String, State> states) {
        this.startAt = startAt;
        this.states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    public String startAt() {
        return startAt;
    }

    /** The states in definition order. */
    public Map<String, State> states() {
        return states;
    }

    public Optional<State> state(String name) {
        return Optional.ofNullable(states.get(name));
    }

    /**
     * The state {@code name} of this graph or, at any depth, of a Parallel branch or Map processor inside it (state
     * names are unique across a whole definition).
     */
    public Optional<State> find(String name) {
        Optional<State> here = state(name);
        if (here.isPresent()) {
            return here;
        }
        for (State state : states.values()) {
            List<StateGraph> nested = switch (state) {
                case ParallelState parallel -> parallel.branches();
                case MapState map -> map.processor() == null ? List.of() : List.of(map.processor());
                default -> List.of();
            };
            for (StateGraph inner : nested) {
                Optional<State> found = inner.find(name);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The state {@code name}; the definition was validated, so a missing one is a programming error. */
    public State require(String name) {
        State node = states.get(name);
        if (node == null) {
            throw new IllegalStateException("no state named '" + name + "' in this graph");
        }
        return node;
    }
}
