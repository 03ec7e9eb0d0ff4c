package io.athenaworkflow.local.sfn.asl.expr;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between Jackson trees and the plain Java values the dashjoin JSONata engine works on: {@code Map},
 * {@code List}, {@code String}, {@code Number}, {@code Boolean}, {@link Jsonata#NULL_VALUE} for JSON null, and Java
 * {@code null} for JSONata's "undefined".
 */
final class JsonataValues {

    /** Past this magnitude JavaScript (and so JSONata on AWS) writes whole numbers in exponent notation. */
    private static final double EXPONENT_NOTATION_FROM = 1e21;

    private JsonataValues() {
    }

    /** The JSONata value of a JSON tree; a missing node (or Java null) is undefined. */
    static Object toJsonata(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        return switch (node.getNodeType()) {
            case NULL -> Jsonata.NULL_VALUE;
            case BOOLEAN -> node.booleanValue();
            case STRING -> node.textValue();
            case NUMBER -> toJsonataNumber(node);
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(toJsonata(element));
                }
                yield list;
            }
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    map.put(field.getKey(), toJsonata(field.getValue()));
                }
                yield map;
            }
            default -> node.asText();
        };
    }

    private static Object toJsonataNumber(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long value = node.longValue();
            return value == (int) value ? (Object) (int) value : (Object) value;
        }
        // JSONata numbers are IEEE doubles, as in JavaScript.
        return node.doubleValue();
    }

    /**
     * The JSON tree of a JSONata value, or empty when the value has no JSON form (a function). A Java null at the
     * top is "undefined" and comes back as a {@link MissingNode}.
     */
    static Optional<JsonNode> fromJsonata(Object value) {
        if (value == null) {
            return Optional.of(MissingNode.getInstance());
        }
        return Optional.ofNullable(toNode(value));
    }

    /** Null when the value (or something inside it) is a function, which JSON cannot carry. */
    private static JsonNode toNode(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return Json.NODES.nullNode();
        }
        if (value instanceof String text) {
            return Json.NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return Json.NODES.booleanNode(bool);
        }
        if (value instanceof Number number) {
            return numberNode(number);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = Json.NODES.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() == null) {
                    // An undefined member is dropped, as JSON.stringify does.
                    continue;
                }
                JsonNode member = toNode(entry.getValue());
                if (member == null) {
                    return null;
                }
                object.set(String.valueOf(entry.getKey()), member);
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = Json.NODES.arrayNode(list.size());
            for (Object element : list) {
                JsonNode item = toNode(element);
                if (item == null) {
                    return null;
                }
                array.add(item);
            }
            return array;
        }
        return null;
    }

    /**
     * Whole numbers come back as JSON integers (JSONata computes {@code 1.5 * 2} as the double 3.0, which AWS writes
     * as {@code 3}); a non-finite double has no JSON literal and comes back as the string JavaScript names it by.
     */
    static JsonNode numberNode(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return integerNode(number.longValue());
        }
        if (number instanceof BigInteger big) {
            return Json.NODES.numberNode(big);
        }
        if (number instanceof BigDecimal decimal) {
            return Json.NODES.numberNode(decimal);
        }
        double value = number.doubleValue();
        if (Double.isNaN(value)) {
            return Json.NODES.textNode("NaN");
        }
        if (Double.isInfinite(value)) {
            return Json.NODES.textNode(value > 0 ? "Infinity" : "-Infinity");
        }
        if (value == Math.rint(value) && Math.abs(value) < EXPONENT_NOTATION_FROM) {
            BigInteger whole = new BigDecimal(value).toBigInteger();
            return whole.bitLength() < 64 ? integerNode(whole.longValue()) : Json.NODES.numberNode(whole);
        }
        return Json.NODES.numberNode(value);
    }

    /** An int node when the value fits, as Jackson reads small integers, so trees compare equal. */
    private static JsonNode integerNode(long value) {
        return value == (int) value ? Json.NODES.numberNode((int) value) : Json.NODES.numberNode(value);
    }
}
