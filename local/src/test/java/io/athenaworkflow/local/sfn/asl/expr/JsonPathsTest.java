package io.athenaworkflow.local.sfn.asl.expr;

import static io.athenaworkflow.local.sfn.asl.expr.TestJson.CONTEXT;
import static io.athenaworkflow.local.sfn.asl.expr.TestJson.json;
import static io.athenaworkflow.local.sfn.asl.expr.TestJson.variables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathsTest {

    private static final JsonNode DOCUMENT = json("""
            {"comment": "Example for InputPath.",
             "dataset1": {"val1": 1, "val2": 2, "val3": 3},
             "dataset2": {"val1": "a", "val2": "b", "val3": "c"},
             "nothing": null,
             "items": [{"id": 1, "price": 5}, {"id": 2, "price": 15}],
             "odd key": true}""");

    static Stream<Arguments> reads() {
        return Stream.of(
                arguments("$", Json.render(DOCUMENT)),
                arguments("$.dataset2", "{'val1': 'a', 'val2': 'b', 'val3': 'c'}"),
                arguments("$.dataset1.val2", "2"),
                arguments("$['dataset2']['val3']", "'c'"),
                arguments("$['odd key']", "true"),
                arguments("$.nothing", "null"),
                arguments("$.items[1].id", "2"),
                arguments("$.items[-1].id", "2"),
                // Indefinite paths gather every match into an array.
                arguments("$.items[*].id", "[1, 2]"),
                arguments("$.items[?(@.price > 10)].id", "[2]"),
                arguments("$..val1", "[1, 'a']"),
                arguments("$.items[0:1]", "[{'id': 1, 'price': 5}]"),
                arguments("$.items[*].missing", "[]"),
                // ... and, as on AWS, into an empty array where the input lacks the nodes they walk through.
                arguments("$.missing[*]", "[]"),
                arguments("$.missing[1:]", "[]"),
                arguments("$.item.items[:1].itemValue", "[]"),
                arguments("$.comment[*]", "[]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void read_whenPathMatches_returnsTheNodeOrAnArrayOfMatches(String path, String expected) {
        assertThat(Json.render(JsonPaths.read(path, DOCUMENT, "InputPath"))).isEqualTo(Json.render(json(expected)));
    }

    private static final JsonNode ESCAPES = json("""
            {"store.book": 4, "store": {"book": 5}, "foo": {".bar": 8},
             "foo@bar": {"baz[[": {"?pretty": 9}}, "x\\\\y": 6, "it's": {"a.b": 10},
             "deep": [{"a.b": 11}, {"a.b": 12}]}""");

    /** The escaped Reference Paths the Amazon States Language specification lists as valid, and a few more. */
    static Stream<Arguments> escapes() {
        return Stream.of(
                arguments("$.store\\.book", "4"),
                arguments("$.\\stor\\e.boo\\k", "5"),
                arguments("$.foo.\\.bar", "8"),
                arguments("$.foo\\@bar.baz\\[\\[.\\?pretty", "9"),
                arguments("$.x\\\\y", "6"),
                arguments("$['it\\'s'].a\\.b", "10"),
                arguments("$['store.book']", "4"),
                arguments("$.deep[*].a\\.b", "[11, 12]"),
                arguments("$..a\\.b", "[10, 11, 12]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void read_whenFieldNameHasEscapes_readsTheNamedField(String path, String expected) {
        assertThat(Json.render(JsonPaths.read(path, ESCAPES, "InputPath"))).isEqualTo(Json.render(json(expected)));
    }

    @Test
    void write_whenResultPathHasEscapes_writesTheNamedField() {
        assertThat(Json.render(JsonPaths.write(json("{}"), "$.out\\.put", json("1"))))
                .isEqualTo(Json.render(json("{'out.put': 1}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.missing", "$.dataset1.val9", "$.items[2]", "$.items[-3].id", "$.comment.length",
        "$.nothing.x"})
    void read_whenPathNamesNothing_failsWithAwsMessage(String path) {
        JsonNode input = json("{'comment': 'x', 'items': [1, 2], 'nothing': null}");

        assertThatThrownBy(() -> JsonPaths.read(path, input, "InputPath"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).isEqualTo("The JSONPath '" + path + "' specified for the field 'InputPath'"
                            + " could not be found in the input '{\"comment\":\"x\",\"items\":[1,2],\"nothing\":null}'");
                });
    }

    @Test
    void read_withoutField_failsWithoutNamingOne() {
        assertThatThrownBy(() -> JsonPaths.read("$.x", json("{}")))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause())
                        .isEqualTo("The JSONPath '$.x' could not be found in the input '{}'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "$.", "$[", "$.a b", ""})
    void read_whenPathInvalid_failsSayingWhy(String path) {
        assertThatThrownBy(() -> JsonPaths.read(path, DOCUMENT, "OutputPath"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).startsWith("The JSONPath '" + path + "' specified for the field "
                            + "'OutputPath' is not a valid JSONPath");
                });
    }

    @Test
    void find_whenPathNamesNothing_isEmpty() {
        assertThat(JsonPaths.find("$.missing", DOCUMENT)).isEmpty();
        assertThat(JsonPaths.find("$.nothing", DOCUMENT)).contains(json("null"));
    }

    @Test
    void isDefinite_tellsSingleNodePathsFromQueries() {
        assertThat(JsonPaths.isDefinite("$.a.b[0]")).isTrue();
        assertThat(JsonPaths.isDefinite("$.a[*]")).isFalse();
        assertThat(JsonPaths.isDefinite("$..a")).isFalse();
    }

    @Test
    void resolve_readsInputContextAndVariables() {
        Map<String, JsonNode> variables = variables("{'customer': {'name': 'María', 'tags': ['a', 'b']}, 'n': 3}");

        assertThat(JsonPaths.resolve("$.dataset1.val1", DOCUMENT, CONTEXT, variables, "x.$").intValue()).isEqualTo(1);
        assertThat(JsonPaths.resolve("$$.Execution.Name", DOCUMENT, CONTEXT, variables, "x.$").textValue())
                .isEqualTo("run-1");
        assertThat(JsonPaths.resolve("$$", DOCUMENT, CONTEXT, variables, "x.$")).isEqualTo(CONTEXT);
        assertThat(JsonPaths.resolve("$customer.name", DOCUMENT, CONTEXT, variables, "x.$").textValue())
                .isEqualTo("María");
        assertThat(JsonPaths.resolve("$customer.tags[1]", DOCUMENT, CONTEXT, variables, "x.$").textValue())
                .isEqualTo("b");
        assertThat(JsonPaths.resolve("$n", DOCUMENT, CONTEXT, variables, "x.$").intValue()).isEqualTo(3);
    }

    @Test
    void resolve_whenContextPathMissing_failsQuotingTheContext() {
        assertThatThrownBy(() -> JsonPaths.resolve("$$.Map.Item.Value", DOCUMENT, CONTEXT, Map.of(), "v.$"))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause())
                        .startsWith("The JSONPath '$$.Map.Item.Value' specified for the field 'v.$' could not be found"
                                + " in the input '{\"Execution\""));
    }

    @Test
    void resolve_whenVariableUnassignedOrItsMemberMissing_fails() {
        Map<String, JsonNode> variables = variables("{'customer': {'name': 'María'}}");

        assertThatThrownBy(() -> JsonPaths.resolve("$nobody", DOCUMENT, CONTEXT, variables, "v.$"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).contains("'$nobody'", "variable 'nobody'", "has not been assigned");
                });
        assertThatThrownBy(() -> JsonPaths.resolve("$customer.age", DOCUMENT, CONTEXT, variables, "v.$"))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause())
                        .isEqualTo("The JSONPath '$customer.age' specified for the field 'v.$' could not be found in"
                                + " the input '{\"name\":\"María\"}'"));
    }

    @Test
    void tryResolve_whenNothingNamed_isEmptyInsteadOfFailing() {
        assertThat(JsonPaths.tryResolve("$.missing", DOCUMENT, CONTEXT, Map.of())).isEmpty();
        assertThat(JsonPaths.tryResolve("$nobody", DOCUMENT, CONTEXT, Map.of())).isEmpty();
        assertThat(JsonPaths.tryResolve("$$.Execution.Id", DOCUMENT, CONTEXT, Map.of())).isPresent();
    }

    static Stream<Arguments> writes() {
        return Stream.of(
                // The ResultPath examples of the ASL specification and the AWS docs.
                arguments("{'a': 1}", "$.b.greeting", "'Hi!'", "{'a': 1, 'b': {'greeting': 'Hi!'}}"),
                arguments("{'title': 'Numbers to add', 'numbers': {'val1': 3, 'val2': 4}}", "$.sum", "7",
                        "{'title': 'Numbers to add', 'numbers': {'val1': 3, 'val2': 4}, 'sum': 7}"),
                arguments("{'comment': 'This is a test'}", "$", "'Hello, Step Functions!'", "'Hello, Step Functions!'"),
                arguments("{'a': {'x': 1}}", "$.a.y", "2", "{'a': {'x': 1, 'y': 2}}"),
                arguments("{'a': {'x': 1}}", "$.a", "[1]", "{'a': [1]}"),
                arguments("{'list': [1, 2, 3]}", "$.list[1]", "'two'", "{'list': [1, 'two', 3]}"),
                arguments("{'list': [{'v': 1}]}", "$.list[0].w", "2", "{'list': [{'v': 1, 'w': 2}]}"),
                arguments("{}", "$['odd key'].b", "true", "{'odd key': {'b': true}}"));
    }

    @ParameterizedTest(name = "{1} into {0}")
    @MethodSource("writes")
    void write_whenPathApplies_placesTheResult(String input, String resultPath, String value, String expected) {
        JsonNode document = json(input);
        JsonNode before = document.deepCopy();

        JsonNode written = JsonPaths.write(document, resultPath, json(value));

        assertThat(Json.render(written)).isEqualTo(Json.render(json(expected)));
        assertThat(document).as("the input is not modified").isEqualTo(before);
    }

    @Test
    void write_whenResultPathNull_keepsTheInput() {
        JsonNode input = json("{'comment': 'This is a test'}");

        assertThat(JsonPaths.write(input, null, json("'Hello'"))).isEqualTo(input);
    }

    static Stream<Arguments> unwritable() {
        return Stream.of(
                arguments("'foo'", "$.x", "Unable to apply ReferencePath $.x to input \"foo\""),
                arguments("{'a': 5}", "$.a.b", "Unable to apply ReferencePath $.a.b to input {\"a\":5}"),
                arguments("{'a': null}", "$.a.b", "Unable to apply ReferencePath $.a.b to input {\"a\":null}"),
                arguments("{'list': [1]}", "$.list[3]", "Unable to apply ReferencePath $.list[3] to input {\"list\":[1]}"),
                arguments("[1, 2]", "$.x", "Unable to apply ReferencePath $.x to input [1,2]"));
    }

    @ParameterizedTest(name = "{1} into {0}")
    @MethodSource("unwritable")
    void write_whenPathRunsIntoANonObject_failsWithResultPathMatchFailure(String input, String resultPath,
                                                                          String cause) {
        assertThatThrownBy(() -> JsonPaths.write(json(input), resultPath, json("1")))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure");
                    assertThat(e.cause()).isEqualTo(cause);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.a[*]", "$..a", "$.a[?(@.b)]", "$$.Execution", "a.b", "$.a[0:2]"})
    void write_whenResultPathNotAReferencePath_failsWithStatesRuntime(String resultPath) {
        assertThatThrownBy(() -> JsonPaths.write(json("{'a': [1, 2]}"), resultPath, json("1")))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).contains("'" + resultPath + "' is not a Reference Path");
                });
    }
}
