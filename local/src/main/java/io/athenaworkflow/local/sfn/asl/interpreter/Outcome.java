package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What one attempt of a state produced: its output and the variables it assigns ({@code null}: no Assign). */
record Outcome(JsonNode output, Map<String, JsonNode> assigned) {
}
