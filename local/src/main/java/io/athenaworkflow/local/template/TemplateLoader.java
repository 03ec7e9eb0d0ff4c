package io.athenaworkflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a SAM template the way CloudFormation and the SAM transform would deploy it, for the local runtime.
 *
 * <p>Supported: Parameters (Default, overrides, AllowedValues, AllowedPattern, MinLength/MaxLength,
 * MinValue/MaxValue), pseudo parameters, Mappings, Conditions (also on resources and outputs), the intrinsic functions
 * listed on {@link Intrinsics}, SAM Globals for functions and state machines, {@code AWS::Serverless::Function},
 * {@code AWS::Serverless::StateMachine}, their {@code EventBridgeRule} events, {@code AWS::Events::Rule} and Outputs.
 * Every other resource type is accepted and not created (it is listed in {@link DeployedTemplate#ignored()}), except
 * the types that would run code or other templates, which fail with {@link UnsupportedTemplateFeatureException}.
 * A template with the SAM transform must first pass the transform's own checks ({@link SamTransformRules}): what AWS
 * refuses fails here with {@link SamTransformException} and the transform's message.
 */
public final class TemplateLoader {

    private static final System.Logger LOG = System.getLogger(TemplateLoader.class.getName());
    private static final String SAM_TRANSFORM = "AWS::Serverless-2016-10-31";
    private static final Set<String> REJECTED_TYPES = Set.of("AWS::Lambda::Function", "AWS::StepFunctions::StateMachine",
            "AWS::Serverless::Application", "AWS::CloudFormation::Stack");

    private TemplateLoader() {
    }

    /**
     * Loads {@code template} (YAML or JSON). Relative paths in it (CodeUri, DefinitionUri) are resolved against its
     * folder.
     *
     * @throws TemplateException (one of its subclasses) naming the template location that cannot be deployed
     */
    public static DeployedTemplate load(Path template, DeploymentConfig config) {
        JsonNode tree = TemplateFiles.read(template);
        Path directory = template.toAbsolutePath().getParent();
        return deploy(tree, config, directory);
    }

    /** Loads template text; relative paths in it are resolved against {@code directory}. */
    public static DeployedTemplate parse(String templateText, DeploymentConfig config, Path directory) {
        return deploy(TemplateFiles.parse(templateText, "template"), config, directory.toAbsolutePath());
    }

    private static DeployedTemplate deploy(JsonNode tree, DeploymentConfig config, Path directory) {
        if (checkTransform(tree.get("Transform"))) {
            SamTransformRules.check(tree);
        }
        Stack stack = new Stack(config, tree, directory);
        List<FunctionDeployment> functions = new ArrayList<>();
        List<StateMachineDeployment> stateMachines = new ArrayList<>();
        List<RuleDeployment> rules = new ArrayList<>();
        List<IgnoredResource> ignored = new ArrayList<>();
        for (String logicalId : stack.resources().keySet()) {
            String type = stack.type(logicalId);
            if (!stack.created(logicalId)) {
                LOG.log(System.Logger.Level.DEBUG, "{0} ({1}) is not created: its condition is false", logicalId, type);
                continue;
            }
            if (REJECTED_TYPES.contains(type)) {
                throw new UnsupportedTemplateFeatureException("Resources." + logicalId + ".Type", type + " is not supported"
                        + " by the local runtime; use AWS::Serverless::Function / AWS::Serverless::StateMachine in this"
                        + " template instead.");
            }
            switch (type) {
                case "AWS::Serverless::Function" -> {
                    FunctionDeployment function = Functions.deploy(stack, logicalId);
                    functions.add(function);
                    rules.addAll(Rules.samEvents(stack, logicalId, RuleTarget.Kind.INVOKE_FUNCTION, function.invokeArn()));
                }
                case "AWS::Serverless::StateMachine" -> {
                    StateMachineDeployment machine = StateMachines.deploy(stack, logicalId);
                    stateMachines.add(machine);
                    rules.addAll(Rules.samEvents(stack, logicalId, RuleTarget.Kind.START_EXECUTION, machine.arn()));
                }
                case "AWS::Events::Rule" -> rules.addAll(Rules.eventsRule(stack, logicalId));
                default -> {
                    ignored.add(new IgnoredResource(logicalId, type, stack.physicalName(logicalId)));
                    LOG.log(System.Logger.Level.DEBUG, "{0} ({1}) is accepted but not created locally", logicalId, type);
                }
            }
        }
        return new DeployedTemplate(config.stackName(), config.region(), config.accountId(), stack.parameters.asText(),
                functions, stateMachines, rules, outputs(stack, tree.get("Outputs")), ignored);
    }

    /** True when the template declares the SAM transform (its rules then apply, as on AWS). */
    private static boolean checkTransform(JsonNode transform) {
        if (transform == null || transform.isNull()) {
            return false;
        }
        List<String> names = new ArrayList<>();
        if (transform.isArray()) {
            transform.forEach(t -> names.add(t.asText()));
        } else {
            names.add(transform.asText());
        }
        for (String name : names) {
            if (!name.equals(SAM_TRANSFORM)) {
                throw new UnsupportedTemplateFeatureException("Transform", "only the SAM transform " + SAM_TRANSFORM
                        + " is supported locally, not " + name + ".");
            }
        }
        return !names.isEmpty();
    }

    private static Map<String, String> outputs(Stack stack, JsonNode outputs) {
        Map<String, String> values = new LinkedHashMap<>();
        if (outputs == null || outputs.isNull()) {
            return values;
        }
        if (!outputs.isObject()) {
            throw new InvalidTemplateException("Outputs", "must be a mapping of output names to outputs");
        }
        for (Map.Entry<String, JsonNode> output : outputs.properties()) {
            String where = "Outputs." + output.getKey();
            JsonNode condition = output.getValue().get("Condition");
            if (condition != null && !stack.condition(condition.asText(), where + ".Condition")) {
                continue;
            }
            JsonNode value = output.getValue().get("Value");
            if (value == null) {
                throw new InvalidTemplateException(where + ".Value", "is required");
            }
            values.put(output.getKey(), stack.intrinsics.text(value, where + ".Value"));
        }
        return values;
    }
}
