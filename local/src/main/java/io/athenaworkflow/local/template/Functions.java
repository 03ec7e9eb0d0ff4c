package io.athenaworkflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns an {@code AWS::Serverless::Function} (Globals already merged) into a {@link FunctionDeployment}. */
final class Functions {

    /** The version SAM's AutoPublishAlias publishes first, and the one its alias points at. */
    static final String PUBLISHED_VERSION = "1";

    private static final int DEFAULT_TIMEOUT = 3;
    private static final int DEFAULT_MEMORY = 128;

    private Functions() {
    }

    /** AutoPublishAlias, or null when the function publishes no alias. */
    static String alias(Stack stack, String logicalId) {
        JsonNode alias = stack.properties(logicalId).get("AutoPublishAlias");
        if (alias == null || alias.isNull()) {
            return null;
        }
        String where = "Resources." + logicalId + ".Properties.AutoPublishAlias";
        JsonNode resolved = stack.intrinsics.resolve(alias, where);
        if (resolved.isMissingNode()) {
            return null;
        }
        String name = stack.intrinsics.text(alias, where);
        if (!name.matches("(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}")) {
            throw new InvalidTemplateException(where, "'" + name + "' is not a valid alias name (letters, digits, '-' and"
                    + " '_', not only digits)");
        }
        return name;
    }

    static FunctionDeployment deploy(Stack stack, String logicalId) {
        String at = "Resources." + logicalId + ".Properties";
        JsonNode properties = stack.properties(logicalId);
        rejectUnsupported(properties, at);
        String name = stack.physicalName(logicalId);
        String arn = stack.attribute(logicalId, "Arn", at);
        String handler = required(stack, properties, "Handler", at);
        if (!handler.matches("[\\p{L}_$][\\p{L}\\p{N}_$.]*(::[\\p{L}_$][\\p{L}\\p{N}_$]*)?")) {
            throw new InvalidTemplateException(at + ".Handler", "'" + handler + "' is not a Java handler; write"
                    + " package.Class::method or package.Class");
        }
        String runtime = required(stack, properties, "Runtime", at);
        if (!runtime.startsWith("java")) {
            throw new UnsupportedTemplateFeatureException(at + ".Runtime", "the local runtime runs Java functions only"
                    + " (java17, java21, java25, ...), not " + runtime + ".");
        }
        String codeUri = codeUri(stack, properties, at);
        Path code = code(stack, codeUri, at);
        String alias = alias(stack, logicalId);
        return new FunctionDeployment(
                logicalId,
                name,
                arn,
                handler,
                runtime,
                codeUri,
                code,
                number(stack, properties, "Timeout", DEFAULT_TIMEOUT, 1, 900, at),
                number(stack, properties, "MemorySize", DEFAULT_MEMORY, 128, 10240, at),
                environment(stack, properties, at),
                alias,
                alias == null ? null : arn + ":" + alias,
                properties.has("ReservedConcurrentExecutions")
                        ? number(stack, properties, "ReservedConcurrentExecutions", 0, 0, 1000, at) : null,
                logGroup(stack, properties, name, at),
                architectures(stack, properties, at));
    }

    private static void rejectUnsupported(JsonNode properties, String at) {
        if (properties.has("InlineCode")) {
            throw new UnsupportedTemplateFeatureException(at + ".InlineCode", "inline code is not Java; build the"
                    + " function into a jar and give its folder as CodeUri.");
        }
        if (properties.has("ImageUri") || "Image".equals(properties.path("PackageType").asText())) {
            throw new UnsupportedTemplateFeatureException(at + ".PackageType", "container image functions do not run in"
                    + " the local runtime; use a Zip (jar) function with CodeUri.");
        }
        JsonNode layers = properties.get("Layers");
        if (layers != null && !(layers.isArray() && layers.isEmpty())) {
            throw new UnsupportedTemplateFeatureException(at + ".Layers", "layers are not loaded by the local runtime;"
                    + " shade the layer's classes into the function's jar instead.");
        }
    }

    private static String required(Stack stack, JsonNode properties, String property, String at) {
        JsonNode value = properties.get(property);
        if (value == null || value.isNull()) {
            throw new InvalidTemplateException(at + "." + property, "is required (set it on the function or in"
                    + " Globals.Function)");
        }
        return stack.intrinsics.text(value, at + "." + property);
    }

    private static String codeUri(Stack stack, JsonNode properties, String at) {
        JsonNode value = properties.get("CodeUri");
        if (value == null || value.isNull()) {
            throw new InvalidTemplateException(at + ".CodeUri", "is required: the folder (or jar) holding the function's"
                    + " code");
        }
        JsonNode resolved = stack.intrinsics.resolve(value, at + ".CodeUri");
        if (resolved.isObject() || resolved.isTextual() && resolved.asText().startsWith("s3://")) {
            throw new UnsupportedTemplateFeatureException(at + ".CodeUri", "code in S3 cannot be run locally; point"
                    + " CodeUri at the source folder and map it to a jar.");
        }
        return stack.intrinsics.text(resolved, at + ".CodeUri");
    }

    private static Path code(Stack stack, String codeUri, String at) {
        Path jar = stack.config.code().get(DeploymentConfig.normaliseCodeUri(codeUri));
        if (jar != null) {
            return jar;
        }
        if (codeUri.endsWith(".jar") || codeUri.endsWith(".zip")) {
            return stack.templateDirectory().resolve(codeUri).normalize();
        }
        throw new InvalidTemplateException(at + ".CodeUri", "no jar is given for CodeUri '" + codeUri + "': map it in"
                + " the deployment config, e.g. DeploymentConfig.withCode(\"" + codeUri + "\", Path.of(\"" + codeUri
                + "target/app.jar\"))" + (stack.config.code().isEmpty() ? "" : "; mapped are " + stack.config.code().keySet())
                + ".");
    }

    private static int number(Stack stack, JsonNode properties, String property, int fallback, int min, int max, String at) {
        JsonNode value = properties.get(property);
        if (value == null || value.isNull()) {
            return fallback;
        }
        String text = stack.intrinsics.text(value, at + "." + property);
        int number;
        try {
            number = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidTemplateException(at + "." + property, "must be a whole number, but is '" + text + "'");
        }
        if (number < min || number > max) {
            throw new InvalidTemplateException(at + "." + property, number + " is outside " + min + ".." + max);
        }
        return number;
    }

    private static Map<String, String> environment(Stack stack, JsonNode properties, String at) {
        JsonNode variables = properties.path("Environment").path("Variables");
        Map<String, String> environment = new LinkedHashMap<>();
        if (variables.isMissingNode() || variables.isNull()) {
            return environment;
        }
        String where = at + ".Environment.Variables";
        JsonNode resolved = stack.intrinsics.resolve(variables, where);
        if (!resolved.isObject()) {
            throw new InvalidTemplateException(where, "must be a mapping of variable names to values");
        }
        for (Map.Entry<String, JsonNode> variable : resolved.properties()) {
            if (!variable.getKey().matches("[a-zA-Z]\\w*")) {
                throw new InvalidTemplateException(where + "." + variable.getKey(), "is not a valid environment variable"
                        + " name (a letter, then letters, digits and '_')");
            }
            JsonNode value = variable.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new InvalidTemplateException(where + "." + variable.getKey(), "must be a string, but is "
                        + Intrinsics.describe(value));
            }
            environment.put(variable.getKey(), value.asText());
        }
        return environment;
    }

    private static String logGroup(Stack stack, JsonNode properties, String name, String at) {
        JsonNode group = properties.path("LoggingConfig").get("LogGroup");
        if (group == null || group.isNull()) {
            return "/aws/lambda/" + name;
        }
        return stack.intrinsics.text(group, at + ".LoggingConfig.LogGroup");
    }

    private static List<String> architectures(Stack stack, JsonNode properties, String at) {
        JsonNode value = properties.get("Architectures");
        if (value == null || value.isNull()) {
            return List.of("x86_64");
        }
        JsonNode resolved = stack.intrinsics.resolve(value, at + ".Architectures");
        List<String> architectures = new ArrayList<>();
        if (resolved.isArray()) {
            resolved.forEach(item -> architectures.add(item.asText()));
        }
        return architectures;
    }
}
