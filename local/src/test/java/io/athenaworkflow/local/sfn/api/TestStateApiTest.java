package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.MockResponseValidationMode;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** TestState through the Step Functions JSON API with the AWS SDK v2 (the SDK's host prefix disabled). */
class TestStateApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RETRYING_TASK = """
            {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
             "Arguments": {"FunctionName": "f"}, "QueryLanguage": "JSONata",
             "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 3,
                        "BackoffRate": 2}],
             "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover",
                        "Output": {"failedWith": "{% $states.errorOutput.Error %}"}}],
             "Next": "Done"}""";

    private final FakeLambda lambda = new FakeLambda().returning("greeter", "{\"greeting\":\"hello\"}");
    private SfnFixture fx;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(lambda);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void testState_whenJsonPathPassAtDebug_returnsOutputNextStateAndEachDataFlowStep() throws Exception {
        TestStateResponse response = fx.client.testState(b -> b.definition("""
                {"Type": "Pass", "InputPath": "$.order", "Parameters": {"id.$": "$.id", "fixed": 1},
                 "ResultPath": "$.copy", "OutputPath": "$.copy", "Next": "Ship"}""")
                .input("{\"order\": {\"id\": 7}}").inspectionLevel(InspectionLevel.DEBUG));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(response.output())).isEqualTo(json("{\"id\":7,\"fixed\":1}"));
        assertThat(response.nextState()).isEqualTo("Ship");
        assertThat(response.error()).isNull();
        assertThat(json(response.inspectionData().input())).isEqualTo(json("{\"order\":{\"id\":7}}"));
        assertThat(json(response.inspectionData().afterInputPath())).isEqualTo(json("{\"id\":7}"));
        assertThat(json(response.inspectionData().afterParameters())).isEqualTo(json("{\"id\":7,\"fixed\":1}"));
        assertThat(json(response.inspectionData().afterResultPath()))
                .isEqualTo(json("{\"order\":{\"id\":7},\"copy\":{\"id\":7,\"fixed\":1}}"));
        // A Pass state has no result to inspect (test_base_state_name[DEBUG-BASE_PASS_STATE_MACHINE] in localstack's
        // test_test_state_machine_scenarios.snapshot.json, recorded against AWS).
        assertThat(response.inspectionData().result()).isNull();
    }

    @Test
    void testState_whenInfoLevel_returnsNoInspectionData() {
        TestStateResponse response = fx.client.testState(b -> b.definition("""
                {"Type": "Succeed"}""").input("{\"a\": 1}"));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(response.output()).isEqualTo("{\"a\":1}");
        assertThat(response.inspectionData()).isNull();
        assertThat(response.nextState()).isNull();
    }

    @Test
    void testState_whenJsonataTaskMockedWithVariables_usesThemAndReportsAssignedVariables() throws Exception {
        TestStateResponse response = fx.client.testState(b -> b.definition("""
                {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
                 "Arguments": {"FunctionName": "f", "Payload": {"user": "{% $user %}"}},
                 "Assign": {"greeting": "{% $states.result.Payload.greeting %}"},
                 "Output": {"said": "{% $states.result.Payload.greeting & ' ' & $user %}"}, "Next": "After"}""")
                .variables("{\"user\": \"ana\"}")
                .mock(m -> m.result("{\"Payload\": {\"greeting\": \"hi\"}}"))
                .inspectionLevel(InspectionLevel.TRACE));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(response.output())).isEqualTo(json("{\"said\":\"hi ana\"}"));
        assertThat(response.nextState()).isEqualTo("After");
        assertThat(json(response.inspectionData().afterArguments()))
                .isEqualTo(json("{\"FunctionName\":\"f\",\"Payload\":{\"user\":\"ana\"}}"));
        assertThat(json(response.inspectionData().result())).isEqualTo(json("{\"Payload\":{\"greeting\":\"hi\"}}"));
        assertThat(json(response.inspectionData().variables()))
                .isEqualTo(json("{\"user\":\"ana\",\"greeting\":\"hi\"}"));
        assertThat(lambda.calls()).isEmpty();
    }

    @Test
    void testState_whenMockedErrorHasRetriesLeft_isRetriableWithTheRetrierAndBackoff() {
        TestStateResponse response = fx.client.testState(b -> b.definition(RETRYING_TASK)
                .mock(m -> m.errorOutput(e -> e.error("Lambda.TooManyRequestsException").cause("slow down")))
                .stateConfiguration(c -> c.retrierRetryCount(1)).inspectionLevel(InspectionLevel.DEBUG));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
        assertThat(response.error()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(response.cause()).isEqualTo("slow down");
        assertThat(response.nextState()).isNull();
        assertThat(response.inspectionData().errorDetails().retryIndex()).isZero();
        assertThat(response.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(4);
    }

    @Test
    void testState_whenRetriesExhausted_isCaughtByTheCatcherWithItsOutputAndNext() throws Exception {
        TestStateResponse response = fx.client.testState(b -> b.definition(RETRYING_TASK)
                .mock(m -> m.errorOutput(e -> e.error("Lambda.TooManyRequestsException").cause("slow down")))
                .stateConfiguration(c -> c.retrierRetryCount(3)).inspectionLevel(InspectionLevel.DEBUG));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(json(response.output())).isEqualTo(json("{\"failedWith\":\"Lambda.TooManyRequestsException\"}"));
        assertThat(response.nextState()).isEqualTo("Recover");
        assertThat(response.inspectionData().errorDetails().catchIndex()).isZero();
    }

    @Test
    void testState_whenErrorUnhandledOrFailState_isFailedWithErrorAndCause() {
        TestStateResponse unhandled = fx.client.testState(b -> b.definition("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}""")
                .mock(m -> m.errorOutput(e -> e.error("Boom").cause("it broke"))));
        TestStateResponse fail = fx.client.testState(b -> b.definition("""
                {"Type": "Fail", "Error": "Custom", "CausePath": "$.why"}""").input("{\"why\": \"because\"}"));

        assertThat(unhandled.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(unhandled.error()).isEqualTo("Boom");
        assertThat(unhandled.cause()).isEqualTo("it broke");
        assertThat(unhandled.output()).isNull();
        assertThat(fail.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(fail.error()).isEqualTo("Custom");
        assertThat(fail.cause()).isEqualTo("because");
    }

    @Test
    void testState_whenStateNameOfAWholeMachine_testsThatChoiceAndNamesTheChosenState() {
        TestStateResponse response = fx.client.testState(b -> b.definition("""
                {"StartAt": "Decide", "States": {
                  "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 5,
                             "Next": "Big"}], "Default": "Small"},
                  "Big": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}}}""")
                .stateName("Decide").input("{\"n\": 9}"));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(response.nextState()).isEqualTo("Big");
        assertThat(response.output()).isEqualTo("{\"n\":9}");
    }

    @Test
    void testState_whenTaskNotMocked_invokesTheRealFunction() throws Exception {
        TestStateResponse response = fx.client.testState(b -> b.definition("""
                {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:greeter",
                 "Parameters": {"name.$": "$.name"}, "ResultPath": "$.reply", "End": true}""")
                .input("{\"name\": \"ana\"}").roleArn(SfnFixture.ROLE));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(response.output())).isEqualTo(json("{\"name\":\"ana\",\"reply\":{\"greeting\":\"hello\"}}"));
        assertThat(lambda.calls()).singleElement().satisfies(call -> assertThat(call.payload())
                .isEqualTo("{\"name\":\"ana\"}"));
    }

    @Test
    void testState_whenContextGivenWithMock_readsItThroughTheContextPath() throws Exception {
        TestStateResponse response = fx.client.testState(b -> b.definition("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"run.$": "$$.Execution.Name"}, "ResultSelector": {"run.$": "$$.Execution.Name"},
                 "End": true}""")
                .context("{\"Execution\": {\"Name\": \"nightly\"}}").mock(m -> m.result("{}")));

        assertThat(json(response.output())).isEqualTo(json("{\"run\":\"nightly\"}"));
    }

    @Test
    void testState_whenRequestCannotBeTested_throwsTheAwsErrors() {
        assertThatThrownBy(() -> fx.client.testState(b -> b.definition("{\"Type\": \"Pass\", \"End\": true}")
                .context("{}")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("only be specified together with a mock");
        assertThatThrownBy(() -> fx.client.testState(b -> b.definition("{\"Type\": \"Pass\", \"End\": true}")
                .input("{not json")))
                .isInstanceOf(InvalidExecutionInputException.class);
        assertThatThrownBy(() -> fx.client.testState(b -> b.definition("{\"Type\": \"Banana\"}")))
                .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("Banana");
        assertThatThrownBy(() -> fx.client.testState(b -> b.definition("""
                {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}""").stateName("Missing")))
                // test_base_state_name_validation_failures[dne] in localstack's
                // test_test_state_machine_scenarios.snapshot.json, recorded against AWS on 03-12-2025
                .isInstanceOf(ValidationException.class).hasMessageContaining("State not found in definition");
    }

    @Test
    void testState_whenMapMockedAtDebug_inspectsItemsSelectionAndSettings() throws Exception {
        TestStateResponse response = fx.client.testState(b -> b.definition("""
                {"Type": "Map", "ItemsPath": "$.orders", "MaxConcurrency": 2, "ToleratedFailurePercentage": 10,
                 "ItemSelector": {"id.$": "$$.Map.Item.Value.id", "position.$": "$$.Map.Item.Index"},
                 "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                 "ResultPath": "$.shipped", "End": true}""")
                .input("{\"orders\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}")
                .mock(m -> m.result("[1, 2]")).inspectionLevel(InspectionLevel.DEBUG));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(response.inspectionData().afterItemsPath())).isEqualTo(json("[{\"id\":\"a\"},{\"id\":\"b\"}]"));
        assertThat(json(response.inspectionData().afterItemSelector()))
                .isEqualTo(json("[{\"id\":\"a\",\"position\":0},{\"id\":\"b\",\"position\":1}]"));
        assertThat(response.inspectionData().maxConcurrency()).isEqualTo(2);
        assertThat(response.inspectionData().toleratedFailurePercentage()).isEqualTo(10f);
        assertThat(response.inspectionData().toleratedFailureCount()).isNull();
        assertThat(json(response.output())).isEqualTo(json("{\"orders\":[{\"id\":\"a\"},{\"id\":\"b\"}],"
                + "\"shipped\":[1,2]}"));
    }

    @Test
    void testState_whenMapItemsPathSelectsNoArray_isFailedWithStatesRuntime() {
        TestStateResponse response = fx.client.testState(b -> b.definition("""
                {"Type": "Map", "ItemsPath": "$.orders",
                 "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}""")
                .input("{\"orders\": 5}").mock(m -> m.result("[]")));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(response.error()).isEqualTo("States.Runtime");
        assertThat(response.cause()).contains("The ItemsPath must select a JSON array");
    }

    // The messages of localstack's test_state_mock_validation.snapshot.json, recorded against AWS on 10-12-2025 and
    // 25-02-2026 (test_state_type_does_not_accept_mock, test_state_type_requires_mock,
    // test_both_mock_result_and_mock_error_output_are_set, test_reveal_secrets_is_true_and_mock_result_is_set,
    // test_mock_result_is_not_array_on_map_state_without_result_writer,
    // test_mock_result_is_not_array_on_parallel_state, test_mock_result_array_size_mismatch_on_parallel_state).
    @Test
    void testState_whenTheMockDoesNotFitTheState_throwsTheRecordedAwsErrors() {
        String map = """
                {"Type": "Map", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                 "End": true}""";
        String parallel = """
                {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                                                  {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}],
                 "End": true}""";

        for (String type : new String[] {"Pass", "Fail", "Succeed"}) {
            assertThatThrownBy(() -> fx.client.testState(b -> b.definition("{\"Type\": \"" + type + "\""
                    + (type.equals("Pass") ? ", \"End\": true}" : "}")).mock(m -> m.errorOutput(e -> e.error("E")))))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("State type '" + type + "' is not supported when a mock is specified");
        }
        for (String untested : new String[] {map, parallel}) {
            assertThatThrownBy(() -> fx.client.testState(b -> b.definition(untested)))
                    .isInstanceOf(InvalidDefinitionException.class)
                    .hasMessageContaining("TestState API does not support Map or Parallel states. Supported state"
                            + " types include: [Task, Wait, Pass, Succeed, Fail, Choice]");
        }
        assertThatThrownBy(() -> fx.client.testState(b -> b.definition(RETRYING_TASK)
                .mock(m -> m.result("{}").errorOutput(e -> e.error("E")))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("A test mock should have only one of the following fields:"
                        + " [result, errorOutput].");
        assertThatThrownBy(() -> fx.client.testState(b -> b.definition(RETRYING_TASK).revealSecrets(true)
                .mock(m -> m.result("{}"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("TestState does not support RevealSecrets when a mock is specified.");
        assertThatThrownBy(() -> fx.client.testState(b -> b.definition(map).mock(m -> m.result("{}"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Mocked result must be an array.");
        assertThatThrownBy(() -> fx.client.testState(b -> b.definition(parallel).mock(m -> m.result("{}"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Mocked result must be an array.");
        assertThatThrownBy(() -> fx.client.testState(b -> b.definition(parallel).mock(m -> m.result("[1]"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Mocked result must contain the same"
                        + " number of items as number of Parallel branches.");
    }

    // test_field_validation_mode_none (localstack, recorded against AWS): under NONE a mocked result missing the
    // service's required fields is used as it is. Locally no mode checks the service's response shape.
    @Test
    void testState_whenFieldValidationModeNone_usesAMockedResultWithoutTheServicesFields() throws Exception {
        TestStateResponse response = fx.client.testState(b -> b.definition("""
                {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
                 "Parameters": {"StateMachineArn.$": "$.stateMachineArn"}, "End": true}""")
                .input("{\"stateMachineArn\": \"arn:aws:states:us-east-1:000000000000:stateMachine:T\"}")
                .mock(m -> m.result("{}").fieldValidationMode(MockResponseValidationMode.NONE)));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(response.output())).isEqualTo(json("{}"));
    }

    @Test
    void testState_whenFieldValidationModeIsUnknown_throwsValidationExceptionListingTheModes() {
        assertThatThrownBy(() -> fx.client.testState(b -> b.definition(RETRYING_TASK)
                .mock(m -> m.result("{}").fieldValidationMode("LENIENT"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Value 'LENIENT' at 'mock.fieldValidationMode' failed to satisfy constraint");
    }
}
