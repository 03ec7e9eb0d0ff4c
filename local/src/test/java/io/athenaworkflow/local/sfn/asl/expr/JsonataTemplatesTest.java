package io.athenaworkflow.local.sfn.asl.expr;

import static io.athenaworkflow.local.sfn.asl.expr.TestJson.json;
import static io.athenaworkflow.local.sfn.asl.expr.TestJson.variables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonataTemplatesTest {

    private static final JsonNode STATES = json("{'input': {'title': 'Doctor', 'list': [1, 2], 'n': 4}}");

    @Test
    void resolve_whenArgumentsFromTheAwsDocs_evaluatesOnlyDelimitedStrings() {
        // "Transforming data with JSONata": the same result as the JSONPath Parameters it replaces.
        JsonNode arguments = json("""
                {"static": "Hello", "title": "{% $states.input.title %}", "name": "{% $customerName %}",
                 "not-evaluated": "$customerName"}""");

        JsonNode resolved = JsonataTemplates.resolve(arguments, STATES, variables("{'customerName': 'María'}"),
                "Arguments");

        assertThat(Json.render(resolved)).isEqualTo(Json.render(json("""
                {"static": "Hello", "title": "Doctor", "name": "María", "not-evaluated": "$customerName"}""")));
    }

    @Test
    void resolve_walksNestedObjectsAndArraysButNotKeys() {
        JsonNode template = json("""
                {"{% 'key' %}": "{% $states.input.n + 1 %}",
                 "nested": {"list": ["{% $states.input.list %}", 3, true, null, {"deep": "{%$states.input.title%}"}]}}""");

        JsonNode resolved = JsonataTemplates.resolve(template, STATES, Map.of(), "Output");

        assertThat(Json.render(resolved)).isEqualTo(Json.render(json("""
                {"{% 'key' %}": 5, "nested": {"list": [[1, 2], 3, true, null, {"deep": "Doctor"}]}}""")));
    }

    @Test
    void resolve_keepsStringsThatAreNotExactlyOneExpression() {
        JsonNode template = json("""
                ["prefix {% 1 %}", " {% 1 %}", "{% 1 %} ", "{% 1 %} and {% 2 %}x", "{%", "%}", "plain"]""");

        JsonNode resolved = JsonataTemplates.resolve(template, STATES, Map.of(), "Output");

        assertThat(resolved).isEqualTo(template);
    }

    @Test
    void resolve_whenTheWholeValueIsAnExpression_returnsItsValue() {
        JsonNode resolved = JsonataTemplates.resolve(json("'{% $states.input %}'"), STATES, Map.of(), "Output");

        assertThat(resolved).isEqualTo(STATES.get("input"));
    }

    @Test
    void resolve_whenNestedExpressionReturnsNothing_failsNamingItsLocation() {
        JsonNode template = json("{'a': {'b': [1, '{% $states.input.absent %}']}}");

        assertThatThrownBy(() -> JsonataTemplates.resolve(template, STATES, Map.of(), "Output"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
                    assertThat(e.cause()).isEqualTo("The JSONata expression '$states.input.absent' specified for the "
                            + "field 'Output/a/b[1]' returned nothing (undefined).");
                });
        assertThatThrownBy(() -> JsonataTemplates.resolve(json("{'Prefix': '{% $states.input.missing %}'}"), STATES,
                Map.of(), "Arguments"))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause()).contains(
                        "specified for the field 'Arguments/Prefix' returned nothing"));
    }

    @Test
    void resolve_whenExpressionThrows_failsNamingItsLocation() {
        assertThatThrownBy(() -> JsonataTemplates.resolve(json("{'x': [\"{% $foo() %}\"]}"), STATES, Map.of(),
                "Assign"))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause()).isEqualTo(
                        "The JSONata expression '$foo()' specified for the field 'Assign/x[0]' threw an error during "
                                + "evaluation. T1006: Attempted to invoke a non-function"));
    }

    @Test
    void resolve_withoutField_namesTheLocationInsideTheTemplate() {
        assertThatThrownBy(() -> JsonataTemplates.resolve(json("{'v': '{% $nope %}'}"), STATES, Map.of()))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause()).isEqualTo(
                        "The JSONata expression '$nope' specified for the field 'v' returned nothing (undefined)."));
        assertThatThrownBy(() -> JsonataTemplates.resolve(json("'{% $nope %}'"), STATES, Map.of()))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause()).isEqualTo(
                        "The JSONata expression '$nope' returned nothing (undefined)."));
    }

    @Test
    void resolve_withClock_usesItForNow() {
        JsonNode resolved = JsonataTemplates.resolve(json("{'at': '{% $now() %}'}"), STATES, Map.of(), "Output",
                InstantSource.fixed(Instant.parse("2030-01-02T03:04:05Z")));

        assertThat(resolved.get("at").textValue()).isEqualTo("2030-01-02T03:04:05.000Z");
    }

    @Test
    void resolve_doesNotModifyTheTemplate() {
        JsonNode template = json("{'a': '{% 1 %}', 'b': ['{% 2 %}']}");
        JsonNode before = template.deepCopy();

        JsonataTemplates.resolve(template, STATES, Map.of(), "Output");

        assertThat(template).isEqualTo(before);
    }
}
