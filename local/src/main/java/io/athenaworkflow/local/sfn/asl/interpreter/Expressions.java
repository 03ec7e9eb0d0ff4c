package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The expression evaluation the interpreter needs, with the signatures of the {@code sfn.asl.expr} package (JSONata,
 * JSONPath, intrinsic functions, Choice rules, payload templates). Every failure is a
 * {@link io.athenaworkflow.local.sfn.asl.StatesError} (States.Runtime, States.QueryEvaluationError,
 * States.IntrinsicFailure) whose cause the interpreter prefixes with the state and its entered event id.
 */
interface Expressions {

    /** The evaluation every execution uses. */
    static Expressions standard() {
        return new LocalExpressions();
    }

    /** A JSONata expression (without {@code {% %}}) against {@code $states} and the variables. */
    JsonNode jsonata(String expression, JsonNode states, Map<String, JsonNode> variables);

    /** A JSONata template: every {@code {% %}} string in {@code template} evaluated. */
    JsonNode jsonataTemplate(JsonNode template, JsonNode states, Map<String, JsonNode> variables);

    /** A reference path against {@code document}; States.Runtime when it selects nothing. */
    JsonNode read(String path, JsonNode document);

    /** ResultPath semantics: {@code value} placed into a copy of {@code document} at {@code resultPath}. */
    JsonNode write(JsonNode document, String resultPath, JsonNode value);

    /** A JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign). */
    JsonNode payloadTemplate(JsonNode template, JsonNode input, JsonNode context, Map<String, JsonNode> variables);

    /** A JSONPath Choice rule (with its Variable, operators, And/Or/Not). */
    boolean choiceMatches(JsonNode rule, JsonNode input, JsonNode context, Map<String, JsonNode> variables);

    /** An intrinsic function call such as {@code States.Format('{}', $.a)}. */
    JsonNode intrinsic(String expression, JsonNode input, JsonNode context, Map<String, JsonNode> variables);
}
