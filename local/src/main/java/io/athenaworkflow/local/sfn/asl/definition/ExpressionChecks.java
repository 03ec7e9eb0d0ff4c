package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.expr.Intrinsics;
import io.athenaworkflow.local.sfn.asl.expr.Jsonata;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The expressions of one state, checked when the definition is created (as CreateStateMachine, UpdateStateMachine and
 * ValidateStateMachineDefinition do on AWS) rather than when a state first evaluates them: every JSONata
 * {@code {% %}} string of a JSONata state must parse ({@code INVALID_JSONATA_EXPRESSION}, with the parser's message and
 * the field's location such as {@code /States/A/Output/v}), and every intrinsic function call of a JSONPath state
 * must be well formed, name a known function and pass it a valid number of arguments.
 */
final class ExpressionChecks {

    /** Where a problem goes: the parser's list. */
    interface Problems {
        void add(String code, String message, String pointer);
    }

    /** The JSONata fields of a state, and of its choice rules and catchers. */
    private static final List<String> JSONATA_FIELDS = List.of("Arguments", "Output", "Assign", "Items",
            "ItemSelector", "Seconds", "Timestamp", "Error", "Cause", "TimeoutSeconds", "HeartbeatSeconds",
            "MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage", "Condition", "ItemBatcher");

    /**
     * The payload templates of a JSONPath state, whose {@code .$} members may call intrinsic functions (ItemBatcher
     * holds the BatchInput template; its other members have no {@code .$} names).
     */
    private static final List<String> TEMPLATE_FIELDS = List.of("Parameters", "ResultSelector", "ItemSelector",
            "Assign", "ItemBatcher");

    private final Problems problems;

    ExpressionChecks(Problems problems) {
        this.problems = problems;
    }

    void check(ObjectNode state, String pointer, QueryLanguage language) {
        checkFields(state, pointer, language);
        for (String array : List.of("Choices", "Catch")) {
            JsonNode elements = state.get(array);
            if (elements != null && elements.isArray()) {
                for (int i = 0; i < elements.size(); i++) {
                    if (elements.get(i) instanceof ObjectNode element) {
                        checkFields(element, pointer + "/" + array + "[" + i + "]", language);
                    }
                }
            }
        }
    }

    private void checkFields(ObjectNode object, String pointer, QueryLanguage language) {
        if (language == QueryLanguage.JSONATA) {
            for (String field : JSONATA_FIELDS) {
                JsonNode value = object.get(field);
                if (value != null) {
                    jsonata(value, pointer + "/" + field);
                }
            }
            return;
        }
        for (String field : TEMPLATE_FIELDS) {
            JsonNode value = object.get(field);
            if (value != null) {
                template(value, pointer + "/" + field);
            }
        }
        for (String field : List.of("ErrorPath", "CausePath")) {
            JsonNode value = object.get(field);
            if (value != null && value.isTextual() && Intrinsics.isIntrinsic(value.asText())) {
                intrinsic(value.asText(), pointer + "/" + field);
            }
        }
    }

    private void jsonata(JsonNode value, String pointer) {
        if (value.isTextual() && Jsonata.isExpression(value.asText())) {
            Jsonata.syntaxError(Jsonata.unwrap(value.asText())).ifPresent(message ->
                    problems.add("INVALID_JSONATA_EXPRESSION", message, pointer));
        } else if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                jsonata(member.getValue(), pointer + "/" + member.getKey());
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                jsonata(value.get(i), pointer + "[" + i + "]");
            }
        }
    }

    private void template(JsonNode value, String pointer) {
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                String at = pointer + "/" + member.getKey();
                JsonNode child = member.getValue();
                if (member.getKey().endsWith(".$") && child.isTextual() && Intrinsics.isIntrinsic(child.asText())) {
                    intrinsic(child.asText(), at);
                } else {
                    template(child, at);
                }
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                template(value.get(i), pointer + "[" + i + "]");
            }
        }
    }

    private void intrinsic(String expression, String pointer) {
        try {
            Intrinsics.validate(expression.strip());
        } catch (StatesError e) {
            problems.add("SCHEMA_VALIDATION_FAILED", "The value \"" + expression + "\" is not a valid intrinsic"
                    + " function call: " + e.cause(), pointer);
        }
    }
}
