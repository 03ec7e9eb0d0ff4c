package io.athenaworkflow.local.sfn.asl.expr;

import static io.athenaworkflow.local.sfn.asl.expr.TestJson.CONTEXT;
import static io.athenaworkflow.local.sfn.asl.expr.TestJson.json;
import static io.athenaworkflow.local.sfn.asl.expr.TestJson.variables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChoiceRulesTest {

    private static final JsonNode INPUT = json("""
            {"s": "banana", "n": 5, "f": 2.5, "t": true, "nul": null,
             "ts": "2016-03-14T01:59:00Z", "tsOffset": "2016-03-14T03:59:00+02:00", "tsFrac": "2016-03-14T01:59:00.5Z",
             "other": {"s": "cherry", "n": 5.0, "big": 7, "t": false, "ts": "2017-01-01T00:00:00Z", "txt": "5"},
             "file": "log-2024.txt", "star": "a*b", "slash": "a\\\\b",
             "obj": {}, "arr": [1]}""");

    private static boolean matches(String rule) {
        return ChoiceRules.matches(json(rule), INPUT, CONTEXT, variables("{'limit': 5, 'user': {'role': 'admin'}}"));
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // Strings
                arguments("{'Variable': '$.s', 'StringEquals': 'banana'}", true),
                arguments("{'Variable': '$.s', 'StringEquals': 'Banana'}", false),
                arguments("{'Variable': '$.s', 'StringLessThan': 'cherry'}", true),
                arguments("{'Variable': '$.s', 'StringLessThan': 'banana'}", false),
                arguments("{'Variable': '$.s', 'StringGreaterThan': 'apple'}", true),
                arguments("{'Variable': '$.s', 'StringGreaterThan': 'banana'}", false),
                arguments("{'Variable': '$.s', 'StringLessThanEquals': 'banana'}", true),
                arguments("{'Variable': '$.s', 'StringLessThanEquals': 'apple'}", false),
                arguments("{'Variable': '$.s', 'StringGreaterThanEquals': 'banana'}", true),
                arguments("{'Variable': '$.s', 'StringGreaterThanEquals': 'cherry'}", false),
                arguments("{'Variable': '$.s', 'StringEqualsPath': '$.other.s'}", false),
                arguments("{'Variable': '$.s', 'StringLessThanPath': '$.other.s'}", true),
                arguments("{'Variable': '$.s', 'StringGreaterThanPath': '$.other.s'}", false),
                arguments("{'Variable': '$.s', 'StringLessThanEqualsPath': '$.s'}", true),
                arguments("{'Variable': '$.s', 'StringGreaterThanEqualsPath': '$.other.s'}", false),
                // StringMatches: * is a wildcard, \* a literal asterisk, \\ a literal backslash
                arguments("{'Variable': '$.file', 'StringMatches': 'log-*.txt'}", true),
                arguments("{'Variable': '$.file', 'StringMatches': '*.txt'}", true),
                arguments("{'Variable': '$.file', 'StringMatches': 'log-*'}", true),
                arguments("{'Variable': '$.file', 'StringMatches': '*'}", true),
                arguments("{'Variable': '$.file', 'StringMatches': 'log-*.csv'}", false),
                arguments("{'Variable': '$.file', 'StringMatches': 'log-2024.txt'}", true),
                arguments("{'Variable': '$.file', 'StringMatches': 'log.2024.txt'}", false),
                arguments("{'Variable': '$.star', 'StringMatches': 'a\\\\*b'}", true),
                arguments("{'Variable': '$.file', 'StringMatches': 'log\\\\*'}", false),
                arguments("{'Variable': '$.slash', 'StringMatches': 'a\\\\\\\\b'}", true),
                // Numbers
                arguments("{'Variable': '$.n', 'NumericEquals': 5}", true),
                arguments("{'Variable': '$.n', 'NumericEquals': 5.0}", true),
                arguments("{'Variable': '$.f', 'NumericEquals': 2.5}", true),
                arguments("{'Variable': '$.n', 'NumericEquals': 6}", false),
                arguments("{'Variable': '$.n', 'NumericLessThan': 6}", true),
                arguments("{'Variable': '$.n', 'NumericLessThan': 5}", false),
                arguments("{'Variable': '$.n', 'NumericGreaterThan': 4.9}", true),
                arguments("{'Variable': '$.n', 'NumericGreaterThan': 5}", false),
                arguments("{'Variable': '$.n', 'NumericLessThanEquals': 5}", true),
                arguments("{'Variable': '$.n', 'NumericLessThanEquals': 4}", false),
                arguments("{'Variable': '$.n', 'NumericGreaterThanEquals': 5}", true),
                arguments("{'Variable': '$.n', 'NumericGreaterThanEquals': 6}", false),
                arguments("{'Variable': '$.n', 'NumericEqualsPath': '$.other.n'}", true),
                arguments("{'Variable': '$.n', 'NumericLessThanPath': '$.other.big'}", true),
                arguments("{'Variable': '$.n', 'NumericGreaterThanPath': '$.other.big'}", false),
                arguments("{'Variable': '$.n', 'NumericLessThanEqualsPath': '$.other.n'}", true),
                arguments("{'Variable': '$.n', 'NumericGreaterThanEqualsPath': '$.other.big'}", false),
                // Booleans
                arguments("{'Variable': '$.t', 'BooleanEquals': true}", true),
                arguments("{'Variable': '$.t', 'BooleanEquals': false}", false),
                arguments("{'Variable': '$.t', 'BooleanEqualsPath': '$.other.t'}", false),
                arguments("{'Variable': '$.t', 'BooleanEqualsPath': '$.t'}", true),
                // Timestamps: instants compare, whatever the offset
                arguments("{'Variable': '$.ts', 'TimestampEquals': '2016-03-14T01:59:00Z'}", true),
                arguments("{'Variable': '$.tsOffset', 'TimestampEquals': '2016-03-14T01:59:00Z'}", true),
                arguments("{'Variable': '$.ts', 'TimestampLessThan': '2016-03-14T01:59:00.001Z'}", true),
                arguments("{'Variable': '$.ts', 'TimestampLessThan': '2016-03-14T01:59:00Z'}", false),
                arguments("{'Variable': '$.tsFrac', 'TimestampGreaterThan': '2016-03-14T01:59:00Z'}", true),
                arguments("{'Variable': '$.ts', 'TimestampGreaterThan': '2016-03-14T01:59:00Z'}", false),
                arguments("{'Variable': '$.ts', 'TimestampLessThanEquals': '2016-03-14T01:59:00Z'}", true),
                arguments("{'Variable': '$.ts', 'TimestampGreaterThanEquals': '2016-03-14T02:00:00Z'}", false),
                arguments("{'Variable': '$.ts', 'TimestampEqualsPath': '$.tsOffset'}", true),
                arguments("{'Variable': '$.ts', 'TimestampLessThanPath': '$.other.ts'}", true),
                arguments("{'Variable': '$.ts', 'TimestampGreaterThanPath': '$.other.ts'}", false),
                arguments("{'Variable': '$.ts', 'TimestampLessThanEqualsPath': '$.ts'}", true),
                arguments("{'Variable': '$.ts', 'TimestampGreaterThanEqualsPath': '$.other.ts'}", false),
                // Type checks
                arguments("{'Variable': '$.nul', 'IsNull': true}", true),
                arguments("{'Variable': '$.s', 'IsNull': true}", false),
                arguments("{'Variable': '$.s', 'IsNull': false}", true),
                arguments("{'Variable': '$.n', 'IsNumeric': true}", true),
                arguments("{'Variable': '$.other.txt', 'IsNumeric': true}", false),
                arguments("{'Variable': '$.s', 'IsString': true}", true),
                arguments("{'Variable': '$.n', 'IsString': true}", false),
                arguments("{'Variable': '$.t', 'IsBoolean': true}", true),
                arguments("{'Variable': '$.s', 'IsBoolean': false}", true),
                arguments("{'Variable': '$.ts', 'IsTimestamp': true}", true),
                arguments("{'Variable': '$.s', 'IsTimestamp': true}", false),
                arguments("{'Variable': '$.n', 'IsTimestamp': false}", true),
                arguments("{'Variable': '$.s', 'IsPresent': true}", true),
                arguments("{'Variable': '$.nul', 'IsPresent': true}", true),
                arguments("{'Variable': '$.missing', 'IsPresent': true}", false),
                arguments("{'Variable': '$.missing', 'IsPresent': false}", true),
                arguments("{'Variable': '$.arr[3]', 'IsPresent': true}", false),
                arguments("{'Variable': '$nobody', 'IsPresent': false}", true),
                // Values of another type than the operator's never match (and are not errors)
                arguments("{'Variable': '$.s', 'NumericEquals': 5}", false),
                arguments("{'Variable': '$.other.txt', 'NumericEquals': 5}", false),
                arguments("{'Variable': '$.n', 'StringEquals': '5'}", false),
                arguments("{'Variable': '$.nul', 'StringEquals': 'null'}", false),
                arguments("{'Variable': '$.s', 'BooleanEquals': true}", false),
                arguments("{'Variable': '$.s', 'TimestampEquals': '2016-03-14T01:59:00Z'}", false),
                arguments("{'Variable': '$.n', 'StringMatches': '*'}", false),
                arguments("{'Variable': '$.n', 'StringEqualsPath': '$.s'}", false),
                arguments("{'Variable': '$.n', 'NumericEqualsPath': '$.other.txt'}", false),
                arguments("{'Variable': '$.obj', 'StringLessThan': 'a'}", false),
                // A timestamp is a string too
                arguments("{'Variable': '$.ts', 'StringEquals': '2016-03-14T01:59:00Z'}", true),
                // Context object and variables as Variable
                arguments("{'Variable': '$$.Execution.Name', 'StringEquals': 'run-1'}", true),
                arguments("{'Variable': '$limit', 'NumericEquals': 5}", true),
                arguments("{'Variable': '$user.role', 'StringEquals': 'admin'}", true),
                arguments("{'Variable': '$.n', 'NumericEqualsPath': '$limit'}", true),
                // Boolean combinators (the AWS Choice state example)
                arguments("""
                        {"And": [{"Variable": "$.n", "NumericGreaterThanEquals": 1},
                                 {"Variable": "$.n", "NumericLessThan": 10}], "Next": "x"}""", true),
                arguments("""
                        {"And": [{"Variable": "$.n", "NumericGreaterThanEquals": 1},
                                 {"Variable": "$.n", "NumericLessThan": 5}]}""", false),
                arguments("""
                        {"Or": [{"Variable": "$.s", "StringEquals": "apple"},
                                {"Variable": "$.s", "StringEquals": "banana"}]}""", true),
                arguments("""
                        {"Or": [{"Variable": "$.s", "StringEquals": "apple"},
                                {"Variable": "$.s", "StringEquals": "kiwi"}]}""", false),
                arguments("{'Not': {'Variable': '$.s', 'StringEquals': 'apple'}, 'Next': 'x'}", true),
                arguments("""
                        {"Not": {"Or": [{"Variable": "$.missing", "IsPresent": true},
                                        {"And": [{"Variable": "$.t", "BooleanEquals": true},
                                                 {"Variable": "$.n", "IsNumeric": true}]}]}}""", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rules")
    void matches_evaluatesOperatorsAsStepFunctionsDoes(String rule, boolean expected) {
        assertThat(matches(rule)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'Variable': '$.missing', 'StringEquals': 'x'}",
        "{'Variable': '$.missing', 'IsNull': true}",
        "{'Variable': '$.missing', 'IsString': false}",
        "{'Variable': '$.arr[3]', 'NumericEquals': 1}",
        "{'And': [{'Variable': '$.s', 'IsPresent': true}, {'Variable': '$.missing', 'BooleanEquals': true}]}"})
    void matches_whenVariableNamesNothing_failsWithInvalidPath(String rule) {
        String path = json(rule).has("And") ? "$.missing" : json(rule).get("Variable").textValue();

        assertThatThrownBy(() -> matches(rule))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).isEqualTo("Invalid path '" + path
                            + "': The choice state's condition path references an invalid value.");
                });
    }

    @Test
    void matches_whenComparedPathNamesNothing_failsWithInvalidPath() {
        assertThatThrownBy(() -> matches("{'Variable': '$.n', 'NumericEqualsPath': '$.right'}"))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause()).isEqualTo(
                        "Invalid path '$.right': The choice state's condition path references an invalid value."));
    }

    @Test
    void matches_whenVariableUnassigned_failsWithInvalidPath() {
        assertThatThrownBy(() -> matches("{'Variable': '$undefinedVariable', 'StringEquals': 'x'}"))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause()).isEqualTo(
                        "Invalid path '$undefinedVariable': The choice state's condition path references an invalid "
                                + "value."));
    }

    @Test
    void matches_whenOrShortCircuits_doesNotReadLaterRules() {
        assertThat(matches("{'Or': [{'Variable': '$.n', 'IsNumeric': true}, "
                + "{'Variable': '$.missing', 'StringEquals': 'x'}]}")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'Variable': '$.n', 'Next': 'x'}",
        "{'StringEquals': 'x'}",
        "{'Variable': '$.n', 'NumericEquals': 1, 'NumericLessThan': 2}",
        "{'Variable': '$.n', 'NumericEquals': '5'}",
        "{'Variable': '$.s', 'StringEquals': 5}",
        "{'Variable': '$.s', 'IsNull': 'yes'}",
        "{'Variable': '$.ts', 'TimestampEquals': 'yesterday'}",
        "{'Variable': '$.n', 'NumericEqualsPath': 5}",
        "{'And': []}",
        "{'Variable': '$.s', 'StringMatchesPath': '$.s'}"})
    void matches_whenRuleMalformed_failsSayingWhatIsWrong(String rule) {
        assertThatThrownBy(() -> matches(rule))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).isNotBlank();
                });
    }

    @Test
    void timestamps_acceptRfc3339WithUppercaseTAndZoneOnly() {
        assertThat(Timestamps.parse("2016-03-14T01:59:00Z")).contains(Instant.parse("2016-03-14T01:59:00Z"));
        assertThat(Timestamps.parse("2016-03-14T01:59:00.123456789-05:00"))
                .contains(Instant.parse("2016-03-14T06:59:00.123456789Z"));
        assertThat(Timestamps.parse("2016-03-14t01:59:00Z")).isEmpty();
        assertThat(Timestamps.parse("2016-03-14T01:59:00z")).isEmpty();
        assertThat(Timestamps.parse("2016-03-14T01:59:00")).isEmpty();
        assertThat(Timestamps.parse("2016-03-14 01:59:00Z")).isEmpty();
        assertThat(Timestamps.parse("2016-02-30T01:59:00Z")).isEmpty();
        assertThat(Timestamps.parse("2016-03-14")).isEmpty();
        assertThat(Timestamps.parse(null)).isEmpty();
    }

    @Test
    void matches_whenInputIsNotAnObject_readsPathsInIt() {
        assertThat(ChoiceRules.matches(json("{'Variable': '$', 'NumericEquals': 3}"), json("3"), CONTEXT, Map.of()))
                .isTrue();
        assertThat(ChoiceRules.matches(json("{'Variable': '$[0]', 'StringEquals': 'a'}"), json("['a']"), CONTEXT,
                Map.of())).isTrue();
    }
}
