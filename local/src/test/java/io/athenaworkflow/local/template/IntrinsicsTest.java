package io.athenaworkflow.local.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each intrinsic function and pseudo parameter, observed through Outputs of small fixture templates. */
class IntrinsicsTest {

    private static final String RESOURCES = """
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: !Sub /app/${Env}
              Role:
                Type: AWS::IAM::Role
              Bucket:
                Type: AWS::S3::Bucket
            """;

    @TempDir
    Path dir;

    private Map<String, String> outputs(String parametersAndOutputs) {
        return TemplateLoader.parse(RESOURCES + parametersAndOutputs, DeploymentConfig.defaults().withStackName("st"), dir)
                .outputs();
    }

    private static String params() {
        return """
                Parameters:
                  Env: {Type: String, Default: dev}
                  Names: {Type: CommaDelimitedList, Default: "a,b,c"}
                  Size: {Type: Number, Default: 3}
                """;
    }

    @Test
    void ref_whenParameterOrPseudoParameter_returnsItsValue() {
        Map<String, String> out = outputs(params() + """
                Outputs:
                  Env: {Value: !Ref Env}
                  Size: {Value: !Ref Size}
                  Region: {Value: !Ref AWS::Region}
                  Account: {Value: !Ref AWS::AccountId}
                  Stack: {Value: !Ref AWS::StackName}
                  Partition: {Value: !Ref AWS::Partition}
                  Suffix: {Value: !Ref AWS::URLSuffix}
                  StackId: {Value: !Ref AWS::StackId}
                """);
        assertThat(out).containsEntry("Env", "dev").containsEntry("Size", "3")
                .containsEntry("Region", "us-east-1").containsEntry("Account", "000000000000")
                .containsEntry("Stack", "st").containsEntry("Partition", "aws").containsEntry("Suffix", "amazonaws.com");
        assertThat(out.get("StackId")).matches("arn:aws:cloudformation:us-east-1:000000000000:stack/st/[0-9a-f-]{36}");
    }

    @Test
    void ref_whenChinaRegion_usesTheChinaPartition() {
        Map<String, String> out = TemplateLoader.parse(RESOURCES + params() + """
                Outputs:
                  Partition: {Value: !Ref AWS::Partition}
                  Suffix: {Value: !Ref AWS::URLSuffix}
                  Arn: {Value: !GetAtt Role.Arn}
                """, DeploymentConfig.defaults().withRegion("cn-north-1"), dir).outputs();
        assertThat(out).containsEntry("Partition", "aws-cn").containsEntry("Suffix", "amazonaws.com.cn")
                .containsEntry("Arn", "arn:aws-cn:iam::000000000000:role/athena-workflow-Role");
    }

    @Test
    void ref_whenResource_returnsItsPhysicalName() {
        Map<String, String> out = outputs(params() + """
                Outputs:
                  Logs: {Value: !Ref Logs}
                  Role: {Value: !Ref Role}
                  Bucket: {Value: !Ref Bucket}
                """);
        assertThat(out).containsEntry("Logs", "/app/dev").containsEntry("Role", "st-Role").containsEntry("Bucket", "st-bucket");
    }

    @Test
    void getAtt_whenShortLongAndListForms_returnsTheAttribute() {
        Map<String, String> out = outputs(params() + """
                Outputs:
                  Short: {Value: !GetAtt Logs.Arn}
                  Long: {Value: {"Fn::GetAtt": [Role, Arn]}}
                  List: {Value: !GetAtt [Bucket, Arn]}
                """);
        assertThat(out).containsEntry("Short", "arn:aws:logs:us-east-1:000000000000:log-group:/app/dev:*")
                .containsEntry("Long", "arn:aws:iam::000000000000:role/st-Role")
                .containsEntry("List", "arn:aws:s3:::st-bucket");
    }

    @Test
    void getAtt_whenAttributeUnknown_failsNamingResourceAndAttribute() {
        assertThatThrownBy(() -> outputs(params() + "Outputs:\n  X: {Value: !GetAtt Role.Color}\n"))
                .isInstanceOf(UnsupportedTemplateFeatureException.class)
                .hasMessageContaining("Outputs.X.Value.Fn::GetAtt")
                .hasMessageContaining("Role.Color");
        assertThatThrownBy(() -> outputs(params() + "Outputs:\n  X: {Value: !GetAtt Nothing.Arn}\n"))
                .isInstanceOf(TemplateReferenceException.class)
                .hasMessageContaining("no resource is named Nothing");
    }

    @Test
    void sub_whenVariablesOfEveryKind_substitutesThem() {
        Map<String, String> out = outputs(params() + """
                Outputs:
                  Plain: {Value: !Sub "${Env}-${AWS::Region}-${Role}-${Role.Arn}"}
                  Escaped: {Value: !Sub "${!Literal}-${Env}"}
                  TwoArgs: {Value: !Sub ["${Env}/${Extra}/${AWS::AccountId}", {Env: overridden, Extra: !Ref Size}]}
                  NoVars: {Value: !Sub "just text"}
                """);
        assertThat(out).containsEntry("Plain", "dev-us-east-1-st-Role-arn:aws:iam::000000000000:role/st-Role")
                .containsEntry("Escaped", "${Literal}-dev")
                .containsEntry("TwoArgs", "overridden/3/000000000000")
                .containsEntry("NoVars", "just text");
    }

    @Test
    void sub_whenVariableUnknown_failsNamingIt() {
        assertThatThrownBy(() -> outputs(params() + "Outputs:\n  X: {Value: !Sub \"a-${Missing}\"}\n"))
                .isInstanceOf(TemplateReferenceException.class)
                .hasMessageContaining("Outputs.X.Value.Fn::Sub")
                .hasMessageContaining("${Missing}");
        assertThatThrownBy(() -> outputs(params() + "Outputs:\n  X: {Value: !Sub \"${Names}\"}\n"))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("Fn::Join");
    }

    @Test
    void fnIf_whenConditionsCombine_choosesTheBranchCloudFormationWould() {
        Map<String, String> out = outputs(params() + """
                Conditions:
                  IsDev: !Equals [!Ref Env, dev]
                  IsProd: !Equals [prod, !Ref Env]
                  NotProd: !Not [!Condition IsProd]
                  Both: !And [!Condition IsDev, !Condition NotProd]
                  Either: !Or [!Condition IsProd, !Equals [!Ref Size, 3]]
                  NumberEquals: !Equals [!Ref Size, "3"]
                Outputs:
                  Dev: {Value: !If [IsDev, yes-dev, no-dev]}
                  Prod: {Value: !If [IsProd, yes-prod, no-prod]}
                  Both: {Value: !If [Both, both, not-both]}
                  Either: {Value: !If [Either, either, neither]}
                  Numbers: {Value: !If [NumberEquals, equal, different]}
                  OnlyInProd:
                    Condition: IsProd
                    Value: hidden
                """);
        assertThat(out).containsEntry("Dev", "yes-dev").containsEntry("Prod", "no-prod").containsEntry("Both", "both")
                .containsEntry("Either", "either").containsEntry("Numbers", "equal").doesNotContainKey("OnlyInProd");
    }

    @Test
    void fnIf_whenConditionUndefinedOrCircular_fails() {
        assertThatThrownBy(() -> outputs(params() + "Outputs:\n  X: {Value: !If [Nope, a, b]}\n"))
                .isInstanceOf(TemplateReferenceException.class)
                .hasMessageContaining("condition 'Nope'");
        assertThatThrownBy(() -> outputs(params() + """
                Conditions:
                  A: !Not [!Condition B]
                  B: !Not [!Condition A]
                Outputs:
                  X: {Value: !If [A, a, b]}
                """))
                .isInstanceOf(TemplateReferenceException.class)
                .hasMessageContaining("depends on itself");
    }

    @Test
    void listFunctions_whenJoinSelectSplitAndListParameters_computeLikeCloudFormation() {
        Map<String, String> out = outputs(params() + """
                Outputs:
                  Join: {Value: !Join ["-", [x, !Ref Env, !Ref AWS::Region]]}
                  JoinList: {Value: !Join [":", !Ref Names]}
                  Select: {Value: !Select [1, !Ref Names]}
                  SelectSplit: {Value: !Select [2, !Split ["/", "a/b/c/d"]]}
                  SplitJoin: {Value: !Join ["+", !Split [",", "1,,2"]]}
                """);
        assertThat(out).containsEntry("Join", "x-dev-us-east-1").containsEntry("JoinList", "a:b:c")
                .containsEntry("Select", "b").containsEntry("SelectSplit", "c").containsEntry("SplitJoin", "1++2");
    }

    @Test
    void select_whenIndexOutOfRange_fails() {
        assertThatThrownBy(() -> outputs(params() + "Outputs:\n  X: {Value: !Select [5, !Ref Names]}\n"))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("index 5 is outside the list of 3 values");
    }

    @Test
    void findInMapAndBase64_whenEntriesExist_returnValues() {
        Map<String, String> out = outputs(params() + """
                Mappings:
                  Sizes:
                    dev: {Memory: 512}
                    prod: {Memory: 2048}
                Outputs:
                  Memory: {Value: !FindInMap [Sizes, !Ref Env, Memory]}
                  Encoded: {Value: !Base64 "hello ${x}"}
                """);
        assertThat(out).containsEntry("Memory", "512")
                .containsEntry("Encoded", Base64.getEncoder().encodeToString("hello ${x}".getBytes()));
        assertThatThrownBy(() -> outputs(params() + """
                Mappings:
                  Sizes: {dev: {Memory: 1}}
                Outputs:
                  X: {Value: !FindInMap [Sizes, qa, Memory]}
                """))
                .isInstanceOf(TemplateReferenceException.class)
                .hasMessageContaining("[Sizes, qa, Memory]");
    }

    @Test
    void noValue_whenUsedInListsAndMappings_removesTheElement() {
        DeployedTemplate deployed = TemplateLoader.parse("""
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Extra: {Type: String, Default: ""}
                Conditions:
                  HasExtra: !Not [!Equals [!Ref Extra, ""]]
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handle
                      Runtime: java25
                      CodeUri: app.jar
                      Environment:
                        Variables:
                          ALWAYS: one
                          EXTRA: !If [HasExtra, !Ref Extra, !Ref AWS::NoValue]
                      Architectures: [!If [HasExtra, x86_64, !Ref AWS::NoValue], arm64]
                """, DeploymentConfig.defaults(), dir);
        FunctionDeployment fn = deployed.functions().getFirst();
        assertThat(fn.environment()).containsOnlyKeys("ALWAYS");
        assertThat(fn.architectures()).containsExactly("arm64");
    }

    @Test
    void longForms_whenJsonTemplate_resolveLikeShortForms() {
        DeployedTemplate deployed = TemplateLoader.parse("""
                {"Parameters": {"Env": {"Type": "String", "Default": "qa"}},
                 "Conditions": {"IsQa": {"Fn::Equals": [{"Ref": "Env"}, "qa"]}},
                 "Resources": {"Role": {"Type": "AWS::IAM::Role"}},
                 "Outputs": {
                   "Sub": {"Value": {"Fn::Sub": "${Env}-${Role.Arn}"}},
                   "If": {"Value": {"Fn::If": ["IsQa", {"Fn::Join": ["", ["q", "a"]]}, "no"]}}}}
                """, DeploymentConfig.defaults(), dir);
        assertThat(deployed.outputs()).containsEntry("Sub", "qa-arn:aws:iam::000000000000:role/athena-workflow-Role")
                .containsEntry("If", "qa");
    }

    @Test
    void unsupportedIntrinsic_whenUsed_failsNamingFunctionAndLocation() {
        assertThatThrownBy(() -> outputs(params() + "Outputs:\n  X: {Value: !ImportValue shared-vpc}\n"))
                .isInstanceOf(UnsupportedTemplateFeatureException.class)
                .hasMessageContaining("Outputs.X.Value.Fn::ImportValue")
                .hasMessageContaining("Fn::ImportValue is not supported");
        assertThatThrownBy(() -> outputs(params() + "Outputs:\n  X: {Value: !Select [0, !GetAZs '']}\n"))
                .isInstanceOf(UnsupportedTemplateFeatureException.class)
                .hasMessageContaining("Fn::GetAZs");
    }

    @Test
    void conditionFunction_whenUsedAsValue_failsWithAdvice() {
        assertThatThrownBy(() -> outputs(params() + "Outputs:\n  X: {Value: !Equals [a, a]}\n"))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("use Fn::If");
    }

    @Test
    void ref_whenNothingHasTheName_fails() {
        assertThatThrownBy(() -> outputs(params() + "Outputs:\n  X: {Value: !Ref Ghost}\n"))
                .isInstanceOf(TemplateReferenceException.class)
                .hasMessageContaining("Outputs.X.Value.Ref")
                .hasMessageContaining("Ref Ghost");
        assertThatThrownBy(() -> outputs(params() + "Outputs:\n  X: {Value: !Ref AWS::Planet}\n"))
                .isInstanceOf(TemplateReferenceException.class)
                .hasMessageContaining("no such pseudo parameter");
    }

    @Test
    void ref_whenResourceConditionIsFalse_omitsItAndRefusesReferences() {
        String template = """
                Parameters:
                  Env: {Type: String, Default: dev}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                Resources:
                  Role: {Type: AWS::IAM::Role}
                  ProdOnly: {Type: AWS::IAM::Role, Condition: IsProd}
                """;
        DeployedTemplate deployed = TemplateLoader.parse(template, DeploymentConfig.defaults(), dir);
        assertThat(deployed.ignored()).extracting(IgnoredResource::logicalId).containsExactly("Role");
        assertThatThrownBy(() -> TemplateLoader.parse(template + "Outputs:\n  X: {Value: !Ref ProdOnly}\n",
                DeploymentConfig.defaults(), dir))
                .isInstanceOf(TemplateReferenceException.class)
                .hasMessageContaining("condition IsProd is false");
    }

    @Test
    void physicalName_whenNameRefersToItself_failsAsCircular() {
        assertThatThrownBy(() -> TemplateLoader.parse("""
                Resources:
                  Loop:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      LogGroupName: !Sub "${Loop}-x"
                """, DeploymentConfig.defaults(), dir))
                .isInstanceOf(TemplateReferenceException.class)
                .hasMessageContaining("depends on itself");
    }

    @Test
    void parse_whenUnknownShortTagOrBadYaml_failsWithLine() {
        assertThatThrownBy(() -> TemplateLoader.parse("Resources:\n  R:\n    Type: !Bogus x\n",
                DeploymentConfig.defaults(), dir))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("!Bogus");
        assertThatThrownBy(() -> TemplateLoader.parse("Resources: [unclosed\n", DeploymentConfig.defaults(), dir))
                .isInstanceOf(TemplateSyntaxException.class);
        assertThatThrownBy(() -> TemplateLoader.parse("Resources: {}\n", DeploymentConfig.defaults(), dir))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("at least one resource");
    }

    @Test
    void parse_whenUnquotedDate_keepsItAsText() {
        DeployedTemplate deployed = TemplateLoader.parse(RESOURCES + """
                Parameters:
                  Env: {Type: String, Default: 2024-01-31}
                Outputs:
                  Day: {Value: !Ref Env}
                """, DeploymentConfig.defaults(), dir);
        assertThat(deployed.outputs()).containsEntry("Day", "2024-01-31");
    }
}
