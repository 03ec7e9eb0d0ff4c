package io.athenaworkflow.local.sfn.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.time.InstantSource;
import java.util.Map;

/**
 * Resolves a JSONata-mode field value ({@code Arguments}, {@code Output}, {@code Assign}, {@code Items}, ...): every
 * string anywhere in the value that is exactly one {@code {% expression %}} (starting with {@code {%} and ending with
 * {@code %}}, whitespace allowed inside) is replaced by the expression's value; every other string, number, boolean
 * and null, and every object key, is kept as written. There is no interpolation of several expressions in one string.
 *
 * <p>An expression that returns nothing (undefined) fails the state with {@code States.QueryEvaluationError}, naming
 * the expression and where it was written ({@code Output/a/b[0]}), as on Step Functions.
 */
public final class JsonataTemplates {

    private JsonataTemplates() {
    }

    /**
     * Resolves {@code template}; errors name the location inside the template ({@code a/b[0]}) without a field prefix.
     *
     * @throws StatesError {@code States.QueryEvaluationError} when an expression fails or returns nothing
     */
    public static JsonNode resolve(JsonNode template, JsonNode statesBinding, Map<String, JsonNode> variables) {
        return resolve(template, statesBinding, variables, null, InstantSource.system());
    }

    /**
     * Resolves the value of the ASL field {@code field} (for example {@code "Output"} or {@code "Arguments"}); errors
     * name the field and the location inside it, as Step Functions does: {@code Arguments/Input/pushLocation}.
     *
     * @throws StatesError {@code States.QueryEvaluationError} when an expression fails or returns nothing
     */
    public static JsonNode resolve(JsonNode template, JsonNode statesBinding, Map<String, JsonNode> variables,
                                   String field) {
        return resolve(template, statesBinding, variables, field, InstantSource.system());
    }

    /** As {@link #resolve(JsonNode, JsonNode, Map, String)}, with {@code $now()}/{@code $millis()} on {@code clock}. */
    public static JsonNode resolve(JsonNode template, JsonNode statesBinding, Map<String, JsonNode> variables,
                                   String field, InstantSource clock) {
        if (template == null) {
            return null;
        }
        return walk(template, field, statesBinding, variables, clock);
    }

    private static JsonNode walk(JsonNode node, String location, JsonNode states, Map<String, JsonNode> variables,
                                 InstantSource clock) {
        if (node.isTextual() && Jsonata.isExpression(node.textValue())) {
            String expression = Jsonata.unwrap(node.textValue());
            return Jsonata.evaluate(expression, states, variables, location, clock);
        }
        if (node.isObject()) {
            ObjectNode resolved = Json.NODES.objectNode();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String memberLocation = location == null ? member.getKey() : location + "/" + member.getKey();
                resolved.set(member.getKey(), walk(member.getValue(), memberLocation, states, variables, clock));
            }
            return resolved;
        }
        if (node.isArray()) {
            ArrayNode resolved = Json.NODES.arrayNode(node.size());
            for (int i = 0; i < node.size(); i++) {
                String elementLocation = (location == null ? "" : location) + "[" + i + "]";
                resolved.add(walk(node.get(i), elementLocation, states, variables, clock));
            }
            return resolved;
        }
        return node;
    }
}
