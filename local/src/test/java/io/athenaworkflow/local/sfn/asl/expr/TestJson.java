package io.athenaworkflow.local.sfn.asl.expr;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON literals for tests; single quotes are accepted so the Java source stays readable. */
final class TestJson {

    private static final ObjectMapper LENIENT = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES);

    private TestJson() {
    }

    static JsonNode json(String text) {
        try {
            return LENIENT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Bad JSON in test: " + text, e);
        }
    }

    /** Variables from a JSON object literal: each member is one variable. */
    static Map<String, JsonNode> variables(String objectText) {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        json(objectText).properties().forEach(member -> variables.put(member.getKey(), member.getValue()));
        return variables;
    }

    static final JsonNode CONTEXT = json("""
            {"Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:sm:run-1", "Name": "run-1",
                           "Input": {"start": 2, "end": 6}},
             "State": {"Name": "Prepare", "EnteredTime": "2024-01-01T00:00:00.000Z"},
             "StateMachine": {"Name": "sm"}}""");
}
