package io.athenaworkflow.tests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.tests.ExternalTools;
import io.athenaworkflow.tests.ProjectFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * template.yaml as AWS deploys it: packaged the way {@code sam package} packages it, then transformed by AWS's SAM
 * translator (aws-sam-translator, the code behind CloudFormation's {@code AWS::Serverless-2016-10-31} transform)
 * into plain CloudFormation, which these tests read.
 */
class SamTransformTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FUNCTIONS = List.of("StartQuery", "CheckStatus", "FetchResults", "Cleanup");

    private static JsonNode resources;

    @BeforeAll
    static void transform(@TempDir Path work) throws IOException {
        ExternalTools.require("aws-sam-translator (pip install aws-sam-translator)", "python3", "-c",
                "import samtranslator");
        Path output = work.resolve("transformed.json");
        ExternalTools.Result result = transform(ProjectFiles.root().resolve("template.yaml"), output);
        assertThat(result.exitCode()).as("the SAM transform's errors: %s", result.stderr()).isZero();
        resources = JSON.readTree(output.toFile()).get("Resources");
    }

    static ExternalTools.Result transform(Path template, Path output) {
        return ExternalTools.run(ProjectFiles.root(), List.of("python3",
                ProjectFiles.root().resolve("tests/sam/package_and_transform.py").toString(), template.toString(),
                output.toString()));
    }

    @Test
    void transform_whenTemplateIsPackaged_leavesOnlyCloudFormationTypesAndNoLocalPaths() {
        List<String> types = new ArrayList<>();
        resources.properties().forEach(e -> types.add(e.getValue().get("Type").asText()));

        assertThat(types).noneMatch(type -> type.startsWith("AWS::Serverless::"));
        assertThat(resources.toString()).doesNotContain("functions/").doesNotContain("statemachine/");
    }

    @Test
    void functions_whenTransformed_runJava25OnArm64WithSnapStartTheFunctionRoleAndTheirOwnLogGroup() {
        for (String name : FUNCTIONS) {
            JsonNode function = resource(name + "Function", "AWS::Lambda::Function");

            assertThat(function.get("Role")).as(name).isEqualTo(getAtt("FunctionRole", "Arn"));
            assertThat(function.get("Runtime").asText()).as(name).isEqualTo("java25");
            assertThat(function.get("Architectures")).as(name).isEqualTo(JSON.valueToTree(List.of("arm64")));
            assertThat(function.get("SnapStart")).as(name).isEqualTo(JSON.valueToTree(Map.of("ApplyOn",
                    "PublishedVersions")));
            assertThat(function.get("Handler").asText()).as(name)
                    .isEqualTo("io.athenaworkflow.handlers." + name + "Handler::handleRequest");
            assertThat(function.at("/LoggingConfig/LogGroup")).as(name).isEqualTo(ref(name + "LogGroup"));
            assertThat(function.at("/Code/S3Bucket").asText()).as(name).isNotBlank();
            assertThat(function.at("/Code/S3Key").asText()).as(name).isNotBlank();
        }
    }

    @Test
    void functions_whenTransformed_publishAVersionAndPointTheLiveAliasAtIt() {
        for (String name : FUNCTIONS) {
            JsonNode alias = resource(name + "FunctionAliaslive", "AWS::Lambda::Alias");
            String version = alias.at("/FunctionVersion/Fn::GetAtt/0").asText();

            assertThat(alias.get("Name").asText()).isEqualTo("live");
            assertThat(alias.get("FunctionName")).isEqualTo(ref(name + "Function"));
            assertThat(resource(version, "AWS::Lambda::Version").get("FunctionName")).isEqualTo(ref(name + "Function"));
            assertThat(alias.at("/FunctionVersion/Fn::GetAtt/1").asText()).isEqualTo("Version");
        }
    }

    @Test
    void logGroups_whenTransformed_areNamedAfterTheStackAndFunction() {
        for (String name : FUNCTIONS) {
            JsonNode group = resource(name + "LogGroup", "AWS::Logs::LogGroup");

            assertThat(group.get("LogGroupName")).isEqualTo(sub("/aws/lambda/${AWS::StackName}-" + name));
            assertThat(group.get("RetentionInDays").asInt()).isEqualTo(30);
        }
    }

    @Test
    void stateMachine_whenTransformed_substitutesTheFunctionAliasesIntoTheDefinition() {
        JsonNode machine = resource("AthenaQueryStateMachine", "AWS::StepFunctions::StateMachine");

        for (String name : FUNCTIONS) {
            assertThat(machine.at("/DefinitionSubstitutions/" + name + "FunctionArn"))
                    .as(name).isEqualTo(ref(name + "FunctionAliaslive"));
        }
        assertThat(machine.get("DefinitionSubstitutions").size()).isEqualTo(FUNCTIONS.size());
        assertThat(machine.at("/DefinitionS3Location/Bucket").asText()).isNotBlank();
        assertThat(machine.get("RoleArn")).isEqualTo(getAtt("StateMachineRole", "Arn"));
        assertThat(machine.get("StateMachineType").asText()).isEqualTo("STANDARD");
    }

    @Test
    void stateMachine_whenTransformed_logsEverythingWithExecutionDataAndTracesWithXRay() {
        JsonNode machine = resource("AthenaQueryStateMachine", "AWS::StepFunctions::StateMachine");
        JsonNode logging = machine.get("LoggingConfiguration");

        assertThat(logging.get("Level").asText()).isEqualTo("ALL");
        assertThat(logging.get("IncludeExecutionData").asBoolean()).isTrue();
        assertThat(logging.get("Destinations")).hasSize(1);
        assertThat(logging.at("/Destinations/0/CloudWatchLogsLogGroup/LogGroupArn"))
                .isEqualTo(getAtt("StateMachineLogGroup", "Arn"));
        assertThat(machine.at("/TracingConfiguration/Enabled").asBoolean()).isTrue();
        assertThat(resource("StateMachineLogGroup", "AWS::Logs::LogGroup").get("LogGroupName"))
                .isEqualTo(sub("/aws/vendedlogs/states/${AWS::StackName}-athena-query"));
    }

    @Test
    void queryFileRule_whenTransformed_startsTheStateMachineThroughItsOwnRole() {
        JsonNode rule = resource("AthenaQueryStateMachineQueryFileCreated", "AWS::Events::Rule");
        JsonNode target = rule.at("/Targets/0");
        String roleName = target.at("/RoleArn/Fn::GetAtt/0").asText();
        JsonNode role = resource(roleName, "AWS::IAM::Role");
        JsonNode statement = role.at("/Policies/0/PolicyDocument/Statement/0");

        assertThat(rule.get("Targets")).hasSize(1);
        assertThat(rule.at("/EventPattern/source/0").asText()).isEqualTo("aws.s3");
        assertThat(rule.at("/EventPattern/detail-type/0").asText()).isEqualTo("Object Created");
        assertThat(rule.at("/EventPattern/detail/bucket/name/0")).isEqualTo(ref("TriggerBucket"));
        assertThat(rule.at("/EventPattern/detail/object/key")).isEqualTo(JSON.valueToTree(List.of(
                Map.of("wildcard", Map.of("Fn::Sub", "${TriggerPrefix}*.sql")),
                Map.of("wildcard", Map.of("Fn::Sub", "${TriggerPrefix}*.json")))));
        assertThat(target.get("Arn")).isEqualTo(ref("AthenaQueryStateMachine"));
        assertThat(role.at("/AssumeRolePolicyDocument/Statement/0/Principal/Service/0").asText())
                .isEqualTo("events.amazonaws.com");
        assertThat(statement.get("Action").asText()).isEqualTo("states:StartExecution");
        assertThat(statement.get("Resource")).isEqualTo(ref("AthenaQueryStateMachine"));
    }

    @Test
    void executionEndedRule_whenTransformed_invokesTheCleanupAliasWithPermissionFromThatRuleOnly() {
        JsonNode rule = resource("CleanupFunctionExecutionEnded", "AWS::Events::Rule");
        List<JsonNode> permissions = ofType("AWS::Lambda::Permission");
        JsonNode permission = permissions.getFirst();

        assertThat(rule.at("/EventPattern/source/0").asText()).isEqualTo("aws.states");
        assertThat(rule.at("/EventPattern/detail-type/0").asText()).isEqualTo("Step Functions Execution Status Change");
        assertThat(rule.at("/EventPattern/detail/status")).isEqualTo(JSON.valueToTree(List.of("ABORTED", "TIMED_OUT",
                "FAILED")));
        assertThat(rule.at("/EventPattern/detail/stateMachineArn/0")).isEqualTo(ref("AthenaQueryStateMachine"));
        assertThat(rule.get("Targets")).hasSize(1);
        assertThat(rule.at("/Targets/0/Arn")).isEqualTo(ref("CleanupFunctionAliaslive"));
        assertThat(permissions).hasSize(1);
        assertThat(permission.get("Action").asText()).isEqualTo("lambda:InvokeFunction");
        assertThat(permission.get("FunctionName")).isEqualTo(ref("CleanupFunctionAliaslive"));
        assertThat(permission.get("Principal").asText()).isEqualTo("events.amazonaws.com");
        assertThat(permission.get("SourceArn")).isEqualTo(getAtt("CleanupFunctionExecutionEnded", "Arn"));
    }

    @Test
    void transform_whenRoleIsInGlobals_refusesTheTemplateWithTheTransformsMessage(@TempDir Path work)
            throws IOException {
        Path template = work.resolve("template.yaml");
        Files.writeString(template, BrokenTemplates.roleInGlobals());
        Files.createDirectories(work.resolve("functions"));
        Files.createDirectories(work.resolve("statemachine"));
        Files.copy(ProjectFiles.root().resolve("statemachine/athena-query.asl.json"),
                work.resolve("statemachine/athena-query.asl.json"));

        ExternalTools.Result result = transform(template, work.resolve("out.json"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("'Globals' section is invalid. 'Role' is not a supported property of"
                + " 'Function'.");
        assertThat(work.resolve("out.json")).doesNotExist();
    }

    private static JsonNode resource(String logicalId, String type) {
        JsonNode resource = resources.get(logicalId);
        assertThat(resource).as("resource %s", logicalId).isNotNull();
        assertThat(resource.get("Type").asText()).as("type of %s", logicalId).isEqualTo(type);
        return resource.get("Properties");
    }

    private static List<JsonNode> ofType(String type) {
        return StreamSupport.stream(resources.spliterator(), false)
                .filter(r -> r.get("Type").asText().equals(type)).map(r -> r.get("Properties")).toList();
    }

    private static JsonNode ref(String name) {
        return JSON.valueToTree(Map.of("Ref", name));
    }

    private static JsonNode getAtt(String name, String attribute) {
        return JSON.valueToTree(Map.of("Fn::GetAtt", List.of(name, attribute)));
    }

    private static JsonNode sub(String text) {
        return JSON.valueToTree(Map.of("Fn::Sub", text));
    }
}
