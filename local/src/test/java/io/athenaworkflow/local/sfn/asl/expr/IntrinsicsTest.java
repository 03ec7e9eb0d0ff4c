package io.athenaworkflow.local.sfn.asl.expr;

import static io.athenaworkflow.local.sfn.asl.expr.TestJson.CONTEXT;
import static io.athenaworkflow.local.sfn.asl.expr.TestJson.json;
import static io.athenaworkflow.local.sfn.asl.expr.TestJson.variables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IntrinsicsTest {

    private static JsonNode eval(String expression, String input) {
        return Intrinsics.evaluate(expression, json(input), CONTEXT, Map.of(), "value.$");
    }

    static Stream<Arguments> results() {
        return Stream.of(
                // States.Format (examples from the AWS docs, then escapes and value rendering)
                arguments("States.Format('Hello, my name is {}.', $.name)", "{'name': 'Arnav'}",
                        "'Hello, my name is Arnav.'"),
                arguments("States.Format($.template, $.name)",
                        "{'name': 'Arnav', 'template': 'Hello, my name is {}.'}", "'Hello, my name is Arnav.'"),
                arguments("States.Format('{} {} {}', $.a, $.b, $.c)", "{'a': 'x', 'b': 2, 'c': true}", "'x 2 true'"),
                arguments("States.Format('{}|{}|{}', $.n, $.f, $.o)", "{'n': null, 'f': 3.5, 'o': {'k': 1}}",
                        "'null|3.5|{k=1}'"),
                // Objects and arrays as AWS renders them (recorded: fst={Arg1=1, Arg2=[]})
                arguments("States.Format('fst={} and snd={}.', $.fst, $.snd)",
                        "{'fst': {'Arg1': 1, 'Arg2': []}, 'snd': '{\"Arg1\": 1, \"Arg2\": []}'}",
                        "'fst={Arg1=1, Arg2=[]} and snd={\"Arg1\": 1, \"Arg2\": []}.'"),
                arguments("States.Format('{}', $.o)", "{'o': {'a': [1, 'x', {'b': null}], 'c': 1.1}}",
                        "'{a=[1, x, {b=null}], c=1.1}'"),
                arguments("States.Format('Name: \\'{}\\'', $.name)", "{'name': 'Arnav'}", "\"Name: 'Arnav'\""),
                arguments("States.Format('literal \\{\\} and {}', $.name)", "{'name': 'Arnav'}",
                        "'literal {} and Arnav'"),
                arguments("States.Format('back\\\\slash {}', 1)", "{}", "'back\\\\slash 1'"),
                arguments("States.Format('no placeholders')", "{}", "'no placeholders'"),
                arguments("States.Format('  {}  ', $.a)", "{'a': 'x'}", "'  x  '"),
                arguments("States.Format('{}', $$.Execution.Name)", "{}", "'run-1'"),
                arguments("States.Format('{}/{}', $.a\\.b, $.c\\[)", "{'a.b': 'x', 'c[': 'y'}", "'x/y'"),
                // JSON manipulation
                arguments("States.StringToJson($.escapedJsonString)", "{'escapedJsonString': '{\"foo\": \"bar\"}'}",
                        "{'foo': 'bar'}"),
                arguments("States.StringToJson('[1, 2]')", "{}", "[1, 2]"),
                // AWS answers null for an empty or blank string (recorded)
                arguments("States.StringToJson($.s)", "{'s': ''}", "null"),
                arguments("States.StringToJson($.s)", "{'s': ' '}", "null"),
                arguments("States.StringToJson($.s)", "{'s': '-0'}", "0"),
                arguments("States.JsonToString($.o)", "{'o': {'Arg1': 1, 'Arg2': []}}", "'{\"Arg1\":1,\"Arg2\":[]}'"),
                arguments("States.JsonToString($.f)", "{'f': 1.1}", "'1.1'"),
                arguments("States.JsonToString($.unescapedJson)", "{'unescapedJson': {'foo': 'bar'}}",
                        "'{\"foo\":\"bar\"}'"),
                arguments("States.Format('probe={}', States.JsonToString($.p))",
                        "{'p': [null, '', ' ', 0, 1, true, false, [0, 1, false]]}",
                        "'probe=[null,\"\",\" \",0,1,true,false,[0,1,false]]'"),
                arguments("States.JsonMerge($.json1, $.json2, false)",
                        "{'json1': {'a': {'a1': 1, 'a2': 2}, 'b': 2}, 'json2': {'a': {'a3': 1, 'a4': 2}, 'c': 3}}",
                        "{'a': {'a3': 1, 'a4': 2}, 'b': 2, 'c': 3}"),
                arguments("States.JsonMerge($.a, $.b, $.deep)", "{'a': {'x': 1}, 'b': {'y': 2}, 'deep': 'false'}",
                        "{'x': 1, 'y': 2}"),
                arguments("States.JsonMerge($.a, $.b, false)", "{'a': {'nested': {'l': 1}, 'keep': 1}, 'b': {'nested': null}}",
                        "{'nested': null, 'keep': 1}"),
                // Arrays
                arguments("States.Array($.Id)", "{'Id': 123456}", "[123456]"),
                arguments("States.Array()", "{}", "[]"),
                arguments("States.Array(42, true, null, 'hello', -1.5, 2e3)", "{}",
                        "[42, true, null, 'hello', -1.5, 2000.0]"),
                arguments("States.Array(1, States.Array(2, 3))", "{}", "[1, [2, 3]]"),
                arguments("States.Array( $.a , $.b )", "{'a': 1, 'b': 2}", "[1, 2]"),
                arguments("States.Array($.arr[?(@.v > 1)], $['odd key'])",
                        "{'arr': [{'v': 1}, {'v': 2}], 'odd key': 'x'}", "[[{'v': 2}], 'x']"),
                arguments("States.ArrayPartition($.inputArray, 4)", "{'inputArray': [1, 2, 3, 4, 5, 6, 7, 8, 9]}",
                        "[[1, 2, 3, 4], [5, 6, 7, 8], [9]]"),
                arguments("States.ArrayPartition($.a, 2.6)", "{'a': [1, 2, 3, 4, 5]}", "[[1, 2], [3, 4], [5]]"),
                arguments("States.ArrayPartition($.a, 3)", "{'a': []}", "[]"),
                arguments("States.ArrayPartition($.a, 2147483647)", "{'a': [1, 2, 3]}", "[[1, 2, 3]]"),
                arguments("States.ArrayContains($.inputArray, $.lookingFor)",
                        "{'inputArray': [1, 2, 3, 4, 5, 6, 7, 8, 9], 'lookingFor': 5}", "true"),
                arguments("States.ArrayContains($.a, 'x')", "{'a': ['y']}", "false"),
                arguments("States.ArrayContains($.a, $.t)", "{'a': [{'a': 1}, {'b': 2}], 't': {'a': 1}}", "true"),
                arguments("States.ArrayContains($.a, $.t)", "{'a': [[1, 2], [3]], 't': [1, 2]}", "true"),
                arguments("States.ArrayContains($.a, 1.0)", "{'a': [1]}", "true"),
                arguments("States.ArrayContains($.a, false)", "{'a': [0, 1]}", "false"),
                arguments("States.ArrayContains($.a, null)", "{'a': [1, null]}", "true"),
                arguments("States.ArrayRange(1, 9, 2)", "{}", "[1, 3, 5, 7, 9]"),
                arguments("States.ArrayRange(5, 1, -2)", "{}", "[5, 3, 1]"),
                arguments("States.ArrayRange(-2, 2, 2)", "{}", "[-2, 0, 2]"),
                arguments("States.ArrayRange(5, 1, 1)", "{}", "[]"),
                arguments("States.ArrayRange(3, 3, -1)", "{}", "[3]"),
                arguments("States.ArrayRange(1.6, 1.4, 1)", "{}", "[1]"),
                arguments("States.ArrayRange($$.Execution.Input.start, $$.Execution.Input.end, 2)", "{}", "[2, 4, 6]"),
                arguments("States.ArrayGetItem($.inputArray, $.index)",
                        "{'inputArray': [1, 2, 3, 4, 5, 6, 7, 8, 9], 'index': 5}", "6"),
                arguments("States.ArrayGetItem($.a, 1.2)", "{'a': [10, 20, 30]}", "20"),
                arguments("States.ArrayGetItem($.a, 999)", "{'a': []}", "null"),
                arguments("States.ArrayGetItem(States.Array('x', 'y', 'z'), 1)", "{}", "'y'"),
                arguments("States.ArrayLength($.inputArray)", "{'inputArray': [1, 2, 3, 4, 5, 6, 7, 8, 9]}", "9"),
                arguments("States.ArrayUnique($.inputArray)", "{'inputArray': [1, 2, 3, 3, 3, 3, 3, 3, 4]}",
                        "[1, 2, 3, 4]"),
                arguments("States.ArrayUnique($.a)",
                        "{'a': [null, null, true, true, 1, 1.0, 'x', 'x', {'a': 1}, {'a': 1}, [], []]}",
                        "[null, true, 1, 'x', {'a': 1}, []]"),
                // Encoding
                arguments("States.Base64Encode($.input)", "{'input': 'Data to encode'}", "'RGF0YSB0byBlbmNvZGU='"),
                arguments("States.Base64Decode($.base64)", "{'base64': 'RGF0YSB0byBlbmNvZGU='}", "'Data to encode'"),
                arguments("States.Base64Decode('4pyT')", "{}", "'\u2713'"),
                arguments("States.Base64Decode(' YWJjZA== ')", "{}", "'abcd'"),
                arguments("States.Base64Decode('')", "{}", "''"),
                arguments("States.Base64Decode(States.Base64Encode($.s))", "{'s': '\u3053\u3093\u306b\u3061\u306f'}",
                        "'\u3053\u3093\u306b\u3061\u306f'"),
                // Hashing
                arguments("States.Hash('hello', 'MD5')", "{}", "'5d41402abc4b2a76b9719d911017c592'"),
                arguments("States.Hash('hello', 'SHA-1')", "{}", "'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d'"),
                arguments("States.Hash('hello', 'SHA-256')", "{}",
                        "'2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'"),
                arguments("States.Hash('hello', 'SHA-384')", "{}",
                        "'59e1748777448c69de6b800d7a33bbfb9ff1b463e44354c3553bcdb9c666fa90125a3c79f90397bdf5f6a13de828684f'"),
                arguments("States.Hash('hello', 'SHA-512')", "{}",
                        "'9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043'"),
                arguments("States.Hash($.s, $.algo)", "{'s': 'Data to encode', 'algo': 'MD5'}",
                        "'ca405671828a177e26947171bbe1e352'"),
                arguments("States.Hash($.s, 'SHA-256')", "{'s': '\u2713'}",
                        "'1dabba21cdad44541f6b15796f8d22978fc7ea10c46aeceeeeb66c23b3ac7604'"),
                arguments("States.Hash(123, 'MD5')", "{}", "'202cb962ac59075b964b07152d234b70'"),
                // Math
                arguments("States.MathAdd($.value1, $.step)", "{'value1': 111, 'step': -1}", "110"),
                arguments("States.MathAdd(1.6, 2.7)", "{}", "5"),
                arguments("States.MathAdd(0.1, 0.2)", "{}", "0"),
                arguments("States.MathAdd(2.5, 0)", "{}", "3"),
                arguments("States.MathAdd(-2.5, 0)", "{}", "-2"),
                arguments("States.MathAdd(-0.5, 0)", "{}", "0"),
                arguments("States.MathAdd(2147483646, 1)", "{}", "2147483647"),
                arguments("States.MathAdd(-2147483647, -1)", "{}", "-2147483648"),
                arguments("States.MathAdd(States.MathAdd($.x, 1), 2)", "{'x': 5}", "8"),
                // Strings
                arguments("States.StringSplit($.inputString, $.splitter)",
                        "{'inputString': '1,2,3,4,5', 'splitter': ','}", "['1', '2', '3', '4', '5']"),
                arguments("States.StringSplit($.inputString, $.splitter)",
                        "{'inputString': 'This.is+a,test=string', 'splitter': '.+,='}",
                        "['This', 'is', 'a', 'test', 'string']"),
                arguments("States.StringSplit('a,,b,', ',')", "{}", "['a', 'b']"),
                arguments("States.StringSplit('', ',')", "{}", "[]"),
                arguments("States.StringSplit('abc', '')", "{}", "['abc']"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("results")
    void evaluate_whenArgumentsValid_returnsDocumentedResult(String expression, String input, String expected) {
        assertThat(Json.render(eval(expression, input))).isEqualTo(Json.render(json(expected)));
    }

    @Test
    void evaluate_whenArgumentsReadVariables_usesTheirValues() {
        JsonNode result = Intrinsics.evaluate("States.Format('{} {} ({})', $greeting, $user.name, $user.tags[1])",
                json("{}"), CONTEXT, variables("{'greeting': 'Hi', 'user': {'name': 'Ada', 'tags': ['a', 'b']}}"));

        assertThat(result.textValue()).isEqualTo("Hi Ada (b)");
    }

    @Test
    void evaluate_whenArrayRangeBuildsExactlyTheLimit_returnsAllItems() {
        JsonNode forward = eval("States.ArrayRange(1, 1000, 1)", "{}");
        JsonNode backward = eval("States.ArrayRange(1000, 1, -1)", "{}");

        assertThat(forward).hasSize(1000);
        assertThat(forward.get(0).intValue()).isEqualTo(1);
        assertThat(forward.get(999).intValue()).isEqualTo(1000);
        assertThat(backward.get(0).intValue()).isEqualTo(1000);
        assertThat(backward.get(999).intValue()).isEqualTo(1);
    }

    @Test
    void evaluate_whenInputIsAtTheTenThousandCharacterLimit_accepts() {
        String limit = "a".repeat(10_000);
        String input = "{'s': '" + limit + "'}";

        assertThat(eval("States.Hash($.s, 'SHA-256')", input).textValue()).hasSize(64);
        assertThat(eval("States.Base64Decode(States.Base64Encode('abc'))", input).textValue()).isEqualTo("abc");
        assertThat(eval("States.Base64Encode($.s)", input).textValue()).isNotEmpty();
    }

    @Test
    void evaluate_whenMathRandomUnseeded_returnsIntegersFromStartUpToExcludingEnd() {
        Set<Integer> seen = new HashSet<>();
        IntStream.range(0, 400).forEach(i -> seen.add(eval("States.MathRandom(1, 5)", "{}").intValue()));

        assertThat(seen).containsExactlyInAnyOrder(1, 2, 3, 4);
    }

    @Test
    void evaluate_whenMathRandomSeeded_returnsTheSameNumberForTheSameSeed() {
        JsonNode first = eval("States.MathRandom($.start, $.end, $.seed)", "{'start': 1, 'end': 999, 'seed': 42}");
        JsonNode second = eval("States.MathRandom(1, 999, 42)", "{}");
        JsonNode truncatedBounds = eval("States.MathRandom(1.6, 5.4, 7)", "{}");

        assertThat(first).isEqualTo(second);
        assertThat(first.intValue()).isBetween(1, 998);
        assertThat(truncatedBounds.intValue()).isBetween(1, 4);
    }

    @Test
    void evaluate_whenUuid_returnsDistinctVersion4Uuids() {
        String first = eval("States.UUID()", "{}").textValue();
        String second = eval("States.UUID()", "{}").textValue();

        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void evaluate_whenNestedTenDeep_evaluates() {
        String tenDeep = "States.Array(".repeat(10) + "1" + ")".repeat(10);

        assertThat(Json.render(eval(tenDeep, "{}"))).isEqualTo("[[[[[[[[[[1]]]]]]]]]]");
    }

    static Stream<Arguments> invalidArguments() {
        return Stream.of(
                arguments("States.Format('{} {}', $.a)", "{'a': 'x'}", "Invalid arguments in States.Format"),
                arguments("States.Format('{}', $.a, $.b)", "{'a': 'x', 'b': 'y'}", "Invalid arguments in States.Format"),
                arguments("States.Format($.t, 'x')", "{'t': 123}", "Invalid arguments in States.Format"),
                arguments("States.Format('Hello {', $.a)", "{'a': 'x'}", "Invalid arguments in States.Format"),
                arguments("States.Format('Hello {{}}', $.a)", "{'a': 'x'}", "Invalid arguments in States.Format"),
                arguments("States.Format('}')", "{}", "Invalid arguments in States.Format"),
                arguments("States.StringToJson('not json')", "{}", "Invalid arguments in States.StringToJson"),
                arguments("States.StringToJson($.n)", "{'n': 5}", "Invalid arguments in States.StringToJson"),
                arguments("States.ArrayPartition('not-array', 2)", "{}", "Invalid arguments in States.ArrayPartition"),
                arguments("States.ArrayPartition($.a, 0)", "{'a': [1]}", "Invalid arguments in States.ArrayPartition"),
                arguments("States.ArrayPartition($.a, 0.49)", "{'a': [1]}", "Invalid arguments in States.ArrayPartition"),
                arguments("States.ArrayPartition($.a, -1)", "{'a': [1]}", "Invalid arguments in States.ArrayPartition"),
                arguments("States.ArrayPartition($.a, '2')", "{'a': [1]}", "Invalid arguments in States.ArrayPartition"),
                arguments("States.ArrayPartition($.a, null)", "{'a': [1]}", "Invalid arguments in States.ArrayPartition"),
                arguments("States.ArrayContains('not-array', 'x')", "{}", "Invalid arguments in States.ArrayContains"),
                arguments("States.ArrayRange('a', 5, 1)", "{}", "Invalid arguments in States.ArrayRange"),
                arguments("States.ArrayRange(1, 10, 0)", "{}", "Invalid arguments in States.ArrayRange"),
                arguments("States.ArrayRange(1, 10, 0.49)", "{}", "Invalid arguments in States.ArrayRange"),
                arguments("States.ArrayRange(1, 1001, 1)", "{}", "Invalid arguments in States.ArrayRange"),
                arguments("States.ArrayRange(1001, 1, -1)", "{}", "Invalid arguments in States.ArrayRange"),
                arguments("States.ArrayGetItem('not-array', 0)", "{}", "Invalid arguments in States.ArrayGetItem"),
                arguments("States.ArrayGetItem($.a, 3)", "{'a': [10, 20, 30]}", "Invalid arguments in States.ArrayGetItem"),
                arguments("States.ArrayGetItem($.a, -1)", "{'a': [10, 20, 30]}", "Invalid arguments in States.ArrayGetItem"),
                arguments("States.ArrayGetItem($.a, '1')", "{'a': [10, 20, 30]}", "Invalid arguments in States.ArrayGetItem"),
                arguments("States.ArrayLength($.s)", "{'s': 'abc'}", "Invalid arguments in States.ArrayLength"),
                arguments("States.ArrayUnique(1)", "{}", "Invalid arguments in States.ArrayUnique"),
                arguments("States.Base64Encode($.s)", "{'s': '" + "a".repeat(10_001) + "'}",
                        "Invalid arguments in States.Base64Encode"),
                arguments("States.Base64Encode(123)", "{}", "Invalid arguments in States.Base64Encode"),
                arguments("States.Base64Decode($.s)", "{'s': '" + "A".repeat(10_001) + "'}",
                        "Invalid arguments in States.Base64Decode"),
                arguments("States.Base64Decode($.o)", "{'o': {}}", "Invalid arguments in States.Base64Decode"),
                arguments("States.Base64Decode('ab==cd')", "{}", "Invalid arguments in States.Base64Decode"),
                arguments("States.Hash($.s, 'SHA-256')", "{'s': '" + "a".repeat(10_001) + "'}",
                        "Invalid arguments in States.Hash"),
                arguments("States.Hash('hello', 123)", "{}", "Invalid arguments in States.Hash"),
                arguments("States.Hash('data', 'UNSUPPORTED')", "{}", "Invalid arguments in States.Hash"),
                arguments("States.Hash('data', 'sha-256')", "{}", "Invalid arguments in States.Hash"),
                arguments("States.Hash('data', 'SHA256')", "{}", "Invalid arguments in States.Hash"),
                arguments("States.Hash('data', 'MD-5')", "{}", "Invalid arguments in States.Hash"),
                arguments("States.Hash('data', '')", "{}", "Invalid arguments in States.Hash"),
                arguments("States.JsonMerge($.a, $.b, true)", "{'a': {}, 'b': {}}", "Invalid arguments in States.JsonMerge"),
                arguments("States.JsonMerge($.a, $.b, false)", "{'a': null, 'b': {}}",
                        "Invalid arguments in States.JsonMerge"),
                arguments("States.JsonMerge($.a, $.b, false)", "{'a': {}, 'b': []}", "Invalid arguments in States.JsonMerge"),
                arguments("States.MathRandom(1, 1)", "{}", "Invalid arguments in States.MathRandom"),
                arguments("States.MathRandom(10, 5)", "{}", "Invalid arguments in States.MathRandom"),
                arguments("States.MathRandom(1.4, 1.6)", "{}", "Invalid arguments in States.MathRandom"),
                arguments("States.MathRandom('a', 10)", "{}", "Invalid arguments in States.MathRandom"),
                arguments("States.MathRandom(1, 10, 'seed')", "{}", "Invalid arguments in States.MathRandom"),
                arguments("States.MathRandom(1, 10, null)", "{}", "Invalid arguments in States.MathRandom"),
                arguments("States.MathAdd(2147483647, 1)", "{}", "Invalid arguments in States.MathAdd"),
                arguments("States.MathAdd(-2147483648, -1)", "{}", "Invalid arguments in States.MathAdd"),
                arguments("States.MathAdd(3000000000, 1)", "{}", "Invalid arguments in States.MathAdd"),
                arguments("States.MathAdd('a', 1)", "{}", "Invalid arguments in States.MathAdd"),
                arguments("States.MathAdd(null, 1)", "{}", "Invalid arguments in States.MathAdd"),
                arguments("States.MathAdd(true, 1)", "{}", "Invalid arguments in States.MathAdd"),
                arguments("States.MathAdd('1.5', 2)", "{}", "Invalid arguments in States.MathAdd"),
                arguments("States.StringSplit($.v, ',')", "{'v': 123}", "Invalid arguments in States.StringSplit"),
                arguments("States.StringSplit('a,b', $.d)", "{'d': [',']}", "Invalid arguments in States.StringSplit"),
                arguments("States.StringSplit($.v, ',')", "{'v': null}", "Invalid arguments in States.StringSplit"),
                // Argument counts
                arguments("States.MathAdd(1)", "{}", "Invalid arguments in States.MathAdd"),
                arguments("States.MathAdd(1, 2, 999)", "{}", "Invalid arguments in States.MathAdd"),
                arguments("States.Hash()", "{}", "Invalid arguments in States.Hash"),
                arguments("States.Hash('hello', 'SHA-256', 'extra')", "{}", "Invalid arguments in States.Hash"),
                arguments("States.UUID(1)", "{}", "Invalid arguments in States.UUID"),
                arguments("States.ArrayRange(1, 5)", "{}", "Invalid arguments in States.ArrayRange"),
                arguments("States.JsonMerge($.a, $.b)", "{'a': {}, 'b': {}}", "Invalid arguments in States.JsonMerge"),
                arguments("States.Format()", "{}", "Invalid arguments in States.Format"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidArguments")
    void evaluate_whenArgumentsInvalid_failsWithStatesRuntime(String expression, String input, String cause) {
        assertThatThrownBy(() -> eval(expression, input))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).startsWith(cause + ": ");
                });
    }

    @Test
    void evaluate_whenArgumentInvalid_saysWhatWasWrong() {
        assertThatThrownBy(() -> eval("States.ArrayRange(1, 1001, 1)", "{}"))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause()).isEqualTo(
                        "Invalid arguments in States.ArrayRange: the range has 1001 items; at most 1000 are allowed"));
        assertThatThrownBy(() -> eval("States.MathAdd(1, 2, 3)", "{}"))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause()).isEqualTo(
                        "Invalid arguments in States.MathAdd: it takes 2 arguments but was given 3"));
    }

    @Test
    void evaluate_whenPathArgumentMissing_failsNamingPathFieldAndInput() {
        assertThatThrownBy(() -> eval("States.Hash($.missing, 'SHA-256')", "{}"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).isEqualTo("The JSONPath '$.missing' specified for the field 'value.$' "
                            + "could not be found in the input '{}'");
                });
    }

    @Test
    void evaluate_whenVariableUnassigned_failsNamingTheVariable() {
        assertThatThrownBy(() -> Intrinsics.evaluate("States.Format('{}', $nope)", json("{}"), CONTEXT, Map.of(),
                "greeting.$"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).contains("'$nope'", "'greeting.$'", "variable 'nope'");
                });
    }

    @Test
    void evaluate_whenFunctionUnknown_failsNamingIt() {
        assertThatThrownBy(() -> eval("States.Compare($.apples, $.oranges)", "{'apples': 1, 'oranges': 2}"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).startsWith("The intrinsic function 'States.Compare' does not exist");
                });
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("States.Array($.a) trailing", "the end of the expression"),
                arguments("States.Array(", "an argument"),
                arguments("States.Array([1,2])", "an argument"),
                arguments("States.Array(1.)", "a JSON number"),
                arguments("States.Array(.5)", "an argument"),
                arguments("States.Array(01)", "a JSON number"),
                arguments("States.Format('it's')", "',' or ')'"),
                arguments("States.Format('line\\nbreak')", "one of the escapes"),
                arguments("States.Format('unterminated)", "a string closed by a '"),
                arguments("States.ArrayGetItem($.arr, )", "an argument"),
                arguments("Format('x')", "an intrinsic function name"),
                arguments("States.(1)", "an intrinsic function name"),
                arguments("States.Array(1 2)", "',' or ')'"),
                arguments("States.Array(" .repeat(11) + "1" + ")".repeat(11), "more than 10 deep"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void evaluate_whenCallMalformed_failsWithStatesRuntimeSayingWhatWasExpected(String expression, String expected) {
        assertThatThrownBy(() -> eval(expression, "{'a': 1, 'arr': [1]}"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).contains(expected).contains("'value.$'");
                });
    }

    @Test
    void validate_whenWellFormed_acceptsAndWhenNot_rejects() {
        Intrinsics.validate("States.Format('{}', States.UUID())");

        assertThatThrownBy(() -> Intrinsics.validate("States.Format('{}', States.Nope())"))
                .isInstanceOf(StatesError.class).hasMessageContaining("States.Nope");
    }

    @Test
    void isIntrinsic_whenValueStartsWithStatesDot_isTrue() {
        assertThat(Intrinsics.isIntrinsic("States.UUID()")).isTrue();
        assertThat(Intrinsics.isIntrinsic("$.States")).isFalse();
        assertThat(Intrinsics.isIntrinsic(null)).isFalse();
    }
}
