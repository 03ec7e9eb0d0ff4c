package io.athenaworkflow.local.sfn.asl.expr;

import static io.athenaworkflow.local.sfn.asl.expr.TestJson.json;
import static io.athenaworkflow.local.sfn.asl.expr.TestJson.variables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonataTest {

    private static final JsonNode STATES = json("""
            {"input": {"title": "Doctor", "n": 5, "nul": null, "content": "hello",
                       "items": [{"id": 1, "price": 5}, {"id": 2, "price": 15}], "big": 12345678901234},
             "context": {"Execution": {"Name": "run-1"}}}""");

    private static final Map<String, JsonNode> VARIABLES = variables("{'customerName': 'María', 'limit': 10}");

    private static JsonNode eval(String expression) {
        return Jsonata.evaluate(expression, STATES, VARIABLES);
    }

    static Stream<Arguments> results() {
        return Stream.of(
                arguments("$states.input.title", "'Doctor'"),
                arguments("$customerName", "'María'"),
                arguments("$states.input.n * 2", "10"),
                arguments("$states.input.n > $limit", "false"),
                arguments("$states.context.Execution.Name", "'run-1'"),
                arguments("'Hello ' & $states.input.title", "'Hello Doctor'"),
                arguments("$states.input.items[price > 10].id", "2"),
                arguments("[$states.input.items[price > 10].id]", "[2]"),
                arguments("$sum($states.input.items.price)", "20"),
                arguments("$states.input.items.{'id': id, 'cost': price * 2}",
                        "[{'id': 1, 'cost': 10}, {'id': 2, 'cost': 30}]"),
                arguments("$states.input.big", "12345678901234"),
                arguments("1.5 * 2", "3"),
                arguments("1 / 4", "0.25"),
                arguments("1e20", "100000000000000000000"),
                arguments("null", "null"),
                arguments("$states.input.nul", "null"),
                arguments("{'a': $states.input.missing, 'b': null}", "{'b': null}"),
                arguments("[1, $states.input.missing, 2]", "[1, 2]"),
                arguments("($x := 3; $x * $limit)", "30"),
                arguments("$count($keys($states.input))", "6"),
                // The functions Step Functions adds (examples from "Transforming data with JSONata").
                arguments("$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)", "[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"),
                arguments("$partition([1, 2, 3, 4, 5], 2)", "[[1, 2], [3, 4], [5]]"),
                arguments("$partition([1, 2, 3], 2.9)", "[[1, 2], [3]]"),
                arguments("$partition([1, 2, 3])", "[[1, 2, 3]]"),
                arguments("$range(0, 10, 2)", "[0, 2, 4, 6, 8, 10]"),
                arguments("$range(10, 0, -5)", "[10, 5, 0]"),
                arguments("$range(1, 4, 2)", "[1, 3]"),
                arguments("$range(3, 3, 1)", "3"),
                arguments("$hash($states.input.content, 'SHA-256')",
                        "'2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'"),
                arguments("$hash('hello', 'MD5')", "'5d41402abc4b2a76b9719d911017c592'"),
                arguments("$hash('hello', 'SHA-1')", "'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d'"),
                arguments("$hash('hello', 'SHA-384')",
                        "'59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90125a3c79f90397bdf5f6a13de828684f'"),
                arguments("$hash('hello', 'SHA-512')",
                        "'9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043'"),
                arguments("$parse('{\"a\": [1, null, {\"b\": true}]}')", "{'a': [1, null, {'b': true}]}"),
                arguments("$parse('\"text\"')", "'text'"),
                arguments("$parse($string($states.input.items))", "[{'id': 1, 'price': 5}, {'id': 2, 'price': 15}]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("results")
    void evaluate_returnsTheValueStepFunctionsReturns(String expression, String expected) {
        assertThat(Json.render(eval(expression))).isEqualTo(Json.render(json(expected)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$states.input.missing", "$", "title", "$nobody", "$range(1, 5, 0)", "$range(5, 1, 1)",
        "$partition([], 2)", "$partition([1], 0)", "$states.input.n.foo"})
    void evaluate_whenExpressionReturnsNothing_returnsMissingNode(String expression) {
        assertThat(eval(expression).isMissingNode()).isTrue();
    }

    @Test
    void evaluate_forField_whenExpressionReturnsNothing_failsNamingExpressionAndField() {
        assertThatThrownBy(() -> Jsonata.evaluate("$states.input.absent", STATES, VARIABLES, "Output/v"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
                    assertThat(e.cause()).isEqualTo("The JSONata expression '$states.input.absent' specified for the "
                            + "field 'Output/v' returned nothing (undefined).");
                });
    }

    @Test
    void evaluate_forField_whenValueDefined_returnsIt() {
        assertThat(Jsonata.evaluate("$states.input.nul", STATES, VARIABLES, "Assign/x").isNull()).isTrue();
        assertThat(Jsonata.evaluate("$limit + 1", STATES, VARIABLES, "Seconds").intValue()).isEqualTo(11);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments("$sum('a')", "threw an error during evaluation. T0412: Argument \"a\" must be an array of numbers"),
                arguments("'a' + 1", "threw an error during evaluation. T2001: The left side of the \"+\" operator must"
                        + " evaluate to a number"),
                arguments("1 +", "threw an error during evaluation. S0207: Unexpected end of expression"),
                arguments("$foo(1)", "threw an error during evaluation. T1006: Attempted to invoke a non-function"),
                // Step Functions does not support $eval ($parse replaces it).
                arguments("$eval('1 + 1')", "threw an error during evaluation. T1006: Attempted to invoke a non-function"),
                arguments("1 / 0", "threw an error during evaluation. D1001: Number out of range: \"Infinity\""),
                arguments("$error('boom')", "threw an error during evaluation. D3137: boom"),
                arguments("$lowercase(5)", "threw an error during evaluation. T0410: Argument 1 of function"
                        + " \"lowercase\" does not match function signature"),
                arguments("function($a) { $a }", "returned an unsupported result type."),
                arguments("$partition('abc', 2)", "threw an error during evaluation. T0412: Argument 1 of function"
                        + " \"partition\" must be an array"),
                arguments("$partition([1, 2], -1)", "threw an error during evaluation. D3137: Second argument must be"
                        + " zero or greater"),
                arguments("$partition([1, 2], 'x')", "threw an error during evaluation. T0410: Argument 2 of function"
                        + " \"partition\" does not match function signature"),
                arguments("$partition([1], 2, 3)", "threw an error during evaluation. T0410"),
                arguments("$range('a', 2, 1)", "threw an error during evaluation. T0410: Argument 1 of function"
                        + " \"range\" does not match function signature"),
                arguments("$range(0, 1000000, 1)", "threw an error during evaluation: Expression evaluation memory"
                        + " limit exceeded: $range would build 1000001 elements, more than 360145"),
                arguments("$hash(5, 'MD5')", "threw an error during evaluation. T0410: Argument 1 of function \"hash\""
                        + " does not match function signature"),
                arguments("$hash('x', 'SHA256')", "threw an error during evaluation. D3137: Hash algorithm 'SHA256'"
                        + " must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5"),
                arguments("$random('seed')", "threw an error during evaluation. T0410: Argument 1 of function"
                        + " \"random\" does not match function signature"),
                arguments("$uuid(1)", "threw an error during evaluation. T0410"),
                arguments("$parse('{\"a\": ')", "threw an error during evaluation. D3137: Invalid JSON"),
                arguments("$parse('{\"a\": 1} trailing')", "threw an error during evaluation. D3137: Invalid JSON"),
                arguments("$parse('')", "threw an error during evaluation. D3137: Invalid JSON"),
                arguments("$parse(5)", "threw an error during evaluation. T0410: Argument 1 of function \"parse\" does"
                        + " not match function signature"),
                arguments("($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))",
                        "threw an error during evaluation: Stack overflow error"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void evaluate_whenExpressionFails_raisesQueryEvaluationErrorWithTheJsonataMessage(String expression,
                                                                                      String what) {
        assertThatThrownBy(() -> Jsonata.evaluate(expression, STATES, VARIABLES, "Output"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
                    assertThat(e.cause()).startsWith("The JSONata expression '" + expression
                            + "' specified for the field 'Output' " + what);
                });
    }

    @Test
    void evaluate_withoutField_failsWithoutNamingOne() {
        assertThatThrownBy(() -> eval("$foo()"))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause()).isEqualTo(
                        "The JSONata expression '$foo()' threw an error during evaluation. T1006: Attempted to invoke"
                                + " a non-function"));
    }

    @Test
    void evaluate_whenRandomSeeded_isReproducibleAsJavaUtilRandom() {
        double expected = new Random(42).nextDouble();

        assertThat(eval("$random(42)").doubleValue()).isEqualTo(expected);
        assertThat(eval("$random(42.9)").doubleValue()).isEqualTo(expected);
    }

    @Test
    void evaluate_whenRandomUnseeded_isBetweenZeroAndOne() {
        for (int i = 0; i < 50; i++) {
            assertThat(eval("$random()").doubleValue()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
        }
    }

    @Test
    void evaluate_whenUuid_returnsVersion4Uuids() {
        String first = eval("$uuid()").textValue();

        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(eval("$uuid()").textValue()).isNotEqualTo(first);
    }

    @Test
    void evaluate_withClock_readsNowAndMillisFromIt() {
        Instant virtual = Instant.parse("2024-05-01T12:00:00Z");
        InstantSource clock = InstantSource.fixed(virtual);

        JsonNode now = Jsonata.evaluate("[$now(), $millis(), $now('[Y0001]-[M01]-[D01]')]", STATES, VARIABLES,
                "Output", clock);

        assertThat(Json.render(now)).isEqualTo("[\"2024-05-01T12:00:00.000Z\"," + virtual.toEpochMilli()
                + ",\"2024-05-01\"]");
    }

    @Test
    void evaluate_whenVariableNamedStates_cannotShadowTheStatesBinding() {
        JsonNode title = Jsonata.evaluate("$states.input.title", STATES, variables("{'states': {'input': 'fake'}}"));

        assertThat(title.textValue()).isEqualTo("Doctor");
    }

    @Test
    void evaluate_doesNotModifyItsBindings() {
        JsonNode states = STATES.deepCopy();

        Jsonata.evaluate("$states.input ~> |items|{'price': 0}|", states, VARIABLES);

        assertThat(states).isEqualTo(STATES);
    }

    @Test
    void evaluate_whenCalledConcurrently_keepsEachCallsBindingsApart() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                // Lambdas make the engine reach for its per-thread state; each call must still see its own input.
                checks.add(pool.submit(() -> Jsonata.evaluate(
                        "$states.input.n * $k + $sum($map([1, 2], function($v) { $v * $k }))",
                        json("{'input': {'n': " + n + "}}"), variables("{'k': 3}")).longValue() == n * 3L + 9));
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evaluate_whenCachedExpressionRunsOnAnotherThread_appliesLambdas() throws Exception {
        String expression = "$sort($map($states.input.items, function($i) { $i.price }), function($a, $b) { $a < $b })";
        assertThat(Json.render(eval(expression))).isEqualTo("[15,5]");
        JsonNode[] fromOtherThread = new JsonNode[1];

        Thread other = new Thread(() -> fromOtherThread[0] = eval(expression));
        other.start();
        other.join();

        assertThat(Json.render(fromOtherThread[0])).isEqualTo("[15,5]");
    }

    @Test
    void isExpressionAndUnwrap_recogniseOnlyWholeStringsInDelimiters() {
        assertThat(Jsonata.isExpression("{% $states.input %}")).isTrue();
        assertThat(Jsonata.isExpression("{%1%}")).isTrue();
        assertThat(Jsonata.isExpression(" {% 1 %}")).isFalse();
        assertThat(Jsonata.isExpression("{% 1 %} ")).isFalse();
        assertThat(Jsonata.isExpression("{%%}")).isTrue();
        assertThat(Jsonata.isExpression("{%}")).isFalse();
        assertThat(Jsonata.isExpression(null)).isFalse();
        assertThat(Jsonata.unwrap("{%  $states.input.title \n %}")).isEqualTo("$states.input.title");
        assertThatThrownBy(() -> Jsonata.unwrap("plain")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evaluate_whenExpressionEmpty_failsSayingSo() {
        assertThatThrownBy(() -> Jsonata.evaluate(" ", STATES, VARIABLES, "Output"))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause())
                        .isEqualTo("The JSONata expression ' ' specified for the field 'Output' is empty: write an "
                                + "expression between {% and %}."));
    }

    @Test
    void syntaxError_whenSyntaxInvalid_isTheParserMessageWithoutCodeAndWhenValid_isEmpty() {
        assertThat(Jsonata.syntaxError("$states.input.items[price > 10]")).isEmpty();
        assertThat(Jsonata.syntaxError("1 +")).hasValue("Unexpected end of expression");
        assertThat(Jsonata.syntaxError("\"unterminated")).hasValue("String literal must be terminated by a matching"
                + " quote");
        assertThat(Jsonata.syntaxError(" ")).hasValue("Empty expression");
    }
}
