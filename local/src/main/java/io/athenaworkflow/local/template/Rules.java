package io.athenaworkflow.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EventBridge rules of a template: SAM {@code EventBridgeRule} (and legacy {@code CloudWatchEvent}) events of
 * functions and state machines, and {@code AWS::Events::Rule} resources with a Lambda or Step Functions target.
 */
final class Rules {

    private static final Set<String> EVENT_BRIDGE_TYPES = Set.of("EventBridgeRule", "CloudWatchEvent");
    private static final Set<String> DEFAULT_BUS = Set.of("default");

    private Rules() {
    }

    /** The rules created by a function's or state machine's SAM Events. */
    static List<RuleDeployment> samEvents(Stack stack, String logicalId, RuleTarget.Kind kind, String targetArn) {
        String at = "Resources." + logicalId + ".Properties.Events";
        JsonNode events = stack.properties(logicalId).get("Events");
        List<RuleDeployment> rules = new ArrayList<>();
        if (events == null || events.isNull()) {
            return rules;
        }
        if (!events.isObject()) {
            throw new InvalidTemplateException(at, "must be a mapping of event ids to events");
        }
        for (Map.Entry<String, JsonNode> event : events.properties()) {
            String where = at + "." + event.getKey();
            String type = event.getValue().path("Type").asText("");
            if (!EVENT_BRIDGE_TYPES.contains(type)) {
                throw new UnsupportedTemplateFeatureException(where + ".Type", "event type '" + type + "' is not"
                        + " supported locally; only EventBridgeRule events are delivered.");
            }
            JsonNode properties = event.getValue().path("Properties");
            String ruleId = logicalId + event.getKey();
            rejectUnsupportedTarget(properties, where + ".Properties");
            checkBus(stack, properties.get("EventBusName"), where + ".Properties.EventBusName");
            String name = properties.has("RuleName")
                    ? stack.intrinsics.text(properties.get("RuleName"), where + ".Properties.RuleName")
                    : generatedName(stack, ruleId);
            String pattern = pattern(stack, properties.get("Pattern"), where + ".Properties.Pattern");
            boolean enabled = enabled(stack, properties.get("State"), where + ".Properties.State");
            String input = input(stack, properties.get("Input"), where + ".Properties.Input");
            rules.add(new RuleDeployment(ruleId, name, stack.arns.rule(name), pattern, enabled,
                    new RuleTarget(kind, targetArn, input)));
        }
        return rules;
    }

    /** An {@code AWS::Events::Rule}: one rule per target. */
    static List<RuleDeployment> eventsRule(Stack stack, String logicalId) {
        String at = "Resources." + logicalId + ".Properties";
        JsonNode properties = stack.properties(logicalId);
        if (properties.has("ScheduleExpression")) {
            throw new UnsupportedTemplateFeatureException(at + ".ScheduleExpression", "scheduled rules are not run by the"
                    + " local runtime; start the target yourself.");
        }
        checkBus(stack, properties.get("EventBusName"), at + ".EventBusName");
        String name = stack.physicalName(logicalId);
        String pattern = pattern(stack, properties.get("EventPattern"), at + ".EventPattern");
        boolean enabled = enabled(stack, properties.get("State"), at + ".State");
        JsonNode targets = stack.intrinsics.resolve(properties.path("Targets"), at + ".Targets");
        List<RuleDeployment> rules = new ArrayList<>();
        if (!targets.isArray() || targets.isEmpty()) {
            return rules;
        }
        for (int i = 0; i < targets.size(); i++) {
            String where = at + ".Targets[" + i + "]";
            JsonNode target = targets.get(i);
            rejectUnsupportedTarget(target, where);
            String arn = target.path("Arn").asText("");
            RuleTarget.Kind kind;
            if (arn.contains(":states:") && arn.contains(":stateMachine:")) {
                kind = RuleTarget.Kind.START_EXECUTION;
            } else if (arn.contains(":lambda:") && arn.contains(":function:")) {
                kind = RuleTarget.Kind.INVOKE_FUNCTION;
            } else {
                throw new UnsupportedTemplateFeatureException(where + ".Arn", "target '" + arn + "' is neither a state"
                        + " machine nor a Lambda function; the local runtime delivers only to those.");
            }
            String input = input(stack, target.get("Input"), where + ".Input");
            String ruleId = targets.size() == 1 ? logicalId : logicalId + "." + target.path("Id").asText(String.valueOf(i));
            rules.add(new RuleDeployment(ruleId, name, stack.arns.rule(name), pattern, enabled,
                    new RuleTarget(kind, arn, input)));
        }
        return rules;
    }

    private static void rejectUnsupportedTarget(JsonNode properties, String where) {
        for (String property : List.of("InputPath", "InputTransformer")) {
            if (properties.has(property)) {
                throw new UnsupportedTemplateFeatureException(where + "." + property, property + " is not applied by the"
                        + " local runtime; send the whole event (or a constant Input) and read what you need in the target.");
            }
        }
    }

    private static void checkBus(Stack stack, JsonNode bus, String where) {
        if (bus == null || bus.isNull()) {
            return;
        }
        String name = stack.intrinsics.text(bus, where);
        if (!DEFAULT_BUS.contains(name) && !name.endsWith(":event-bus/default")) {
            throw new UnsupportedTemplateFeatureException(where, "the local runtime has only the default event bus, not '"
                    + name + "'.");
        }
    }

    private static String pattern(Stack stack, JsonNode pattern, String where) {
        if (pattern == null || pattern.isNull()) {
            throw new InvalidTemplateException(where, "is required: the event pattern the rule matches");
        }
        JsonNode resolved = stack.intrinsics.resolve(pattern, where);
        if (resolved.isTextual()) {
            try {
                resolved = TemplateFiles.JSON.readTree(resolved.asText());
            } catch (JsonProcessingException e) {
                throw new InvalidTemplateException(where, "is a string but not JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (!resolved.isObject() || resolved.isEmpty()) {
            throw new InvalidTemplateException(where, "must be a non-empty mapping (the event pattern)");
        }
        return resolved.toString();
    }

    private static boolean enabled(Stack stack, JsonNode state, String where) {
        if (state == null || state.isNull()) {
            return true;
        }
        String value = stack.intrinsics.text(state, where);
        return switch (value) {
            case "ENABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" -> true;
            case "DISABLED" -> false;
            default -> throw new InvalidTemplateException(where, "must be ENABLED or DISABLED, but is '" + value + "'");
        };
    }

    private static String input(Stack stack, JsonNode input, String where) {
        if (input == null || input.isNull()) {
            return null;
        }
        String text = stack.intrinsics.text(input, where);
        try {
            TemplateFiles.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidTemplateException(where, "must be JSON text: " + e.getOriginalMessage(), e);
        }
        return text;
    }

    private static String generatedName(Stack stack, String ruleId) {
        String name = stack.config.stackName() + "-" + ruleId;
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
