package io.athenaworkflow.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns an {@code AWS::Serverless::StateMachine} into a {@link StateMachineDeployment}. */
final class StateMachines {

    /** Step Functions' LogLevel values (botocore stepfunctions model). */
    private static final List<String> LOG_LEVELS = List.of("ALL", "ERROR", "FATAL", "OFF");

    /** A {@code ${Key}} placeholder of DefinitionSubstitutions. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private StateMachines() {
    }

    static StateMachineDeployment deploy(Stack stack, String logicalId) {
        String at = "Resources." + logicalId + ".Properties";
        JsonNode properties = stack.properties(logicalId);
        String name = stack.physicalName(logicalId);
        String type = properties.has("Type") ? stack.intrinsics.text(properties.get("Type"), at + ".Type") : "STANDARD";
        if (!type.equals("STANDARD") && !type.equals("EXPRESS")) {
            throw new InvalidTemplateException(at + ".Type", "must be STANDARD or EXPRESS, but is '" + type + "'");
        }
        String definition = substitute(definitionText(stack, properties, at), substitutions(stack, properties, at), at);
        try {
            TemplateFiles.JSON.readTree(definition);
        } catch (JsonProcessingException e) {
            throw new InvalidTemplateException(at + ".DefinitionUri", "the definition is not valid JSON after its"
                    + " DefinitionSubstitutions: " + e.getOriginalMessage(), e);
        }
        return new StateMachineDeployment(logicalId, name, stack.arns.stateMachine(name), type, definition,
                roleArn(stack, logicalId, properties, at), logging(stack, properties.get("Logging"), at + ".Logging"),
                tracing(stack, properties.get("Tracing"), at + ".Tracing"));
    }

    private static String roleArn(Stack stack, String logicalId, JsonNode properties, String at) {
        JsonNode role = properties.get("Role");
        return role == null || role.isNull()
                ? stack.arns.role(stack.config.stackName() + "-" + logicalId + "Role")
                : stack.intrinsics.text(role, at + ".Role");
    }

    /** Logging: Level, IncludeExecutionData and the CloudWatch Logs destinations (AWS's LoggingConfiguration). */
    private static StateMachineDeployment.Logging logging(Stack stack, JsonNode logging, String at) {
        if (logging == null || logging.isNull()) {
            return StateMachineDeployment.Logging.off();
        }
        JsonNode resolved = stack.intrinsics.resolve(logging, at);
        if (!resolved.isObject()) {
            throw new InvalidTemplateException(at, "must be a mapping with Level, IncludeExecutionData and Destinations");
        }
        String level = resolved.path("Level").asText("OFF");
        if (!LOG_LEVELS.contains(level)) {
            throw new InvalidTemplateException(at + ".Level", "must be one of " + LOG_LEVELS + ", but is '" + level + "'");
        }
        JsonNode include = resolved.path("IncludeExecutionData");
        List<String> groups = new ArrayList<>();
        JsonNode destinations = resolved.path("Destinations");
        for (int i = 0; i < destinations.size(); i++) {
            JsonNode arn = destinations.get(i).path("CloudWatchLogsLogGroup").path("LogGroupArn");
            if (!arn.isTextual()) {
                throw new InvalidTemplateException(at + ".Destinations[" + i + "].CloudWatchLogsLogGroup.LogGroupArn",
                        "is required: the ARN of the log group the execution history is logged to");
            }
            groups.add(arn.asText());
        }
        if (!level.equals("OFF") && groups.isEmpty()) {
            throw new InvalidTemplateException(at + ".Destinations", "a Level other than OFF needs one CloudWatch Logs"
                    + " destination");
        }
        return new StateMachineDeployment.Logging(level, include.asBoolean(false), groups);
    }

    private static boolean tracing(Stack stack, JsonNode tracing, String at) {
        if (tracing == null || tracing.isNull()) {
            return false;
        }
        return stack.intrinsics.resolve(tracing, at).path("Enabled").asBoolean(false);
    }

    private static String definitionText(Stack stack, JsonNode properties, String at) {
        JsonNode inline = properties.get("Definition");
        JsonNode uri = properties.get("DefinitionUri");
        if (inline != null && uri != null) {
            throw new InvalidTemplateException(at, "give either Definition or DefinitionUri, not both");
        }
        if (inline != null) {
            JsonNode resolved = stack.intrinsics.resolve(inline, at + ".Definition");
            if (!resolved.isObject()) {
                throw new InvalidTemplateException(at + ".Definition", "must be a mapping (the ASL definition)");
            }
            return resolved.toPrettyString();
        }
        if (uri == null) {
            throw new InvalidTemplateException(at, "needs Definition or DefinitionUri");
        }
        JsonNode resolved = stack.intrinsics.resolve(uri, at + ".DefinitionUri");
        if (resolved.isObject() || resolved.asText().startsWith("s3://")) {
            throw new UnsupportedTemplateFeatureException(at + ".DefinitionUri", "a definition in S3 cannot be read"
                    + " locally; point DefinitionUri at the local .asl.json file.");
        }
        Path file = stack.templateDirectory().resolve(resolved.asText()).normalize();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidTemplateException(at + ".DefinitionUri", "cannot read the definition " + file + ": " + e, e);
        }
    }

    private static Map<String, String> substitutions(Stack stack, JsonNode properties, String at) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode declared = properties.get("DefinitionSubstitutions");
        if (declared == null || declared.isNull()) {
            return values;
        }
        if (!declared.isObject()) {
            throw new InvalidTemplateException(at + ".DefinitionSubstitutions", "must be a mapping of keys to values");
        }
        for (Map.Entry<String, JsonNode> entry : declared.properties()) {
            values.put(entry.getKey(), stack.intrinsics.text(entry.getValue(),
                    at + ".DefinitionSubstitutions." + entry.getKey()));
        }
        return values;
    }

    /** Replaces each {@code ${Key}} with its substitution, as text (CloudFormation does not JSON-escape it). */
    private static String substitute(String definition, Map<String, String> values, String at) {
        Matcher matcher = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String key = matcher.group(1);
            String value = values.get(key);
            if (value == null) {
                throw new TemplateReferenceException(at + ".DefinitionSubstitutions", "the definition uses ${" + key
                        + "}, but DefinitionSubstitutions has no '" + key + "'" + (values.isEmpty() ? ""
                        : " (it has " + values.keySet() + ")") + ".");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
