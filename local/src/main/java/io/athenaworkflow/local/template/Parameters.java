package io.athenaworkflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The template's Parameters with their effective values: the caller's override, else the Default, checked against
 * the declared constraints as CloudFormation checks them. Values are what {@code Ref} returns: a string, or a list
 * of strings for the list types.
 */
final class Parameters {

    private final Map<String, JsonNode> values;

    private Parameters(Map<String, JsonNode> values) {
        this.values = values;
    }

    static Parameters resolve(JsonNode declarations, Map<String, String> overrides) {
        if (declarations != null && !declarations.isMissingNode() && !declarations.isNull() && !declarations.isObject()) {
            throw new InvalidTemplateException("Parameters", "must be a mapping of parameter names to declarations");
        }
        TreeSet<String> unknown = new TreeSet<>(overrides.keySet());
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (declarations != null && declarations.isObject()) {
            for (Map.Entry<String, JsonNode> entry : declarations.properties()) {
                String name = entry.getKey();
                unknown.remove(name);
                values.put(name, value(name, entry.getValue(), overrides.get(name)));
            }
        }
        if (!unknown.isEmpty()) {
            throw new TemplateParameterException("Parameters", "the overrides " + unknown + " name no parameter of the"
                    + " template; it declares " + values.keySet() + ".");
        }
        return new Parameters(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    JsonNode get(String name) {
        return values.get(name);
    }

    /** Every value as text (lists comma-joined), in declaration order. */
    Map<String, String> asText() {
        Map<String, String> text = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                text.put(name, String.join(",", items));
            } else {
                text.put(name, value.asText());
            }
        });
        return text;
    }

    private static JsonNode value(String name, JsonNode declaration, String override) {
        String where = "Parameters." + name;
        if (!declaration.isObject()) {
            throw new InvalidTemplateException(where, "must be a mapping with at least a Type");
        }
        String type = declaration.path("Type").asText("");
        if (type.isEmpty()) {
            throw new InvalidTemplateException(where, "has no Type; use String, Number, CommaDelimitedList or List<Number>");
        }
        if (type.startsWith("AWS::SSM::Parameter::")) {
            throw new UnsupportedTemplateFeatureException(where + ".Type", "'" + type + "' reads SSM Parameter Store,"
                    + " which the local runtime does not have; declare the parameter as String and pass the value itself.");
        }
        String raw = override;
        if (raw == null) {
            JsonNode fallback = declaration.get("Default");
            if (fallback == null || fallback.isNull()) {
                throw new TemplateParameterException(where, "has no Default and no value was given: pass it as a parameter"
                        + " override, e.g. " + name + "=<value>.");
            }
            raw = scalarText(fallback, where + ".Default");
        }
        String description = declaration.path("ConstraintDescription").asText("");
        boolean list = type.equals("CommaDelimitedList") || type.startsWith("List<");
        List<String> items = list ? split(raw) : List.of(raw);
        boolean numeric = type.equals("Number") || type.equals("List<Number>");
        for (String item : items) {
            check(where, item, declaration, numeric, description);
        }
        if (!list) {
            return TextNode.valueOf(raw);
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        items.forEach(array::add);
        return array;
    }

    private static List<String> split(String raw) {
        return raw.isEmpty() ? List.of() : List.of(raw.split(",", -1));
    }

    private static void check(String where, String value, JsonNode declaration, boolean numeric, String description) {
        String hint = description.isEmpty() ? "" : " (" + description + ")";
        BigDecimal number = null;
        if (numeric) {
            try {
                number = new BigDecimal(value.trim());
            } catch (NumberFormatException e) {
                throw new TemplateParameterException(where, "must be a number, but is '" + value + "'" + hint + ".");
            }
        }
        JsonNode allowed = declaration.get("AllowedValues");
        if (allowed != null && allowed.isArray()) {
            List<String> options = new ArrayList<>();
            allowed.forEach(option -> options.add(option.asText()));
            if (!options.contains(value)) {
                throw new TemplateParameterException(where, "'" + value + "' is not one of the AllowedValues " + options
                        + hint + ".");
            }
        }
        JsonNode pattern = declaration.get("AllowedPattern");
        if (pattern != null && !pattern.isNull()) {
            Pattern regex;
            try {
                regex = Pattern.compile(pattern.asText());
            } catch (PatternSyntaxException e) {
                throw new InvalidTemplateException(where + ".AllowedPattern", "is not a valid regular expression: "
                        + e.getDescription());
            }
            if (!regex.matcher(value).matches()) {
                throw new TemplateParameterException(where, "'" + value + "' does not match the AllowedPattern "
                        + pattern.asText() + hint + ".");
            }
        }
        if (!numeric) {
            bound(where, "MinLength", declaration, BigDecimal.valueOf(value.length()), true, "'" + value + "' is "
                    + value.length() + " characters long", hint);
            bound(where, "MaxLength", declaration, BigDecimal.valueOf(value.length()), false, "'" + value + "' is "
                    + value.length() + " characters long", hint);
        } else {
            bound(where, "MinValue", declaration, number, true, value + " is too small", hint);
            bound(where, "MaxValue", declaration, number, false, value + " is too large", hint);
        }
    }

    private static void bound(String where, String property, JsonNode declaration, BigDecimal actual, boolean minimum,
                              String problem, String hint) {
        JsonNode limitNode = declaration.get(property);
        if (limitNode == null || limitNode.isNull()) {
            return;
        }
        BigDecimal limit;
        try {
            limit = new BigDecimal(limitNode.asText().trim());
        } catch (NumberFormatException e) {
            throw new InvalidTemplateException(where + "." + property, "must be a number, but is '" + limitNode.asText() + "'");
        }
        int comparison = actual.compareTo(limit);
        if (minimum ? comparison < 0 : comparison > 0) {
            throw new TemplateParameterException(where, problem + ": " + property + " is " + limit.toPlainString() + hint + ".");
        }
    }

    static String scalarText(JsonNode node, String where) {
        if (node.isValueNode()) {
            return node.asText();
        }
        throw new InvalidTemplateException(where, "must be a plain value, but is " + (node.isArray() ? "a list" : "a mapping"));
    }
}
