package io.athenaworkflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks AWS's SAM transform makes before it turns a template into CloudFormation, with its own messages, so a
 * template that cannot deploy does not run locally either. Taken from aws-sam-translator 1.110 (the code behind
 * CloudFormation's {@code AWS::Serverless-2016-10-31} transform; a test compares these tables with the installed
 * package): the Globals sections and the properties each allows ({@code plugins/globals/globals.py}), the properties
 * of {@code AWS::Serverless::Function} and {@code AWS::Serverless::StateMachine} and of their {@code EventBridgeRule}
 * events ({@code property_types}), the event types each accepts, the required properties, and where an intrinsic
 * function cannot stand (AutoPublishAlias, CodeUri). Like the transform, it checks every resource, whatever its
 * Condition, and reads Globals before the resources.
 */
final class SamTransformRules {

    static final List<String> GLOBALS_SECTIONS = List.of("Api", "CapacityProvider", "Function", "HttpApi",
            "LayerVersion", "SimpleTable", "StateMachine", "WebSocketApi");

    /** Globals.Function: everything on AWS::Serverless::Function except Role, Policies, FunctionName, Events, ... */
    static final List<String> FUNCTION_GLOBALS = List.of("Handler", "Runtime", "CodeUri", "DeadLetterQueue",
            "Description", "MemorySize", "Timeout", "VpcConfig", "Environment", "Tags", "PropagateTags", "Tracing",
            "KmsKeyArn", "AutoPublishAlias", "AutoPublishAliasAllProperties", "Layers", "DeploymentPreference",
            "RolePath", "PermissionsBoundary", "ReservedConcurrentExecutions", "ProvisionedConcurrencyConfig",
            "AssumeRolePolicyDocument", "EventInvokeConfig", "FileSystemConfigs", "CodeSigningConfigArn",
            "Architectures", "SnapStart", "EphemeralStorage", "FunctionUrlConfig", "RuntimeManagementConfig",
            "LoggingConfig", "RecursiveLoop", "SourceKMSKeyArn", "TenancyConfig", "DurableConfig",
            "CapacityProviderConfig", "FunctionScalingConfig", "PublishToLatestPublished", "VersionDeletionPolicy");

    static final List<String> STATE_MACHINE_GLOBALS = List.of("PropagateTags");

    static final Set<String> FUNCTION_PROPERTIES = Set.of("Architectures", "AssumeRolePolicyDocument",
            "AutoPublishAlias", "AutoPublishAliasAllProperties", "AutoPublishCodeSha256", "CapacityProviderConfig",
            "CodeSigningConfigArn", "CodeUri", "DeadLetterQueue", "DeploymentPreference", "Description",
            "DurableConfig", "Environment", "EphemeralStorage", "EventInvokeConfig", "Events", "FileSystemConfigs",
            "FunctionName", "FunctionScalingConfig", "FunctionUrlConfig", "Handler", "ImageConfig", "ImageUri",
            "InlineCode", "KmsKeyArn", "Layers", "LoggingConfig", "MemorySize", "PackageType", "PermissionsBoundary",
            "Policies", "PropagateTags", "ProvisionedConcurrencyConfig", "PublishToLatestPublished", "RecursiveLoop",
            "ReservedConcurrentExecutions", "Role", "RolePath", "Runtime", "RuntimeManagementConfig", "SnapStart",
            "SourceKMSKeyArn", "Tags", "TenancyConfig", "Timeout", "Tracing", "VersionDeletionPolicy",
            "VersionDescription", "VpcConfig");

    static final Set<String> STATE_MACHINE_PROPERTIES = Set.of("AutoPublishAlias", "Definition",
            "DefinitionSubstitutions", "DefinitionUri", "DeploymentPreference", "Events", "Logging", "Name",
            "PermissionsBoundary", "Policies", "PropagateTags", "Role", "RolePath", "Tags", "Tracing", "Type",
            "UseAliasAsEventTarget");

    static final Set<String> FUNCTION_EVENT_TYPES = Set.of("AlexaSkill", "Api", "CloudWatchEvent", "CloudWatchLogs",
            "Cognito", "DocumentDB", "DynamoDB", "EventBridgeRule", "HttpApi", "IoTRule", "Kinesis", "MQ", "MSK", "S3",
            "SNS", "SQS", "Schedule", "ScheduleV2", "SelfManagedKafka");

    static final Set<String> STATE_MACHINE_EVENT_TYPES = Set.of("Api", "CloudWatchEvent", "EventBridgeRule",
            "Schedule", "ScheduleV2");

    /** Properties of a function's EventBridgeRule event (push.EventBridgeRule). */
    static final Set<String> FUNCTION_RULE_PROPERTIES = Set.of("DeadLetterConfig", "Enabled", "EventBusName", "Input",
            "InputPath", "InputTransformer", "Pattern", "RetryPolicy", "RuleName", "State", "Target");

    /** Properties of a state machine's EventBridgeRule event (stepfunctions.events.EventBridgeRule). */
    static final Set<String> STATE_MACHINE_RULE_PROPERTIES = Set.of("DeadLetterConfig", "EventBusName", "Input",
            "InputPath", "InputTransformer", "Pattern", "RetryPolicy", "RuleName", "State", "Target");

    private static final String FUNCTION = "AWS::Serverless::Function";
    private static final String STATE_MACHINE = "AWS::Serverless::StateMachine";
    private static final Map<String, List<String>> GLOBALS_PROPERTIES = Map.of(
            "Function", FUNCTION_GLOBALS,
            "StateMachine", STATE_MACHINE_GLOBALS);

    private SamTransformRules() {
    }

    /**
     * @throws SamTransformException with the transform's message for the first rule the template breaks
     */
    static void check(JsonNode template) {
        JsonNode globals = template.get("Globals");
        if (globals != null) {
            checkGlobals(globals);
        }
        JsonNode functionGlobals = globals == null ? null : globals.get("Function");
        JsonNode parameters = template.path("Parameters");
        for (Map.Entry<String, JsonNode> resource : template.path("Resources").properties()) {
            String type = resource.getValue().path("Type").asText();
            JsonNode properties = resource.getValue().path("Properties");
            if (type.equals(FUNCTION)) {
                checkFunction(resource.getKey(), properties, functionGlobals, parameters);
            } else if (type.equals(STATE_MACHINE)) {
                checkStateMachine(resource.getKey(), properties);
            }
        }
    }

    private static void checkGlobals(JsonNode globals) {
        if (!globals.isObject() || globals.isEmpty()) {
            throw globalsError("Globals", "It must be a non-empty dictionary");
        }
        for (Map.Entry<String, JsonNode> section : globals.properties()) {
            String name = section.getKey();
            if (!GLOBALS_SECTIONS.contains(name)) {
                throw globalsError("Globals." + name, "'" + name + "' is not supported. Must be one of the following"
                        + " values - " + pythonList(GLOBALS_SECTIONS));
            }
            if (!section.getValue().isObject()) {
                // The transform's message has this literal "${section}" (an unformatted placeholder in its source).
                throw globalsError("Globals." + name, "Value of ${section} must be a dictionary");
            }
            List<String> supported = GLOBALS_PROPERTIES.get(name);
            if (supported == null) {
                continue; // sections of resource types the local runtime does not create
            }
            for (String property : names(section.getValue())) {
                if (!supported.contains(property)) {
                    throw globalsError("Globals." + name + "." + property, "'" + property + "' is not a supported"
                            + " property of '" + name + "'. Must be one of the following values - "
                            + pythonList(supported));
                }
            }
        }
    }

    private static void checkFunction(String logicalId, JsonNode properties, JsonNode globals, JsonNode parameters) {
        String at = "Resources." + logicalId + ".Properties";
        checkProperties(logicalId, properties, FUNCTION_PROPERTIES, FUNCTION, at);
        String packageType = text(value(properties, globals, "PackageType"), "Zip");
        if (!packageType.equals("Zip") && !packageType.equals("Image")) {
            throw resourceError(logicalId, at + ".PackageType", "PackageType needs to be `Zip` or `Image`");
        }
        if (packageType.equals("Zip")) {
            if (value(properties, globals, "Runtime") == null || value(properties, globals, "Handler") == null) {
                throw resourceError(logicalId, at, "Runtime and Handler needs to be present when PackageType is of"
                        + " type `Zip`");
            }
            JsonNode codeUri = value(properties, globals, "CodeUri");
            if (codeUri == null && value(properties, globals, "InlineCode") == null) {
                throw resourceError(logicalId, at, "Only one of 'InlineCode' or 'CodeUri' can be set.");
            }
            if (codeUri != null && codeUri.isObject() && !(codeUri.has("Bucket") && codeUri.has("Key"))) {
                throw resourceError(logicalId, at + ".CodeUri", "'CodeUri' requires Bucket and Key properties to be"
                        + " specified.");
            }
        }
        JsonNode alias = value(properties, globals, "AutoPublishAlias");
        if (alias != null && !alias.isTextual() && !isParameterRef(alias, parameters)) {
            throw resourceError(logicalId, at + ".AutoPublishAlias", "'AutoPublishAlias' must be a string or a Ref to"
                    + " a template parameter");
        }
        checkEvents(logicalId, properties.get("Events"), FUNCTION_EVENT_TYPES, FUNCTION_RULE_PROPERTIES, at);
    }

    private static void checkStateMachine(String logicalId, JsonNode properties) {
        String at = "Resources." + logicalId + ".Properties";
        checkProperties(logicalId, properties, STATE_MACHINE_PROPERTIES, STATE_MACHINE, at);
        if (!properties.has("Definition") && !properties.has("DefinitionUri")) {
            throw resourceError(logicalId, at, "Either 'Definition' or 'DefinitionUri' property must be specified.");
        }
        checkEvents(logicalId, properties.get("Events"), STATE_MACHINE_EVENT_TYPES, STATE_MACHINE_RULE_PROPERTIES, at);
    }

    private static void checkProperties(String logicalId, JsonNode properties, Set<String> allowed, String type,
                                        String at) {
        if (!properties.isMissingNode() && !properties.isObject()) {
            throw resourceError(logicalId, at, "Properties of a resource must be an object.");
        }
        for (String property : names(properties)) {
            if (!allowed.contains(property)) {
                throw resourceError(logicalId, at + "." + property, "property " + property + " not defined for"
                        + " resource of type " + type);
            }
        }
    }

    private static void checkEvents(String logicalId, JsonNode events, Set<String> types, Set<String> ruleProperties,
                                    String at) {
        if (events == null || !events.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> event : events.properties()) {
            String where = at + ".Events." + event.getKey();
            String type = event.getValue().path("Type").asText(null);
            if (type == null || !types.contains(type)) {
                throw resourceError(logicalId, where + ".Type", "Event with id [" + event.getKey() + "] is invalid."
                        + " Resource dict has missing or invalid value for key Type. Event Type is: " + type + ".");
            }
            if (type.equals("EventBridgeRule")) {
                for (String property : names(event.getValue().path("Properties"))) {
                    if (!ruleProperties.contains(property)) {
                        // The transform reports the rule by the id it generates for it: the resource's id + the event's.
                        throw resourceError(logicalId + event.getKey(), where + ".Properties." + property, "property "
                                + property + " not defined for resource of type EventBridgeRule");
                    }
                }
            }
        }
    }

    /** The resource's value of {@code property}, else the one Globals.Function gives it. */
    private static JsonNode value(JsonNode properties, JsonNode globals, String property) {
        JsonNode own = properties.get(property);
        if (own != null && !own.isNull()) {
            return own;
        }
        JsonNode global = globals == null ? null : globals.get(property);
        return global == null || global.isNull() ? null : global;
    }

    private static List<String> names(JsonNode mapping) {
        return mapping.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static String text(JsonNode value, String otherwise) {
        return value == null ? otherwise : value.asText();
    }

    private static boolean isParameterRef(JsonNode value, JsonNode parameters) {
        return value.isObject() && value.size() == 1 && value.path("Ref").isTextual()
                && parameters.has(value.get("Ref").asText());
    }

    private static SamTransformException globalsError(String location, String message) {
        return new SamTransformException(location, "'Globals' section is invalid. " + message);
    }

    private static SamTransformException resourceError(String logicalId, String location, String message) {
        return new SamTransformException(location, "Resource with id [" + logicalId + "] is invalid. " + message);
    }

    /** The list as the transform's messages print it (Python's repr of a list of strings). */
    private static String pythonList(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
