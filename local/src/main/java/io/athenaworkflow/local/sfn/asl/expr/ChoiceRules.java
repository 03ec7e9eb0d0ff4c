package io.athenaworkflow.local.sfn.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Evaluates JSONPath-mode Choice Rules: {@code And}, {@code Or}, {@code Not}, and the comparison of the value at
 * {@code Variable} ({@code $.x}, {@code $$.x} or a workflow variable {@code $name}) with a literal or, for the
 * {@code ...Path} operators, with the value at another path.
 *
 * <p>As in Step Functions: a comparison whose values are not of the operator's type (a string compared with
 * {@code NumericEquals}, a string that is not a timestamp compared with {@code TimestampEquals}) is false, not an
 * error; a {@code Variable} (or {@code ...Path} operand) that names nothing fails with {@code States.Runtime}
 * ("Invalid path '$.x': The choice state's condition path references an invalid value."), except under
 * {@code IsPresent}.
 */
public final class ChoiceRules {

    /** Every comparison operator, without the {@code Path} forms. */
    public static final List<String> OPERATORS = List.of(
            "StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals",
            "StringMatches",
            "NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals",
            "NumericGreaterThanEquals",
            "BooleanEquals",
            "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals",
            "TimestampGreaterThanEquals",
            "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp");

    private ChoiceRules() {
    }

    /**
     * Whether {@code rule} matches.
     *
     * @throws StatesError {@code States.Runtime} when a path names nothing (outside {@code IsPresent}), or the rule
     *     has no operator or an operand of the wrong type
     */
    public static boolean matches(JsonNode rule, JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
        if (rule == null || !rule.isObject()) {
            throw StatesError.runtime("A Choice Rule must be a JSON object, not " + Json.typeName(rule));
        }
        if (rule.has("And")) {
            for (JsonNode nested : list(rule, "And")) {
                if (!matches(nested, input, context, variables)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode nested : list(rule, "Or")) {
                if (matches(nested, input, context, variables)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input, context, variables);
        }
        return compare(rule, input, context, variables);
    }

    private static JsonNode list(JsonNode rule, String operator) {
        JsonNode rules = rule.get(operator);
        if (!rules.isArray() || rules.isEmpty()) {
            throw StatesError.runtime("The value of '" + operator + "' in a Choice Rule must be a non-empty array of"
                    + " Choice Rules");
        }
        return rules;
    }

    private static boolean compare(JsonNode rule, JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
        JsonNode variableField = rule.get("Variable");
        if (variableField == null || !variableField.isTextual()) {
            throw StatesError.runtime("A Choice Rule without And, Or or Not must have a string 'Variable' naming the"
                    + " value to compare: " + Json.render(rule));
        }
        String variable = variableField.textValue();
        String operator = operator(rule);
        boolean byPath = operator.endsWith("Path");
        String base = byPath ? operator.substring(0, operator.length() - "Path".length()) : operator;
        Optional<JsonNode> value = JsonPaths.tryResolve(variable, input, context, variables);
        if (base.equals("IsPresent")) {
            return value.isPresent() == flag(rule, operator);
        }
        JsonNode actual = value.orElseThrow(() -> invalidPath(variable));
        JsonNode expected = rule.get(operator);
        if (byPath) {
            if (!expected.isTextual()) {
                throw StatesError.runtime("The value of '" + operator + "' must be a path string, not "
                        + Json.typeName(expected));
            }
            String path = expected.textValue();
            expected = JsonPaths.tryResolve(path, input, context, variables).orElseThrow(() -> invalidPath(path));
        } else {
            checkOperand(operator, base, expected);
        }
        return switch (base) {
            case "IsNull" -> actual.isNull() == flag(rule, operator);
            case "IsNumeric" -> actual.isNumber() == flag(rule, operator);
            case "IsString" -> actual.isTextual() == flag(rule, operator);
            case "IsBoolean" -> actual.isBoolean() == flag(rule, operator);
            case "IsTimestamp" -> (actual.isTextual() && Timestamps.parse(actual.textValue()).isPresent())
                    == flag(rule, operator);
            case "StringMatches" -> actual.isTextual() && expected.isTextual()
                    && wildcard(expected.textValue()).matcher(actual.textValue()).matches();
            case "BooleanEquals" -> actual.isBoolean() && expected.isBoolean()
                    && actual.booleanValue() == expected.booleanValue();
            default -> ordered(base, actual, expected);
        };
    }

    private static boolean ordered(String base, JsonNode actual, JsonNode expected) {
        Integer order = null;
        String kind = base.startsWith("String") ? "String" : base.startsWith("Numeric") ? "Numeric" : "Timestamp";
        switch (kind) {
            case "String" -> {
                if (actual.isTextual() && expected.isTextual()) {
                    order = actual.textValue().compareTo(expected.textValue());
                }
            }
            case "Numeric" -> {
                if (actual.isNumber() && expected.isNumber()) {
                    order = actual.decimalValue().compareTo(expected.decimalValue());
                }
            }
            default -> {
                Optional<Instant> left = actual.isTextual() ? Timestamps.parse(actual.textValue()) : Optional.empty();
                Optional<Instant> right = expected.isTextual() ? Timestamps.parse(expected.textValue())
                        : Optional.empty();
                if (left.isPresent() && right.isPresent()) {
                    order = left.get().compareTo(right.get());
                }
            }
        }
        if (order == null) {
            // Values of another type than the operator's never match.
            return false;
        }
        String comparison = base.substring(kind.length());
        IntPredicate test = switch (comparison) {
            case "Equals" -> o -> o == 0;
            case "LessThan" -> o -> o < 0;
            case "GreaterThan" -> o -> o > 0;
            case "LessThanEquals" -> o -> o <= 0;
            case "GreaterThanEquals" -> o -> o >= 0;
            default -> throw new IllegalStateException("Unknown comparison " + base);
        };
        return test.test(order);
    }

    private static String operator(JsonNode rule) {
        String found = null;
        for (Map.Entry<String, JsonNode> member : rule.properties()) {
            String name = member.getKey();
            String base = name.endsWith("Path") ? name.substring(0, name.length() - "Path".length()) : name;
            boolean known = OPERATORS.contains(name)
                    || name.endsWith("Path") && OPERATORS.contains(base) && !base.startsWith("Is")
                    && !base.equals("StringMatches");
            if (known) {
                if (found != null) {
                    throw StatesError.runtime("A Choice Rule must have exactly one comparison operator, but has '"
                            + found + "' and '" + name + "'");
                }
                found = name;
            }
        }
        if (found == null) {
            throw StatesError.runtime("The Choice Rule " + Json.render(rule) + " has no comparison operator: use And,"
                    + " Or, Not or one of " + String.join(", ", OPERATORS) + " (or a ...Path form)");
        }
        return found;
    }

    private static boolean flag(JsonNode rule, String operator) {
        JsonNode flag = rule.get(operator);
        if (!flag.isBoolean()) {
            throw StatesError.runtime("The value of '" + operator + "' must be true or false, not "
                    + Json.render(flag));
        }
        return flag.booleanValue();
    }

    private static void checkOperand(String operator, String base, JsonNode expected) {
        boolean valid = base.startsWith("Is") ? expected.isBoolean()
                : base.startsWith("String") ? expected.isTextual()
                : base.startsWith("Numeric") ? expected.isNumber()
                : base.equals("BooleanEquals") ? expected.isBoolean()
                : expected.isTextual() && Timestamps.parse(expected.textValue()).isPresent();
        if (!valid) {
            String wanted = base.startsWith("Is") || base.equals("BooleanEquals") ? "true or false"
                    : base.startsWith("String") ? "a string"
                    : base.startsWith("Numeric") ? "a number"
                    : "a timestamp such as 2016-03-14T01:59:00Z";
            throw StatesError.runtime("The value of '" + operator + "' must be " + wanted + ", not "
                    + Json.render(expected));
        }
    }

    private static StatesError invalidPath(String path) {
        return StatesError.runtime("Invalid path '" + path
                + "': The choice state's condition path references an invalid value.");
    }

    /**
     * The pattern of {@code StringMatches}: {@code *} matches any run of characters (none included), {@code \*} a
     * literal asterisk and {@code \\} a literal backslash; everything else matches itself.
     */
    static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '*') {
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
