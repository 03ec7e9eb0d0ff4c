package io.athenaworkflow.local.sfn.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.util.Map;

/**
 * Resolves a JSONPath-mode Payload Template ({@code Parameters}, {@code ResultSelector}, {@code ItemSelector},
 * {@code Assign}): a member whose name ends in {@code .$} takes the value of its string, read as a path
 * ({@code $.x} into the input, {@code $$.x} into the context object, {@code $name} a variable) or evaluated as an
 * intrinsic function call, and loses the {@code .$} suffix; every other member is kept as written. Objects are
 * walked at any depth, including objects inside arrays.
 *
 * <p>A path that names nothing fails with {@code States.Runtime}: "The JSONPath '$.x' specified for the field 'x.$'
 * could not be found in the input '{...}'".
 */
public final class PayloadTemplates {

    private static final String DYNAMIC_SUFFIX = ".$";

    private PayloadTemplates() {
    }

    /**
     * Resolves {@code template} against the effective input, the context object and the workflow variables. The
     * template is not modified.
     *
     * @throws StatesError {@code States.Runtime} when a path names nothing, a {@code .$} member is not a string, or an
     *     intrinsic function fails
     */
    public static JsonNode resolve(JsonNode template, JsonNode input, JsonNode context,
                                   Map<String, JsonNode> variables) {
        if (template == null) {
            return null;
        }
        return walk(template, input, context, variables);
    }

    private static JsonNode walk(JsonNode node, JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
        if (node.isObject()) {
            ObjectNode resolved = Json.NODES.objectNode();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String name = member.getKey();
                JsonNode value = member.getValue();
                if (name.endsWith(DYNAMIC_SUFFIX) && name.length() > DYNAMIC_SUFFIX.length()) {
                    resolved.set(name.substring(0, name.length() - DYNAMIC_SUFFIX.length()),
                            dynamic(name, value, input, context, variables));
                } else {
                    resolved.set(name, walk(value, input, context, variables));
                }
            }
            return resolved;
        }
        if (node.isArray()) {
            ArrayNode resolved = Json.NODES.arrayNode(node.size());
            for (JsonNode element : node) {
                resolved.add(walk(element, input, context, variables));
            }
            return resolved;
        }
        return node;
    }

    private static JsonNode dynamic(String field, JsonNode value, JsonNode input, JsonNode context,
                                    Map<String, JsonNode> variables) {
        if (!value.isTextual()) {
            throw StatesError.runtime("The value of the field '" + field + "' must be a string holding a JSONPath or"
                    + " an intrinsic function call, not " + Json.typeName(value));
        }
        String expression = value.textValue();
        if (Intrinsics.isIntrinsic(expression)) {
            return Intrinsics.evaluate(expression, input, context, variables, field);
        }
        return JsonPaths.resolve(expression.strip(), input, context, variables, field);
    }
}
