package io.athenaworkflow.athena.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.errors.InvalidInputException;

import java.util.Optional;

/**
 * Typed reads of optional fields from a JSON object, failing with an {@link InvalidInputException} that names the
 * field, what was expected and what was found. JSON null counts as absent.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** The field's value, or empty when it is absent or null. */
    public static Optional<JsonNode> field(JsonNode object, String name) {
        JsonNode value = object == null ? null : object.get(name);
        return value == null || value.isNull() || value.isMissingNode() ? Optional.empty() : Optional.of(value);
    }

    /** A string field; numbers and booleans are not accepted in its place. */
    public static Optional<String> text(JsonNode object, String name) {
        return field(object, name).map(value -> {
            if (!value.isTextual()) {
                throw new InvalidInputException("Field '" + name + "' must be a string, but was " + describe(value) + ".");
            }
            return value.textValue();
        });
    }

    /** A non-blank string field no longer than {@code maxLength} characters. */
    public static Optional<String> name(JsonNode object, String name, int maxLength) {
        return text(object, name).map(value -> {
            if (value.isBlank()) {
                throw new InvalidInputException("Field '" + name + "' must not be blank; leave it out to use the default.");
            }
            if (value.length() > maxLength) {
                throw new InvalidInputException("Field '" + name + "' must be at most " + maxLength
                        + " characters, but has " + value.length() + ".");
            }
            return value.trim();
        });
    }

    /** An integer field within [min, max]; a string holding an integer is accepted, as EventBridge inputs often are. */
    public static Optional<Integer> integer(JsonNode object, String name, int min, int max) {
        return field(object, name).map(value -> {
            long number;
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                number = value.longValue();
            } else if (value.isTextual() && value.textValue().trim().matches("-?\\d{1,18}")) {
                number = Long.parseLong(value.textValue().trim());
            } else {
                throw new InvalidInputException("Field '" + name + "' must be an integer between " + min + " and " + max
                        + ", but was " + describe(value) + ".");
            }
            if (number < min || number > max) {
                throw new InvalidInputException("Field '" + name + "' must be between " + min + " and " + max
                        + ", but was " + number + ".");
            }
            return (int) number;
        });
    }

    /** A short description of a JSON value for error messages: its type and a clipped rendering. */
    public static String describe(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "null";
        }
        String type = value.isTextual() ? "a string" : value.isNumber() ? "a number" : value.isBoolean() ? "a boolean"
                : value.isArray() ? "an array" : value.isObject() ? "an object" : "null";
        String text = value.toString();
        return type + " " + (text.length() > 80 ? text.substring(0, 77) + "..." : text);
    }
}
