package io.athenaworkflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One template being deployed: its parameters, conditions, resources and the physical names CloudFormation would
 * give them. Names are computed on demand (a name may itself use {@code !Sub}), with cycle detection.
 */
final class Stack {

    /** The property that names a resource, per type; the generated name is used when it is absent. */
    private static final Map<String, String> NAME_PROPERTY = Map.ofEntries(
            Map.entry("AWS::Serverless::Function", "FunctionName"),
            Map.entry("AWS::Lambda::Function", "FunctionName"),
            Map.entry("AWS::Serverless::StateMachine", "Name"),
            Map.entry("AWS::StepFunctions::StateMachine", "StateMachineName"),
            Map.entry("AWS::IAM::Role", "RoleName"),
            Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
            Map.entry("AWS::Events::Rule", "Name"),
            Map.entry("AWS::S3::Bucket", "BucketName"),
            Map.entry("AWS::SQS::Queue", "QueueName"),
            Map.entry("AWS::SNS::Topic", "TopicName"));

    /** The longest name AWS accepts, per type; generated names are cut to it. */
    private static final Map<String, Integer> NAME_LIMIT = Map.of(
            "AWS::Serverless::Function", 64,
            "AWS::Lambda::Function", 64,
            "AWS::Serverless::StateMachine", 80,
            "AWS::StepFunctions::StateMachine", 80,
            "AWS::IAM::Role", 64,
            "AWS::Events::Rule", 64,
            "AWS::S3::Bucket", 63,
            "AWS::SQS::Queue", 80,
            "AWS::SNS::Topic", 256);

    final DeploymentConfig config;
    final Arns arns;
    final Parameters parameters;
    final JsonNode mappings;
    final Intrinsics intrinsics;
    private final Path templateDirectory;
    private final JsonNode conditionDefinitions;
    private final Map<String, ObjectNode> resources;
    private final Map<String, Boolean> conditions = new LinkedHashMap<>();
    private final Set<String> evaluating = new LinkedHashSet<>();
    private final Map<String, String> names = new LinkedHashMap<>();

    Stack(DeploymentConfig config, JsonNode template, Path templateDirectory) {
        this.templateDirectory = templateDirectory;
        JsonNode globals = template.path("Globals");
        this.config = config;
        this.arns = Arns.of(config.region(), config.accountId());
        this.parameters = Parameters.resolve(template.get("Parameters"), config.parameters());
        this.mappings = template.path("Mappings");
        this.conditionDefinitions = template.path("Conditions");
        this.resources = new LinkedHashMap<>();
        JsonNode declared = template.get("Resources");
        if (declared == null || !declared.isObject() || declared.isEmpty()) {
            throw new InvalidTemplateException("Resources", "the template must declare at least one resource");
        }
        for (Map.Entry<String, JsonNode> entry : declared.properties()) {
            if (!entry.getValue().isObject() || !entry.getValue().path("Type").isTextual()) {
                throw new InvalidTemplateException("Resources." + entry.getKey(), "must be a mapping with a Type");
            }
            ObjectNode resource = ((ObjectNode) entry.getValue()).deepCopy();
            for (Map.Entry<String, String> section : SamGlobals.SECTIONS.entrySet()) {
                if (resource.path("Type").asText().equals(section.getValue()) && globals.has(section.getKey())) {
                    resource.set("Properties", SamGlobals.merge(globals.get(section.getKey()), resource.get("Properties")));
                }
            }
            resources.put(entry.getKey(), resource);
        }
        this.intrinsics = new Intrinsics(this);
    }

    /** The folder relative paths in the template (CodeUri, DefinitionUri) are resolved against. */
    Path templateDirectory() {
        return templateDirectory;
    }

    Map<String, ObjectNode> resources() {
        return resources;
    }

    boolean hasResource(String logicalId) {
        return resources.containsKey(logicalId);
    }

    String type(String logicalId) {
        return resources.get(logicalId).path("Type").asText();
    }

    JsonNode properties(String logicalId) {
        return resources.get(logicalId).path("Properties");
    }

    /** Whether the resource is created: it has no Condition, or its condition is true. */
    boolean created(String logicalId) {
        JsonNode condition = resources.get(logicalId).get("Condition");
        if (condition == null) {
            return true;
        }
        if (!condition.isTextual()) {
            throw new InvalidTemplateException("Resources." + logicalId + ".Condition", "must be a condition name");
        }
        return condition(condition.asText(), "Resources." + logicalId + ".Condition");
    }

    /** The value of a named condition, evaluated once. */
    boolean condition(String name, String where) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definition = conditionDefinitions.get(name);
        if (definition == null) {
            throw new TemplateReferenceException(where, "refers to condition '" + name + "', which the Conditions section"
                    + " does not define" + declared(conditionDefinitions) + ".");
        }
        if (!evaluating.add("Condition " + name)) {
            throw new TemplateReferenceException(where, "condition '" + name + "' depends on itself: " + evaluating);
        }
        try {
            boolean value = intrinsics.evaluateCondition(definition, "Conditions." + name);
            conditions.put(name, value);
            return value;
        } finally {
            evaluating.remove("Condition " + name);
        }
    }

    /** What {@code Ref} returns for a resource. */
    String ref(String logicalId, String where) {
        String type = type(logicalId);
        requireCreated(logicalId, where);
        String name = physicalName(logicalId);
        return switch (type) {
            case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" -> arns.stateMachine(name);
            case "AWS::SNS::Topic" -> arns.topic(name);
            case "AWS::SQS::Queue" -> "https://sqs." + arns.region() + "." + arns.urlSuffix() + "/" + arns.accountId() + "/" + name;
            default -> name;
        };
    }

    /** What {@code Fn::GetAtt} returns for a resource's attribute. */
    String attribute(String logicalId, String attribute, String where) {
        String type = type(logicalId);
        requireCreated(logicalId, where);
        String name = physicalName(logicalId);
        String value = switch (type + "." + attribute) {
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" -> arns.function(name);
            case "AWS::Serverless::StateMachine.Arn", "AWS::StepFunctions::StateMachine.Arn" -> arns.stateMachine(name);
            case "AWS::Serverless::StateMachine.Name", "AWS::StepFunctions::StateMachine.Name" -> name;
            case "AWS::IAM::Role.Arn" -> arns.role(name);
            case "AWS::IAM::Role.RoleId" -> "AROA" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8))
                    .toString().replace("-", "").substring(0, 17).toUpperCase(Locale.ROOT);
            case "AWS::Logs::LogGroup.Arn" -> arns.logGroup(name);
            case "AWS::Events::Rule.Arn" -> arns.rule(name);
            case "AWS::S3::Bucket.Arn" -> arns.bucket(name);
            case "AWS::S3::Bucket.DomainName" -> name + ".s3." + arns.urlSuffix();
            case "AWS::S3::Bucket.RegionalDomainName" -> name + ".s3." + arns.region() + "." + arns.urlSuffix();
            case "AWS::SQS::Queue.Arn" -> arns.queue(name);
            case "AWS::SQS::Queue.QueueName", "AWS::SNS::Topic.TopicName" -> name;
            case "AWS::SQS::Queue.QueueUrl" -> ref(logicalId, where);
            case "AWS::SNS::Topic.TopicArn" -> arns.topic(name);
            default -> null;
        };
        if (value == null) {
            throw new UnsupportedTemplateFeatureException(where, "Fn::GetAtt " + logicalId + "." + attribute + ": the local"
                    + " runtime does not know attribute '" + attribute + "' of " + type + ".");
        }
        return value;
    }

    /** The resource's name: its name property when given, else {@code <stack>-<LogicalId>} cut to AWS's limit. */
    String physicalName(String logicalId) {
        String known = names.get(logicalId);
        if (known != null) {
            return known;
        }
        String type = type(logicalId);
        String property = NAME_PROPERTY.get(type);
        JsonNode explicit = property == null ? null : properties(logicalId).get(property);
        String name;
        if (explicit != null && !explicit.isNull()) {
            String where = "Resources." + logicalId + ".Properties." + property;
            if (!evaluating.add("Name of " + logicalId)) {
                throw new TemplateReferenceException(where, "the name of " + logicalId + " depends on itself: " + evaluating);
            }
            try {
                name = intrinsics.text(explicit, where);
            } finally {
                evaluating.remove("Name of " + logicalId);
            }
        } else {
            name = config.stackName() + "-" + logicalId;
            if (type.equals("AWS::S3::Bucket")) {
                name = name.toLowerCase(Locale.ROOT);
            }
            int limit = NAME_LIMIT.getOrDefault(type, 255);
            if (name.length() > limit) {
                name = name.substring(0, limit);
            }
        }
        names.put(logicalId, name);
        return name;
    }

    private void requireCreated(String logicalId, String where) {
        if (!created(logicalId)) {
            throw new TemplateReferenceException(where, "refers to " + logicalId + ", which is not created because its"
                    + " condition " + resources.get(logicalId).get("Condition").asText() + " is false.");
        }
    }

    String stackId() {
        return arns.stack(config.stackName(), UUID.nameUUIDFromBytes(
                (config.accountId() + config.region() + config.stackName()).getBytes(StandardCharsets.UTF_8)).toString());
    }

    static String declared(JsonNode section) {
        if (section == null || !section.isObject() || section.isEmpty()) {
            return " (it defines none)";
        }
        StringBuilder names = new StringBuilder(" (it defines ");
        section.fieldNames().forEachRemaining(n -> names.append(n).append(", "));
        names.setLength(names.length() - 2);
        return names.append(')').toString();
    }
}
