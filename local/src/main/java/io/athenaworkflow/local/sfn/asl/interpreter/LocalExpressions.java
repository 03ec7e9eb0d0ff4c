package io.athenaworkflow.local.sfn.asl.interpreter;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The interpreter's built-in evaluation of JSONPath, JSONata, payload templates, Choice rules and the common intrinsic
 * functions, on Jayway JsonPath and dashjoin JSONata. It stands in for the {@code sfn.asl.expr} package behind the same
 * signatures ({@link Expressions}) until that package is wired in through {@link Expressions#standard()}.
 */
final class LocalExpressions implements Expressions {

    private static final Configuration PATHS = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern EXPRESSION = Pattern.compile("^\\s*\\{%(.*)%}\\s*$", Pattern.DOTALL);

    @Override
    public JsonNode jsonata(String expression, JsonNode states, Map<String, JsonNode> variables) {
        try {
            Jsonata compiled = Jsonata.jsonata(expression);
            Jsonata.Frame frame = compiled.createFrame();
            for (Map.Entry<String, JsonNode> variable : variables.entrySet()) {
                frame.bind(variable.getKey(), toJava(variable.getValue()));
            }
            frame.bind("states", toJava(states));
            Object result = compiled.evaluate(null, frame);
            if (result == null) {
                return null;
            }
            if (result == Jsonata.NULL_VALUE) {
                return NullNode.getInstance();
            }
            return Json.MAPPER.valueToTree(com.dashjoin.jsonata.Utils.convertNulls(result));
        } catch (JException e) {
            throw new StatesError("States.QueryEvaluationError", e.getError() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new StatesError("States.QueryEvaluationError", String.valueOf(e.getMessage()));
        }
    }

    @Override
    public JsonNode jsonataTemplate(JsonNode template, JsonNode states, Map<String, JsonNode> variables) {
        return walk(template, states, variables, "");
    }

    private JsonNode walk(JsonNode template, JsonNode states, Map<String, JsonNode> variables, String field) {
        if (template == null) {
            return null;
        }
        if (template.isTextual()) {
            var matcher = EXPRESSION.matcher(template.asText());
            if (!matcher.matches()) {
                return template;
            }
            String expression = matcher.group(1).trim();
            JsonNode value = jsonata(expression, states, variables);
            if (value == null) {
                throw new StatesError("States.QueryEvaluationError", "The JSONata expression '" + expression
                        + "' specified for the field '" + field + "' returned nothing (undefined).");
            }
            return value;
        }
        if (template.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = field.isEmpty() ? entry.getKey() : field + "/" + entry.getKey();
                out.set(entry.getKey(), walk(entry.getValue(), states, variables, path));
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (int i = 0; i < template.size(); i++) {
                out.add(walk(template.get(i), states, variables, field + "[" + i + "]"));
            }
            return out;
        }
        return template;
    }

    @Override
    public JsonNode read(String path, JsonNode document) {
        if ("$".equals(path)) {
            return document;
        }
        try {
            Object value = JsonPath.using(PATHS).parse(document).read(path);
            return value instanceof JsonNode node ? node : Json.MAPPER.valueToTree(value);
        } catch (PathNotFoundException e) {
            throw StatesError.runtime("Invalid path '" + path + "' : " + e.getMessage());
        } catch (RuntimeException e) {
            throw StatesError.runtime("Invalid path '" + path + "' : " + e.getMessage());
        }
    }

    @Override
    public JsonNode write(JsonNode document, String resultPath, JsonNode value) {
        if ("$".equals(resultPath)) {
            return value;
        }
        List<String> segments = segments(resultPath);
        if (!document.isObject()) {
            throw StatesError.runtime("Unable to apply ReferencePath " + resultPath + " to input "
                    + Json.compact(document));
        }
        ObjectNode root = document.deepCopy();
        ObjectNode current = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            JsonNode child = current.get(segments.get(i));
            if (child == null || child.isNull()) {
                current = current.putObject(segments.get(i));
            } else if (child instanceof ObjectNode object) {
                current = object;
            } else {
                throw StatesError.runtime("Unable to apply ReferencePath " + resultPath + " to input "
                        + Json.compact(document));
            }
        }
        current.set(segments.getLast(), value);
        return root;
    }

    private static List<String> segments(String path) {
        if (!path.startsWith("$")) {
            throw StatesError.runtime("Invalid ResultPath '" + path + "': a ResultPath must start with $");
        }
        List<String> segments = new ArrayList<>();
        String rest = path.substring(1);
        while (!rest.isEmpty()) {
            if (rest.startsWith(".")) {
                rest = rest.substring(1);
                int end = 0;
                while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
                    end++;
                }
                segments.add(rest.substring(0, end));
                rest = rest.substring(end);
            } else if (rest.startsWith("['")) {
                int end = rest.indexOf("']");
                segments.add(rest.substring(2, end));
                rest = rest.substring(end + 2);
            } else {
                throw StatesError.runtime("Invalid ResultPath '" + path + "': only field references are allowed");
            }
        }
        return segments;
    }

    @Override
    public JsonNode payloadTemplate(JsonNode template, JsonNode input, JsonNode context,
                                    Map<String, JsonNode> variables) {
        if (template.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String key = entry.getKey();
                if (key.endsWith(".$") && entry.getValue().isTextual()) {
                    String expression = entry.getValue().asText();
                    out.set(key.substring(0, key.length() - 2), dynamic(key, expression, input, context, variables));
                } else {
                    out.set(key, payloadTemplate(entry.getValue(), input, context, variables));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = NODES.arrayNode();
            template.forEach(element -> out.add(payloadTemplate(element, input, context, variables)));
            return out;
        }
        return template;
    }

    private JsonNode dynamic(String key, String expression, JsonNode input, JsonNode context,
                             Map<String, JsonNode> variables) {
        if (expression.startsWith("States.")) {
            return intrinsic(expression, input, context, variables);
        }
        try {
            return reference(expression, input, context, variables);
        } catch (StatesError e) {
            throw StatesError.runtime("The JSONPath '" + expression + "' specified for the field '" + key
                    + "' could not be found in the input '" + Json.compact(input) + "'");
        }
    }

    /** {@code $.x} against the input, {@code $$.x} against the context, {@code $name.x} against a variable. */
    JsonNode reference(String path, JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
        if (path.startsWith("$$")) {
            return read("$" + path.substring(2), context);
        }
        if (path.length() > 1 && path.startsWith("$") && path.charAt(1) != '.' && path.charAt(1) != '[') {
            int end = 1;
            while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                end++;
            }
            String name = path.substring(1, end);
            JsonNode value = variables.get(name);
            if (value == null) {
                throw StatesError.runtime("Invalid path '" + path + "': The variable '" + name + "' is not defined");
            }
            return read("$" + path.substring(end), value);
        }
        return read(path, input);
    }

    @Override
    public boolean choiceMatches(JsonNode rule, JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
        if (rule.has("And")) {
            for (JsonNode inner : rule.get("And")) {
                if (!choiceMatches(inner, input, context, variables)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode inner : rule.get("Or")) {
                if (choiceMatches(inner, input, context, variables)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !choiceMatches(rule.get("Not"), input, context, variables);
        }
        String variable = rule.path("Variable").asText();
        JsonNode value;
        if (rule.has("IsPresent")) {
            boolean present;
            try {
                reference(variable, input, context, variables);
                present = true;
            } catch (StatesError e) {
                present = false;
            }
            return present == rule.get("IsPresent").asBoolean();
        }
        try {
            value = reference(variable, input, context, variables);
        } catch (StatesError e) {
            throw StatesError.runtime("Invalid path '" + variable
                    + "': The choice state's condition path references an invalid value.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String operator = entry.getKey();
            if (operator.equals("Variable") || operator.equals("Next") || operator.equals("Assign")
                    || operator.equals("Comment")) {
                continue;
            }
            JsonNode operand = entry.getValue();
            if (operator.endsWith("Path")) {
                operator = operator.substring(0, operator.length() - 4);
                operand = reference(operand.asText(), input, context, variables);
            }
            return compare(operator, value, operand);
        }
        throw StatesError.runtime("The choice rule has no comparison operator: " + Json.compact(rule));
    }

    private static boolean compare(String operator, JsonNode value, JsonNode operand) {
        return switch (operator) {
            case "IsNull" -> value.isNull() == operand.asBoolean();
            case "IsString" -> value.isTextual() == operand.asBoolean();
            case "IsNumeric" -> value.isNumber() == operand.asBoolean();
            case "IsBoolean" -> value.isBoolean() == operand.asBoolean();
            case "IsTimestamp" -> (value.isTextual() && timestamp(value.asText()) != null) == operand.asBoolean();
            case "BooleanEquals" -> value.isBoolean() && value.asBoolean() == operand.asBoolean();
            case "StringEquals" -> value.isTextual() && value.asText().equals(operand.asText());
            case "StringLessThan" -> value.isTextual() && value.asText().compareTo(operand.asText()) < 0;
            case "StringGreaterThan" -> value.isTextual() && value.asText().compareTo(operand.asText()) > 0;
            case "StringLessThanEquals" -> value.isTextual() && value.asText().compareTo(operand.asText()) <= 0;
            case "StringGreaterThanEquals" -> value.isTextual() && value.asText().compareTo(operand.asText()) >= 0;
            case "StringMatches" -> value.isTextual() && glob(operand.asText()).matcher(value.asText()).matches();
            case "NumericEquals" -> numeric(value, operand) == 0;
            case "NumericLessThan" -> numeric(value, operand) < 0;
            case "NumericGreaterThan" -> numeric(value, operand) > 0 && numeric(value, operand) != Integer.MIN_VALUE;
            case "NumericLessThanEquals" -> numeric(value, operand) <= 0;
            case "NumericGreaterThanEquals" -> numeric(value, operand) >= 0 && numeric(value, operand) != Integer.MIN_VALUE;
            case "TimestampEquals" -> time(value, operand) == 0;
            case "TimestampLessThan" -> time(value, operand) < 0;
            case "TimestampGreaterThan" -> time(value, operand) > 0 && time(value, operand) != Integer.MIN_VALUE;
            case "TimestampLessThanEquals" -> time(value, operand) <= 0;
            case "TimestampGreaterThanEquals" -> time(value, operand) >= 0 && time(value, operand) != Integer.MIN_VALUE;
            default -> throw StatesError.runtime("Unsupported choice operator: " + operator);
        };
    }

    /** Integer.MIN_VALUE when either side is not a number (compares as "no match" everywhere). */
    private static int numeric(JsonNode value, JsonNode operand) {
        if (!value.isNumber() || !operand.isNumber()) {
            return Integer.MIN_VALUE;
        }
        return new BigDecimal(value.asText()).compareTo(new BigDecimal(operand.asText()));
    }

    private static int time(JsonNode value, JsonNode operand) {
        OffsetDateTime left = value.isTextual() ? timestamp(value.asText()) : null;
        OffsetDateTime right = operand.isTextual() ? timestamp(operand.asText()) : null;
        if (left == null || right == null) {
            return Integer.MIN_VALUE;
        }
        return Integer.signum(left.toInstant().compareTo(right.toInstant()));
    }

    private static OffsetDateTime timestamp(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public JsonNode intrinsic(String expression, JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
        return new IntrinsicParser(expression, input, context, variables).parse();
    }

    /** A small recursive-descent evaluator of the common intrinsic functions. */
    private final class IntrinsicParser {
        private final String text;
        private final JsonNode input;
        private final JsonNode context;
        private final Map<String, JsonNode> variables;
        private int position;

        IntrinsicParser(String text, JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
            this.text = text;
            this.input = input;
            this.context = context;
            this.variables = variables;
        }

        JsonNode parse() {
            JsonNode value = call();
            skipSpaces();
            if (position != text.length()) {
                throw fail("unexpected text at position " + position);
            }
            return value;
        }

        private JsonNode call() {
            skipSpaces();
            int start = position;
            while (position < text.length() && text.charAt(position) != '(') {
                position++;
            }
            String name = text.substring(start, position).trim();
            position++;
            List<JsonNode> arguments = new ArrayList<>();
            skipSpaces();
            if (peek() != ')') {
                do {
                    skipSpaces();
                    arguments.add(argument());
                    skipSpaces();
                } while (consume(','));
            }
            if (!consume(')')) {
                throw fail("missing ')' after the arguments of " + name);
            }
            return apply(name, arguments);
        }

        private JsonNode argument() {
            char c = peek();
            if (c == '\'') {
                position++;
                StringBuilder value = new StringBuilder();
                while (position < text.length() && text.charAt(position) != '\'') {
                    char ch = text.charAt(position++);
                    if (ch == '\\' && position < text.length()) {
                        ch = text.charAt(position++);
                    }
                    value.append(ch);
                }
                position++;
                return NODES.textNode(value.toString());
            }
            int start = position;
            if (text.startsWith("States.", position)) {
                return call();
            }
            int depth = 0;
            while (position < text.length()) {
                char ch = text.charAt(position);
                if (ch == '[' || ch == '(') {
                    depth++;
                } else if (ch == ']' || ch == ')') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (ch == ',' && depth == 0) {
                    break;
                }
                position++;
            }
            String token = text.substring(start, position).trim();
            if (token.startsWith("$")) {
                return reference(token, input, context, variables);
            }
            try {
                return Json.MAPPER.readTree(token);
            } catch (JsonProcessingException e) {
                throw fail("invalid argument '" + token + "'");
            }
        }

        private JsonNode apply(String name, List<JsonNode> arguments) {
            return switch (name) {
                case "States.Format" -> {
                    String template = arguments.getFirst().asText();
                    StringBuilder out = new StringBuilder();
                    int next = 1;
                    for (int i = 0; i < template.length(); i++) {
                        if (template.startsWith("{}", i)) {
                            JsonNode value = arguments.get(next++);
                            out.append(value.isTextual() ? value.asText() : Json.compact(value));
                            i++;
                        } else {
                            out.append(template.charAt(i));
                        }
                    }
                    yield NODES.textNode(out.toString());
                }
                case "States.StringToJson" -> {
                    try {
                        yield Json.MAPPER.readTree(arguments.getFirst().asText());
                    } catch (JsonProcessingException e) {
                        throw fail("the argument of States.StringToJson is not JSON");
                    }
                }
                case "States.JsonToString" -> NODES.textNode(Json.compact(arguments.getFirst()));
                case "States.Array" -> {
                    ArrayNode array = NODES.arrayNode();
                    arguments.forEach(array::add);
                    yield array;
                }
                case "States.ArrayLength" -> NODES.numberNode(arguments.getFirst().size());
                case "States.MathAdd" -> NODES.numberNode(arguments.get(0).asLong() + arguments.get(1).asLong());
                case "States.UUID" -> NODES.textNode(UUID.randomUUID().toString());
                default -> throw fail("the intrinsic function " + name + " is not supported");
            };
        }

        private void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        private boolean consume(char c) {
            if (peek() == c) {
                position++;
                return true;
            }
            return false;
        }

        private StatesError fail(String problem) {
            return StatesError.runtime("The intrinsic function '" + text + "' could not be evaluated: " + problem);
        }
    }

    private static Object toJava(JsonNode node) {
        if (node == null || node.isNull()) {
            return Jsonata.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(entry -> map.put(entry.getKey(), toJava(entry.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(toJava(element)));
            return list;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long value = node.asLong();
            return value == (int) value ? (Object) (int) value : (Object) value;
        }
        return node.asDouble();
    }
}
