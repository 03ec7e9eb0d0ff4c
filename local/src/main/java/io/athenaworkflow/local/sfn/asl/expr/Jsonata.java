package io.athenaworkflow.local.sfn.asl.expr;

import com.dashjoin.jsonata.JException;
import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates JSONata expressions the way Step Functions does (JSONata query language), on the dashjoin JSONata engine.
 *
 * <p>The expression is evaluated with no context value ({@code $} is undefined, as Step Functions forbids using it);
 * {@code $states} is bound to the states binding ({@code input}, {@code result}, {@code errorOutput},
 * {@code context}) and every workflow variable is bound as {@code $name}. The functions Step Functions adds
 * ({@code $partition}, {@code $range}, {@code $hash}, {@code $random}, {@code $uuid}, {@code $parse}) are available;
 * {@code $eval} is not.
 *
 * <p>Failures raise {@link StatesError} {@code States.QueryEvaluationError}. Compiled expressions are cached (bounded),
 * and evaluation is bounded in time and depth so a runaway expression fails its state instead of the runtime.
 */
public final class Jsonata {

    /** The error every JSONata failure is reported as. */
    public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";

    /** How long one evaluation may run before it fails. */
    static final long TIMEOUT_MILLIS = 5_000;

    /** How deeply one evaluation may nest (recursion included) before it fails, well before the JVM stack would. */
    static final int MAX_DEPTH = 500;

    private static final BoundedCache<String, Compiled> COMPILED = new BoundedCache<>(2_048);

    /** The {@code $name}s an expression mentions: only those variables need converting and binding. */
    private static final Pattern NAME_REFERENCE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** A parsed expression and the names it references. */
    private record Compiled(com.dashjoin.jsonata.Jsonata expression, Set<String> names) {
    }

    private static final Pattern CODED_MESSAGE = Pattern.compile("[A-Z]\\d{4}: .*", Pattern.DOTALL);
    private static final String UNKNOWN_CODE_PREFIX = "JSonataException ";
    private static final Map<String, String> ARRAY_ELEMENT_TYPES = Map.of(
            "a", "arrays", "b", "booleans", "f", "functions", "n", "numbers", "o", "objects", "s", "strings");

    private Jsonata() {
    }

    /**
     * Evaluates {@code expression} (without the {@code {% %}} delimiters). Returns a
     * {@link com.fasterxml.jackson.databind.node.MissingNode} when the expression returns nothing (undefined); the
     * caller decides whether that is an error where it is used (see {@link #evaluate(String, JsonNode, Map, String)}).
     *
     * @throws StatesError {@code States.QueryEvaluationError} when the expression does not parse, throws, or returns
     *     a function
     */
    public static JsonNode evaluate(String expression, JsonNode statesBinding, Map<String, JsonNode> variables) {
        return evaluate(expression, statesBinding, variables, null, InstantSource.system(), true);
    }

    /**
     * Evaluates the expression written in the ASL field {@code field} (named as Step Functions names it relative to
     * the state: {@code Output}, {@code Arguments/Bucket}, {@code Assign/x}, {@code Choices[0]/Condition},
     * {@code Seconds}...). An expression that returns nothing fails, as on Step Functions. A null {@code field}
     * leaves the field out of failure causes.
     *
     * @throws StatesError {@code States.QueryEvaluationError}, with a cause naming the expression and the field, when
     *     the expression does not parse, throws, returns nothing (undefined) or returns a function
     */
    public static JsonNode evaluate(String expression, JsonNode statesBinding, Map<String, JsonNode> variables,
                                    String field) {
        return evaluate(expression, statesBinding, variables, field, InstantSource.system());
    }

    /**
     * As {@link #evaluate(String, JsonNode, Map, String)}, with {@code $now()} and {@code $millis()} reading
     * {@code clock} (the runtime's clock, virtual in tests) instead of the wall clock.
     */
    public static JsonNode evaluate(String expression, JsonNode statesBinding, Map<String, JsonNode> variables,
                                    String field, InstantSource clock) {
        return evaluate(expression, statesBinding, variables, field, clock, false);
    }

    /** Whether a JSON string is a JSONata expression: it starts with {@code {%} and ends with {@code %}}. */
    public static boolean isExpression(String value) {
        return value != null && value.length() >= 4 && value.startsWith("{%") && value.endsWith("%}");
    }

    /** The expression inside {@code {% %}}, trimmed. */
    public static String unwrap(String value) {
        if (!isExpression(value)) {
            throw new IllegalArgumentException("Not a JSONata expression (it must start with {% and end with %}): "
                    + value);
        }
        return value.substring(2, value.length() - 2).trim();
    }

    /**
     * Why an expression does not parse, worded as AWS rejects it at CreateStateMachine (the parser's message without
     * its {@code S0207:} code), or empty when it parses.
     */
    public static Optional<String> syntaxError(String expression) {
        if (expression == null || expression.isBlank()) {
            return Optional.of("Empty expression");
        }
        try {
            com.dashjoin.jsonata.Jsonata.jsonata(expression);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(message(e).replaceFirst("^[A-Z]\\d{4}: ", ""));
        }
    }

    private static JsonNode evaluate(String expression, JsonNode statesBinding, Map<String, JsonNode> variables,
                                     String field, InstantSource clock, boolean undefinedAllowed) {
        Compiled compiled = compiled(expression, field);
        Object result;
        try {
            com.dashjoin.jsonata.Jsonata.Frame frame = compiled.expression().createFrame();
            frame.setRuntimeBounds(TIMEOUT_MILLIS, MAX_DEPTH);
            AwsJsonataFunctions.bindAll(frame, clock);
            if (variables != null) {
                // Converting the whole variable scope for every evaluation would cost more than the evaluation.
                for (String name : compiled.names()) {
                    JsonNode value = variables.get(name);
                    if (value != null) {
                        frame.bind(name, JsonataValues.toJsonata(value));
                    }
                }
            }
            // Bound last: $states is reserved and cannot be shadowed by a variable.
            if (compiled.names().contains("states")) {
                frame.bind("states", JsonataValues.toJsonata(statesBinding));
            }
            result = compiled.expression().evaluate(null, frame);
        } catch (RuntimeException e) {
            throw threw(expression, field, e);
        } catch (StackOverflowError e) {
            throw threw(expression, field, new JException("Stack overflow error: Check for non-terminating recursive "
                    + "function. Consider rewriting as tail-recursive.", -1));
        }
        Optional<JsonNode> value = JsonataValues.fromJsonata(result);
        if (value.isEmpty()) {
            throw failure(expression, field, "returned an unsupported result type.");
        }
        if (value.get().isMissingNode() && !undefinedAllowed) {
            throw failure(expression, field, "returned nothing (undefined).");
        }
        return value.get();
    }

    private static Compiled compiled(String expression, String field) {
        if (expression == null || expression.isBlank()) {
            throw failure(String.valueOf(expression), field, "is empty: write an expression between {% and %}.");
        }
        try {
            return COMPILED.get(expression, source -> {
                com.dashjoin.jsonata.Jsonata parsed = com.dashjoin.jsonata.Jsonata.jsonata(source);
                // Keep JSON null apart from undefined in results: null is a value, undefined is nothing.
                parsed.setOutputConvertNulls(false);
                Set<String> names = new HashSet<>();
                Matcher reference = NAME_REFERENCE.matcher(source);
                while (reference.find()) {
                    names.add(reference.group(1));
                }
                return new Compiled(parsed, Set.copyOf(names));
            });
        } catch (RuntimeException e) {
            throw threw(expression, field, e);
        }
    }

    private static StatesError threw(String expression, String field, RuntimeException e) {
        String message = message(e);
        String separator = CODED_MESSAGE.matcher(message).matches() ? ". " : ": ";
        return failure(expression, field, "threw an error during evaluation" + separator + message);
    }

    private static StatesError failure(String expression, String field, String what) {
        String where = field == null ? "" : " specified for the field '" + field + "'";
        return new StatesError(QUERY_EVALUATION_ERROR, "The JSONata expression '" + expression + "'" + where + " "
                + what);
    }

    /**
     * The error as JSONata writes it, {@code CODE: message}. The engine keeps jsonata-js's codes but words a few
     * templates differently ("Object" for "function", quoted argument numbers); those are put back.
     */
    static String message(RuntimeException e) {
        if (!(e instanceof JException jsonataError) || jsonataError.getError() == null) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String code = jsonataError.getError();
        String text = String.valueOf(jsonataError.getMessage());
        if (text.equals(UNKNOWN_CODE_PREFIX + code)) {
            // Thrown with the whole message in the code slot (our functions, the engine's bounds).
            return code.replaceFirst("\\. Depth=\\d+ max=\\d+$", "");
        }
        if ("T0412".equals(code)) {
            // The engine's template would name the element type by its signature letter; say what it means.
            String value = JsonataValues.fromJsonata(jsonataError.getCurrent()).map(Json::render).orElse("a function");
            return "T0412: Argument " + value + " must be an array of "
                    + ARRAY_ELEMENT_TYPES.getOrDefault(String.valueOf(jsonataError.getExpected()), "values");
        }
        String readable = text
                .replaceAll("\\bObject\\b", "function")
                .replaceAll("Argument \"(\\d+)\"", "Argument $1")
                .replaceAll("\\s*\\{\\{[^}]*}}", "");
        return code + ": " + readable;
    }
}
