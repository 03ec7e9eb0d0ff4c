package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a state shapes its input and output: the JSONPath fields (InputPath, Parameters, ResultSelector, ResultPath,
 * OutputPath) or the JSONata ones (Arguments, Output); {@code Assign} in both. A template absent from the state is
 * {@code null}; the interpreter then passes data through as ASL says.
 */
public sealed interface DataFlow permits DataFlow.JsonPath, DataFlow.Jsonata {

    /** The {@code Assign} template, or {@code null}. */
    JsonNode assign();

    /**
     * JSONPath data flow. {@code parameters} is the {@code Parameters} payload template ({@code null} for a Map, whose
     * legacy {@code Parameters} is its {@link MapState#itemSelector()}).
     */
    record JsonPath(PathSetting inputPath, JsonNode parameters, JsonNode resultSelector, PathSetting resultPath,
                    PathSetting outputPath, JsonNode assign) implements DataFlow {
    }

    /** JSONata data flow: {@code Arguments} and {@code Output} templates ({@code {% %}} strings inside). */
    record Jsonata(JsonNode arguments, JsonNode output, JsonNode assign) implements DataFlow {
    }
}
