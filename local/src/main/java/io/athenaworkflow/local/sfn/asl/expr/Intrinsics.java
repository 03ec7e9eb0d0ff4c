package io.athenaworkflow.local.sfn.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the intrinsic functions of the JSONPath query language ({@code States.Format('{} {}', $.a, $$.Execution.Id)}),
 * as written in a Payload Template field whose name ends in {@code .$}.
 *
 * <p>Arguments are string literals ({@code 'it\'s'}, with the escapes {@code \'}, {@code \{}, {@code \}},
 * {@code \\}), numbers, {@code true}, {@code false}, {@code null}, paths into the input ({@code $.x}), the context
 * object ({@code $$.Execution.Id}) or a variable ({@code $name}, {@code $name.field}), and nested calls (at most 10
 * deep). All 18 functions are supported: Format, StringToJson, JsonToString, Array, ArrayPartition, ArrayContains,
 * ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique, Base64Encode, Base64Decode, Hash, JsonMerge, MathRandom,
 * MathAdd, StringSplit and UUID.
 *
 * <p>Compiled calls are cached (bounded).
 */
public final class Intrinsics {

    /**
     * The error a failing intrinsic function is reported as. Step Functions reports bad intrinsic arguments as
     * {@code States.Runtime} ("Invalid arguments in States.MathAdd"), not as the {@code States.IntrinsicFailure}
     * the specification names.
     */
    public static final String FAILURE_ERROR = "States.Runtime";

    private static final BoundedCache<String, IntrinsicExpression.Call> COMPILED = new BoundedCache<>(2_048);

    private Intrinsics() {
    }

    /** Whether a {@code .$} field value is an intrinsic function call rather than a path. */
    public static boolean isIntrinsic(String value) {
        return value != null && value.stripLeading().startsWith("States.");
    }

    /**
     * Evaluates an intrinsic function call; failures name no field.
     *
     * @throws StatesError {@code States.Runtime} when the call is malformed, names an unknown function, has bad
     *     arguments, or reads a path that names nothing
     */
    public static JsonNode evaluate(String expression, JsonNode input, JsonNode context,
                                    Map<String, JsonNode> variables) {
        return evaluate(expression, input, context, variables, null);
    }

    /**
     * Evaluates an intrinsic function call written in the field {@code field} (such as {@code "id.$"}), which
     * failure causes name.
     *
     * @throws StatesError {@code States.Runtime} when the call is malformed, names an unknown function, has bad
     *     arguments, or reads a path that names nothing
     */
    public static JsonNode evaluate(String expression, JsonNode input, JsonNode context,
                                    Map<String, JsonNode> variables, String field) {
        IntrinsicExpression.Call call = compile(expression, field);
        return evaluate(call, input, context, variables, field);
    }

    /**
     * Parses a call and checks its function names and argument counts, so a definition can be rejected before it
     * runs.
     *
     * @throws StatesError {@code States.Runtime} describing the first problem
     */
    public static void validate(String expression) {
        compile(expression, null);
    }

    private static IntrinsicExpression.Call compile(String expression, String field) {
        String key = field == null ? expression : expression + "\u0000" + field;
        return COMPILED.get(key, ignored -> {
            IntrinsicExpression.Call call = IntrinsicParser.parse(expression, field);
            checkCalls(call);
            return call;
        });
    }

    private static void checkCalls(IntrinsicExpression.Call call) {
        IntrinsicFunctions.checkArity(call);
        for (IntrinsicExpression argument : call.arguments()) {
            if (argument instanceof IntrinsicExpression.Call nested) {
                checkCalls(nested);
            }
        }
    }

    private static JsonNode evaluate(IntrinsicExpression.Call call, JsonNode input, JsonNode context,
                                     Map<String, JsonNode> variables, String field) {
        List<JsonNode> arguments = new ArrayList<>(call.arguments().size());
        for (IntrinsicExpression argument : call.arguments()) {
            arguments.add(switch (argument) {
                case IntrinsicExpression.Call nested -> evaluate(nested, input, context, variables, field);
                case IntrinsicExpression.Literal literal -> literal.value();
                case IntrinsicExpression.StringLiteral string -> Json.NODES.textNode(string.value());
                case IntrinsicExpression.Path path -> JsonPaths.resolve(path.path(), input, context, variables, field);
            });
        }
        return IntrinsicFunctions.apply(new IntrinsicFunctions.Invocation(call, arguments));
    }
}
