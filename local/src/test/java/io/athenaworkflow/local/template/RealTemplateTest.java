package io.athenaworkflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The product's own template.yaml, loaded as `sam deploy` would deploy it. */
class RealTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";
    private static Path root;
    private static DeployedTemplate deployed;

    @BeforeAll
    static void load() {
        root = ProjectRoot.locate().orElseThrow(() -> new IllegalStateException(
                "template.yaml not found above " + Path.of("").toAbsolutePath() + "; set -Dathena.project.root"));
        deployed = TemplateLoader.load(root.resolve("template.yaml"), config());
    }

    static DeploymentConfig config() {
        return DeploymentConfig.defaults()
                .withStackName("wf")
                .withParameter("DataBucket", "data")
                .withParameter("ResultsBucket", "results")
                .withParameter("TriggerBucket", "trigger")
                .withCode("functions/", Path.of("/jars/functions.jar"));
    }

    @Test
    void load_whenRealTemplate_deploysTheFourFunctionsWithGlobalsMerged() {
        assertThat(deployed.functions()).extracting(FunctionDeployment::logicalId)
                .containsExactly("StartQueryFunction", "CheckStatusFunction", "FetchResultsFunction", "CleanupFunction");
        FunctionDeployment start = deployed.function("StartQueryFunction").orElseThrow();
        assertThat(start.name()).isEqualTo("wf-StartQueryFunction");
        assertThat(start.arn()).isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:wf-StartQueryFunction");
        assertThat(start.handler()).isEqualTo("io.athenaworkflow.handlers.StartQueryHandler::handleRequest");
        assertThat(start.runtime()).isEqualTo("java25");
        assertThat(start.code()).isEqualTo(Path.of("/jars/functions.jar"));
        assertThat(start.timeoutSeconds()).isEqualTo(60);
        assertThat(start.memoryMb()).isEqualTo(1024);
        assertThat(start.alias()).isEqualTo("live");
        assertThat(start.aliasArn()).isEqualTo(start.arn() + ":live");
        assertThat(start.invokeArn()).isEqualTo(start.aliasArn());
        assertThat(start.logGroup()).isEqualTo("/aws/lambda/wf-StartQuery");
        assertThat(start.architectures()).containsExactly("arm64");
    }

    @Test
    void load_whenRealTemplate_resolvesEnvironmentFromParametersAndPseudoParameters() {
        FunctionDeployment cleanup = deployed.function("CleanupFunction").orElseThrow();
        assertThat(cleanup.environment())
                .containsEntry("ATHENA_WORKGROUP", "primary")
                .containsEntry("ATHENA_DATABASE", "default")
                .containsEntry("ATHENA_OUTPUT_LOCATION", "s3://results/athena-workflow/")
                .containsEntry("ATHENA_KMS_KEY", "")
                .containsEntry("EXPECTED_BUCKET_OWNER", ACCOUNT)
                .containsEntry("CLEANUP_MODE", "NEVER")
                .containsEntry("QUERY_TIMEOUT_SECONDS", "900")
                .containsEntry("MAX_INLINE_ROWS", "100");
    }

    @Test
    void load_whenRealTemplate_substitutesTheAliasArnsIntoTheDefinition() throws Exception {
        assertThat(deployed.stateMachines()).hasSize(1);
        StateMachineDeployment machine = deployed.stateMachines().getFirst();
        assertThat(machine.name()).isEqualTo("wf-athena-query");
        assertThat(machine.arn()).isEqualTo("arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:wf-athena-query");
        assertThat(machine.type()).isEqualTo("STANDARD");
        JsonNode definition = JSON.readTree(machine.definition());
        assertThat(definition.at("/States/StartQuery/Arguments/FunctionName").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:wf-StartQueryFunction:live");
        assertThat(definition.at("/States/Cleanup/Arguments/FunctionName").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:wf-CleanupFunction:live");
        assertThat(machine.definition()).doesNotContain("${");
    }

    @Test
    void load_whenRealTemplate_createsTheTwoRulesWithResolvedPatterns() throws Exception {
        RuleDeployment trigger = deployed.rule("AthenaQueryStateMachineQueryFileCreated").orElseThrow();
        assertThat(trigger.name()).isEqualTo("wf-AthenaQueryStateMachineQueryFileCreated");
        assertThat(trigger.arn()).isEqualTo("arn:aws:events:us-east-1:" + ACCOUNT + ":rule/" + trigger.name());
        assertThat(trigger.enabled()).isTrue();
        assertThat(trigger.target()).isEqualTo(new RuleTarget(RuleTarget.Kind.START_EXECUTION,
                deployed.stateMachines().getFirst().arn(), null));
        assertThat(JSON.readTree(trigger.eventPattern())).isEqualTo(JSON.readTree("""
                {"source":["aws.s3"],"detail-type":["Object Created"],
                 "detail":{"bucket":{"name":["trigger"]},
                           "object":{"key":[{"wildcard":"queries/*.sql"},{"wildcard":"queries/*.json"}]}}}"""));

        RuleDeployment ended = deployed.rule("CleanupFunctionExecutionEnded").orElseThrow();
        assertThat(ended.target()).isEqualTo(new RuleTarget(RuleTarget.Kind.INVOKE_FUNCTION,
                deployed.function("CleanupFunction").orElseThrow().aliasArn(), null));
        assertThat(JSON.readTree(ended.eventPattern()).at("/detail/stateMachineArn/0").asText())
                .isEqualTo(deployed.stateMachines().getFirst().arn());
        assertThat(deployed.rules()).hasSize(2);
    }

    @Test
    void load_whenRealTemplate_resolvesOutputsAndListsIgnoredResources() {
        assertThat(deployed.outputs())
                .containsEntry("StateMachineArn", deployed.stateMachines().getFirst().arn())
                .containsEntry("ResultsLocation", "s3://results/athena-workflow/")
                .containsEntry("TriggerLocation", "s3://trigger/queries/")
                .containsEntry("CleanupFunctionAlias", deployed.function("CleanupFunction").orElseThrow().aliasArn());
        assertThat(deployed.ignored()).extracting(IgnoredResource::logicalId).containsExactlyInAnyOrder(
                "FunctionRole", "StateMachineRole", "StartQueryLogGroup", "CheckStatusLogGroup", "FetchResultsLogGroup",
                "CleanupLogGroup", "StateMachineLogGroup");
        assertThat(deployed.ignored()).contains(new IgnoredResource("StateMachineLogGroup", "AWS::Logs::LogGroup",
                "/aws/vendedlogs/states/wf-athena-query"));
    }

    @Test
    void load_whenRealTemplateWithOverrides_checksAndAppliesThem() {
        DeployedTemplate custom = TemplateLoader.load(root.resolve("template.yaml"), config()
                .withParameter("CleanupMode", "ALWAYS")
                .withParameter("TriggerPrefix", "in/")
                .withRegion("eu-west-1"));
        assertThat(custom.function("StartQueryFunction").orElseThrow().environment()).containsEntry("CLEANUP_MODE", "ALWAYS");
        assertThat(custom.rule("AthenaQueryStateMachineQueryFileCreated").orElseThrow().eventPattern())
                .contains("in/*.sql").contains("in/*.json");
        assertThat(custom.stateMachines().getFirst().arn()).startsWith("arn:aws:states:eu-west-1:");
        assertThat(custom.parameters()).containsEntry("CleanupMode", "ALWAYS").containsEntry("WorkGroup", "primary");
    }

    @Test
    void load_whenRealTemplateParameterBreaksItsConstraints_namesTheParameter() {
        for (List<String> bad : List.of(
                List.of("CleanupMode", "SOMETIMES", "AllowedValues"),
                List.of("QueryTimeoutSeconds", "0", "MinValue"),
                List.of("MaxInlineRows", "many", "must be a number"),
                List.of("ResultsPrefix", "no-slash", "AllowedPattern"))) {
            assertThatThrownBy(() -> TemplateLoader.load(root.resolve("template.yaml"),
                    config().withParameter(bad.get(0), bad.get(1))))
                    .isInstanceOf(TemplateParameterException.class)
                    .hasMessageContaining("Parameters." + bad.get(0))
                    .hasMessageContaining(bad.get(2));
        }
    }

    @Test
    void load_whenRealTemplateLacksARequiredParameter_saysHowToGiveIt() {
        DeploymentConfig noBuckets = DeploymentConfig.defaults().withCode("functions", Path.of("f.jar"));
        assertThatThrownBy(() -> TemplateLoader.load(root.resolve("template.yaml"), noBuckets))
                .isInstanceOf(TemplateParameterException.class)
                .hasMessageContaining("Parameters.DataBucket")
                .hasMessageContaining("DataBucket=<value>");
    }

    @Test
    void load_whenCodeUriHasNoJar_saysHowToMapIt() {
        DeploymentConfig noCode = DeploymentConfig.defaults().withParameters(java.util.Map.of(
                "DataBucket", "d", "ResultsBucket", "r", "TriggerBucket", "t"));
        assertThatThrownBy(() -> TemplateLoader.load(root.resolve("template.yaml"), noCode))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("Resources.StartQueryFunction.Properties.CodeUri")
                .hasMessageContaining("withCode(\"functions/\"");
    }
}
