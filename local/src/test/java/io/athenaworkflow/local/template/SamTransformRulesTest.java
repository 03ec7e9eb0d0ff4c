package io.athenaworkflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.ExternalClients;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SAM transform's own checks on the real template with one mistake each: the local runtime refuses what AWS
 * refuses, with the transform's message (quoted from aws-sam-translator 1.110). The tables are compared with the
 * installed aws-sam-translator.
 */
class SamTransformRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START_HANDLER = "      Handler: io.athenaworkflow.handlers.StartQueryHandler::handleRequest\n";
    private static final String FUNCTION_ROLE = "      Role: !GetAtt FunctionRole.Arn\n";

    @Test
    void load_whenRoleIsInGlobals_refusesWithTheTransformsMessage() {
        String template = realTemplate().replace(FUNCTION_ROLE, "")
                .replace("    AutoPublishAlias: live\n", "    AutoPublishAlias: live\n" + FUNCTION_ROLE.substring(2));

        assertThatThrownBy(() -> load(template))
                .isInstanceOf(SamTransformException.class)
                .hasMessageStartingWith("Globals.Function.Role: 'Globals' section is invalid. 'Role' is not a supported"
                        + " property of 'Function'. Must be one of the following values - ['Handler', 'Runtime',"
                        + " 'CodeUri', 'DeadLetterQueue', ")
                .hasMessageEndingWith("'PublishToLatestPublished', 'VersionDeletionPolicy']");
    }

    @Test
    void load_whenGlobalsHasAnUnknownSection_refusesWithTheTransformsMessage() {
        String template = realTemplate().replace("Globals:\n", "Globals:\n  Bucket:\n    Versioning: true\n");

        assertThatThrownBy(() -> load(template))
                .isInstanceOf(SamTransformException.class)
                .hasMessage("Globals.Bucket: 'Globals' section is invalid. 'Bucket' is not supported. Must be one of the"
                        + " following values - ['Api', 'CapacityProvider', 'Function', 'HttpApi', 'LayerVersion',"
                        + " 'SimpleTable', 'StateMachine', 'WebSocketApi']");
    }

    @Test
    void load_whenStateMachineGlobalsSetTracing_refusesWithTheTransformsMessage() {
        String template = realTemplate().replace("Globals:\n", "Globals:\n  StateMachine:\n    Tracing:\n"
                + "      Enabled: true\n");

        assertThatThrownBy(() -> load(template))
                .isInstanceOf(SamTransformException.class)
                .hasMessage("Globals.StateMachine.Tracing: 'Globals' section is invalid. 'Tracing' is not a supported"
                        + " property of 'StateMachine'. Must be one of the following values - ['PropagateTags']");
    }

    @Test
    void load_whenFunctionHasAnUnknownProperty_refusesWithTheTransformsMessage() {
        String template = realTemplate().replace(START_HANDLER, START_HANDLER + "      Memory: 512\n");

        assertThatThrownBy(() -> load(template))
                .isInstanceOf(SamTransformException.class)
                .hasMessage("Resources.StartQueryFunction.Properties.Memory: Resource with id [StartQueryFunction] is"
                        + " invalid. property Memory not defined for resource of type AWS::Serverless::Function");
    }

    @Test
    void load_whenStateMachineHasAnUnknownProperty_refusesWithTheTransformsMessage() {
        String template = realTemplate().replace("      Type: STANDARD\n", "      Type: STANDARD\n"
                + "      LoggingConfiguration: {}\n");

        assertThatThrownBy(() -> load(template))
                .isInstanceOf(SamTransformException.class)
                .hasMessage("Resources.AthenaQueryStateMachine.Properties.LoggingConfiguration: Resource with id"
                        + " [AthenaQueryStateMachine] is invalid. property LoggingConfiguration not defined for resource"
                        + " of type AWS::Serverless::StateMachine");
    }

    @Test
    void load_whenHandlerIsMissing_refusesWithTheTransformsMessage() {
        String template = realTemplate().replace(START_HANDLER, "");

        assertThatThrownBy(() -> load(template))
                .isInstanceOf(SamTransformException.class)
                .hasMessage("Resources.StartQueryFunction.Properties: Resource with id [StartQueryFunction] is invalid."
                        + " Runtime and Handler needs to be present when PackageType is of type `Zip`");
    }

    @Test
    void load_whenNoFunctionHasCodeUri_refusesWithTheTransformsMessage() {
        String template = realTemplate().replace("    CodeUri: functions/\n", "");

        assertThatThrownBy(() -> load(template))
                .isInstanceOf(SamTransformException.class)
                .hasMessage("Resources.StartQueryFunction.Properties: Resource with id [StartQueryFunction] is invalid."
                        + " Only one of 'InlineCode' or 'CodeUri' can be set.");
    }

    @Test
    void load_whenCodeUriIsAnIntrinsic_refusesWithTheTransformsMessage() {
        String template = realTemplate().replace("    CodeUri: functions/\n", "    CodeUri: !Sub '${DataBucket}/code'\n");

        assertThatThrownBy(() -> load(template))
                .isInstanceOf(SamTransformException.class)
                .hasMessage("Resources.StartQueryFunction.Properties.CodeUri: Resource with id [StartQueryFunction] is"
                        + " invalid. 'CodeUri' requires Bucket and Key properties to be specified.");
    }

    @Test
    void load_whenStateMachineHasNoDefinition_refusesWithTheTransformsMessage() {
        String template = realTemplate().replace("      DefinitionUri: statemachine/athena-query.asl.json\n", "");

        assertThatThrownBy(() -> load(template))
                .isInstanceOf(SamTransformException.class)
                .hasMessage("Resources.AthenaQueryStateMachine.Properties: Resource with id [AthenaQueryStateMachine] is"
                        + " invalid. Either 'Definition' or 'DefinitionUri' property must be specified.");
    }

    @Test
    void load_whenAutoPublishAliasIsAnIntrinsicOtherThanAParameterRef_refusesWithTheTransformsMessage() {
        String template = realTemplate().replace("    AutoPublishAlias: live\n", "    AutoPublishAlias: !Sub '${WorkGroup}'\n");

        assertThatThrownBy(() -> load(template))
                .isInstanceOf(SamTransformException.class)
                .hasMessage("Resources.StartQueryFunction.Properties.AutoPublishAlias: Resource with id"
                        + " [StartQueryFunction] is invalid. 'AutoPublishAlias' must be a string or a Ref to a template"
                        + " parameter");
    }

    @Test
    void load_whenAutoPublishAliasRefsAParameter_deploysTheAliasNamedByIt() {
        String template = realTemplate().replace("    AutoPublishAlias: live\n", "    AutoPublishAlias: !Ref AliasName\n")
                .replace("Parameters:\n", "Parameters:\n  AliasName:\n    Type: String\n    Default: current\n");

        DeployedTemplate deployed = load(template);

        assertThat(deployed.function("StartQueryFunction").orElseThrow().alias()).isEqualTo("current");
    }

    @Test
    void load_whenAnEventHasAnUnknownType_refusesWithTheTransformsMessage() {
        String template = realTemplate().replace("          Type: EventBridgeRule\n          Properties:\n"
                + "            Pattern:\n              source: [aws.states]", "          Type: EventBridge\n"
                + "          Properties:\n            Pattern:\n              source: [aws.states]");

        assertThatThrownBy(() -> load(template))
                .isInstanceOf(SamTransformException.class)
                .hasMessage("Resources.CleanupFunction.Properties.Events.ExecutionEnded.Type: Resource with id"
                        + " [CleanupFunction] is invalid. Event with id [ExecutionEnded] is invalid. Resource dict has"
                        + " missing or invalid value for key Type. Event Type is: EventBridge.");
    }

    @Test
    void load_whenAnEventBridgeRuleHasAnUnknownProperty_refusesWithTheTransformsMessage() {
        String template = realTemplate().replace("            Pattern:\n              source: [aws.states]",
                "            EventPattern: {}\n            Pattern:\n              source: [aws.states]");

        assertThatThrownBy(() -> load(template))
                .isInstanceOf(SamTransformException.class)
                .hasMessage("Resources.CleanupFunction.Properties.Events.ExecutionEnded.Properties.EventPattern: Resource"
                        + " with id [CleanupFunctionExecutionEnded] is invalid. property EventPattern not defined for"
                        + " resource of type EventBridgeRule");
    }

    @Test
    void rules_whenComparedWithTheInstalledSamTranslator_listTheSamePropertiesAndTypes() throws Exception {
        ExternalClients.require(ExternalClients.available("python3", "-c", "import samtranslator"),
                "aws-sam-translator is not installed for python3: pip install aws-sam-translator");
        String script = """
                import json
                from samtranslator.model.sam_resources import SamFunction, SamStateMachine
                from samtranslator.model.eventsources.push import EventBridgeRule as FunctionRule
                from samtranslator.model.stepfunctions.events import EventBridgeRule as MachineRule
                from samtranslator.plugins.globals.globals import Globals
                print(json.dumps({
                    "version": __import__("samtranslator").__version__,
                    "functionGlobals": Globals.supported_properties["AWS::Serverless::Function"],
                    "stateMachineGlobals": Globals.supported_properties["AWS::Serverless::StateMachine"],
                    "sections": sorted(t[len("AWS::Serverless::"):] for t in Globals.supported_properties),
                    "function": sorted(SamFunction.property_types),
                    "stateMachine": sorted(SamStateMachine.property_types),
                    "functionEvents": sorted(t for t in SamFunction.event_resolver.resource_types if t),
                    "stateMachineEvents": sorted(t for t in SamStateMachine.event_resolver.resource_types if t),
                    "functionRule": sorted(FunctionRule.property_types),
                    "stateMachineRule": sorted(MachineRule.property_types),
                }))
                """;
        Process process = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        JsonNode installed = JSON.readTree(output);

        assertThat(installed.get("version").asText()).isEqualTo("1.110.0");
        assertThat(list(installed.get("functionGlobals"))).isEqualTo(SamTransformRules.FUNCTION_GLOBALS);
        assertThat(list(installed.get("stateMachineGlobals"))).isEqualTo(SamTransformRules.STATE_MACHINE_GLOBALS);
        assertThat(list(installed.get("sections"))).isEqualTo(SamTransformRules.GLOBALS_SECTIONS);
        assertThat(set(installed.get("function"))).isEqualTo(new TreeSet<>(SamTransformRules.FUNCTION_PROPERTIES));
        assertThat(set(installed.get("stateMachine"))).isEqualTo(new TreeSet<>(SamTransformRules.STATE_MACHINE_PROPERTIES));
        assertThat(set(installed.get("functionEvents"))).isEqualTo(new TreeSet<>(SamTransformRules.FUNCTION_EVENT_TYPES));
        assertThat(set(installed.get("stateMachineEvents")))
                .isEqualTo(new TreeSet<>(SamTransformRules.STATE_MACHINE_EVENT_TYPES));
        assertThat(set(installed.get("functionRule"))).isEqualTo(new TreeSet<>(SamTransformRules.FUNCTION_RULE_PROPERTIES));
        assertThat(set(installed.get("stateMachineRule")))
                .isEqualTo(new TreeSet<>(SamTransformRules.STATE_MACHINE_RULE_PROPERTIES));
    }

    private static DeployedTemplate load(String template) {
        return TemplateLoader.parse(template, RealTemplateTest.config(), root());
    }

    private static Path root() {
        return ProjectRoot.locate().orElseThrow();
    }

    private static String realTemplate() {
        try {
            return Files.readString(root().resolve("template.yaml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> list(JsonNode array) {
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static Set<String> set(JsonNode array) {
        return new TreeSet<>(list(array));
    }
}
