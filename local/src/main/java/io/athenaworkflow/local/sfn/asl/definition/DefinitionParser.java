package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.expr.Jsonata;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses and validates a definition, collecting every problem before failing (as CreateStateMachine does). */
final class DefinitionParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Set<String> TOP_LEVEL = Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version",
            "QueryLanguage");
    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
    private static final Set<String> JSONPATH_ONLY = Set.of("InputPath", "OutputPath", "Parameters", "ResultSelector",
            "ResultPath", "ItemsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath",
            "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath",
            "ToleratedFailureCountPath");
    private static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");
    private static final Map<StateType, Set<String>> FIELDS = Map.of(
            StateType.PASS, Set.of("InputPath", "OutputPath", "Parameters", "ResultPath", "Result", "Output",
                    "Assign", "Next", "End"),
            StateType.TASK, Set.of("InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath",
                    "Arguments", "Output", "Assign", "Resource", "TimeoutSeconds", "TimeoutSecondsPath",
                    "HeartbeatSeconds", "HeartbeatSecondsPath", "Retry", "Catch", "Credentials", "Next", "End"),
            StateType.CHOICE, Set.of("InputPath", "OutputPath", "Output", "Assign", "Choices", "Default"),
            StateType.WAIT, Set.of("InputPath", "OutputPath", "Output", "Assign", "Seconds", "Timestamp",
                    "SecondsPath", "TimestampPath", "Next", "End"),
            StateType.SUCCEED, Set.of("InputPath", "OutputPath", "Output"),
            StateType.FAIL, Set.of("Error", "Cause", "ErrorPath", "CausePath"),
            StateType.PARALLEL, Set.of("InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath",
                    "Arguments", "Output", "Assign", "Branches", "Retry", "Catch", "Next", "End"),
            StateType.MAP, Set.of("InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath",
                    "Output", "Assign", "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector",
                    "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage",
                    "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath",
                    "ItemBatcher", "ItemReader", "ResultWriter", "Label", "Retry", "Catch", "Next", "End"));
    private static final Set<StateType> TRANSITIONING = Set.of(StateType.TASK, StateType.PASS, StateType.WAIT,
            StateType.PARALLEL, StateType.MAP);

    private final List<String> problems = new ArrayList<>();

    StateMachineDefinition parse(String text) {
        ObjectNode object = readObject(text,
                "SCHEMA_VALIDATION_FAILED: the definition must be a JSON object with StartAt and States at /");
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                problem("SCHEMA_VALIDATION_FAILED", "The field \"" + name + "\" is not supported by Step Functions",
                        "/" + name);
            }
        }
        QueryLanguage language = QueryLanguage.JSONPATH;
        JsonNode languageNode = object.get("QueryLanguage");
        if (languageNode != null) {
            language = QueryLanguage.fromAslName(languageNode.asText());
            if (language == null || !languageNode.isTextual()) {
                problem("SCHEMA_VALIDATION_FAILED", "QueryLanguage must be \"JSONPath\" or \"JSONata\"",
                        "/QueryLanguage");
                language = QueryLanguage.JSONPATH;
            }
        }
        Integer timeout = null;
        JsonNode timeoutNode = object.get("TimeoutSeconds");
        if (timeoutNode != null) {
            if (!timeoutNode.canConvertToInt() || !timeoutNode.isIntegralNumber() || timeoutNode.asInt() <= 0) {
                problem("SCHEMA_VALIDATION_FAILED", "TimeoutSeconds must be a positive integer", "/TimeoutSeconds");
            } else {
                timeout = timeoutNode.asInt();
            }
        }
        JsonNode comment = object.get("Comment");
        StateGraph graph = graph(object, "", language, new ArrayList<>());
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new StateMachineDefinition(object, graph, language,
                timeout, comment == null ? null : comment.asText());
    }

    /** The definition's JSON object, or the diagnostic AWS gives for empty text, bad JSON or a non-object. */
    private static ObjectNode readObject(String text, String notAnObject) {
        if (text == null || text.isBlank()) {
            throw new InvalidDefinitionException(List.of("INVALID_JSON_DESCRIPTION: the definition is empty"));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidDefinitionException(List.of("INVALID_JSON_DESCRIPTION: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        if (!(root instanceof ObjectNode object)) {
            throw new InvalidDefinitionException(List.of(notAnObject));
        }
        return object;
    }

    /**
     * Parses one state on its own (TestState without a stateName): the state's checks, not the graph's, so its Next
     * may name a state that is not there.
     */
    State parseState(String text, String name) {
        ObjectNode object = readObject(text, "SCHEMA_VALIDATION_FAILED: the definition of a state must be a JSON object at /");
        State state = state(name, object, "", QueryLanguage.JSONPATH, new ArrayList<>());
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return state;
    }

    /**
     * Parses a StartAt/States object. {@code outerAssigned} holds the variable names assigned in enclosing scopes, so
     * that an inner scope assigning one of them is rejected.
     */
    private StateGraph graph(ObjectNode object, String pointer, QueryLanguage language, List<Set<String>> outerScopes) {
        JsonNode startAt = object.get("StartAt");
        JsonNode states = object.get("States");
        if (startAt == null || !startAt.isTextual()) {
            problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [StartAt]", pointer.isEmpty() ? "/" : pointer);
        }
        if (!(states instanceof ObjectNode statesObject) || states.isEmpty()) {
            problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [States]", pointer.isEmpty() ? "/" : pointer);
            return new StateGraph(startAt == null ? "" : startAt.asText(), Map.of());
        }
        Set<String> assignedHere = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = statesObject.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            collectAssigned(entry.getValue(), assignedHere);
        }
        List<Set<String>> scopes = new ArrayList<>(outerScopes);
        scopes.add(assignedHere);
        Map<String, State> nodes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = statesObject.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            String statePointer = pointer + "/States/" + name;
            if (name.isEmpty() || name.length() > 80) {
                problem("SCHEMA_VALIDATION_FAILED", "State names must be 1 to 80 characters long", statePointer);
            }
            if (!(entry.getValue() instanceof ObjectNode stateObject)) {
                problem("SCHEMA_VALIDATION_FAILED", "A state must be a JSON object", statePointer);
                continue;
            }
            State node = state(name, stateObject, statePointer, language, scopes);
            if (node != null) {
                nodes.put(name, node);
            }
        }
        String start = startAt == null ? null : startAt.asText();
        if (start != null && !statesObject.has(start)) {
            problem("MISSING_TRANSITION_TARGET", "Missing 'StartAt' target: " + start, pointer + "/StartAt");
        }
        checkTransitions(nodes, statesObject, pointer);
        if (start != null && statesObject.has(start)) {
            checkReachability(start, nodes, pointer);
        }
        for (String name : assignedHere) {
            for (Set<String> outer : outerScopes) {
                if (outer.contains(name)) {
                    problem("SCHEMA_VALIDATION_FAILED", "The variable \"" + name + "\" is assigned in an inner scope"
                            + " but already defined in an outer scope; inner scopes can read outer variables but"
                            + " cannot assign them", pointer);
                }
            }
        }
        return new StateGraph(start == null ? "" : start, nodes);
    }

    private static void collectAssigned(JsonNode state, Set<String> into) {
        if (!(state instanceof ObjectNode object)) {
            return;
        }
        addNames(object.get("Assign"), into);
        for (String arrayField : List.of("Catch", "Choices")) {
            JsonNode array = object.get(arrayField);
            if (array != null && array.isArray()) {
                array.forEach(element -> addNames(element.get("Assign"), into));
            }
        }
    }

    private static void addNames(JsonNode assign, Set<String> into) {
        if (assign != null && assign.isObject()) {
            assign.fieldNames().forEachRemaining(name -> into.add(name.endsWith(".$")
                    ? name.substring(0, name.length() - 2) : name));
        }
    }

    private State state(String name, ObjectNode json, String pointer, QueryLanguage inherited,
                            List<Set<String>> scopes) {
        JsonNode typeNode = json.get("Type");
        if (typeNode == null) {
            problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [Type]", pointer);
            return null;
        }
        StateType type = StateType.fromAslName(typeNode.asText());
        if (type == null) {
            problem("SCHEMA_VALIDATION_FAILED", "Value is not a valid State type: \"" + typeNode.asText()
                    + "\"; valid types are Task, Pass, Choice, Wait, Succeed, Fail, Parallel and Map", pointer + "/Type");
            return null;
        }
        QueryLanguage language = inherited;
        JsonNode languageNode = json.get("QueryLanguage");
        if (languageNode != null) {
            QueryLanguage own = QueryLanguage.fromAslName(languageNode.asText());
            if (own == null) {
                problem("SCHEMA_VALIDATION_FAILED", "QueryLanguage must be \"JSONPath\" or \"JSONata\"",
                        pointer + "/QueryLanguage");
            } else if (own == QueryLanguage.JSONPATH && inherited == QueryLanguage.JSONATA) {
                problem("SCHEMA_VALIDATION_FAILED", "A state cannot set QueryLanguage to JSONPath when the state"
                        + " machine's QueryLanguage is JSONata", pointer + "/QueryLanguage");
            } else {
                language = own;
            }
        }
        Set<String> allowed = FIELDS.get(type);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (COMMON.contains(field)) {
                continue;
            }
            if (!allowed.contains(field)) {
                problem("SCHEMA_VALIDATION_FAILED", "The field \"" + field + "\" is not supported by Step Functions"
                        + " for the " + type.aslName() + " state type", pointer + "/" + field);
            } else if (language == QueryLanguage.JSONATA && JSONPATH_ONLY.contains(field)) {
                problem("SCHEMA_VALIDATION_FAILED", "The field \"" + field + "\" is not supported when the"
                        + " QueryLanguage is JSONata; use Arguments, Output and Assign instead", pointer + "/" + field);
            } else if (language == QueryLanguage.JSONPATH && JSONATA_ONLY.contains(field)) {
                problem("SCHEMA_VALIDATION_FAILED", "The field \"" + field + "\" is only supported when the"
                        + " QueryLanguage is JSONata", pointer + "/" + field);
            }
        }
        String next = null;
        if (TRANSITIONING.contains(type)) {
            JsonNode nextNode = json.get("Next");
            JsonNode endNode = json.get("End");
            boolean end = endNode != null && endNode.isBoolean() && endNode.asBoolean();
            if (nextNode != null && end) {
                problem("SCHEMA_VALIDATION_FAILED", "Only one of Next or End can be set", pointer);
            } else if (nextNode == null && !end) {
                problem("MISSING_TRANSITION_TARGET", "State \"" + name + "\" must have either Next or End: true",
                        pointer);
            } else if (nextNode != null && !nextNode.isTextual()) {
                problem("SCHEMA_VALIDATION_FAILED", "Next must be a state name", pointer + "/Next");
            } else if (nextNode != null) {
                next = nextNode.asText();
            }
        }
        new ExpressionChecks(this::problem).check(json, pointer, language);
        List<Retrier> retriers = retriers(json.get("Retry"), pointer + "/Retry");
        List<Catcher> catchers = catchers(json.get("Catch"), pointer + "/Catch", language);
        List<StateGraph> branches = new ArrayList<>();
        StateGraph processor = null;
        switch (type) {
            case TASK -> task(json, pointer);
            case CHOICE -> choice(json, pointer, language);
            case WAIT -> exactlyOne(json, pointer, language == QueryLanguage.JSONATA
                    ? List.of("Seconds", "Timestamp")
                    : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath"));
            case FAIL -> {
                atMostOne(json, pointer, "Error", "ErrorPath");
                atMostOne(json, pointer, "Cause", "CausePath");
            }
            case PARALLEL -> {
                JsonNode branchArray = json.get("Branches");
                if (branchArray == null || !branchArray.isArray() || branchArray.isEmpty()) {
                    problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [Branches]", pointer);
                } else {
                    for (int i = 0; i < branchArray.size(); i++) {
                        if (branchArray.get(i) instanceof ObjectNode branch) {
                            branches.add(graph(branch, pointer + "/Branches[" + i + "]", language, scopes));
                        } else {
                            problem("SCHEMA_VALIDATION_FAILED", "A branch must be an object", pointer + "/Branches[" + i + "]");
                        }
                    }
                }
            }
            case MAP -> processor = map(json, pointer, language, scopes);
            default -> { }
        }
        if (!retriers.isEmpty() && type != StateType.TASK && type != StateType.PARALLEL && type != StateType.MAP) {
            problem("SCHEMA_VALIDATION_FAILED", "Retry is not supported for " + type.aslName() + " states", pointer);
        }
        return StateBuilder.build(name, type, language, json, next, retriers, catchers, branches, processor);
    }

    private void task(ObjectNode json, String pointer) {
        JsonNode resource = json.get("Resource");
        if (resource == null || !resource.isTextual() || resource.asText().isBlank()) {
            problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [Resource]", pointer);
        } else if (resource.asText().startsWith("arn:aws:states:") && resource.asText().contains(":activity:")) {
            throw new UnsupportedFeatureException("Activities are not supported by the local Step Functions"
                    + " interpreter (Resource " + resource.asText() + " at " + pointer + "); call a Lambda function or"
                    + " a service integration instead");
        }
        atMostOne(json, pointer, "TimeoutSeconds", "TimeoutSecondsPath");
        atMostOne(json, pointer, "HeartbeatSeconds", "HeartbeatSecondsPath");
        JsonNode timeout = json.get("TimeoutSeconds");
        JsonNode heartbeat = json.get("HeartbeatSeconds");
        if (timeout != null && timeout.isIntegralNumber() && timeout.asLong() <= 0) {
            problem("SCHEMA_VALIDATION_FAILED", "TimeoutSeconds must be a positive integer", pointer + "/TimeoutSeconds");
        }
        if (heartbeat != null && heartbeat.isIntegralNumber() && heartbeat.asLong() <= 0) {
            problem("SCHEMA_VALIDATION_FAILED", "HeartbeatSeconds must be a positive integer",
                    pointer + "/HeartbeatSeconds");
        }
        if (timeout != null && heartbeat != null && timeout.isIntegralNumber() && heartbeat.isIntegralNumber()
                && heartbeat.asLong() >= timeout.asLong()) {
            problem("SCHEMA_VALIDATION_FAILED", "HeartbeatSeconds must be smaller than TimeoutSeconds",
                    pointer + "/HeartbeatSeconds");
        }
    }

    private void choice(ObjectNode json, String pointer, QueryLanguage language) {
        JsonNode choices = json.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [Choices]", pointer);
            return;
        }
        for (int i = 0; i < choices.size(); i++) {
            JsonNode rule = choices.get(i);
            String rulePointer = pointer + "/Choices[" + i + "]";
            if (!rule.isObject()) {
                problem("SCHEMA_VALIDATION_FAILED", "A choice rule must be an object", rulePointer);
                continue;
            }
            if (!rule.has("Next")) {
                problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [Next]", rulePointer);
            }
            if (language == QueryLanguage.JSONATA && !rule.has("Condition")) {
                problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [Condition]", rulePointer);
            }
            if (language == QueryLanguage.JSONPATH && rule.has("Condition")) {
                problem("SCHEMA_VALIDATION_FAILED", "The field \"Condition\" is only supported when the QueryLanguage"
                        + " is JSONata", rulePointer + "/Condition");
            }
        }
    }

    private StateGraph map(ObjectNode json, String pointer, QueryLanguage language, List<Set<String>> scopes) {
        atMostOne(json, pointer, "MaxConcurrency", "MaxConcurrencyPath");
        atMostOne(json, pointer, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
        atMostOne(json, pointer, "ToleratedFailureCount", "ToleratedFailureCountPath");
        atMostOne(json, pointer, "ItemSelector", "Parameters");
        JsonNode percentage = json.get("ToleratedFailurePercentage");
        if (percentage != null && percentage.isNumber() && (percentage.asDouble() < 0 || percentage.asDouble() > 100)) {
            problem("SCHEMA_VALIDATION_FAILED", "ToleratedFailurePercentage must be between 0 and 100",
                    pointer + "/ToleratedFailurePercentage");
        }
        JsonNode concurrency = json.get("MaxConcurrency");
        if (concurrency != null && concurrency.isNumber() && concurrency.asInt() < 0) {
            problem("SCHEMA_VALIDATION_FAILED", "MaxConcurrency must be a non-negative integer",
                    pointer + "/MaxConcurrency");
        }
        JsonNode processorNode = json.has("ItemProcessor") ? json.get("ItemProcessor") : json.get("Iterator");
        String processorPointer = pointer + (json.has("ItemProcessor") ? "/ItemProcessor" : "/Iterator");
        if (json.has("ItemProcessor") && json.has("Iterator")) {
            problem("SCHEMA_VALIDATION_FAILED", "Only one of ItemProcessor or Iterator can be set", pointer);
        }
        if (!(processorNode instanceof ObjectNode processor)) {
            problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [ItemProcessor]", pointer);
            return null;
        }
        JsonNode config = processor.get("ProcessorConfig");
        if (config != null) {
            JsonNode mode = config.get("Mode");
            if (mode != null && !"INLINE".equals(mode.asText()) && !"DISTRIBUTED".equals(mode.asText())) {
                problem("SCHEMA_VALIDATION_FAILED", "ProcessorConfig.Mode must be INLINE or DISTRIBUTED",
                        processorPointer + "/ProcessorConfig/Mode");
            }
        }
        boolean distributed = config != null && config.has("Mode") && "DISTRIBUTED".equals(config.get("Mode").asText());
        if (distributed && json.has("ItemBatcher")) {
            itemBatcher(json.get("ItemBatcher"), pointer + "/ItemBatcher", language);
        }
        if (distributed) {
            JsonNode executionType = config.get("ExecutionType");
            if (executionType == null || !Set.of("STANDARD", "EXPRESS").contains(executionType.asText())) {
                problem("SCHEMA_VALIDATION_FAILED", "ProcessorConfig.ExecutionType must be STANDARD or EXPRESS when"
                        + " the Mode is DISTRIBUTED", processorPointer + "/ProcessorConfig");
            }
        }
        if (json.has("ItemReader")) {
            if (distributed) {
                itemReader(json.get("ItemReader"), pointer + "/ItemReader", language);
            } else {
                problem("SCHEMA_VALIDATION_FAILED", "ItemReader is only supported in a Map whose"
                        + " ProcessorConfig.Mode is DISTRIBUTED", pointer + "/ItemReader");
            }
        }
        if (json.has("ResultWriter")) {
            if (distributed) {
                resultWriter(json.get("ResultWriter"), pointer + "/ResultWriter", language);
            } else {
                problem("SCHEMA_VALIDATION_FAILED", "ResultWriter is only supported in a Map whose"
                        + " ProcessorConfig.Mode is DISTRIBUTED", pointer + "/ResultWriter");
            }
        }
        if (json.has("Label") && (!distributed || !json.get("Label").isTextual())) {
            problem("SCHEMA_VALIDATION_FAILED", "Label must be a string and is only supported in a Map whose"
                    + " ProcessorConfig.Mode is DISTRIBUTED", pointer + "/Label");
        }
        ObjectNode graphOnly = processor.deepCopy();
        graphOnly.remove("ProcessorConfig");
        return graph(graphOnly, processorPointer, language, scopes);
    }

    /**
     * Checks a Distributed Map's ResultWriter: not empty; {@code Resource} (only s3:putObject) and
     * {@code Parameters}/{@code Arguments} (an object) together; a WriterConfig with AWS's OutputType and Transformation
     * values.
     */
    private void resultWriter(JsonNode writer, String pointer, QueryLanguage language) {
        if (!(writer instanceof ObjectNode json)) {
            problem("SCHEMA_VALIDATION_FAILED", "ResultWriter must be an object", pointer);
            return;
        }
        String parametersField = language == QueryLanguage.JSONATA ? "Arguments" : "Parameters";
        Set<String> allowed = Set.of("Resource", parametersField, "WriterConfig");
        json.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                problem("SCHEMA_VALIDATION_FAILED", "Field \"" + field + "\" is not supported in ResultWriter"
                        + " when the QueryLanguage is " + (language == QueryLanguage.JSONATA ? "JSONata" : "JSONPath"),
                        pointer + "/" + field);
            }
        });
        JsonNode resource = json.get("Resource");
        if (resource == null && !json.has("WriterConfig")) {
            problem("SCHEMA_VALIDATION_FAILED", "ResultWriter must specify WriterConfig, or Resource and "
                    + parametersField + ", or all three", pointer);
        }
        if (resource != null && !ResultWriter.PUT_OBJECT.equals(resource.asText())) {
            problem("SCHEMA_VALIDATION_FAILED", "The ResultWriter Resource must be " + ResultWriter.PUT_OBJECT,
                    pointer + "/Resource");
        }
        if ((resource != null) != json.has(parametersField)) {
            problem("SCHEMA_VALIDATION_FAILED", "ResultWriter needs both Resource and " + parametersField
                    + " to export the results to S3", pointer);
        }
        if (json.has(parametersField) && !json.get(parametersField).isObject()) {
            problem("SCHEMA_VALIDATION_FAILED", parametersField + " must be an object",
                    pointer + "/" + parametersField);
        }
        JsonNode config = json.get("WriterConfig");
        if (config == null) {
            return;
        }
        if (!config.isObject()) {
            problem("SCHEMA_VALIDATION_FAILED", "WriterConfig must be an object", pointer + "/WriterConfig");
            return;
        }
        JsonNode outputType = config.get("OutputType");
        if (outputType != null && !Set.of("JSON", "JSONL").contains(outputType.asText())) {
            problem("SCHEMA_VALIDATION_FAILED", "WriterConfig.OutputType must be JSON or JSONL",
                    pointer + "/WriterConfig/OutputType");
        }
        if (outputType != null && "JSONL".equals(outputType.asText()) && resource == null) {
            problem("SCHEMA_VALIDATION_FAILED", "WriterConfig.OutputType JSONL needs Resource and " + parametersField
                    + ": a state output is JSON", pointer + "/WriterConfig/OutputType");
        }
        JsonNode transformation = config.get("Transformation");
        if (transformation != null && !Set.of("NONE", "COMPACT", "FLATTEN").contains(transformation.asText())) {
            problem("SCHEMA_VALIDATION_FAILED", "WriterConfig.Transformation must be NONE, COMPACT or FLATTEN",
                    pointer + "/WriterConfig/Transformation");
        }
    }

    /**
     * Checks a Distributed Map's ItemBatcher: an object with at least one of MaxItemsPerBatch(Path) and
     * MaxInputBytesPerBatch(Path), each set at most once, literal limits positive (bytes at most 256 KiB), the Path
     * forms only in JSONPath, and an object BatchInput. Values from paths and JSONata are checked at run time.
     */
    private void itemBatcher(JsonNode batcher, String pointer, QueryLanguage language) {
        if (!(batcher instanceof ObjectNode json)) {
            problem("SCHEMA_VALIDATION_FAILED", "ItemBatcher must be an object", pointer);
            return;
        }
        boolean jsonata = language == QueryLanguage.JSONATA;
        Set<String> allowed = jsonata ? Set.of("MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput")
                : Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                "MaxInputBytesPerBatchPath", "BatchInput");
        json.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                problem("SCHEMA_VALIDATION_FAILED", "Field \"" + field + "\" is not supported in ItemBatcher"
                        + (jsonata && field.endsWith("Path") ? " when the QueryLanguage is JSONata" : ""),
                        pointer + "/" + field);
            }
        });
        atMostOne(json, pointer, "MaxItemsPerBatch", "MaxItemsPerBatchPath");
        atMostOne(json, pointer, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");
        if (!json.has("MaxItemsPerBatch") && !json.has("MaxItemsPerBatchPath") && !json.has("MaxInputBytesPerBatch")
                && !json.has("MaxInputBytesPerBatchPath")) {
            problem("SCHEMA_VALIDATION_FAILED", "ItemBatcher must set at least one of MaxItemsPerBatch,"
                    + " MaxItemsPerBatchPath, MaxInputBytesPerBatch or MaxInputBytesPerBatchPath", pointer);
        }
        batchLimit(json, pointer, "MaxItemsPerBatch", Integer.MAX_VALUE, jsonata);
        batchLimit(json, pointer, "MaxInputBytesPerBatch", ItemBatcher.MAX_BATCH_BYTES, jsonata);
        for (String field : List.of("MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath")) {
            JsonNode path = json.get(field);
            if (path != null && (!path.isTextual() || !path.asText().startsWith("$"))) {
                problem("SCHEMA_VALIDATION_FAILED", field + " must be a reference path", pointer + "/" + field);
            }
        }
        JsonNode batchInput = json.get("BatchInput");
        if (batchInput != null && !batchInput.isObject()
                && !(jsonata && batchInput.isTextual() && Jsonata.isExpression(batchInput.asText()))) {
            problem("SCHEMA_VALIDATION_FAILED", "BatchInput must be an object", pointer + "/BatchInput");
        }
    }

    /** A literal batch limit must be a positive integer no larger than {@code max}; a JSONata expression is checked when it runs. */
    private void batchLimit(ObjectNode json, String pointer, String field, int max, boolean jsonata) {
        JsonNode value = json.get(field);
        if (value == null || (jsonata && value.isTextual() && Jsonata.isExpression(value.asText()))) {
            return;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > max) {
            problem("SCHEMA_VALIDATION_FAILED", field + " must be an integer from 1 to " + max,
                    pointer + "/" + field);
        }
    }

    /**
     * Checks an ItemReader; the readers the local runtime cannot run (Athena manifests, Parquet) are refused by name
     * rather than run differently.
     */
    private void itemReader(JsonNode reader, String pointer, QueryLanguage language) {
        if (!reader.isObject()) {
            problem("SCHEMA_VALIDATION_FAILED", "ItemReader must be an object", pointer);
            return;
        }
        JsonNode resource = reader.get("Resource");
        if (resource == null || !resource.isTextual()) {
            problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [Resource]", pointer);
            return;
        }
        String parametersField = language == QueryLanguage.JSONATA ? "Arguments" : "Parameters";
        String otherField = language == QueryLanguage.JSONATA ? "Parameters" : "Arguments";
        if (reader.has(otherField)) {
            problem("SCHEMA_VALIDATION_FAILED", "The field \"" + otherField + "\" is not supported when the"
                    + " QueryLanguage is " + (language == QueryLanguage.JSONATA ? "JSONata" : "JSONPath"),
                    pointer + "/" + otherField);
        }
        if (!(reader.get(parametersField) instanceof ObjectNode)) {
            problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [" + parametersField + "]", pointer);
        }
        boolean getObject = ItemReader.GET_OBJECT.equals(resource.asText());
        if (!getObject && !ItemReader.LIST_OBJECTS_V2.equals(resource.asText())) {
            throw new UnsupportedFeatureException("The ItemReader Resource " + resource.asText() + " (at " + pointer
                    + "/Resource) is not supported by the local Step Functions interpreter; use "
                    + ItemReader.GET_OBJECT + " or " + ItemReader.LIST_OBJECTS_V2);
        }
        JsonNode config = reader.has("ReaderConfig") ? reader.get("ReaderConfig") : JsonNodeFactory.instance.objectNode();
        String at = pointer + "/ReaderConfig";
        if (config.has("ManifestType")) {
            throw new UnsupportedFeatureException("ReaderConfig.ManifestType (at " + at + ") is not supported by the"
                    + " local Step Functions interpreter: it reads S3 inventory manifests (InputType MANIFEST), not"
                    + " Athena manifests");
        }
        maxItems(config, at, language);
        JsonNode delimiter = config.get("CSVDelimiter");
        if (delimiter != null && !(delimiter.isTextual() && Set.of("COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB")
                .contains(delimiter.asText()))) {
            problem("SCHEMA_VALIDATION_FAILED", "CSVDelimiter must be one of COMMA, PIPE, SEMICOLON, SPACE or TAB",
                    at + "/CSVDelimiter");
        }
        JsonNode inputType = config.get("InputType");
        if (!getObject) {
            if (inputType != null) {
                problem("SCHEMA_VALIDATION_FAILED", "InputType is not supported by " + ItemReader.LIST_OBJECTS_V2,
                        at + "/InputType");
            }
            return;
        }
        if (inputType == null) {
            problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [InputType]", at);
            return;
        }
        if (!Set.of("JSON", "JSONL", "CSV", "MANIFEST").contains(inputType.asText())) {
            throw new UnsupportedFeatureException("ReaderConfig.InputType " + inputType.asText() + " (at " + at
                    + "/InputType) is not supported by the local Step Functions interpreter; use JSON, JSONL, CSV or"
                    + " MANIFEST");
        }
        if (delimiter != null && !Set.of("CSV", "MANIFEST").contains(inputType.asText())) {
            problem("SCHEMA_VALIDATION_FAILED", "CSVDelimiter is only supported when InputType is CSV or MANIFEST",
                    at + "/CSVDelimiter");
        }
        if (!"CSV".equals(inputType.asText())) {
            return;
        }
        JsonNode location = config.get("CSVHeaderLocation");
        if (location == null || !Set.of("FIRST_ROW", "GIVEN").contains(location.asText())) {
            problem("SCHEMA_VALIDATION_FAILED", "CSVHeaderLocation must be FIRST_ROW or GIVEN", at);
            return;
        }
        JsonNode headers = config.get("CSVHeaders");
        if ("GIVEN".equals(location.asText())) {
            boolean valid = headers != null && headers.isArray() && !headers.isEmpty();
            for (JsonNode header : valid ? headers : JsonNodeFactory.instance.arrayNode()) {
                valid &= header.isTextual();
            }
            if (!valid) {
                problem("SCHEMA_VALIDATION_FAILED", "CSVHeaders must be a non-empty array of strings when"
                        + " CSVHeaderLocation is GIVEN", at + "/CSVHeaders");
            }
        } else if (headers != null) {
            problem("SCHEMA_VALIDATION_FAILED", "CSVHeaders is only supported when CSVHeaderLocation is GIVEN",
                    at + "/CSVHeaders");
        }
    }

    /**
     * ReaderConfig's MaxItems (an integer from 0 to 100,000,000, or a JSONata template) or, in JSONPath, MaxItemsPath
     * (a Reference Path); not both.
     */
    private void maxItems(JsonNode config, String at, QueryLanguage language) {
        JsonNode maxItems = config.get("MaxItems");
        JsonNode maxItemsPath = config.get("MaxItemsPath");
        if (maxItems != null && maxItemsPath != null) {
            problem("SCHEMA_VALIDATION_FAILED", "MaxItems and MaxItemsPath are mutually exclusive", at);
        }
        boolean template = language == QueryLanguage.JSONATA && maxItems != null && maxItems.isTextual();
        if (maxItems != null && !template && (!maxItems.isIntegralNumber() || maxItems.asLong() < 0
                || maxItems.asLong() > 100_000_000)) {
            problem("SCHEMA_VALIDATION_FAILED", "MaxItems must be an integer from 0 to 100000000", at + "/MaxItems");
        }
        if (maxItemsPath != null && (language == QueryLanguage.JSONATA || !maxItemsPath.isTextual()
                || !maxItemsPath.asText().startsWith("$"))) {
            problem("SCHEMA_VALIDATION_FAILED", language == QueryLanguage.JSONATA
                    ? "The field \"MaxItemsPath\" is not supported when the QueryLanguage is JSONata"
                    : "MaxItemsPath must be a Reference Path", at + "/MaxItemsPath");
        }
    }

    private List<Retrier> retriers(JsonNode retry, String pointer) {
        List<Retrier> retriers = new ArrayList<>();
        if (retry == null) {
            return retriers;
        }
        if (!retry.isArray()) {
            problem("SCHEMA_VALIDATION_FAILED", "Retry must be an array", pointer);
            return retriers;
        }
        for (int i = 0; i < retry.size(); i++) {
            JsonNode node = retry.get(i);
            String at = pointer + "[" + i + "]";
            List<String> errors = errorEquals(node, at, i == retry.size() - 1);
            int interval = intField(node, "IntervalSeconds", 1, 1, at);
            int maxAttempts = intField(node, "MaxAttempts", 3, 0, at);
            int maxDelay = intField(node, "MaxDelaySeconds", 0, 1, at);
            double backoff = 2.0;
            JsonNode backoffNode = node.get("BackoffRate");
            if (backoffNode != null) {
                if (!backoffNode.isNumber() || backoffNode.asDouble() < 1.0) {
                    problem("SCHEMA_VALIDATION_FAILED", "BackoffRate must be a number greater than or equal to 1.0",
                            at + "/BackoffRate");
                } else {
                    backoff = backoffNode.asDouble();
                }
            }
            JitterStrategy jitter = JitterStrategy.NONE;
            JsonNode jitterNode = node.get("JitterStrategy");
            if (jitterNode != null) {
                if ("FULL".equals(jitterNode.asText())) {
                    jitter = JitterStrategy.FULL;
                } else if (!"NONE".equals(jitterNode.asText())) {
                    problem("SCHEMA_VALIDATION_FAILED", "JitterStrategy must be FULL or NONE", at + "/JitterStrategy");
                }
            }
            retriers.add(new Retrier(errors, interval, maxAttempts, backoff, maxDelay, jitter));
        }
        return retriers;
    }

    private List<Catcher> catchers(JsonNode catchNode, String pointer, QueryLanguage language) {
        List<Catcher> catchers = new ArrayList<>();
        if (catchNode == null) {
            return catchers;
        }
        if (!catchNode.isArray()) {
            problem("SCHEMA_VALIDATION_FAILED", "Catch must be an array", pointer);
            return catchers;
        }
        for (int i = 0; i < catchNode.size(); i++) {
            JsonNode node = catchNode.get(i);
            String at = pointer + "[" + i + "]";
            List<String> errors = errorEquals(node, at, i == catchNode.size() - 1);
            JsonNode next = node.get("Next");
            if (next == null || !next.isTextual()) {
                problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [Next]", at);
            }
            if (language == QueryLanguage.JSONATA && node.has("ResultPath")) {
                problem("SCHEMA_VALIDATION_FAILED", "The field \"ResultPath\" is not supported when the QueryLanguage"
                        + " is JSONata; use Output instead", at + "/ResultPath");
            }
            if (language == QueryLanguage.JSONPATH && node.has("Output")) {
                problem("SCHEMA_VALIDATION_FAILED", "The field \"Output\" is only supported when the QueryLanguage"
                        + " is JSONata", at + "/Output");
            }
            JsonNode resultPath = node.get("ResultPath");
            catchers.add(new Catcher(errors, next == null ? null : next.asText(), resultPath != null,
                    resultPath == null || resultPath.isNull() ? null : resultPath.asText(), node.get("Output"),
                    node.get("Assign")));
        }
        return catchers;
    }

    private List<String> errorEquals(JsonNode node, String at, boolean last) {
        JsonNode errors = node.get("ErrorEquals");
        List<String> names = new ArrayList<>();
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            problem("SCHEMA_VALIDATION_FAILED", "These fields are required: [ErrorEquals]", at);
            return names;
        }
        errors.forEach(error -> names.add(error.asText()));
        if (names.contains("States.ALL")) {
            if (names.size() > 1) {
                problem("SCHEMA_VALIDATION_FAILED", "States.ALL must appear alone in ErrorEquals", at + "/ErrorEquals");
            }
            if (!last) {
                problem("SCHEMA_VALIDATION_FAILED", "A Retrier or Catcher with States.ALL must be the last one", at);
            }
        }
        return names;
    }

    private int intField(JsonNode node, String field, int defaultValue, int minimum, String at) {
        JsonNode value = node.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || value.asLong() < minimum || value.asLong() > 99_999_999L) {
            problem("SCHEMA_VALIDATION_FAILED", field + " must be an integer between " + minimum + " and 99999999",
                    at + "/" + field);
            return defaultValue;
        }
        return value.asInt();
    }

    private void exactlyOne(ObjectNode json, String pointer, List<String> fields) {
        long present = fields.stream().filter(json::has).count();
        if (present != 1) {
            problem("SCHEMA_VALIDATION_FAILED", "Exactly one of " + String.join(", ", fields) + " must be set", pointer);
        }
    }

    private void atMostOne(ObjectNode json, String pointer, String first, String second) {
        if (json.has(first) && json.has(second)) {
            problem("SCHEMA_VALIDATION_FAILED", "Only one of " + first + " or " + second + " can be set", pointer);
        }
    }

    private void checkTransitions(Map<String, State> nodes, ObjectNode statesObject, String pointer) {
        for (State node : nodes.values()) {
            String at = pointer + "/States/" + node.name();
            node.next().ifPresent(next -> target(statesObject, next, at + "/Next"));
            for (int i = 0; i < node.catchers().size(); i++) {
                String next = node.catchers().get(i).next();
                if (next != null) {
                    target(statesObject, next, at + "/Catch[" + i + "]/Next");
                }
            }
            if (node instanceof ChoiceState choice) {
                for (int i = 0; i < choice.choices().size(); i++) {
                    String next = choice.choices().get(i).next();
                    if (next != null) {
                        target(statesObject, next, at + "/Choices[" + i + "]/Next");
                    }
                }
                choice.defaultNext().ifPresent(next -> target(statesObject, next, at + "/Default"));
            }
        }
    }

    private void target(ObjectNode statesObject, String name, String at) {
        if (!statesObject.has(name)) {
            problem("MISSING_TRANSITION_TARGET", "Missing 'Next' target: " + name, at);
        }
    }

    private void checkReachability(String start, Map<String, State> nodes, String pointer) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            State node = nodes.get(name);
            if (!seen.add(name) || node == null) {
                continue;
            }
            node.next().ifPresent(todo::add);
            node.catchers().forEach(catcher -> {
                if (catcher.next() != null) {
                    todo.add(catcher.next());
                }
            });
            if (node instanceof ChoiceState choice) {
                choice.choices().forEach(rule -> {
                    if (rule.next() != null) {
                        todo.add(rule.next());
                    }
                });
                choice.defaultNext().ifPresent(todo::add);
            }
        }
        for (String name : nodes.keySet()) {
            if (!seen.contains(name)) {
                problem("UNREACHABLE_STATE", "State \"" + name + "\" is not reachable.", pointer + "/States/" + name);
            }
        }
    }

    private void problem(String code, String message, String pointer) {
        problems.add(code + ": " + message + " at " + pointer);
    }
}
