package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionDiagnostic;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

/**
 * The checks AWS makes when a definition is created, updated or validated, through the JSON API with the SDK v2: a
 * JSONata expression that does not parse and a malformed intrinsic function call are refused then, not when the
 * state first runs; ValidateStateMachineDefinition reports them as diagnostics with code and location.
 */
class DefinitionChecksApiTest {

    private static final String BAD_JSONATA = """
            {"QueryLanguage": "JSONata", "StartAt": "Main", "States": {
              "Main": {"Type": "Pass", "Output": {"v": "{% 1 + %}"}, "End": true}}}""";

    private static final String BAD_INTRINSIC = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass",
              "Parameters": {"nested": {"x.$": "States.Format('{}', $.a"}}, "End": true}}}""";

    private static final String VALID = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";

    private final FakeLambda lambda = new FakeLambda();
    private SfnFixture fx;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(lambda);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private String create(String name, String definition) {
        return fx.client.createStateMachine(b -> b.name(name).definition(definition).roleArn(SfnFixture.ROLE))
                .stateMachineArn();
    }

    @Test
    void createStateMachine_whenJsonataDoesNotParse_throwsInvalidJsonataExpressionAtTheField() {
        assertThatThrownBy(() -> create("bad-jsonata", BAD_JSONATA))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Invalid State Machine Definition:"
                        + " 'INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output/v'"));
        assertThat(fx.client.listStateMachines(b -> { }).stateMachines()).isEmpty();
    }

    @Test
    void createStateMachine_whenIntrinsicMalformed_throwsInvalidDefinitionAtTheMember() {
        assertThatThrownBy(() -> create("bad-intrinsic", BAD_INTRINSIC))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage())
                        .startsWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The value"
                                + " \"States.Format('{}', $.a\" is not a valid intrinsic function call")
                        .endsWith(" at /States/P/Parameters/nested/x.$'"));
    }

    @Test
    void createStateMachine_whenIntrinsicNamesUnknownFunctionOrWrongArity_isRefused() {
        assertThatThrownBy(() -> create("unknown", """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"x.$": "States.Nope($.a)"},
                  "End": true}}}"""))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("/States/P/Parameters/x.$");
        assertThatThrownBy(() -> create("arity", """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "CausePath": "States.UUID($.a)"}}}"""))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("/States/F/CausePath");
    }

    @Test
    void updateStateMachine_whenNewDefinitionHasBadJsonata_isRefusedAndKeepsTheOldOne() {
        String arn = create("kept", VALID);

        assertThatThrownBy(() -> fx.client.updateStateMachine(b -> b.stateMachineArn(arn).definition(BAD_JSONATA)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("INVALID_JSONATA_EXPRESSION");
        assertThat(fx.client.describeStateMachine(b -> b.stateMachineArn(arn)).definition()).isEqualTo(VALID);
    }

    @Test
    void validateStateMachineDefinition_whenJsonataAndIntrinsicBroken_reportsEachWithCodeAndLocation() {
        ValidateStateMachineDefinitionResponse jsonata = fx.client.validateStateMachineDefinition(
                b -> b.definition(BAD_JSONATA));
        ValidateStateMachineDefinitionResponse intrinsic = fx.client.validateStateMachineDefinition(
                b -> b.definition(BAD_INTRINSIC));

        assertThat(jsonata.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(jsonata.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.severityAsString()).isEqualTo("ERROR");
            assertThat(d.code()).isEqualTo("INVALID_JSONATA_EXPRESSION");
            assertThat(d.message()).isEqualTo("Unexpected end of expression");
            assertThat(d.location()).isEqualTo("/States/Main/Output/v");
        });
        assertThat(intrinsic.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(intrinsic.diagnostics()).extracting(ValidateStateMachineDefinitionDiagnostic::location)
                .containsExactly("/States/P/Parameters/nested/x.$");
    }

    @Test
    void validateStateMachineDefinition_whenExpressionsValid_isOk() {
        ValidateStateMachineDefinitionResponse ok = fx.client.validateStateMachineDefinition(b -> b.definition("""
                {"QueryLanguage": "JSONata", "StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n > 1 %}", "Next": "Big",
                        "Assign": {"seen": "{% $states.input.n %}"}}], "Default": "Big"},
                  "Big": {"Type": "Pass", "Output": ["{% $seen %}", {"deep": "{% $uppercase('x') %}"}],
                          "End": true}}}"""));

        assertThat(ok.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        assertThat(ok.diagnostics()).isEmpty();
    }
}
