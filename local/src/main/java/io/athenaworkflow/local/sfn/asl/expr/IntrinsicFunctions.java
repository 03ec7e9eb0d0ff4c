package io.athenaworkflow.local.sfn.asl.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.StringTokenizer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The intrinsic functions of the JSONPath query language, with Step Functions' argument rules. Integer arguments
 * that are not whole are truncated (ArrayPartition, ArrayRange, ArrayGetItem, MathRandom) or rounded (MathAdd), as
 * Step Functions does. Bad arguments fail with {@link Intrinsics#FAILURE_ERROR} and a cause that starts
 * "Invalid arguments in States.Name", followed by what was wrong.
 */
final class IntrinsicFunctions {

    /** Documented input limit of Base64Encode, Base64Decode and Hash. */
    static final int MAX_INPUT_CHARACTERS = 10_000;

    /** Documented limit of the array ArrayRange builds. */
    static final int MAX_RANGE_ITEMS = 1_000;

    /** The evaluated arguments of one call, and the call as written (States.Format needs its literal template). */
    record Invocation(IntrinsicExpression.Call call, List<JsonNode> arguments) {
        String name() {
            return call.name();
        }

        JsonNode argument(int index) {
            return arguments.get(index);
        }

        int count() {
            return arguments.size();
        }
    }

    @FunctionalInterface
    private interface Implementation {
        JsonNode apply(Invocation invocation);
    }

    /** Arity bounds and implementation of one function. */
    private record Function(int minArguments, int maxArguments, Implementation implementation) {
    }

    private static final Map<String, Function> FUNCTIONS = Map.ofEntries(
            Map.entry("States.Format", new Function(1, Integer.MAX_VALUE, IntrinsicFunctions::format)),
            Map.entry("States.StringToJson", new Function(1, 1, IntrinsicFunctions::stringToJson)),
            Map.entry("States.JsonToString", new Function(1, 1, i -> Json.NODES.textNode(Json.render(i.argument(0))))),
            Map.entry("States.Array", new Function(0, Integer.MAX_VALUE, IntrinsicFunctions::array)),
            Map.entry("States.ArrayPartition", new Function(2, 2, IntrinsicFunctions::arrayPartition)),
            Map.entry("States.ArrayContains", new Function(2, 2, IntrinsicFunctions::arrayContains)),
            Map.entry("States.ArrayRange", new Function(3, 3, IntrinsicFunctions::arrayRange)),
            Map.entry("States.ArrayGetItem", new Function(2, 2, IntrinsicFunctions::arrayGetItem)),
            Map.entry("States.ArrayLength", new Function(1, 1, i -> Json.NODES.numberNode(array(i, 0).size()))),
            Map.entry("States.ArrayUnique", new Function(1, 1, IntrinsicFunctions::arrayUnique)),
            Map.entry("States.Base64Encode", new Function(1, 1, IntrinsicFunctions::base64Encode)),
            Map.entry("States.Base64Decode", new Function(1, 1, IntrinsicFunctions::base64Decode)),
            Map.entry("States.Hash", new Function(2, 2, IntrinsicFunctions::hash)),
            Map.entry("States.JsonMerge", new Function(3, 3, IntrinsicFunctions::jsonMerge)),
            Map.entry("States.MathRandom", new Function(2, 3, IntrinsicFunctions::mathRandom)),
            Map.entry("States.MathAdd", new Function(2, 2, IntrinsicFunctions::mathAdd)),
            Map.entry("States.StringSplit", new Function(2, 2, IntrinsicFunctions::stringSplit)),
            Map.entry("States.UUID", new Function(0, 0, i -> Json.NODES.textNode(UUID.randomUUID().toString()))));

    private IntrinsicFunctions() {
    }

    static boolean exists(String name) {
        return FUNCTIONS.containsKey(name);
    }

    /** Checks the argument count of a parsed call, so a bad call fails before its arguments are read. */
    static void checkArity(IntrinsicExpression.Call call) {
        Function function = FUNCTIONS.get(call.name());
        if (function == null) {
            throw StatesError.runtime("The intrinsic function '" + call.name() + "' does not exist: use one of "
                    + String.join(", ", new java.util.TreeSet<>(FUNCTIONS.keySet())));
        }
        int count = call.arguments().size();
        if (count < function.minArguments() || count > function.maxArguments()) {
            String expected = function.minArguments() == function.maxArguments()
                    ? String.valueOf(function.minArguments())
                    : function.maxArguments() == Integer.MAX_VALUE ? "at least " + function.minArguments()
                    : function.minArguments() + " to " + function.maxArguments();
            throw invalid(call.name(), "it takes " + expected + " argument" + (expected.equals("1") || expected.endsWith(" 1") ? "" : "s")
                    + " but was given " + count);
        }
    }

    static JsonNode apply(Invocation invocation) {
        return FUNCTIONS.get(invocation.name()).implementation().apply(invocation);
    }

    static StatesError invalid(String function, String detail) {
        return new StatesError(Intrinsics.FAILURE_ERROR, "Invalid arguments in " + function + ": " + detail);
    }

    // ---- argument readers ----

    private static ArrayNode array(Invocation invocation, int index) {
        JsonNode value = invocation.argument(index);
        if (!value.isArray()) {
            throw invalid(invocation.name(), ordinal(index) + " argument must be an array, not "
                    + Json.typeName(value));
        }
        return (ArrayNode) value;
    }

    private static String string(Invocation invocation, int index) {
        JsonNode value = invocation.argument(index);
        if (!value.isTextual()) {
            throw invalid(invocation.name(), ordinal(index) + " argument must be a string, not "
                    + Json.typeName(value));
        }
        return value.textValue();
    }

    private static ObjectNode object(Invocation invocation, int index) {
        JsonNode value = invocation.argument(index);
        if (!value.isObject()) {
            throw invalid(invocation.name(), ordinal(index) + " argument must be a JSON object, not "
                    + Json.typeName(value));
        }
        return (ObjectNode) value;
    }

    private static BigDecimal number(Invocation invocation, int index) {
        JsonNode value = invocation.argument(index);
        if (!value.isNumber()) {
            throw invalid(invocation.name(), ordinal(index) + " argument must be a number, not "
                    + Json.typeName(value));
        }
        return value.decimalValue();
    }

    /** The integer part of a number argument, as Step Functions reads non-integers for these functions. */
    private static long truncated(Invocation invocation, int index) {
        BigDecimal value = number(invocation, index).setScale(0, RoundingMode.DOWN);
        if (value.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw invalid(invocation.name(), ordinal(index) + " argument " + value.toPlainString()
                    + " is outside the 32-bit integer range");
        }
        return value.longValue();
    }

    private static String ordinal(int index) {
        return switch (index) {
            case 0 -> "the first";
            case 1 -> "the second";
            case 2 -> "the third";
            default -> "the " + (index + 1) + "th";
        };
    }

    private static String checkLength(Invocation invocation, String value) {
        if (value.length() > MAX_INPUT_CHARACTERS) {
            throw invalid(invocation.name(), "the input has " + value.length() + " characters; at most "
                    + MAX_INPUT_CHARACTERS + " are allowed");
        }
        return value;
    }

    // ---- functions ----

    private static JsonNode format(Invocation invocation) {
        String template = string(invocation, 0);
        IntrinsicExpression first = invocation.call().arguments().getFirst();
        IntrinsicExpression.StringLiteral literal = first instanceof IntrinsicExpression.StringLiteral s ? s : null;
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            boolean escaped = literal != null && literal.isEscaped(i);
            if (c == '{' && !escaped) {
                boolean placeholder = i + 1 < template.length() && template.charAt(i + 1) == '}'
                        && (literal == null || !literal.isEscaped(i + 1));
                if (!placeholder) {
                    throw invalid(invocation.name(), "the template has a '{' that does not start a {} placeholder;"
                            + " write \\\\{ for a literal brace");
                }
                if (next >= invocation.count()) {
                    throw invalid(invocation.name(), "the template has more {} placeholders than the "
                            + (invocation.count() - 1) + " values given");
                }
                out.append(formatValue(invocation.argument(next++)));
                i++;
            } else if (c == '}' && !escaped) {
                throw invalid(invocation.name(), "the template has a '}' outside a {} placeholder;"
                        + " write \\\\} for a literal brace");
            } else {
                out.append(c);
            }
        }
        if (next != invocation.count()) {
            throw invalid(invocation.name(), "the number of arguments does not match the occurrences of {}: "
                    + (next - 1) + " placeholders, " + (invocation.count() - 1) + " values");
        }
        return Json.NODES.textNode(out.toString());
    }

    /**
     * How States.Format renders a value, as AWS does: a string as is, an object as {@code {key=value, ...}} and an
     * array as {@code [a, b]} with their members rendered the same way, any other value as its JSON text.
     */
    private static String formatValue(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isObject()) {
            StringJoiner members = new StringJoiner(", ", "{", "}");
            value.properties().forEach(member -> members.add(member.getKey() + "=" + formatValue(member.getValue())));
            return members.toString();
        }
        if (value.isArray()) {
            StringJoiner elements = new StringJoiner(", ", "[", "]");
            value.forEach(element -> elements.add(formatValue(element)));
            return elements.toString();
        }
        return Json.render(value);
    }

    private static JsonNode stringToJson(Invocation invocation) {
        String text = string(invocation, 0);
        if (text.isBlank()) {
            // AWS answers null for an empty or blank string rather than failing.
            return Json.NODES.nullNode();
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid(invocation.name(), "the string is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode array(Invocation invocation) {
        ArrayNode array = Json.NODES.arrayNode(invocation.count());
        invocation.arguments().forEach(array::add);
        return array;
    }

    private static JsonNode arrayPartition(Invocation invocation) {
        ArrayNode array = array(invocation, 0);
        long size = truncated(invocation, 1);
        if (size <= 0) {
            throw invalid(invocation.name(), "the chunk size must be a positive integer, not "
                    + invocation.argument(1));
        }
        ArrayNode chunks = Json.NODES.arrayNode();
        ArrayNode chunk = null;
        for (JsonNode element : array) {
            if (chunk == null || chunk.size() == size) {
                chunk = chunks.addArray();
            }
            chunk.add(element);
        }
        return chunks;
    }

    private static JsonNode arrayContains(Invocation invocation) {
        ArrayNode array = array(invocation, 0);
        JsonNode wanted = invocation.argument(1);
        for (JsonNode element : array) {
            if (JsonEquality.equal(element, wanted)) {
                return Json.NODES.booleanNode(true);
            }
        }
        return Json.NODES.booleanNode(false);
    }

    private static JsonNode arrayRange(Invocation invocation) {
        long start = truncated(invocation, 0);
        long end = truncated(invocation, 1);
        long step = truncated(invocation, 2);
        if (step == 0) {
            throw invalid(invocation.name(), "the step (third argument) must not be 0");
        }
        long count = step > 0 ? (end >= start ? (end - start) / step + 1 : 0)
                : (end <= start ? (start - end) / -step + 1 : 0);
        if (count > MAX_RANGE_ITEMS) {
            throw invalid(invocation.name(), "the range has " + count + " items; at most " + MAX_RANGE_ITEMS
                    + " are allowed");
        }
        ArrayNode range = Json.NODES.arrayNode((int) count);
        for (long i = 0, value = start; i < count; i++, value += step) {
            // start, end and step are 32-bit (truncated() checks), and every value lies between start and end.
            range.add((int) value);
        }
        return range;
    }

    private static JsonNode arrayGetItem(Invocation invocation) {
        ArrayNode array = array(invocation, 0);
        long index = truncated(invocation, 1);
        if (array.isEmpty() && index >= 0) {
            // Step Functions answers null for any index into an empty array.
            return Json.NODES.nullNode();
        }
        if (index < 0 || index >= array.size()) {
            throw invalid(invocation.name(), "the index " + index + " is out of bounds of an array of "
                    + array.size() + " items");
        }
        return array.get((int) index);
    }

    private static JsonNode arrayUnique(Invocation invocation) {
        ArrayNode array = array(invocation, 0);
        List<JsonNode> seen = new ArrayList<>();
        ArrayNode unique = Json.NODES.arrayNode();
        for (JsonNode element : array) {
            if (seen.stream().noneMatch(kept -> JsonEquality.equal(kept, element))) {
                seen.add(element);
                unique.add(element);
            }
        }
        return unique;
    }

    private static JsonNode base64Encode(Invocation invocation) {
        String data = checkLength(invocation, string(invocation, 0));
        return Json.NODES.textNode(Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode base64Decode(Invocation invocation) {
        String data = checkLength(invocation, string(invocation, 0));
        try {
            // The MIME decoder skips characters outside the alphabet (spaces, line breaks), as Step Functions does.
            return Json.NODES.textNode(new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw invalid(invocation.name(), "the string is not valid Base64: " + e.getMessage());
        }
    }

    private static JsonNode hash(Invocation invocation) {
        JsonNode value = invocation.argument(0);
        // Step Functions hashes a non-string value's JSON text.
        String data = checkLength(invocation, value.isTextual() ? value.textValue() : Json.render(value));
        String algorithm = string(invocation, 1);
        if (!AwsJsonataFunctions.HASH_ALGORITHMS.contains(algorithm)) {
            throw invalid(invocation.name(), "the hash algorithm '" + algorithm
                    + "' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
        }
        return Json.NODES.textNode(AwsJsonataFunctions.hexDigest(algorithm, data));
    }

    private static JsonNode jsonMerge(Invocation invocation) {
        ObjectNode left = object(invocation, 0);
        ObjectNode right = object(invocation, 1);
        JsonNode deep = invocation.argument(2);
        if (deep.isBoolean() ? deep.booleanValue() : "true".equalsIgnoreCase(deep.asText())) {
            throw invalid(invocation.name(), "deep merging is not supported; Step Functions only merges shallowly,"
                    + " so the third argument must be false");
        }
        ObjectNode merged = left.deepCopy();
        right.properties().forEach(member -> merged.set(member.getKey(), member.getValue()));
        return merged;
    }

    private static JsonNode mathRandom(Invocation invocation) {
        long start = truncated(invocation, 0);
        long end = truncated(invocation, 1);
        if (start >= end) {
            throw invalid(invocation.name(), "the start (" + start + ") must be less than the end (" + end
                    + "); the result is at least start and less than end");
        }
        Random random = invocation.count() == 3 ? new Random(truncated(invocation, 2)) : ThreadLocalRandom.current();
        return Json.NODES.numberNode((int) (start + random.nextLong(end - start)));
    }

    private static JsonNode mathAdd(Invocation invocation) {
        long sum = rounded(invocation, 0) + rounded(invocation, 1);
        if (sum < Integer.MIN_VALUE || sum > Integer.MAX_VALUE) {
            throw invalid(invocation.name(), "the sum " + sum + " is outside the 32-bit integer range");
        }
        return Json.NODES.numberNode((int) sum);
    }

    /** MathAdd rounds a non-integer to the nearest integer, halves towards positive infinity (Math.round). */
    private static long rounded(Invocation invocation, int index) {
        BigDecimal exact = number(invocation, index);
        BigDecimal value = exact.add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR);
        if (value.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw invalid(invocation.name(), ordinal(index) + " argument " + exact.toPlainString()
                    + " is outside the 32-bit integer range");
        }
        return value.longValue();
    }

    private static JsonNode stringSplit(Invocation invocation) {
        String text = string(invocation, 0);
        String delimiters = string(invocation, 1);
        // Each character of the second argument is a delimiter, and empty pieces are dropped (StringTokenizer).
        StringTokenizer tokens = new StringTokenizer(text, delimiters);
        ArrayNode pieces = Json.NODES.arrayNode();
        while (tokens.hasMoreTokens()) {
            pieces.add(tokens.nextToken());
        }
        return pieces;
    }
}
