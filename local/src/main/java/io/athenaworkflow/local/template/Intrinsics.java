package io.athenaworkflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates CloudFormation intrinsic functions in a value: {@code Ref} (parameters, pseudo parameters, resources and
 * SAM's {@code Function.Alias}/{@code Function.Version}), {@code Fn::GetAtt}, {@code Fn::Sub} (both forms),
 * {@code Fn::If}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::FindInMap}, {@code Fn::Base64},
 * and, in conditions, {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or} and {@code Condition}.
 * {@code AWS::NoValue} removes the property or list element it stands for.
 */
final class Intrinsics {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> CONDITION_FUNCTIONS = Set.of("Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or");

    private final Stack stack;

    Intrinsics(Stack stack) {
        this.stack = stack;
    }

    /** The value with every intrinsic evaluated; {@link MissingNode} when it is {@code Ref: AWS::NoValue}. */
    JsonNode resolve(JsonNode value, String where) {
        if (value == null) {
            return MissingNode.getInstance();
        }
        if (value.isObject()) {
            String function = functionName(value);
            if (function != null) {
                return call(function, value.get(function), where);
            }
            ObjectNode resolved = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode item = resolve(field.getValue(), where + "." + field.getKey());
                if (!item.isMissingNode()) {
                    resolved.set(field.getKey(), item);
                }
            }
            return resolved;
        }
        if (value.isArray()) {
            ArrayNode resolved = NODES.arrayNode();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = resolve(value.get(i), where + "[" + i + "]");
                if (!item.isMissingNode()) {
                    resolved.add(item);
                }
            }
            return resolved;
        }
        return value;
    }

    /** The resolved value as a string; numbers and booleans are written as text. */
    String text(JsonNode value, String where) {
        JsonNode resolved = resolve(value, where);
        if (resolved.isMissingNode() || resolved.isNull()) {
            throw new InvalidTemplateException(where, "must be a string, but has no value");
        }
        if (!resolved.isValueNode()) {
            throw new InvalidTemplateException(where, "must be a string, but is " + (resolved.isArray() ? "a list" : "a mapping"));
        }
        return resolved.asText();
    }

    boolean evaluateCondition(JsonNode definition, String where) {
        if (definition.isObject() && definition.size() == 1 && definition.has("Condition")) {
            JsonNode name = definition.get("Condition");
            if (!name.isTextual()) {
                throw new InvalidTemplateException(where, "Condition must name a condition");
            }
            return stack.condition(name.asText(), where);
        }
        String function = functionName(definition);
        if (function == null || !CONDITION_FUNCTIONS.contains(function)) {
            if (definition.isBoolean() || definition.isTextual() && (definition.asText().equals("true")
                    || definition.asText().equals("false"))) {
                return definition.asBoolean();
            }
            throw new InvalidTemplateException(where, "a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or"
                    + " Condition, but is " + describe(definition));
        }
        JsonNode args = definition.get(function);
        String at = where + "." + function;
        switch (function) {
            case "Fn::Equals" -> {
                List<JsonNode> pair = arguments(args, 2, 2, at);
                return comparable(resolve(pair.get(0), at + "[0]")).equals(comparable(resolve(pair.get(1), at + "[1]")));
            }
            case "Fn::Not" -> {
                return !evaluateCondition(arguments(args, 1, 1, at).getFirst(), at + "[0]");
            }
            case "Fn::And" -> {
                List<JsonNode> all = arguments(args, 2, 10, at);
                boolean result = true;
                for (int i = 0; i < all.size(); i++) {
                    result &= evaluateCondition(all.get(i), at + "[" + i + "]");
                }
                return result;
            }
            default -> {
                List<JsonNode> any = arguments(args, 2, 10, at);
                boolean result = false;
                for (int i = 0; i < any.size(); i++) {
                    result |= evaluateCondition(any.get(i), at + "[" + i + "]");
                }
                return result;
            }
        }
    }

    private JsonNode call(String function, JsonNode args, String where) {
        String at = where + "." + function;
        return switch (function) {
            case "Ref" -> ref(args, at);
            case "Fn::GetAtt" -> getAtt(args, at);
            case "Fn::Sub" -> TextNode.valueOf(sub(args, at));
            case "Fn::If" -> fnIf(args, at);
            case "Fn::Join" -> join(args, at);
            case "Fn::Select" -> select(args, at);
            case "Fn::Split" -> split(args, at);
            case "Fn::FindInMap" -> findInMap(args, at);
            case "Fn::Base64" -> TextNode.valueOf(Base64.getEncoder().encodeToString(
                    text(args, at).getBytes(StandardCharsets.UTF_8)));
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> throw new InvalidTemplateException(at, function
                    + " may only be used in Conditions or as the condition of Fn::If; use Fn::If to choose a value.");
            default -> throw new UnsupportedTemplateFeatureException(at, "the intrinsic function " + function + " is not"
                    + " supported by the local runtime (supported: Ref, Fn::GetAtt, Fn::Sub, Fn::If, Fn::Join, Fn::Select,"
                    + " Fn::Split, Fn::FindInMap, Fn::Base64 and the condition functions).");
        };
    }

    private JsonNode ref(JsonNode args, String where) {
        if (!args.isTextual()) {
            throw new InvalidTemplateException(where, "Ref takes the name of a parameter or resource, but got " + describe(args));
        }
        String name = args.asText();
        if (name.startsWith("AWS::")) {
            return pseudo(name, where);
        }
        if (stack.parameters.has(name)) {
            return stack.parameters.get(name);
        }
        if (stack.hasResource(name)) {
            return TextNode.valueOf(stack.ref(name, where));
        }
        int dot = name.indexOf('.');
        if (dot > 0 && stack.hasResource(name.substring(0, dot))) {
            return TextNode.valueOf(samRef(name.substring(0, dot), name.substring(dot + 1), where));
        }
        throw new TemplateReferenceException(where, "Ref " + name + ": no parameter or resource has that name.");
    }

    /** SAM's {@code Ref: Function.Alias} and {@code Ref: Function.Version} (functions with AutoPublishAlias). */
    private String samRef(String logicalId, String suffix, String where) {
        if (!stack.type(logicalId).equals("AWS::Serverless::Function") || !(suffix.equals("Alias") || suffix.equals("Version"))) {
            throw new TemplateReferenceException(where, "Ref " + logicalId + "." + suffix + ": only an"
                    + " AWS::Serverless::Function has the references .Alias and .Version.");
        }
        String alias = Functions.alias(stack, logicalId);
        if (alias == null) {
            throw new TemplateReferenceException(where, "Ref " + logicalId + "." + suffix + ": the function has no"
                    + " AutoPublishAlias, so SAM creates no " + suffix.toLowerCase() + " to refer to.");
        }
        String arn = stack.attribute(logicalId, "Arn", where);
        return suffix.equals("Alias") ? arn + ":" + alias : arn + ":" + Functions.PUBLISHED_VERSION;
    }

    private JsonNode pseudo(String name, String where) {
        return switch (name) {
            case "AWS::Region" -> TextNode.valueOf(stack.config.region());
            case "AWS::AccountId" -> TextNode.valueOf(stack.config.accountId());
            case "AWS::StackName" -> TextNode.valueOf(stack.config.stackName());
            case "AWS::StackId" -> TextNode.valueOf(stack.stackId());
            case "AWS::Partition" -> TextNode.valueOf(stack.arns.partition());
            case "AWS::URLSuffix" -> TextNode.valueOf(stack.arns.urlSuffix());
            case "AWS::NotificationARNs" -> NODES.arrayNode();
            case "AWS::NoValue" -> MissingNode.getInstance();
            default -> throw new TemplateReferenceException(where, "Ref " + name + ": no such pseudo parameter (known:"
                    + " AWS::Region, AWS::AccountId, AWS::StackName, AWS::StackId, AWS::Partition, AWS::URLSuffix,"
                    + " AWS::NotificationARNs, AWS::NoValue).");
        };
    }

    private JsonNode getAtt(JsonNode args, String where) {
        List<JsonNode> parts;
        if (args.isTextual()) {
            String text = args.asText();
            int dot = text.indexOf('.');
            if (dot < 0) {
                throw new InvalidTemplateException(where, "Fn::GetAtt takes Resource.Attribute, but got '" + text + "'");
            }
            parts = List.of(TextNode.valueOf(text.substring(0, dot)), TextNode.valueOf(text.substring(dot + 1)));
        } else {
            parts = arguments(args, 2, 2, where);
        }
        String logicalId = text(parts.get(0), where + "[0]");
        String attribute = text(parts.get(1), where + "[1]");
        if (!stack.hasResource(logicalId)) {
            throw new TemplateReferenceException(where, "Fn::GetAtt " + logicalId + "." + attribute + ": no resource is"
                    + " named " + logicalId + ".");
        }
        return TextNode.valueOf(stack.attribute(logicalId, attribute, where));
    }

    private String sub(JsonNode args, String where) {
        String template;
        JsonNode variables = null;
        if (args.isTextual()) {
            template = args.asText();
        } else {
            List<JsonNode> pair = arguments(args, 2, 2, where);
            template = text(pair.get(0), where + "[0]");
            variables = pair.get(1);
            if (!variables.isObject()) {
                throw new InvalidTemplateException(where + "[1]", "the variables of Fn::Sub must be a mapping");
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf("${", i);
            if (start < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, start);
            int end = template.indexOf('}', start);
            if (end < 0) {
                throw new InvalidTemplateException(where, "Fn::Sub string has an unclosed ${ at position " + start + ": "
                        + template);
            }
            String name = template.substring(start + 2, end);
            if (name.startsWith("!")) {
                out.append("${").append(name, 1, name.length()).append('}');
            } else {
                out.append(variable(name.trim(), variables, where));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private String variable(String name, JsonNode variables, String where) {
        if (variables != null && variables.has(name)) {
            return text(variables.get(name), where + "." + name);
        }
        JsonNode value;
        int dot = name.indexOf('.');
        if (name.startsWith("AWS::") || stack.parameters.has(name) || stack.hasResource(name)) {
            value = ref(TextNode.valueOf(name), where);
        } else if (dot > 0 && stack.hasResource(name.substring(0, dot))) {
            String logicalId = name.substring(0, dot);
            String attribute = name.substring(dot + 1);
            value = stack.type(logicalId).equals("AWS::Serverless::Function")
                    && (attribute.equals("Alias") || attribute.equals("Version"))
                    ? TextNode.valueOf(samRef(logicalId, attribute, where))
                    : TextNode.valueOf(stack.attribute(logicalId, attribute, where));
        } else {
            throw new TemplateReferenceException(where, "Fn::Sub variable ${" + name + "} names no parameter, resource,"
                    + " resource attribute or pseudo parameter" + (variables == null ? "" : ", and is not in the variables map")
                    + ".");
        }
        if (value.isMissingNode()) {
            return "";
        }
        if (!value.isValueNode()) {
            throw new InvalidTemplateException(where, "Fn::Sub variable ${" + name + "} is a list; use Fn::Join to make it"
                    + " a string first.");
        }
        return value.asText();
    }

    private JsonNode fnIf(JsonNode args, String where) {
        List<JsonNode> three = arguments(args, 3, 3, where);
        String condition = text(three.get(0), where + "[0]");
        return stack.condition(condition, where + "[0]")
                ? resolve(three.get(1), where + "[1]")
                : resolve(three.get(2), where + "[2]");
    }

    private JsonNode join(JsonNode args, String where) {
        List<JsonNode> pair = arguments(args, 2, 2, where);
        String delimiter = text(pair.get(0), where + "[0]");
        JsonNode list = resolve(pair.get(1), where + "[1]");
        if (!list.isArray()) {
            throw new InvalidTemplateException(where + "[1]", "Fn::Join needs a list of values, but got " + describe(list));
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isValueNode()) {
                throw new InvalidTemplateException(where + "[1][" + i + "]", "Fn::Join can only join strings");
            }
            parts.add(list.get(i).asText());
        }
        return TextNode.valueOf(String.join(delimiter, parts));
    }

    private JsonNode select(JsonNode args, String where) {
        List<JsonNode> pair = arguments(args, 2, 2, where);
        String indexText = text(pair.get(0), where + "[0]");
        JsonNode list = resolve(pair.get(1), where + "[1]");
        if (!list.isArray()) {
            throw new InvalidTemplateException(where + "[1]", "Fn::Select needs a list, but got " + describe(list));
        }
        int index;
        try {
            index = Integer.parseInt(indexText.trim());
        } catch (NumberFormatException e) {
            throw new InvalidTemplateException(where + "[0]", "Fn::Select index must be a whole number, but is '" + indexText + "'");
        }
        if (index < 0 || index >= list.size()) {
            throw new InvalidTemplateException(where + "[0]", "Fn::Select index " + index + " is outside the list of "
                    + list.size() + " values");
        }
        return list.get(index);
    }

    private JsonNode split(JsonNode args, String where) {
        List<JsonNode> pair = arguments(args, 2, 2, where);
        String delimiter = text(pair.get(0), where + "[0]");
        String source = text(pair.get(1), where + "[1]");
        if (delimiter.isEmpty()) {
            throw new InvalidTemplateException(where + "[0]", "Fn::Split delimiter must not be empty");
        }
        ArrayNode parts = NODES.arrayNode();
        int i = 0;
        while (true) {
            int next = source.indexOf(delimiter, i);
            if (next < 0) {
                parts.add(source.substring(i));
                return parts;
            }
            parts.add(source.substring(i, next));
            i = next + delimiter.length();
        }
    }

    private JsonNode findInMap(JsonNode args, String where) {
        List<JsonNode> keys = arguments(args, 3, 4, where);
        String map = text(keys.get(0), where + "[0]");
        String top = text(keys.get(1), where + "[1]");
        String second = text(keys.get(2), where + "[2]");
        JsonNode value = stack.mappings.path(map).path(top).get(second);
        if (value == null) {
            if (keys.size() == 4 && keys.get(3).has("DefaultValue")) {
                return resolve(keys.get(3).get("DefaultValue"), where + "[3].DefaultValue");
            }
            throw new TemplateReferenceException(where, "Fn::FindInMap [" + map + ", " + top + ", " + second + "]: the"
                    + " Mappings section has no such entry" + (stack.mappings.has(map) ? "" : " (no mapping named " + map + ")")
                    + ".");
        }
        return value;
    }

    private List<JsonNode> arguments(JsonNode args, int min, int max, String where) {
        JsonNode list = args;
        if (list != null && list.isObject() && functionName(list) != null) {
            list = resolve(list, where);
        }
        if (list == null || !list.isArray() || list.size() < min || list.size() > max) {
            String count = min == max ? String.valueOf(min) : min + " to " + max;
            throw new InvalidTemplateException(where, "takes a list of " + count + " arguments, but got " + describe(args));
        }
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return items;
    }

    /** Fn::Equals compares values as CloudFormation does: as strings. */
    private static String comparable(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** The intrinsic function a one-key mapping calls, or null when it is plain data. */
    static String functionName(JsonNode value) {
        if (value == null || !value.isObject() || value.size() != 1) {
            return null;
        }
        String key = value.fieldNames().next();
        return key.equals("Ref") || key.startsWith("Fn::") ? key : null;
    }

    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String text = value.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
