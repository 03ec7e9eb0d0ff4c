package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One element of a Choice state's {@code Choices}: {@code condition} is the JSONPath rule object (Variable, operator,
 * And/Or/Not) or the JSONata {@code Condition} template; {@code assign} and {@code output} ({@code null} when absent)
 * apply when the rule matches.
 */
public record ChoiceRule(JsonNode condition, String next, JsonNode assign, JsonNode output) {
}
