package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One element of a state's {@code Catch} array. {@code resultPath} is JSONPath only (absent means {@code $}, a JSON
 * null means "discard the error output"); {@code output} and {@code assign} are JSONata ({@code assign} is allowed in
 * both languages).
 */
public record Catcher(List<String> errorEquals, String next, boolean hasResultPath, String resultPath,
                      JsonNode output, JsonNode assign) {

    public Catcher {
        errorEquals = List.copyOf(errorEquals);
    }

    /** The catcher's {@code Output} (JSONata), if any. */
    public Optional<JsonNode> outputTemplate() {
        return Optional.ofNullable(output);
    }

    /** The catcher's {@code Assign}, if any. */
    public Optional<JsonNode> assignTemplate() {
        return Optional.ofNullable(assign);
    }
}
