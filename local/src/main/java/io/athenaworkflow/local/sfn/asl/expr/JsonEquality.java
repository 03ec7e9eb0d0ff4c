package io.athenaworkflow.local.sfn.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * JSON value equality: numbers are equal when their values are ({@code 1} equals {@code 1.0}, which Jackson's
 * {@code equals} denies because one is an int node and the other a double node); objects are equal when they have
 * the same members with equal values, in any order; arrays when their elements are equal in order.
 */
final class JsonEquality {

    private JsonEquality() {
    }

    static boolean equal(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> member : a.properties()) {
                if (!equal(member.getValue(), b.get(member.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
