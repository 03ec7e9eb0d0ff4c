package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a state sends the execution ({@code null}: the graph ends) and the data it sends along. */
record Step(String next, JsonNode output) {
}
