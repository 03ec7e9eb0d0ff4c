package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Turns one state's JSON, already checked by {@link DefinitionParser}, into the typed record of its kind. It reads
 * defensively: the parser keeps going after a problem (to list them all), so a state may be malformed here; such a
 * definition is rejected before anything runs it.
 */
final class StateBuilder {

    private StateBuilder() {
    }

    static State build(String name, StateType type, QueryLanguage language, ObjectNode json, String next,
                       List<Retrier> retriers, List<Catcher> catchers, List<StateGraph> branches,
                       StateGraph processor) {
        boolean jsonata = language == QueryLanguage.JSONATA;
        return switch (type) {
            case PASS -> new PassState(name, language, next, flow(json, jsonata, true), json.get("Result"));
            case TASK -> new TaskState(name, language, next, flow(json, jsonata, true), text(json, "Resource"),
                    value(json, "TimeoutSeconds", jsonata), value(json, "HeartbeatSeconds", jsonata), retriers,
                    catchers);
            case CHOICE -> new ChoiceState(name, language, flow(json, jsonata, true), rules(json, jsonata),
                    text(json, "Default"));
            case WAIT -> {
                boolean seconds = json.has("Seconds") || json.has("SecondsPath");
                yield new WaitState(name, language, next, flow(json, jsonata, true),
                        seconds ? WaitState.Until.SECONDS : WaitState.Until.TIMESTAMP,
                        value(json, seconds ? "Seconds" : "Timestamp", jsonata));
            }
            case SUCCEED -> new SucceedState(name, language, flow(json, jsonata, true));
            case FAIL -> new FailState(name, language, value(json, "Error", jsonata), value(json, "Cause", jsonata));
            case PARALLEL -> new ParallelState(name, language, next, flow(json, jsonata, true), branches, retriers,
                    catchers);
            case MAP -> {
                Value items = jsonata ? value(json, "Items", true)
                        : json.has("ItemsPath") ? new Value.Path("ItemsPath", text(json, "ItemsPath")) : null;
                JsonNode selector = json.has("ItemSelector") ? json.get("ItemSelector") : json.get("Parameters");
                yield new MapState(name, language, next, flow(json, jsonata, false), processor, items, selector,
                        value(json, "MaxConcurrency", jsonata), value(json, "ToleratedFailureCount", jsonata),
                        value(json, "ToleratedFailurePercentage", jsonata), distributed(json),
                        itemReader(json.get("ItemReader"), jsonata), itemBatcher(json, jsonata), text(json, "Label"),
                        executionType(json), resultWriter(json.get("ResultWriter"), jsonata), retriers, catchers);
            }
        };
    }

    private static boolean distributed(ObjectNode json) {
        JsonNode processor = json.has("ItemProcessor") ? json.get("ItemProcessor") : json.get("Iterator");
        JsonNode mode = processor == null ? null : processor.path("ProcessorConfig").get("Mode");
        return mode != null && "DISTRIBUTED".equals(mode.asText());
    }

    /** ProcessorConfig.ExecutionType of a Distributed Map; null for an INLINE Map (or one the parser refuses). */
    private static MapState.ExecutionType executionType(ObjectNode json) {
        if (!distributed(json)) {
            return null;
        }
        JsonNode processor = json.has("ItemProcessor") ? json.get("ItemProcessor") : json.get("Iterator");
        String type = processor.path("ProcessorConfig").path("ExecutionType").asText();
        return Set.of("STANDARD", "EXPRESS").contains(type) ? MapState.ExecutionType.valueOf(type) : null;
    }

    /**
     * The ResultWriter of a Distributed Map with AWS's WriterConfig defaults; null when absent. Values the parser
     * rejects fall back to the defaults here (the definition is refused anyway).
     */
    private static ResultWriter resultWriter(JsonNode writer, boolean jsonata) {
        if (!(writer instanceof ObjectNode json)) {
            return null;
        }
        JsonNode config = json.path("WriterConfig");
        String resource = text(json, "Resource");
        String outputType = config.path("OutputType").asText();
        String transformation = config.path("Transformation").asText();
        ResultWriter.Transformation fallback = resource != null ? ResultWriter.Transformation.NONE
                : ResultWriter.Transformation.COMPACT;
        return new ResultWriter(resource, json.get(jsonata ? "Arguments" : "Parameters"),
                "JSONL".equals(outputType) ? ResultWriter.OutputType.JSONL : ResultWriter.OutputType.JSON,
                Set.of("NONE", "COMPACT", "FLATTEN").contains(transformation)
                        ? ResultWriter.Transformation.valueOf(transformation) : fallback);
    }

    /** The ItemBatcher of a Distributed Map; null when absent or on an INLINE Map (which ignores it). */
    private static ItemBatcher itemBatcher(ObjectNode json, boolean jsonata) {
        if (!distributed(json) || !(json.get("ItemBatcher") instanceof ObjectNode batcher)) {
            return null;
        }
        return new ItemBatcher(value(batcher, "MaxItemsPerBatch", jsonata),
                value(batcher, "MaxInputBytesPerBatch", jsonata), batcher.get("BatchInput"));
    }

    private static ItemReader itemReader(JsonNode reader, boolean jsonata) {
        if (!(reader instanceof ObjectNode json)) {
            return null;
        }
        JsonNode config = json.path("ReaderConfig");
        JsonNode inputType = config.get("InputType");
        JsonNode location = config.get("CSVHeaderLocation");
        List<String> headers = new ArrayList<>();
        config.path("CSVHeaders").forEach(header -> headers.add(header.asText()));
        JsonNode delimiter = config.get("CSVDelimiter");
        return new ItemReader(text(json, "Resource"), json.get(jsonata ? "Arguments" : "Parameters"),
                inputType == null ? null : ItemReader.InputType.valueOf(inputType.asText()),
                location == null ? null : ItemReader.HeaderLocation.valueOf(location.asText()), headers,
                // An unknown delimiter is a problem the parser reports; the model keeps the default meanwhile.
                Arrays.stream(ItemReader.CsvDelimiter.values())
                        .filter(known -> delimiter != null && known.name().equals(delimiter.asText())).findFirst()
                        .orElse(null),
                config instanceof ObjectNode readerConfig ? value(readerConfig, "MaxItems", jsonata) : null);
    }

    private static DataFlow flow(ObjectNode json, boolean jsonata, boolean parameters) {
        if (jsonata) {
            return new DataFlow.Jsonata(json.get("Arguments"), json.get("Output"), json.get("Assign"));
        }
        return new DataFlow.JsonPath(path(json, "InputPath"), parameters ? json.get("Parameters") : null,
                json.get("ResultSelector"), path(json, "ResultPath"), path(json, "OutputPath"), json.get("Assign"));
    }

    private static PathSetting path(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null) {
            return PathSetting.ABSENT;
        }
        return node.isNull() ? PathSetting.DISCARD : PathSetting.of(node.asText());
    }

    /**
     * A field written as {@code field} (a literal, or a JSONata template) or, in JSONPath, {@code fieldPath}; null
     * when neither is present.
     */
    private static Value value(ObjectNode json, String field, boolean jsonata) {
        JsonNode literal = json.get(field);
        if (literal != null) {
            return jsonata ? new Value.Jsonata(field, literal) : new Value.Literal(field, literal);
        }
        JsonNode path = json.get(field + "Path");
        if (!jsonata && path != null) {
            return new Value.Path(field + "Path", path.asText());
        }
        return null;
    }

    private static List<ChoiceRule> rules(ObjectNode json, boolean jsonata) {
        List<ChoiceRule> rules = new ArrayList<>();
        JsonNode choices = json.get("Choices");
        if (choices == null || !choices.isArray()) {
            return rules;
        }
        for (JsonNode rule : choices) {
            if (rule.isObject()) {
                rules.add(new ChoiceRule(jsonata ? rule.get("Condition") : rule, text((ObjectNode) rule, "Next"),
                        rule.get("Assign"), rule.get("Output")));
            }
        }
        return rules;
    }

    private static String text(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
