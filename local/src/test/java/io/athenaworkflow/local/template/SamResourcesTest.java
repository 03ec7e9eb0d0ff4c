package io.athenaworkflow.local.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SAM semantics on small fixture templates: Globals, functions, state machines, rules and what is refused. */
class SamResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private DeployedTemplate load(String yaml) {
        return TemplateLoader.parse("Transform: AWS::Serverless-2016-10-31\n" + yaml,
                DeploymentConfig.defaults().withStackName("app").withCode("src/", Path.of("/build/app.jar")), dir);
    }

    @Test
    void globals_whenFunctionOverridesSome_mergesMapsAddsListsAndReplacesScalars() {
        DeployedTemplate deployed = load("""
                Globals:
                  Function:
                    Runtime: java21
                    CodeUri: src/
                    Timeout: 30
                    Environment:
                      Variables: {SHARED: g, OVERRIDDEN: g}
                    Architectures: [arm64]
                Resources:
                  A:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: pkg.A::handle
                      Timeout: 5
                      Environment:
                        Variables: {OVERRIDDEN: a, OWN: a}
                  B:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: pkg.B
                      FunctionName: custom-b
                      MemorySize: 512
                      ReservedConcurrentExecutions: 2
                """);
        FunctionDeployment a = deployed.function("A").orElseThrow();
        assertThat(a.timeoutSeconds()).isEqualTo(5);
        assertThat(a.memoryMb()).isEqualTo(128);
        assertThat(a.runtime()).isEqualTo("java21");
        assertThat(a.code()).isEqualTo(Path.of("/build/app.jar"));
        assertThat(a.environment()).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("SHARED", "g", "OVERRIDDEN", "a", "OWN", "a"));
        assertThat(a.alias()).isNull();
        assertThat(a.invokeArn()).isEqualTo(a.arn());
        assertThat(a.reservedConcurrency()).isNull();
        FunctionDeployment b = deployed.function("B").orElseThrow();
        assertThat(b.name()).isEqualTo("custom-b");
        assertThat(b.arn()).endsWith(":function:custom-b");
        assertThat(b.timeoutSeconds()).isEqualTo(30);
        assertThat(b.memoryMb()).isEqualTo(512);
        assertThat(b.environment()).containsOnlyKeys("SHARED", "OVERRIDDEN");
        assertThat(b.reservedConcurrency()).isEqualTo(2);
        assertThat(b.logGroup()).isEqualTo("/aws/lambda/custom-b");
    }

    @Test
    void function_whenNameWouldBeTooLong_isCutTo64Characters() {
        DeployedTemplate deployed = load("""
                Resources:
                  AFunctionWithAVeryLongLogicalIdThatGoesOnAndOnAndOnForeverAndEver:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, Runtime: java25, CodeUri: src}
                """);
        assertThat(deployed.functions().getFirst().name()).hasSize(64).startsWith("app-AFunctionWith");
    }

    @Test
    void function_whenRequiredPropertyMissingOrInvalid_failsNamingIt() {
        assertThatThrownBy(() -> load("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java25, CodeUri: src}
                """))
                .isInstanceOf(SamTransformException.class)
                .hasMessage("Resources.F.Properties: Resource with id [F] is invalid. Runtime and Handler needs to be"
                        + " present when PackageType is of type `Zip`");
        assertThatThrownBy(() -> load("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, Runtime: java25, CodeUri: src, Timeout: soon}
                """))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("Resources.F.Properties.Timeout")
                .hasMessageContaining("'soon'");
        assertThatThrownBy(() -> load("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: "index.handler()", Runtime: java25, CodeUri: src}
                """))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("package.Class::method");
    }

    @Test
    void function_whenItNeedsWhatTheLocalRuntimeLacks_isRefusedWithAdvice() {
        assertThatThrownBy(() -> load("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: app.handler, Runtime: python3.12, CodeUri: src}
                """))
                .isInstanceOf(UnsupportedTemplateFeatureException.class)
                .hasMessageContaining("Resources.F.Properties.Runtime")
                .hasMessageContaining("Java functions only");
        assertThatThrownBy(() -> load("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, Runtime: java25, CodeUri: src, Layers: [arn:aws:lambda:us-east-1:1:layer:x:1]}
                """))
                .isInstanceOf(UnsupportedTemplateFeatureException.class)
                .hasMessageContaining("Resources.F.Properties.Layers");
        assertThatThrownBy(() -> load("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, Runtime: java25, CodeUri: {Bucket: b, Key: k}}
                """))
                .isInstanceOf(UnsupportedTemplateFeatureException.class)
                .hasMessageContaining("code in S3");
        assertThatThrownBy(() -> load("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Runtime: java25
                      CodeUri: src
                      Events:
                        Nightly: {Type: Schedule, Properties: {Schedule: rate(1 day)}}
                """))
                .isInstanceOf(UnsupportedTemplateFeatureException.class)
                .hasMessageContaining("Resources.F.Properties.Events.Nightly.Type")
                .hasMessageContaining("'Schedule'");
        assertThatThrownBy(() -> load("""
                Resources:
                  Raw:
                    Type: AWS::Lambda::Function
                    Properties: {Handler: a.B, Runtime: java25}
                """))
                .isInstanceOf(UnsupportedTemplateFeatureException.class)
                .hasMessageContaining("Resources.Raw.Type");
    }

    @Test
    void function_whenAliasRefsUsed_resolveToAliasAndVersionArns() {
        DeployedTemplate deployed = load("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, Runtime: java25, CodeUri: src, AutoPublishAlias: prod}
                  G:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, Runtime: java25, CodeUri: src}
                Outputs:
                  Alias: {Value: !Ref F.Alias}
                  Version: {Value: !Ref F.Version}
                  InSub: {Value: !Sub "${F.Alias}"}
                  Name: {Value: !Ref F}
                """);
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:app-F";
        assertThat(deployed.outputs()).containsEntry("Alias", arn + ":prod").containsEntry("Version", arn + ":1")
                .containsEntry("InSub", arn + ":prod").containsEntry("Name", "app-F");
        assertThatThrownBy(() -> load("""
                Resources:
                  G:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, Runtime: java25, CodeUri: src}
                Outputs:
                  Alias: {Value: !Ref G.Alias}
                """))
                .isInstanceOf(TemplateReferenceException.class)
                .hasMessageContaining("no AutoPublishAlias");
    }

    @Test
    void stateMachine_whenInlineDefinitionAndSubstitutions_producesJsonDefinition() throws Exception {
        DeployedTemplate deployed = load("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, Runtime: java25, CodeUri: src}
                  Machine:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      Type: EXPRESS
                      DefinitionSubstitutions:
                        Fn: !GetAtt F.Arn
                      Definition:
                        StartAt: Go
                        States:
                          Go: {Type: Task, Resource: "${Fn}", End: true}
                      Events:
                        Start:
                          Type: EventBridgeRule
                          Properties:
                            Pattern: {source: [my.app]}
                            Input: '{"fixed": true}'
                            State: DISABLED
                """);
        StateMachineDeployment machine = deployed.stateMachine("Machine").orElseThrow();
        assertThat(machine.name()).isEqualTo("app-Machine");
        assertThat(machine.type()).isEqualTo("EXPRESS");
        assertThat(JSON.readTree(machine.definition()).at("/States/Go/Resource").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:app-F");
        RuleDeployment rule = deployed.rule("MachineStart").orElseThrow();
        assertThat(rule.enabled()).isFalse();
        assertThat(rule.target()).isEqualTo(new RuleTarget(RuleTarget.Kind.START_EXECUTION, machine.arn(),
                "{\"fixed\": true}"));
    }

    @Test
    void stateMachine_whenDefinitionUriIsRelative_readsItNextToTheTemplate() throws Exception {
        Files.createDirectories(dir.resolve("sm"));
        Files.writeString(dir.resolve("sm/flow.asl.json"), "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\","
                + "\"Result\":\"${Greeting}\",\"End\":true}}}");
        DeployedTemplate deployed = load("""
                Resources:
                  Flow:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      Name: hello-flow
                      DefinitionUri: sm/flow.asl.json
                      DefinitionSubstitutions: {Greeting: !Sub "hi from ${AWS::StackName}"}
                """);
        StateMachineDeployment flow = deployed.stateMachines().getFirst();
        assertThat(flow.name()).isEqualTo("hello-flow");
        assertThat(JSON.readTree(flow.definition()).at("/States/P/Result").asText()).isEqualTo("hi from app");
    }

    @Test
    void stateMachine_whenSubstitutionMissingOrResultNotJson_fails() throws Exception {
        Files.writeString(dir.resolve("a.json"), "{\"StartAt\":\"${Missing}\",\"States\":{}}");
        assertThatThrownBy(() -> load("""
                Resources:
                  M:
                    Type: AWS::Serverless::StateMachine
                    Properties: {DefinitionUri: a.json, DefinitionSubstitutions: {Other: x}}
                """))
                .isInstanceOf(TemplateReferenceException.class)
                .hasMessageContaining("Resources.M.Properties.DefinitionSubstitutions")
                .hasMessageContaining("${Missing}");
        Files.writeString(dir.resolve("b.json"), "{\"StartAt\": ${Value}}");
        assertThatThrownBy(() -> load("""
                Resources:
                  M:
                    Type: AWS::Serverless::StateMachine
                    Properties: {DefinitionUri: b.json, DefinitionSubstitutions: {Value: "not json"}}
                """))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("not valid JSON after its DefinitionSubstitutions");
        assertThatThrownBy(() -> load("""
                Resources:
                  M:
                    Type: AWS::Serverless::StateMachine
                    Properties: {DefinitionUri: missing.json}
                """))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("cannot read the definition");
    }

    @Test
    void eventsRule_whenLambdaAndStateMachineTargets_createsOneRulePerTarget() {
        DeployedTemplate deployed = load("""
                Resources:
                  Rule:
                    Type: AWS::Events::Rule
                    Properties:
                      Name: fan-out
                      EventPattern: '{"source": ["x"]}'
                      Targets:
                        - {Id: ToFn, Arn: "arn:aws:lambda:us-east-1:000000000000:function:f", Input: '{"a":1}'}
                        - {Id: ToSm, Arn: !Sub "arn:aws:states:${AWS::Region}:${AWS::AccountId}:stateMachine:m"}
                """);
        assertThat(deployed.rules()).extracting(RuleDeployment::logicalId).containsExactly("Rule.ToFn", "Rule.ToSm");
        assertThat(deployed.rules()).allSatisfy(rule -> {
            assertThat(rule.name()).isEqualTo("fan-out");
            assertThat(rule.eventPattern()).isEqualTo("{\"source\":[\"x\"]}");
        });
        assertThat(deployed.rules().get(0).target())
                .isEqualTo(new RuleTarget(RuleTarget.Kind.INVOKE_FUNCTION, "arn:aws:lambda:us-east-1:000000000000:function:f",
                        "{\"a\":1}"));
        assertThat(deployed.rules().get(1).target().kind()).isEqualTo(RuleTarget.Kind.START_EXECUTION);
    }

    @Test
    void eventsRule_whenTargetOrBusUnsupported_isRefused() {
        assertThatThrownBy(() -> load("""
                Resources:
                  Rule:
                    Type: AWS::Events::Rule
                    Properties:
                      EventPattern: {source: [x]}
                      Targets: [{Id: Q, Arn: "arn:aws:sqs:us-east-1:000000000000:q"}]
                """))
                .isInstanceOf(UnsupportedTemplateFeatureException.class)
                .hasMessageContaining("Resources.Rule.Properties.Targets[0].Arn");
        assertThatThrownBy(() -> load("""
                Resources:
                  Rule:
                    Type: AWS::Events::Rule
                    Properties:
                      EventBusName: custom
                      EventPattern: {source: [x]}
                      Targets: [{Id: F, Arn: "arn:aws:lambda:us-east-1:000000000000:function:f"}]
                """))
                .isInstanceOf(UnsupportedTemplateFeatureException.class)
                .hasMessageContaining("only the default event bus");
        assertThatThrownBy(() -> load("""
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Runtime: java25
                      CodeUri: src
                      Events:
                        E:
                          Type: EventBridgeRule
                          Properties:
                            Pattern: {source: [x]}
                            InputTransformer: {InputTemplate: "<x>"}
                """))
                .isInstanceOf(UnsupportedTemplateFeatureException.class)
                .hasMessageContaining("Events.E.Properties.InputTransformer");
    }

    @Test
    void parameters_whenLengthBoundsOrUnknownOverride_fail() {
        String template = """
                Parameters:
                  Code: {Type: String, MinLength: 2, MaxLength: 3, Default: ab, ConstraintDescription: two or three letters}
                  Sizes: {Type: List<Number>, Default: "1,2"}
                Resources:
                  R: {Type: AWS::IAM::Role}
                Outputs:
                  Sizes: {Value: !Join [",", !Ref Sizes]}
                """;
        assertThat(TemplateLoader.parse(template, DeploymentConfig.defaults(), dir).outputs()).containsEntry("Sizes", "1,2");
        assertThatThrownBy(() -> TemplateLoader.parse(template, DeploymentConfig.defaults().withParameter("Code", "abcd"), dir))
                .isInstanceOf(TemplateParameterException.class)
                .hasMessageContaining("MaxLength is 3")
                .hasMessageContaining("two or three letters");
        assertThatThrownBy(() -> TemplateLoader.parse(template, DeploymentConfig.defaults().withParameter("Sizes", "1,x"), dir))
                .isInstanceOf(TemplateParameterException.class)
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> TemplateLoader.parse(template, DeploymentConfig.defaults().withParameter("Cod", "ab"), dir))
                .isInstanceOf(TemplateParameterException.class)
                .hasMessageContaining("[Cod]")
                .hasMessageContaining("[Code, Sizes]");
    }

    @Test
    void transform_whenNotSam_isRefused() {
        assertThatThrownBy(() -> TemplateLoader.parse("""
                Transform: [AWS::Serverless-2016-10-31, AWS::LanguageExtensions]
                Resources:
                  R: {Type: AWS::IAM::Role}
                """, DeploymentConfig.defaults(), dir))
                .isInstanceOf(UnsupportedTemplateFeatureException.class)
                .hasMessageContaining("AWS::LanguageExtensions");
    }

    @Test
    void deploymentConfig_whenValuesInvalid_refusesThem() {
        assertThatThrownBy(() -> DeploymentConfig.defaults().withAccountId("123"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12 digits");
        assertThatThrownBy(() -> DeploymentConfig.defaults().withRegion("mars"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region");
        assertThatThrownBy(() -> DeploymentConfig.defaults().withStackName("1bad_name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stack name");
    }
}
