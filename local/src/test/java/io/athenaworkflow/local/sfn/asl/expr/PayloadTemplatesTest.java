package io.athenaworkflow.local.sfn.asl.expr;

import static io.athenaworkflow.local.sfn.asl.expr.TestJson.CONTEXT;
import static io.athenaworkflow.local.sfn.asl.expr.TestJson.json;
import static io.athenaworkflow.local.sfn.asl.expr.TestJson.variables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadTemplatesTest {

    @Test
    void resolve_whenTemplateFromTheSpec_extractsAndEmbeds() {
        // The Parameters example of the Amazon States Language specification.
        JsonNode template = json("""
                {"flagged": true,
                 "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[3:]"},
                 "weekday.$": "$$.DayOfWeek",
                 "formattedOutput.$": "States.Format('Today is {}', $$.DayOfWeek)"}""");
        JsonNode input = json("{'flagged': 7, 'vals': [0, 10, 20, 30, 40, 50]}");
        JsonNode context = json("{'DayOfWeek': 'TUESDAY'}");

        JsonNode resolved = PayloadTemplates.resolve(template, input, context, Map.of());

        assertThat(Json.render(resolved)).isEqualTo(Json.render(json("""
                {"flagged": true,
                 "parts": {"first": 0, "last3": [30, 40, 50]},
                 "weekday": "TUESDAY",
                 "formattedOutput": "Today is TUESDAY"}""")));
    }

    @Test
    void resolve_whenValuesReferenceVariables_usesThem() {
        // The "Passing data between states with variables" example: a literal "$customerName" stays a string.
        JsonNode template = json("""
                {"static": "Hello", "title.$": "$.title", "name.$": "$customerName",
                 "not-evaluated": "$customerName"}""");

        JsonNode resolved = PayloadTemplates.resolve(template, json("{'title': 'Doctor'}"), CONTEXT,
                variables("{'customerName': 'María'}"));

        assertThat(Json.render(resolved)).isEqualTo(Json.render(json("""
                {"static": "Hello", "title": "Doctor", "name": "María", "not-evaluated": "$customerName"}""")));
    }

    @Test
    void resolve_walksObjectsInsideArraysAndKeepsOtherValues() {
        JsonNode template = json("""
                {"list": [{"id.$": "$.id"}, "plain", 3, null, ["$.id", {"n.$": "States.MathAdd($.id, 1)"}]],
                 "suffix.$.not": "kept", ".$": "kept too"}""");

        JsonNode resolved = PayloadTemplates.resolve(template, json("{'id': 7}"), CONTEXT, Map.of());

        assertThat(Json.render(resolved)).isEqualTo(Json.render(json("""
                {"list": [{"id": 7}, "plain", 3, null, ["$.id", {"n": 8}]],
                 "suffix.$.not": "kept", ".$": "kept too"}""")));
    }

    @Test
    void resolve_whenWholeInputSelected_copiesIt() {
        JsonNode input = json("{'a': [1, {'b': 2}]}");

        JsonNode resolved = PayloadTemplates.resolve(json("{'all.$': '$', 'ctx.$': '$$.State.Name'}"), input,
                CONTEXT, Map.of());

        assertThat(resolved.get("all")).isEqualTo(input);
        assertThat(resolved.get("ctx").textValue()).isEqualTo("Prepare");
    }

    @Test
    void resolve_doesNotModifyTheTemplate() {
        JsonNode template = json("{'a.$': '$.x', 'nested': {'b.$': '$.x'}}");
        JsonNode before = template.deepCopy();

        PayloadTemplates.resolve(template, json("{'x': 1}"), CONTEXT, Map.of());

        assertThat(template).isEqualTo(before);
    }

    @Test
    void resolve_whenPathMissing_failsNamingTheField() {
        JsonNode template = json("{'outer': {'value.$': '$.missing'}}");

        assertThatThrownBy(() -> PayloadTemplates.resolve(template, json("{'present': 1}"), CONTEXT, Map.of()))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).isEqualTo("The JSONPath '$.missing' specified for the field 'value.$' could"
                            + " not be found in the input '{\"present\":1}'");
                });
    }

    @Test
    void resolve_whenIntrinsicFails_propagatesItsError() {
        assertThatThrownBy(() -> PayloadTemplates.resolve(json("{'n.$': 'States.MathAdd($.a, 1)'}"),
                json("{'a': 'x'}"), CONTEXT, Map.of()))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).startsWith("Invalid arguments in States.MathAdd");
                });
    }

    @Test
    void resolve_whenDynamicValueNotAString_failsSayingSo() {
        assertThatThrownBy(() -> PayloadTemplates.resolve(json("{'n.$': 5}"), json("{}"), CONTEXT, Map.of()))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause())
                        .isEqualTo("The value of the field 'n.$' must be a string holding a JSONPath or an intrinsic "
                                + "function call, not a number"));
        assertThatThrownBy(() -> PayloadTemplates.resolve(json("{'n.$': 'hello'}"), json("{}"), CONTEXT, Map.of()))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause())
                        .startsWith("The JSONPath 'hello' specified for the field 'n.$' is not a valid JSONPath"));
    }
}
