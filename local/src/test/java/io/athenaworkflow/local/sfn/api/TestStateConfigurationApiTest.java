package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InspectionData;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.MockInput;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateConfiguration;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * TestState's {@code stateConfiguration} ({@code mapIterationFailureCount}, {@code errorCausedByState},
 * {@code mapItemReaderData}, {@code retrierRetryCount}) through the SDK v2 JSON API. Unless a test says otherwise, the
 * definitions, inputs and expected values are those of the responses AWS recorded on 13/14/22-11-2025 in localstack's
 * {@code tests/aws/services/stepfunctions/v2/test_state/test_state_configuration.snapshot.json} (the definitions from
 * its {@code templates/test_state/statemachines/*.json5}); each test names the recorded case.
 */
class TestStateConfigurationApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALUES = "{\"Values\": [\"first\", \"second\", \"third\"]}";
    private static final String EXCEEDED = "States.ExceedToleratedFailureThreshold";
    private static final String EXCEEDED_CAUSE = "The specified tolerated failure threshold was exceeded";
    private static final String DISTRIBUTED = """
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}""";

    /** BASE_MAP_STATE: a JSONata Distributed Map without tolerance whose Output is {@code $states}. */
    private static final String BASE_MAP_STATE = """
            {"Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.Values %}",
             "ItemProcessor": {@PROCESSOR@, "StartAt": "TestState", "States": {"TestState": {"Type": "Task",
               "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
               "Arguments": {"FunctionName": "foo", "Payload": "bar"}, "End": true}}},
             "Output": "{% $states %}", "End": true}""".replace("@PROCESSOR@", DISTRIBUTED);

    /** BASE_MAP_STATE_CATCH: ToleratedFailureCount 1, a catcher for MockException, then one for the threshold. */
    private static final String BASE_MAP_STATE_CATCH = """
            {"Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.Values %}",
             "ItemProcessor": {@PROCESSOR@, "StartAt": "TestState", "States": {"TestState": {"Type": "Task",
               "Resource": "arn:aws:lambda:your-region:your-account-id:function:yourHelloWorldFunction",
               "End": true}}},
             "Catch": [{"ErrorEquals": ["MockException"], "Output": "{% $states %}", "Next": "HandleMockError"},
                       {"ErrorEquals": ["States.ExceedToleratedFailureThreshold"], "Output": "{% $states %}",
                        "Next": "HandleThreshold"}],
             "ToleratedFailureCount": 1, "End": true}""".replace("@PROCESSOR@", DISTRIBUTED);

    /** BASE_MAP_STATE_RETRY: ToleratedFailureCount 1, a retrier for MockException, then one for the threshold. */
    private static final String BASE_MAP_STATE_RETRY = """
            {"Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.Values %}",
             "ItemProcessor": {@PROCESSOR@, "StartAt": "TestState", "States": {"TestState": {"Type": "Task",
               "Resource": "arn:aws:lambda:your-region:your-account-id:function:yourHelloWorldFunction",
               "End": true}}},
             "Retry": [{"ErrorEquals": ["MockException"], "MaxAttempts": 3},
                       {"ErrorEquals": ["States.ExceedToleratedFailureThreshold"], "MaxAttempts": 2}],
             "ToleratedFailureCount": 1, "End": true}""".replace("@PROCESSOR@", DISTRIBUTED);

    /** MAP_TASK_STATE: an Output counting the mocked iteration results, Retry and Catch for the threshold. */
    private static final String MAP_TASK_STATE = """
            {"Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.Values %}",
             "ItemProcessor": {@PROCESSOR@, "StartAt": "TestState", "States": {"TestState": {"Type": "Task",
               "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
               "Arguments": {"FunctionName": "foo", "Payload": "bar"}, "End": true}}},
             "Output": {"result": "{% $map($states.result, function($v) { $v = 1 ? 'pass' : 'failed' }) %}",
                        "successCount": "{% $count($states.result[$ = 1]) %}",
                        "failedCount": "{% $count($states.result[$ = 0]) %}"},
             "ToleratedFailureCount": 1,
             "Retry": [{"ErrorEquals": ["MockException"], "MaxAttempts": 3},
                       {"ErrorEquals": ["States.ExceedToleratedFailureThreshold"], "MaxAttempts": 2}],
             "Catch": [{"ErrorEquals": ["States.ExceedToleratedFailureThreshold"], "Output": "{% $states %}",
                        "Next": "HandleThresholdExceeded"},
                       {"ErrorEquals": ["MockException"], "Output": "{% $states %}", "Next": "HandleMockException"}],
             "End": true}""".replace("@PROCESSOR@", DISTRIBUTED);

    /** BASE_MAP_STATE_MACHINE: a JSONPath machine whose State0 maps $.Values with ToleratedFailureCount 2. */
    private static final String BASE_MAP_STATE_MACHINE = """
            {"StartAt": "State0", "States": {"State0": {"Type": "Map", "ItemsPath": "$.Values",
              "ItemProcessor": {@PROCESSOR@, "StartAt": "HandleItem",
                "States": {"HandleItem": {"Type": "Pass", "End": true}}},
              "ToleratedFailureCount": 2, "End": true}}}""".replace("@PROCESSOR@", DISTRIBUTED);

    /** MAP_ITEM_READER_STATE_MACHINE: a JSONata machine whose State0 reads a JSON array from S3. */
    private static final String MAP_ITEM_READER_STATE_MACHINE = """
            {"QueryLanguage": "JSONata", "StartAt": "State0", "States": {"State0": {"Type": "Map",
              "MaxConcurrency": 1,
              "ItemReader": {"ReaderConfig": {"InputType": "JSON"}, "Resource": "arn:aws:states:::s3:getObject",
                             "Arguments": {"Bucket": "{% $states.input.Bucket %}", "Key": "{% $states.input.Key %}"}},
              "ItemProcessor": {@PROCESSOR@, "StartAt": "HandleItem",
                "States": {"HandleItem": {"Type": "Pass", "End": true}}},
              "End": true}}}""".replace("@PROCESSOR@", DISTRIBUTED);

    /** BASE_TASK_STATE_RETRY: a JSONata Task retrying MockException 5 times from 1 s, doubling. */
    private static final String BASE_TASK_STATE_RETRY = """
            {"QueryLanguage": "JSONata", "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
             "Arguments": {"FunctionName": "foo", "Payload": "bar"},
             "Retry": [{"ErrorEquals": ["MockException"], "IntervalSeconds": 1, "MaxAttempts": 5,
                        "BackoffRate": 2.0}],
             "End": true}""";

    private SfnFixture fx;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(new FakeLambda());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private TestStateResponse test(String definition, String stateName, String input,
                                   Consumer<TestStateConfiguration.Builder> configuration,
                                   Consumer<MockInput.Builder> mock) {
        return fx.client.testState(b -> b.definition(definition).stateName(stateName).input(input)
                .roleArn(SfnFixture.ROLE).stateConfiguration(configuration).mock(mock)
                .inspectionLevel(InspectionLevel.DEBUG));
    }

    private static Consumer<MockInput.Builder> result(String result) {
        return m -> m.result(result);
    }

    private static Consumer<MockInput.Builder> mockError(String cause) {
        return m -> m.errorOutput(e -> e.error("MockException").cause(cause));
    }

    // test_map_state_failure_count[DEBUG-BASE_MAP_STATE_CATCH] below_tolerated_failure
    @Test
    void mapIterationFailureCount_whenWithinTheToleratedCount_succeedsWithTheMockedResult() throws Exception {
        TestStateResponse response = test(BASE_MAP_STATE_CATCH, null, VALUES,
                c -> c.mapIterationFailureCount(0), result("[1, 1, 1]"));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(response.output())).isEqualTo(json("[1, 1, 1]"));
        assertThat(response.error()).isNull();
        InspectionData inspection = response.inspectionData();
        assertThat(json(inspection.input())).isEqualTo(json(VALUES));
        assertThat(inspection.maxConcurrency()).isZero();
        assertThat(inspection.toleratedFailureCount()).isEqualTo(1);
        assertThat(inspection.errorDetails()).isNull();
        assertThat(inspection.variables()).isNull();
        assertThat(inspection.result()).isNull();
    }

    // test_map_state_failure_count[DEBUG-BASE_MAP_STATE_CATCH] exceeds_tolerated_failure
    @Test
    void mapIterationFailureCount_whenAboveTheToleratedCountAndCaught_isCaughtErrorWithTheCatchersNext()
            throws Exception {
        TestStateResponse response = test(BASE_MAP_STATE_CATCH, null, VALUES,
                c -> c.mapIterationFailureCount(2), result("[0, 0, 1]"));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(response.error()).isEqualTo(EXCEEDED);
        assertThat(response.cause()).isEqualTo(EXCEEDED_CAUSE);
        assertThat(response.nextState()).isEqualTo("HandleThreshold");
        assertThat(response.inspectionData().errorDetails().catchIndex()).isEqualTo(1);
        assertThat(response.inspectionData().errorDetails().retryIndex()).isNull();
        assertThat(response.inspectionData().toleratedFailureCount()).isEqualTo(1);
        JsonNode output = json(response.output());
        assertThat(output.get("input")).isEqualTo(json(VALUES));
        assertThat(output.get("errorOutput"))
                .isEqualTo(json("{\"Error\": \"" + EXCEEDED + "\", \"Cause\": \"" + EXCEEDED_CAUSE + "\"}"));
        assertThat(output.path("context").path("Execution").path("Input")).isEqualTo(json(VALUES));
    }

    // test_map_state_failure_count[DEBUG-BASE_MAP_STATE_RETRY] both cases
    @Test
    void mapIterationFailureCount_whenAboveTheToleratedCountAndRetried_isRetriableWithThatRetrier()
            throws Exception {
        TestStateResponse below = test(BASE_MAP_STATE_RETRY, null, VALUES,
                c -> c.mapIterationFailureCount(0), result("[1, 1, 1]"));
        TestStateResponse above = test(BASE_MAP_STATE_RETRY, null, VALUES,
                c -> c.mapIterationFailureCount(2), result("[0, 0, 1]"));

        assertThat(below.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(below.output())).isEqualTo(json("[1, 1, 1]"));
        assertThat(above.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
        assertThat(above.error()).isEqualTo(EXCEEDED);
        assertThat(above.cause()).isEqualTo(EXCEEDED_CAUSE);
        assertThat(above.output()).isNull();
        assertThat(above.nextState()).isNull();
        assertThat(above.inspectionData().errorDetails().retryIndex()).isEqualTo(1);
        assertThat(above.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(1);
        assertThat(above.inspectionData().errorDetails().catchIndex()).isNull();
    }

    // test_map_state_failure_count[DEBUG-MAP_TASK_STATE] both cases: the Retry wins over the Catch
    @Test
    void mapIterationFailureCount_whenRetryAndCatchBothMatch_isRetriableAndTheOutputCountsTheMockedResults()
            throws Exception {
        TestStateResponse below = test(MAP_TASK_STATE, null, VALUES,
                c -> c.mapIterationFailureCount(0), result("[1, 1, 1]"));
        TestStateResponse above = test(MAP_TASK_STATE, null, VALUES,
                c -> c.mapIterationFailureCount(2), result("[0, 0, 1]"));

        assertThat(below.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(below.output()))
                .isEqualTo(json("""
                        {"result": ["pass", "pass", "pass"], "successCount": 3, "failedCount": 0}"""));
        assertThat(below.inspectionData().toleratedFailureCount()).isEqualTo(1);
        assertThat(above.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
        assertThat(above.error()).isEqualTo(EXCEEDED);
        assertThat(above.inspectionData().errorDetails().retryIndex()).isEqualTo(1);
        assertThat(above.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(1);
    }

    // test_map_state_failure_count[DEBUG-BASE_MAP_STATE] exceeds_tolerated_failure: no tolerance set, no threshold
    @Test
    void mapIterationFailureCount_whenTheMapSetsNoTolerance_isIgnoredAndTheMapSucceeds() throws Exception {
        TestStateResponse response = test(BASE_MAP_STATE, null, VALUES,
                c -> c.mapIterationFailureCount(2), result("[0, 0, 1]"));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        JsonNode output = json(response.output());
        assertThat(output.get("result")).isEqualTo(json("[0, 0, 1]"));
        assertThat(output.get("input")).isEqualTo(json(VALUES));
        assertThat(output.path("context").path("State").path("RetryCount").asInt(-1)).isZero();
        assertThat(response.inspectionData().maxConcurrency()).isZero();
        assertThat(response.inspectionData().toleratedFailureCount()).isNull();
        assertThat(response.inspectionData().result()).isNull();
    }

    // test_map_state_error_caused_by_state[DEBUG]
    @Test
    void errorCausedByState_whenAStateOfTheProcessorWithAMockedError_failsWithTheMockedError() throws Exception {
        TestStateResponse response = test(BASE_MAP_STATE, null, "{\"Values\": [1, 1, 1]}",
                c -> c.errorCausedByState("TestState"), mockError("Mock the cause of the error."));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(response.error()).isEqualTo("MockException");
        assertThat(response.cause()).isEqualTo("Mock the cause of the error.");
        assertThat(response.output()).isNull();
        assertThat(json(response.inspectionData().input())).isEqualTo(json("{\"Values\": [1, 1, 1]}"));
        assertThat(response.inspectionData().maxConcurrency()).isZero();
        assertThat(response.inspectionData().errorDetails()).isNull();
    }

    // test_state_configuration_map_iteration_failure_count_with_state_error[DEBUG] both cases
    @Test
    void errorCausedByState_whenAlsoGivenIterationFailures_stillFailsWithTheMockedError() {
        for (int failures : new int[] {0, 2}) {
            TestStateResponse response = test(BASE_MAP_STATE, null, VALUES,
                    c -> c.mapIterationFailureCount(failures).errorCausedByState("TestState"),
                    mockError("Mock the error cause."));

            assertThat(response.status()).isEqualTo(TestExecutionStatus.FAILED);
            assertThat(response.error()).isEqualTo("MockException");
            assertThat(response.cause()).isEqualTo("Mock the error cause.");
        }
    }

    // test_state_machine_with_state_error[DEBUG] both cases: a JSONPath Map found by stateName
    @Test
    void errorCausedByState_whenJsonPathMapOfAWholeMachine_failsAndInspectsItsItemsAndTolerance() throws Exception {
        for (int failures : new int[] {0, 2}) {
            TestStateResponse response = test(BASE_MAP_STATE_MACHINE, "State0", VALUES,
                    c -> c.mapIterationFailureCount(failures).errorCausedByState("HandleItem"),
                    mockError("Mock the error cause."));

            assertThat(response.status()).isEqualTo(TestExecutionStatus.FAILED);
            assertThat(response.error()).isEqualTo("MockException");
            assertThat(response.cause()).isEqualTo("Mock the error cause.");
            InspectionData inspection = response.inspectionData();
            assertThat(json(inspection.input())).isEqualTo(json(VALUES));
            assertThat(json(inspection.afterInputPath())).isEqualTo(json(VALUES));
            assertThat(json(inspection.afterItemsPath())).isEqualTo(json("[\"first\", \"second\", \"third\"]"));
            assertThat(inspection.maxConcurrency()).isZero();
            assertThat(inspection.toleratedFailureCount()).isEqualTo(2);
        }
    }

    // test_state_machine_configuration_map_iteration_item_reader[DEBUG]: the data stands in for s3://test-bucket
    @Test
    void mapItemReaderData_whenGivenForAnItemReaderMap_readsNoS3AndSucceedsWithTheMockedResult() throws Exception {
        TestStateResponse response = test(MAP_ITEM_READER_STATE_MACHINE, "State0",
                "{\"Bucket\": \"test-bucket\", \"Key\": \"test-key\"}", c -> c.mapItemReaderData("[1, 2, 3]"),
                result("[1, 4, 9]"));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(response.output())).isEqualTo(json("[1, 4, 9]"));
        assertThat(json(response.inspectionData().input()))
                .isEqualTo(json("{\"Bucket\": \"test-bucket\", \"Key\": \"test-key\"}"));
        assertThat(response.inspectionData().maxConcurrency()).isEqualTo(1);
        assertThat(response.inspectionData().afterItemsPath()).isNull();
    }

    // test_state_machine_configuration_item_reader_with_error[DEBUG] both cases
    @Test
    void mapItemReaderData_whenTheMockIsAnError_failsWithTheMockedError() {
        for (int failures : new int[] {0, 2}) {
            TestStateResponse response = test(MAP_ITEM_READER_STATE_MACHINE, "State0",
                    "{\"Bucket\": \"test-bucket\", \"Key\": \"test-key\"}",
                    c -> c.mapIterationFailureCount(failures).errorCausedByState("HandleItem")
                            .mapItemReaderData("[1, 2, 3]"),
                    mockError("Mock the error cause."));

            assertThat(response.status()).isEqualTo(TestExecutionStatus.FAILED);
            assertThat(response.error()).isEqualTo("MockException");
            assertThat(response.cause()).isEqualTo("Mock the error cause.");
            assertThat(response.inspectionData().maxConcurrency()).isEqualTo(1);
        }
    }

    // test_state_configuration_retrier_retry_count[DEBUG] both cases
    @Test
    void retrierRetryCount_whenAttemptsRemainOrAreUsedUp_isRetriableWithBackoffOrFailedNamingTheRetrier()
            throws Exception {
        TestStateResponse retriable = test(BASE_TASK_STATE_RETRY, null, VALUES, c -> c.retrierRetryCount(4),
                mockError("Mock the cause of the error."));
        TestStateResponse exhausted = test(BASE_TASK_STATE_RETRY, null, VALUES, c -> c.retrierRetryCount(5),
                mockError("Mock the cause of the error."));

        assertThat(retriable.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
        assertThat(retriable.inspectionData().errorDetails().retryIndex()).isZero();
        assertThat(retriable.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(16);
        assertThat(json(retriable.inspectionData().afterArguments()))
                .isEqualTo(json("{\"FunctionName\": \"foo\", \"Payload\": \"bar\"}"));
        assertThat(exhausted.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(exhausted.error()).isEqualTo("MockException");
        assertThat(exhausted.cause()).isEqualTo("Mock the cause of the error.");
        assertThat(exhausted.inspectionData().errorDetails().retryIndex()).isZero();
        assertThat(exhausted.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isNull();
    }

    // Not recorded: the local runtime's reading of the data per ReaderConfig, and its batching and selection.
    @Test
    void mapItemReaderData_whenCsvWithSelectorBatcherAndMaxItems_inspectsTheParsedRowsAndBatches() throws Exception {
        TestStateResponse response = test("""
                {"StartAt": "Rows", "States": {"Rows": {"Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                 "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 3},
                                 "Parameters": {"Bucket": "b", "Key": "k.csv"}},
                  "ItemSelector": {"who.$": "$$.Map.Item.Value.name", "at.$": "$$.Map.Item.Index"},
                  "ItemBatcher": {"MaxItemsPerBatch": 2},
                  "ItemProcessor": {@PROCESSOR@, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "End": true}}}""".replace("@PROCESSOR@", DISTRIBUTED), "Rows", "{}",
                c -> c.mapItemReaderData("name,age\nana,31\n\"bo, jr\",7\ncy,5\ndee,9\n"), result("[]"));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(response.inspectionData().afterItemSelector())).isEqualTo(json("""
                [{"who": "ana", "at": 0}, {"who": "bo, jr", "at": 1}, {"who": "cy", "at": 2}]"""));
        assertThat(json(response.inspectionData().afterItemBatcher())).isEqualTo(json("""
                [{"Items": [{"who": "ana", "at": 0}, {"who": "bo, jr", "at": 1}]},
                 {"Items": [{"who": "cy", "at": 2}]}]"""));
        assertThat(response.inspectionData().afterItemsPath()).isNull();
    }

    // Not recorded: ToleratedFailurePercentage is a share of the items the data holds.
    @Test
    void mapIterationFailureCount_whenAboveTheToleratedPercentageOfTheReaderItems_failsWithTheThreshold() {
        String definition = """
                {"StartAt": "Rows", "States": {"Rows": {"Type": "Map", "ToleratedFailurePercentage": 50,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                                 "Parameters": {"Bucket": "b", "Key": "k.jsonl"}},
                  "ItemProcessor": {@PROCESSOR@, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "End": true}}}""".replace("@PROCESSOR@", DISTRIBUTED);
        String fourItems = "{\"n\": 1}\n{\"n\": 2}\n{\"n\": 3}\n{\"n\": 4}\n";

        TestStateResponse half = test(definition, "Rows", "{}",
                c -> c.mapIterationFailureCount(2).mapItemReaderData(fourItems), result("[1, 1, 1, 1]"));
        TestStateResponse more = test(definition, "Rows", "{}",
                c -> c.mapIterationFailureCount(3).mapItemReaderData(fourItems), result("[1, 1, 1, 1]"));

        assertThat(half.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(half.inspectionData().toleratedFailurePercentage()).isEqualTo(50f);
        assertThat(more.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(more.error()).isEqualTo(EXCEEDED);
        assertThat(more.cause()).isEqualTo(EXCEEDED_CAUSE);
    }

    // Not recorded: data that is not the declared InputType fails as a reader reading such an object does.
    @Test
    void mapItemReaderData_whenNotTheDeclaredInputType_failsWithItemReaderFailed() {
        TestStateResponse response = test(MAP_ITEM_READER_STATE_MACHINE, "State0",
                "{\"Bucket\": \"b\", \"Key\": \"k\"}",
                c -> c.mapItemReaderData("{\"not\": \"an array\"}"), result("[]"));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(response.error()).isEqualTo("States.ItemReaderFailed");
        assertThat(response.cause()).contains("mapItemReaderData must hold a JSON array for InputType JSON");
    }

    // Not recorded: without mapItemReaderData the ItemReader reads the local S3, as a Task without a mock calls its
    // integration.
    @Test
    void mapItemReader_whenNoReaderDataIsGiven_readsTheObjectFromTheLocalS3() throws Exception {
        fx.aws.s3().createBucket("test-bucket");
        fx.aws.objectStore().put("test-bucket", "test-key", "[{\"n\": 1}, {\"n\": 2}]".getBytes(StandardCharsets.UTF_8),
                "application/json");

        String selecting = MAP_ITEM_READER_STATE_MACHINE.replace("\"MaxConcurrency\": 1,",
                "\"MaxConcurrency\": 1, \"ItemSelector\": \"{% $states.context.Map.Item.Value.n %}\",");

        TestStateResponse response = fx.client.testState(b -> b.definition(selecting)
                .stateName("State0").input("{\"Bucket\": \"test-bucket\", \"Key\": \"test-key\"}")
                .mock(m -> m.result("[]")).inspectionLevel(InspectionLevel.DEBUG));

        assertThat(response.status()).as(response.cause()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(json(response.inspectionData().afterItemSelector())).isEqualTo(json("[1, 2]"));
    }

    // Not recorded (AWS's messages are unknown): requests whose stateConfiguration the state has no use for.
    @Test
    void stateConfiguration_whenAMemberDoesNotFitTheState_throwsValidationExceptionNamingIt() {
        assertThatThrownBy(() -> test(BASE_MAP_STATE, null, VALUES, c -> c.errorCausedByState("Nowhere"),
                mockError("x")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("errorCausedByState 'Nowhere' names no state inside the Map state");
        assertThatThrownBy(() -> test(BASE_MAP_STATE, null, VALUES, c -> c.errorCausedByState("TestState"),
                result("[]")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("needs mock.errorOutput");
        assertThatThrownBy(() -> test(BASE_TASK_STATE_RETRY, null, VALUES, c -> c.errorCausedByState("TestState"),
                mockError("x")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("errorCausedByState applies only to a Map or Parallel state");
        assertThatThrownBy(() -> test(BASE_TASK_STATE_RETRY, null, VALUES, c -> c.mapIterationFailureCount(1),
                mockError("x")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("mapIterationFailureCount applies only to a Map state");
        assertThatThrownBy(() -> test(BASE_MAP_STATE, null, VALUES, c -> c.mapItemReaderData("[]"), result("[]")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("has no ItemReader");
        assertThatThrownBy(() -> test(BASE_MAP_STATE, null, VALUES, c -> c.mapIterationFailureCount(-1),
                result("[]")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'stateConfiguration.mapIterationFailureCount' failed to satisfy constraint");
        assertThatThrownBy(() -> test(BASE_MAP_STATE, null, VALUES, c -> c.errorCausedByState("x".repeat(81)),
                mockError("x")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Member must have length less than or equal to 80");
    }

    // Not recorded: errorCausedByState inside a Parallel names a state of one of its branches, at any depth.
    @Test
    void errorCausedByState_whenAStateOfANestedParallelBranch_failsWithTheMockedError() {
        TestStateResponse response = fx.client.testState(b -> b.definition("""
                {"Type": "Parallel", "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                  {"StartAt": "Inner", "States": {"Inner": {"Type": "Parallel", "Branches": [
                    {"StartAt": "Deep", "States": {"Deep": {"Type": "Pass", "End": true}}}], "End": true}}}],
                 "End": true}""").stateConfiguration(c -> c.errorCausedByState("Deep"))
                .mock(mockError("deep failure")));

        assertThat(response.status()).isEqualTo(TestExecutionStatus.FAILED);
        assertThat(response.error()).isEqualTo("MockException");
        assertThat(response.cause()).isEqualTo("deep failure");
    }
}
