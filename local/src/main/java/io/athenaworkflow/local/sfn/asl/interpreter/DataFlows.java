package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.JsonPath;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.Catcher;
import io.athenaworkflow.local.sfn.asl.definition.ChoiceRule;
import io.athenaworkflow.local.sfn.asl.definition.DataFlow;
import io.athenaworkflow.local.sfn.asl.definition.MapState;
import io.athenaworkflow.local.sfn.asl.definition.PathSetting;
import io.athenaworkflow.local.sfn.asl.definition.Value;
import io.athenaworkflow.local.sfn.asl.expr.JsonPaths;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place where JSONPath and JSONata differ: how a state's input becomes its arguments, how a result becomes
 * its output and variables, how a single-valued field is evaluated, and which error a bad value raises
 * (States.Runtime in JSONPath, States.QueryEvaluationError in JSONata). The state executors only say which of these
 * steps their kind takes.
 */
final class DataFlows {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Expressions expressions;

    DataFlows(Expressions expressions) {
        this.expressions = expressions;
    }

    /** The input the state works on: after InputPath in JSONPath, the raw input in JSONata. */
    JsonNode effectiveInput(StateCall call, DataFlow flow, ObjectNode context) {
        if (flow instanceof DataFlow.JsonPath path) {
            JsonNode effective = select(call, path.inputPath(), call.input, context);
            call.inspect("afterInputPath", effective);
            return effective;
        }
        return call.input;
    }

    /** What a Task or Parallel state works with: Parameters over the effective input, or Arguments over $states. */
    JsonNode arguments(StateCall call, DataFlow flow, ObjectNode context) {
        return switch (flow) {
            case DataFlow.JsonPath path -> {
                JsonNode effective = effectiveInput(call, path, context);
                JsonNode parameters = path.parameters() == null ? effective
                        : evaluate(call, () -> expressions.payloadTemplate(path.parameters(), effective, context,
                        call.variables));
                call.inspect("afterParameters", parameters);
                yield parameters;
            }
            case DataFlow.Jsonata jsonata -> {
                JsonNode arguments = jsonata.arguments() == null ? call.input
                        : evaluate(call, () -> expressions.jsonataTemplate(jsonata.arguments(),
                        call.states(null, null, context), call.variables));
                call.inspect("afterArguments", arguments);
                yield arguments;
            }
        };
    }

    /**
     * A result (of a Task, Parallel, Map or JSONPath Pass) into the state's output: ResultSelector, ResultPath,
     * OutputPath and Assign over the result in JSONPath; Output (default: the result) and Assign in JSONata.
     */
    Outcome resultOutput(StateCall call, DataFlow flow, JsonNode result, ObjectNode context) {
        return switch (flow) {
            case DataFlow.JsonPath path -> {
                JsonNode selected = path.resultSelector() == null ? result
                        : evaluate(call, () -> expressions.payloadTemplate(path.resultSelector(), result, context,
                        call.variables));
                call.inspect("afterResultSelector", selected);
                JsonNode merged = switch (path.resultPath().kind()) {
                    case ABSENT -> selected;
                    case DISCARD -> call.input;
                    case PATH -> evaluate(call, () -> expressions.write(call.input, path.resultPath().path(),
                            selected));
                };
                call.inspect("afterResultPath", merged);
                Map<String, JsonNode> assigned = jsonPathAssign(call, path.assign(), selected, context);
                yield new Outcome(select(call, path.outputPath(), merged, context), assigned);
            }
            case DataFlow.Jsonata jsonata -> jsonataOutput(call, jsonata.output(), jsonata.assign(),
                    call.states(result, null, context), result);
        };
    }

    /**
     * The output of a state that has no result (Succeed, Wait, JSONata Pass): OutputPath over the effective input and
     * Assign in JSONPath; Output (default: the input) and Assign in JSONata.
     */
    Outcome passThrough(StateCall call, DataFlow flow, JsonNode effective, ObjectNode context) {
        return switch (flow) {
            case DataFlow.JsonPath path -> new Outcome(select(call, path.outputPath(), effective, context),
                    jsonPathAssign(call, path.assign(), effective, context));
            case DataFlow.Jsonata jsonata -> jsonataOutput(call, jsonata.output(), jsonata.assign(),
                    call.states(null, null, context), call.input);
        };
    }

    /** Whether a Choice rule matches: the JSONPath rule, or the JSONata Condition (which must be a boolean). */
    boolean matches(StateCall call, ChoiceRule rule, JsonNode effective, ObjectNode context) {
        if (!call.jsonata()) {
            return evaluate(call, () -> expressions.choiceMatches(rule.condition(), effective, context,
                    call.variables));
        }
        JsonNode value = evaluate(call, () -> expressions.jsonataTemplate(rule.condition(),
                call.states(null, null, context), call.variables));
        if (!value.isBoolean()) {
            throw new StatesError("States.QueryEvaluationError", call.prefix() + "The Condition of a choice"
                    + " rule must evaluate to a boolean, but returned " + Json.compact(value));
        }
        return value.asBoolean();
    }

    /**
     * A Choice state's output once {@code rule} (null: the Default) was chosen: the state's Assign then the rule's,
     * and the rule's Output if it has one, else the state's.
     */
    Outcome chosen(StateCall call, DataFlow flow, JsonNode effective, ObjectNode context, ChoiceRule rule) {
        JsonNode ruleAssign = rule == null ? null : rule.assign();
        return switch (flow) {
            case DataFlow.JsonPath path -> new Outcome(select(call, path.outputPath(), effective, context),
                    merge(jsonPathAssign(call, path.assign(), effective, context),
                            jsonPathAssign(call, ruleAssign, effective, context)));
            case DataFlow.Jsonata jsonata -> {
                ObjectNode states = call.states(null, null, context);
                Map<String, JsonNode> assigned = merge(jsonataAssign(call, jsonata.assign(), states),
                        jsonataAssign(call, ruleAssign, states));
                JsonNode template = rule != null && rule.output() != null ? rule.output() : jsonata.output();
                JsonNode output = template == null ? call.input
                        : evaluate(call, () -> expressions.jsonataTemplate(template, states, call.variables));
                yield new Outcome(output, assigned);
            }
        };
    }

    /**
     * The output of a caught error: the error object placed at the catcher's ResultPath (JSONPath) or its Output
     * (JSONata, default the error object); Assign reads the error object.
     */
    Outcome caught(StateCall call, Catcher catcher, ObjectNode errorOutput, ObjectNode context) {
        if (call.jsonata()) {
            return jsonataOutput(call, catcher.output(), catcher.assign(), call.states(null, errorOutput, context),
                    errorOutput);
        }
        JsonNode output;
        if (!catcher.hasResultPath()) {
            output = errorOutput;
        } else if (catcher.resultPath() == null) {
            output = call.input;
        } else {
            output = evaluate(call, () -> expressions.write(call.input, catcher.resultPath(), errorOutput));
        }
        return new Outcome(output, jsonPathAssign(call, catcher.assign(), errorOutput, context));
    }

    /** A Map state's items: ItemsPath (default {@code $}) over the effective input, or the JSONata Items. */
    JsonNode items(StateCall call, MapState state, JsonNode effective, ObjectNode context) {
        if (call.jsonata()) {
            JsonNode items = state.items() == null ? call.input : value(call, state.items(), effective, context);
            if (!items.isArray()) {
                throw new StatesError("States.QueryEvaluationError", call.prefix() + "The Items field must evaluate"
                        + " to a JSON array, but returned " + Json.compact(items));
            }
            return items;
        }
        String itemsPath = state.items() instanceof Value.Path path ? path.path() : "$";
        JsonNode items = evaluate(call, () -> reference(itemsPath, effective, context, call.variables));
        if (!items.isArray()) {
            throw StatesError.runtime(call.prefix() + "Invalid path '" + itemsPath + "' : The ItemsPath must"
                    + " select a JSON array, but selected " + Json.compact(items));
        }
        return items;
    }

    /**
     * A Map iteration's input: the ItemSelector over the effective input and the iteration's context; also the
     * ItemReader's Parameters/Arguments (a template evaluated the same way, over the state's context).
     */
    JsonNode selectItem(StateCall call, JsonNode selector, JsonNode effective, ObjectNode itemContext) {
        return call.jsonata()
                ? evaluate(call, () -> expressions.jsonataTemplate(selector, call.states(null, null, itemContext),
                call.variables))
                : evaluate(call, () -> expressions.payloadTemplate(selector, effective, itemContext, call.variables));
    }

    /**
     * A single-valued field: a literal as written, a reference path over {@code pathInput} (or an intrinsic function
     * call, which ErrorPath and CausePath may hold), or a JSONata template over $states.
     */
    JsonNode value(StateCall call, Value value, JsonNode pathInput, ObjectNode context) {
        return switch (value) {
            case Value.Literal literal -> literal.value();
            case Value.Path path -> evaluate(call, () -> path.path().startsWith("States.")
                    ? expressions.intrinsic(path.path(), pathInput, context, call.variables)
                    : reference(path.path(), pathInput, context, call.variables));
            case Value.Jsonata jsonata -> evaluate(call, () -> expressions.jsonataTemplate(jsonata.template(),
                    call.states(null, null, context), call.variables));
        };
    }

    /** The error a field's bad value raises: QueryEvaluationError in JSONata, States.Runtime in JSONPath. */
    StatesError invalid(StateCall call, String message) {
        return call.jsonata() ? new StatesError("States.QueryEvaluationError", message)
                : StatesError.runtime(message);
    }

    /** Runs an evaluation, prefixing the cause of its States.Runtime / QueryEvaluationError with the state. */
    <T> T evaluate(StateCall call, Supplier<T> evaluation) {
        try {
            return evaluation.get();
        } catch (StatesError error) {
            String cause = error.cause() == null ? "" : error.cause();
            if (cause.startsWith("An error occurred while executing the state")) {
                throw error;
            }
            throw new StatesError(error.error(), call.prefix() + cause);
        }
    }

    private Outcome jsonataOutput(StateCall call, JsonNode outputTemplate, JsonNode assign, ObjectNode states,
                                  JsonNode defaultOutput) {
        Map<String, JsonNode> assigned = jsonataAssign(call, assign, states);
        JsonNode output = outputTemplate == null ? defaultOutput
                : evaluate(call, () -> expressions.jsonataTemplate(outputTemplate, states, call.variables));
        return new Outcome(output, assigned);
    }

    private Map<String, JsonNode> jsonataAssign(StateCall call, JsonNode assign, ObjectNode states) {
        if (assign == null) {
            return null;
        }
        return fields(evaluate(call, () -> expressions.jsonataTemplate(assign, states, call.variables)));
    }

    private Map<String, JsonNode> jsonPathAssign(StateCall call, JsonNode assign, JsonNode base, ObjectNode context) {
        if (assign == null) {
            return null;
        }
        return fields(evaluate(call, () -> expressions.payloadTemplate(assign, base, context, call.variables)));
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            values.put(entry.getKey(), entry.getValue());
        }
        return values;
    }

    private static Map<String, JsonNode> merge(Map<String, JsonNode> first, Map<String, JsonNode> second) {
        if (first == null) {
            return second;
        }
        Map<String, JsonNode> merged = new HashMap<>(first);
        if (second != null) {
            merged.putAll(second);
        }
        return merged;
    }

    /** InputPath / OutputPath: the whole value, an empty object (null), or what the path selects. */
    private JsonNode select(StateCall call, PathSetting setting, JsonNode value, ObjectNode context) {
        return switch (setting.kind()) {
            case ABSENT -> value;
            case DISCARD -> NODES.objectNode();
            case PATH -> evaluate(call, () -> reference(setting.path(), value, context, call.variables));
        };
    }

    /** A reference path: {@code $.x} on {@code input}, {@code $$.x} on the context, {@code $name.x} on a variable. */
    static JsonNode reference(String path, JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
        if (path.startsWith("$$")) {
            return referenced(path, "$" + path.substring(2), context);
        }
        if (path.length() > 1 && path.charAt(0) == '$' && path.charAt(1) != '.' && path.charAt(1) != '[') {
            int end = 1;
            while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                end++;
            }
            String name = path.substring(1, end);
            JsonNode value = variables.get(name);
            if (value == null) {
                throw StatesError.runtime("Invalid path '" + path + "' : The variable '$" + name
                        + "' is not defined");
            }
            return referenced(path, "$" + path.substring(end), value);
        }
        return referenced(path, path, input);
    }

    /** AWS's message for a reference path (InputPath, OutputPath, ItemsPath) that selects nothing. */
    private static JsonNode referenced(String written, String path, JsonNode document) {
        return JsonPaths.find(path, document).orElseThrow(() -> StatesError.runtime("Invalid path '" + written
                + "' : No results for path: " + JsonPath.compile(path).getPath()));
    }
}
