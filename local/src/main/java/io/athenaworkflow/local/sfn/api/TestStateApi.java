package io.athenaworkflow.local.sfn.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.definition.InvalidDefinitionException;
import io.athenaworkflow.local.sfn.asl.definition.State;
import io.athenaworkflow.local.sfn.asl.definition.StateMachineDefinition;
import io.athenaworkflow.local.sfn.asl.definition.UnsupportedFeatureException;
import io.athenaworkflow.local.sfn.asl.interpreter.StateTester;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The TestState operation (shapes from botocore's TestStateInput/TestStateOutput): parses the request, tests the
 * state with a {@link StateTester} and renders status, output, error, cause, nextState and, at inspectionLevel DEBUG
 * or TRACE, the inspectionData of the data flow.
 */
final class TestStateApi {

    /** The name a state tested on its own (no stateName) has in its context object. */
    static final String SINGLE_STATE_NAME = "TestState";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LEVELS = Set.of("INFO", "DEBUG", "TRACE");
    private static final Set<String> NUMERIC_INSPECTION = Set.of("maxConcurrency", "toleratedFailureCount",
            "toleratedFailurePercentage");

    /**
     * botocore's MockResponseValidationMode. Every mode is accepted and none checks a mocked result against the
     * service's response shape (that needs AWS's service models), so all behave like NONE.
     */
    private static final Set<String> FIELD_VALIDATION_MODES = Set.of("STRICT", "PRESENT", "NONE");

    /** botocore's TestStateConfiguration.mapItemReaderData: at most 262,144 characters. */
    private static final int MAX_READER_DATA = 262_144;

    private final StateTester tester;

    TestStateApi(StateTester tester) {
        this.tester = tester;
    }

    JsonNode testState(ObjectNode request) {
        String definition = Wire.requiredString(request, "definition");
        String level = Wire.string(request, "inspectionLevel");
        if (level != null && !LEVELS.contains(level)) {
            throw new StepFunctionsValidationException("1 validation error detected: Value '" + level + "' at"
                    + " 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO,"
                    + " DEBUG, TRACE]");
        }
        String stateName = Wire.string(request, "stateName");
        State state = state(definition, stateName);
        JsonNode input = json(Wire.string(request, "input"), "{}", "input", true);
        JsonNode variables = json(Wire.string(request, "variables"), "{}", "variables", false);
        if (!variables.isObject()) {
            throw new StepFunctionsValidationException("variables must be a JSON object whose members are the"
                    + " variable names and values, but was " + variables);
        }
        StateTester.Mock mock = mock(Wire.object(request, "mock"));
        if (mock != null && Boolean.TRUE.equals(Wire.bool(request, "revealSecrets"))) {
            throw new StepFunctionsValidationException("TestState does not support RevealSecrets when a mock is"
                    + " specified.");
        }
        String contextText = Wire.string(request, "context");
        if (contextText != null && mock == null) {
            throw new StepFunctionsValidationException("context may only be specified together with a mock");
        }
        JsonNode context = contextText == null ? null : json(contextText, "{}", "context", false);
        if (context != null && !context.isObject()) {
            throw new StepFunctionsValidationException("context must be a JSON object (a context object)");
        }
        StateTester.Configuration configuration = configuration(Wire.object(request, "stateConfiguration"));
        Map<String, JsonNode> assigned = new LinkedHashMap<>();
        variables.properties().forEach(member -> assigned.put(member.getKey(), member.getValue()));
        StateTester.Result result;
        try {
            result = tester.test(new StateTester.Request(state, input, assigned, (ObjectNode) context, mock,
                    configuration, Wire.string(request, "roleArn")));
        } catch (StateTester.MockRequiredException e) {
            throw new InvalidDefinitionApiException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new StepFunctionsValidationException(e.getMessage());
        }
        return render(result, level != null && !level.equals("INFO"));
    }

    private static State state(String definition, String stateName) {
        try {
            if (stateName == null) {
                return StateMachineDefinition.parseState(definition, SINGLE_STATE_NAME);
            }
            return StepFunctionsService.parse(definition).findState(stateName).orElseThrow(() ->
                    new StepFunctionsValidationException("State not found in definition"));
        } catch (InvalidDefinitionException e) {
            throw new InvalidDefinitionApiException(e.getMessage());
        } catch (UnsupportedFeatureException e) {
            throw new InvalidDefinitionApiException("Invalid State Machine Definition: 'UNSUPPORTED_BY_LOCAL_RUNTIME: "
                    + e.getMessage() + "'");
        }
    }

    /** The stateConfiguration member, checked against the constraints of botocore's TestStateConfiguration. */
    private static StateTester.Configuration configuration(ObjectNode configuration) {
        if (configuration == null) {
            return StateTester.Configuration.NONE;
        }
        Integer retried = Wire.integer(configuration, "retrierRetryCount");
        atLeastZero(retried, "retrierRetryCount");
        Integer iterationFailures = Wire.integer(configuration, "mapIterationFailureCount");
        atLeastZero(iterationFailures, "mapIterationFailureCount");
        String causedBy = Wire.string(configuration, "errorCausedByState");
        if (causedBy != null && (causedBy.isEmpty() || causedBy.length() > 80)) {
            throw new StepFunctionsValidationException("1 validation error detected: Value at"
                    + " 'stateConfiguration.errorCausedByState' failed to satisfy constraint: Member must have length"
                    + (causedBy.isEmpty() ? " greater than or equal to 1" : " less than or equal to 80"));
        }
        String readerData = Wire.string(configuration, "mapItemReaderData");
        if (readerData != null && readerData.length() > MAX_READER_DATA) {
            throw new StepFunctionsValidationException("1 validation error detected: Value at"
                    + " 'stateConfiguration.mapItemReaderData' failed to satisfy constraint: Member must have length"
                    + " less than or equal to " + MAX_READER_DATA);
        }
        return new StateTester.Configuration(retried, causedBy, iterationFailures, readerData);
    }

    private static void atLeastZero(Integer value, String member) {
        if (value != null && value < 0) {
            throw new StepFunctionsValidationException("1 validation error detected: Value '" + value + "' at"
                    + " 'stateConfiguration." + member + "' failed to satisfy constraint: Member must have value"
                    + " greater than or equal to 0");
        }
    }

    private static StateTester.Mock mock(ObjectNode mock) {
        if (mock == null) {
            return null;
        }
        String mode = Wire.string(mock, "fieldValidationMode");
        if (mode != null && !FIELD_VALIDATION_MODES.contains(mode)) {
            throw new StepFunctionsValidationException("1 validation error detected: Value '" + mode + "' at"
                    + " 'mock.fieldValidationMode' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [STRICT, PRESENT, NONE]");
        }
        String result = Wire.string(mock, "result");
        ObjectNode errorOutput = Wire.object(mock, "errorOutput");
        if (result != null && errorOutput != null) {
            throw new StepFunctionsValidationException("A test mock should have only one of the following fields:"
                    + " [result, errorOutput].");
        }
        if (result == null && errorOutput == null) {
            throw new StepFunctionsValidationException("A mock must have one of result or errorOutput");
        }
        if (result != null) {
            return new StateTester.Mock(json(result, null, "mock.result", false), null, null);
        }
        String error = Wire.string(errorOutput, "error");
        if (error == null) {
            throw new StepFunctionsValidationException("mock.errorOutput.error is required when mock.errorOutput is"
                    + " specified");
        }
        return new StateTester.Mock(null, error, Wire.string(errorOutput, "cause"));
    }

    /** Parses a JSON member; the state input's errors are InvalidExecutionInput, the others ValidationException. */
    private static JsonNode json(String text, String absent, String member, boolean executionInput) {
        String value = text == null ? absent : text;
        try {
            JsonNode parsed = JSON.readTree(value);
            if (parsed == null || parsed.isMissingNode()) {
                throw new JsonProcessingException("No content to map due to end-of-input") { };
            }
            return parsed;
        } catch (JsonProcessingException e) {
            String message = "Invalid " + member + ": '" + e.getOriginalMessage() + "'";
            throw executionInput ? new InvalidExecutionInputException("Invalid State Machine Execution Input: '"
                    + e.getOriginalMessage() + "'") : new StepFunctionsValidationException(message);
        }
    }

    private static ObjectNode render(StateTester.Result result, boolean inspect) {
        ObjectNode response = JSON.createObjectNode();
        if (result.output() != null) {
            response.put("output", compact(result.output()));
        }
        if (result.error() != null) {
            response.put("error", result.error());
        }
        if (result.cause() != null) {
            response.put("cause", result.cause());
        }
        if (inspect) {
            ObjectNode data = response.putObject("inspectionData");
            // The Map settings are numbers in InspectionData; every other field is JSON text.
            result.inspection().forEach((field, value) -> {
                if (NUMERIC_INSPECTION.contains(field)) {
                    data.set(field, value);
                } else {
                    data.put(field, compact(value));
                }
            });
            // AWS leaves variables out when the state sees and assigns none.
            if (!result.variables().isEmpty()) {
                ObjectNode variables = JSON.createObjectNode();
                result.variables().forEach(variables::set);
                data.put("variables", compact(variables));
            }
            if (result.retryIndex() != null || result.catchIndex() != null) {
                ObjectNode details = data.putObject("errorDetails");
                if (result.catchIndex() != null) {
                    details.put("catchIndex", result.catchIndex());
                }
                if (result.retryIndex() != null) {
                    details.put("retryIndex", result.retryIndex());
                }
                if (result.retryBackoffIntervalSeconds() != null) {
                    details.put("retryBackoffIntervalSeconds", result.retryBackoffIntervalSeconds());
                }
            }
        }
        if (result.nextState() != null) {
            response.put("nextState", result.nextState());
        }
        response.put("status", result.status().name());
        return response;
    }

    private static String compact(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
