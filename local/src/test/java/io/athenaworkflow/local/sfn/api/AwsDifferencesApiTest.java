package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Behaviour where the local interpreter used to differ from executions recorded on AWS, checked through the Step
 * Functions JSON API with the AWS SDK v2: the context object, a Fail state without Error, JSONPath queries over
 * missing input, escaped field names in JSONPath, and the intrinsics States.Format / StringToJson / JsonToString.
 */
class AwsDifferencesApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeLambda lambda = new FakeLambda().returning("echo", "{\"ok\":true}");
    private SfnFixture fx;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(lambda);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private DescribeExecutionResponse run(String definition, String input) {
        String machine = fx.client.createStateMachine(b -> b.name("sm-" + UUID.randomUUID()).definition(definition)
                .roleArn(SfnFixture.ROLE)).stateMachineArn();
        String execution = fx.client.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
        SfnFixture.await(fx.sfn.describeExecution(execution));
        return fx.client.describeExecution(b -> b.executionArn(execution));
    }

    private List<HistoryEvent> history(DescribeExecutionResponse execution) {
        return fx.client.getExecutionHistory(b -> b.executionArn(execution.executionArn())).events();
    }

    private static JsonNode output(DescribeExecutionResponse execution) throws Exception {
        assertThat(execution.status()).as("status (error %s, cause %s)", execution.error(), execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        return JSON.readTree(execution.output());
    }

    @Test
    void contextObject_whenPassState_hasNoRetryCountAndAwsMemberOrder() throws Exception {
        JsonNode output = output(run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"ctx.$": "$$"}, "End": true}}}""",
                "{}"));

        JsonNode context = output.get("ctx");
        assertThat(context.fieldNames()).toIterable().containsExactly("Execution", "StateMachine", "State");
        assertThat(context.get("Execution").fieldNames()).toIterable()
                .containsExactly("Id", "Input", "StartTime", "Name", "RoleArn", "RedriveCount");
        assertThat(context.get("State").fieldNames()).toIterable().containsExactly("Name", "EnteredTime");
    }

    @Test
    void contextObject_whenTaskState_hasRetryCount() throws Exception {
        JsonNode output = output(run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:000000000000:function:echo",
                  "Parameters": {"retries.$": "$$.State.RetryCount"}, "ResultPath": "$.result",
                  "ResultSelector": {"state.$": "$$.State"}, "End": true}}}""", "{}"));

        assertThat(output.at("/result/state/RetryCount").asInt(-1)).isZero();
        assertThat(lambda.calls()).singleElement().satisfies(call -> assertThat(call.payload())
                .isEqualTo("{\"retries\":0}"));
    }

    @Test
    void failState_whenNoErrorOrCause_executionFailsWithNeitherRecorded() {
        DescribeExecutionResponse failed = run("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail"}}}""", "{}");

        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isNull();
        assertThat(failed.cause()).isNull();
        HistoryEvent last = history(failed).getLast();
        assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_FAILED);
        assertThat(last.executionFailedEventDetails().error()).isNull();
        assertThat(last.executionFailedEventDetails().cause()).isNull();
    }

    @Test
    void failState_whenNoErrorAndCaught_errorOutputHasNoErrorMember() throws Exception {
        JsonNode output = output(run("""
                {"StartAt": "Par", "States": {
                  "Par": {"Type": "Parallel", "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail",
                          "Cause": "only a cause"}}}],
                          "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.caught", "Next": "Done"}],
                          "End": true},
                  "Done": {"Type": "Succeed"}}}""", "{}"));

        assertThat(output.get("caught")).isEqualTo(JSON.readTree("{\"Cause\":\"only a cause\"}"));
    }

    @Test
    void jsonPath_whenFieldNamesHaveEscapes_readsAndWritesTheNamedFields() throws Exception {
        // In the definition's JSON, "$.store\\.book" is the path $.store\.book: the field "store.book".
        JsonNode output = output(run("""
                {"StartAt": "Pick", "States": {
                  "Pick": {"Type": "Choice", "Choices": [{"Variable": "$.flag\\\\.on", "BooleanEquals": true,
                           "Next": "Read"}], "Default": "Wrong"},
                  "Wrong": {"Type": "Fail", "Error": "EscapeNotRead"},
                  "Read": {"Type": "Pass", "InputPath": "$.in\\\\.put", "Parameters": {
                             "dotted.$": "$.store\\\\.book", "nested.$": "$.store.book",
                             "symbols.$": "$.foo\\\\@bar.baz\\\\[\\\\[.\\\\?pretty", "bracket.$": "$['store.book']",
                             "context.$": "$$.Execution.Input.flag\\\\.on"},
                           "ResultPath": "$.out\\\\.put", "End": true}}}""",
                """
                {"flag.on": true, "in.put": {"store.book": 4, "store": {"book": 5},
                 "foo@bar": {"baz[[": {"?pretty": 9}}}}"""));

        assertThat(output.get("out.put")).isEqualTo(JSON.readTree("""
                {"dotted": 4, "nested": 5, "symbols": 9, "bracket": 4, "context": true}"""));
    }

    @Test
    void jsonPath_whenWildcardOrSliceOverMissingInput_yieldsAnEmptyArray() throws Exception {
        JsonNode output = output(run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
                  "all.$": "$.items[*]", "rest.$": "$.items[1:]", "first.$": "$.item.items[:1].itemValue"},
                  "End": true}}}""", "{\"other\": 1}"));

        assertThat(output).isEqualTo(JSON.readTree("{\"all\":[],\"rest\":[],\"first\":[]}"));
    }

    @Test
    void intrinsics_whenFormattingObjectsAndParsingBlankStrings_answerAsRecordedOnAws() throws Exception {
        JsonNode output = output(run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {
                  "formatted.$": "States.Format('fst={} and snd={}.', $.obj, $.list)",
                  "text.$": "States.JsonToString($.obj)",
                  "empty.$": "States.StringToJson($.blank)"},
                  "End": true}}}""", """
                {"obj": {"Arg1": 1, "Arg2": []}, "list": [1, "HelloWorld", {"k": null}], "blank": " "}"""));

        assertThat(output.get("formatted").asText())
                .isEqualTo("fst={Arg1=1, Arg2=[]} and snd=[1, HelloWorld, {k=null}].");
        assertThat(output.get("text").asText()).isEqualTo("{\"Arg1\":1,\"Arg2\":[]}");
        assertThat(output.get("empty").isNull()).isTrue();
    }
}
