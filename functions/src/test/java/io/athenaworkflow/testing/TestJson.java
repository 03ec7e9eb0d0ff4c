package io.athenaworkflow.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON literals for tests; single quotes may stand for double quotes to keep the Java strings readable. */
public final class TestJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private TestJson() {
    }

    /** Parses JSON written with ' for "; use {@link #strict} when the text itself holds an apostrophe. */
    public static JsonNode json(String relaxed) {
        return strict(relaxed.replace('\'', '"'));
    }

    public static ObjectNode object(String relaxed) {
        return (ObjectNode) json(relaxed);
    }

    public static JsonNode strict(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Bad test JSON: " + text, e);
        }
    }
}
