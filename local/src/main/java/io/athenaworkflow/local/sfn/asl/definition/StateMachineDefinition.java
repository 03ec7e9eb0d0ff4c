package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed and validated Amazon States Language definition. Immutable and safe to share between executions.
 */
public final class StateMachineDefinition {

    private final ObjectNode json;
    private final StateGraph graph;
    private final QueryLanguage queryLanguage;
    private final Integer timeoutSeconds;
    private final String comment;

    StateMachineDefinition(ObjectNode json, StateGraph graph, QueryLanguage queryLanguage, Integer timeoutSeconds,
                           String comment) {
        this.json = json;
        this.graph = graph;
        this.queryLanguage = queryLanguage;
        this.timeoutSeconds = timeoutSeconds;
        this.comment = comment;
    }

    /**
     * Parses and validates {@code json}.
     *
     * @throws InvalidDefinitionException if the text is not JSON or not a valid state machine (every problem listed)
     * @throws UnsupportedFeatureException if the definition is valid but uses a feature the local interpreter lacks
     */
    public static StateMachineDefinition parse(String json) {
        return new DefinitionParser().parse(json);
    }

    /**
     * Parses and validates the definition of a single state, named {@code name} (TestState without a stateName).
     *
     * @throws InvalidDefinitionException if the text is not JSON or not a valid state (every problem listed)
     */
    public static State parseState(String json, String name) {
        return new DefinitionParser().parseState(json, name);
    }

    /** The state named {@code name}, at the top level or inside a Parallel branch or Map processor. */
    public Optional<State> findState(String name) {
        return graph.find(name);
    }

    /** The definition as written (do not modify). */
    public ObjectNode json() {
        return json;
    }

    /** The top-level {@code StartAt}/{@code States}. */
    public StateGraph graph() {
        return graph;
    }

    /** The top-level {@code QueryLanguage} (JSONPath when absent). */
    public QueryLanguage queryLanguage() {
        return queryLanguage;
    }

    /** The execution-level {@code TimeoutSeconds}, if set. */
    public OptionalInt timeoutSeconds() {
        return timeoutSeconds == null ? OptionalInt.empty() : OptionalInt.of(timeoutSeconds);
    }

    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }
}
