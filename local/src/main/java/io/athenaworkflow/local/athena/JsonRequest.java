package io.athenaworkflow.local.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to a request body with the errors Athena's JSON layer gives for a value of the wrong JSON type
 * ({@code SerializationException}). A JSON {@code null} counts as absent; unknown fields are ignored.
 */
final class JsonRequest {

    private final JsonNode node;

    private JsonRequest(JsonNode node) {
        this.node = node;
    }

    static JsonRequest of(ObjectNode body) {
        return new JsonRequest(body);
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        throw mismatch(value, "a String");
    }

    Integer integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            // Athena truncates a decimal where an integer is expected.
            return value.isIntegralNumber() && !value.canConvertToInt()
                    ? (value.asLong() > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE) : value.intValue();
        }
        throw mismatch(value, "an Integer");
    }

    Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        throw mismatch(value, "a Boolean");
    }

    JsonRequest structure(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            return new JsonRequest(value);
        }
        if (value.isArray()) {
            throw AthenaErrors.serialization("Start of list found where not expected");
        }
        throw AthenaErrors.serialization("Expected null");
    }

    List<String> strings(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            throw AthenaErrors.serialization("Start of structure or map found where not expected.");
        }
        if (!value.isArray()) {
            throw AthenaErrors.serialization("Expected list or null");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (item.isNull()) {
                continue; // Athena drops null elements
            }
            if (!item.isTextual()) {
                throw mismatch(item, "a String");
            }
            items.add(item.textValue());
        }
        return items;
    }

    private static RuntimeException mismatch(JsonNode value, String target) {
        if (value.isArray()) {
            return AthenaErrors.serialization("Start of list found where not expected");
        }
        if (value.isObject()) {
            return AthenaErrors.serialization("Start of structure or map found where not expected.");
        }
        String kind = value.isTextual() ? "STRING_VALUE"
                : value.isBoolean() ? (value.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE")
                : "NUMBER_VALUE";
        return AthenaErrors.serialization(kind + " can not be converted to " + target);
    }
}
