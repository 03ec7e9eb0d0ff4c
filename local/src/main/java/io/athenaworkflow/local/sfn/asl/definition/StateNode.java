package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * One validated state: its name, type, effective query language, transition, error handlers and nested graphs
 * (Parallel branches, Map item processor). The remaining fields are read from {@link #json()} as written.
 */
public final class StateNode {

    private final String name;
    private final StateType type;
    private final QueryLanguage language;
    private final ObjectNode json;
    private final String next;
    private final List<Retrier> retriers;
    private final List<Catcher> catchers;
    private final List<StateGraph> branches;
    private final StateGraph processor;

    StateNode(String name, StateType type, QueryLanguage language, ObjectNode json, String next,
              List<Retrier> retriers, List<Catcher> catchers, List<StateGraph> branches, StateGraph processor) {
        this.name = name;
        this.type = type;
        this.language = language;
        this.json = json;
        this.next = next;
        this.retriers = List.copyOf(retriers);
        this.catchers = List.copyOf(catchers);
        this.branches = List.copyOf(branches);
        this.processor = processor;
    }

    public String name() {
        return name;
    }

    public StateType type() {
        return type;
    }

    /** The state's own {@code QueryLanguage}, or the one it inherits from its state machine. */
    public QueryLanguage language() {
        return language;
    }

    /** The state's JSON as written in the definition (do not modify). */
    public ObjectNode json() {
        return json;
    }

    /** A field of the state as written, if present (a JSON null counts as present). */
    public Optional<JsonNode> field(String fieldName) {
        return Optional.ofNullable(json.get(fieldName));
    }

    /** The {@code Next} state, or empty for {@code End: true} and for Choice, Succeed and Fail states. */
    public Optional<String> next() {
        return Optional.ofNullable(next);
    }

    public List<Retrier> retriers() {
        return retriers;
    }

    public List<Catcher> catchers() {
        return catchers;
    }

    /** A Parallel state's branches, in order; empty for other types. */
    public List<StateGraph> branches() {
        return branches;
    }

    /** A Map state's ItemProcessor (or legacy Iterator). */
    public Optional<StateGraph> processor() {
        return Optional.ofNullable(processor);
    }

    @Override
    public String toString() {
        return type.aslName() + " state '" + name + "'";
    }
}
