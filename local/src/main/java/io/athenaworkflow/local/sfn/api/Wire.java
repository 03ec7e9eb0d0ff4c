package io.athenaworkflow.local.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.edge.AwsServiceError;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Request parsing and response rendering for the JSON 1.0 protocol. */
final class Wire {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Detail members that carry execution data, dropped when includeExecutionData is false. */
    private static final Set<String> EXECUTION_DATA = Set.of("input", "inputDetails", "output", "outputDetails",
            "parameters");

    private Wire() {
    }

    /** A timestamp as the JSON protocol sends it: epoch seconds with a millisecond fraction. */
    static JsonNode date(Instant instant) {
        return DecimalNode.valueOf(BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }

    /** One GetExecutionHistory event: timestamp, type, id, previousEventId and the type's details object. */
    static ObjectNode historyEvent(HistoryEvent event, boolean includeExecutionData) {
        ObjectNode out = JSON.createObjectNode();
        out.set("timestamp", date(event.timestamp()));
        out.put("type", event.type());
        out.put("id", event.id());
        out.put("previousEventId", event.previousEventId());
        for (Map.Entry<String, JsonNode> field : event.json().properties()) {
            String name = field.getKey();
            if (name.equals("type") || name.equals("id") || name.equals("previousEventId")) {
                continue;
            }
            JsonNode value = field.getValue().deepCopy();
            if (!includeExecutionData && value instanceof ObjectNode details) {
                details.remove(EXECUTION_DATA);
            }
            out.set(name, value);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- request members

    /** An optional string member; null when absent or JSON null. */
    static String string(ObjectNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw serialization(member, "STRING_VALUE");
        }
        return value.asText();
    }

    static String requiredString(ObjectNode request, String member) {
        String value = string(request, member);
        if (value == null) {
            throw new StepFunctionsValidationException("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    static Boolean bool(ObjectNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw serialization(member, "BOOLEAN_VALUE");
        }
        return value.asBoolean();
    }

    static Integer integer(ObjectNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw serialization(member, "NUMBER_VALUE");
        }
        return value.asInt();
    }

    static Long longInteger(ObjectNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw serialization(member, "NUMBER_VALUE");
        }
        return value.asLong();
    }

    /** A float member (any JSON number). */
    static Double number(ObjectNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw serialization(member, "NUMBER_VALUE");
        }
        return value.asDouble();
    }

    static ObjectNode object(ObjectNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw serialization(member, "structure");
        }
        return object;
    }

    /** What AWS answers for a member of the wrong JSON type: the request cannot be deserialised. */
    private static AwsServiceError serialization(String member, String expected) {
        return AwsServiceError.client("SerializationException", "Unexpected value for '" + member + "': expected "
                + expected);
    }

    /** maxResults: 0 or absent means the default of 100; at most 1000. */
    static int maxResults(ObjectNode request) {
        Integer max = integer(request, "maxResults");
        if (max == null || max == 0) {
            return 100;
        }
        if (max < 0) {
            throw new StepFunctionsValidationException("1 validation error detected: Value '" + max + "' at"
                    + " 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0");
        }
        if (max > 1000) {
            throw new StepFunctionsValidationException("1 validation error detected: Value '" + max + "' at"
                    + " 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000");
        }
        return max;
    }
}
