package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables of one scope: the top level, a Parallel branch or a Map iteration. An inner scope reads the
 * variables of the scopes around it and assigns only its own.
 */
final class Scope {

    private final Scope parent;
    private final Map<String, JsonNode> own = new HashMap<>();

    private Scope(Scope parent) {
        this.parent = parent;
    }

    static Scope root() {
        return new Scope(null);
    }

    Scope child() {
        return new Scope(this);
    }

    /** Every variable visible here, inner ones shadowing none (names are unique across nested scopes). */
    synchronized Map<String, JsonNode> visible() {
        Map<String, JsonNode> all = parent == null ? new HashMap<>() : parent.visible();
        all.putAll(own);
        return all;
    }

    /** The variables assigned in this scope itself (a redriven branch or iteration starts with them). */
    synchronized Map<String, JsonNode> assigned() {
        return Map.copyOf(own);
    }

    synchronized void assign(Map<String, JsonNode> values) {
        own.putAll(values);
    }
}
