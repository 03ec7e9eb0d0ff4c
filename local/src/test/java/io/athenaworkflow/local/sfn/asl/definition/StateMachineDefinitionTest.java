package io.athenaworkflow.local.sfn.asl.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StateMachineDefinitionTest {

    @Test
    void parse_whenValid_exposesStatesLanguageAndTimeout() {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
                {"Comment":"c","QueryLanguage":"JSONata","TimeoutSeconds":30,"StartAt":"A","States":{
                  "A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                       "Retry":[{"ErrorEquals":["States.ALL"],"MaxDelaySeconds":5,"JitterStrategy":"FULL"}],
                       "Next":"B"},
                  "B":{"Type":"Succeed","QueryLanguage":"JSONata"}}}""");

        assertThat(definition.queryLanguage()).isEqualTo(QueryLanguage.JSONATA);
        assertThat(definition.timeoutSeconds()).hasValue(30);
        assertThat(definition.graph().startAt()).isEqualTo("A");
        Retrier retrier = definition.graph().require("A").retriers().getFirst();
        assertThat(retrier).isEqualTo(new Retrier(java.util.List.of("States.ALL"), 1, 3, 2.0, 5, JitterStrategy.FULL));
    }

    @Test
    void parse_whenNextTargetMissing_reportsMissingTransitionTarget() {
        assertThatThrownBy(() -> StateMachineDefinition.parse("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}"""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target:"
                        + " Nowhere at /States/A/Next'");
    }

    @Test
    void parse_whenNeitherNextNorEnd_reportsTheState() {
        assertThatThrownBy(() -> StateMachineDefinition.parse("""
                {"StartAt":"A","States":{"A":{"Type":"Pass"}}}"""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("State \"A\" must have either Next or End: true at /States/A");
    }

    @Test
    void parse_whenUnknownTypeAndUnreachableState_listsEveryProblem() {
        InvalidDefinitionException error = (InvalidDefinitionException) org.assertj.core.api.Assertions.catchThrowable(
                () -> StateMachineDefinition.parse("""
                        {"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"B":{"Type":"Banana"},
                          "C":{"Type":"Succeed"}}}"""));

        assertThat(error.problems()).anyMatch(p -> p.startsWith("SCHEMA_VALIDATION_FAILED: Value is not a valid"
                + " State type: \"Banana\"") && p.endsWith("at /States/B/Type"));
        assertThat(error.problems()).contains("UNREACHABLE_STATE: State \"C\" is not reachable. at /States/C");
    }

    @Test
    void parse_whenStatesAllIsNotLast_isRejected() {
        assertThatThrownBy(() -> StateMachineDefinition.parse("""
                {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
                  "Catch":[{"ErrorEquals":["States.ALL"],"Next":"B"},{"ErrorEquals":["X"],"Next":"B"}],"End":true},
                  "B":{"Type":"Succeed"}}}"""))
                .hasMessageContaining("A Retrier or Catcher with States.ALL must be the last one at /States/A/Catch[0]");
    }

    @Test
    void parse_whenJsonPathFieldInJsonataState_isRejected() {
        assertThatThrownBy(() -> StateMachineDefinition.parse("""
                {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.x","End":true}}}"""))
                .hasMessageContaining("The field \"InputPath\" is not supported when the QueryLanguage is JSONata"
                        + "; use Arguments, Output and Assign instead at /States/A/InputPath");
    }

    @Test
    void parse_whenInnerScopeAssignsOuterVariable_isRejected() {
        assertThatThrownBy(() -> StateMachineDefinition.parse("""
                {"QueryLanguage":"JSONata","StartAt":"A","States":{
                  "A":{"Type":"Pass","Assign":{"total":0},"Next":"M"},
                  "M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{
                     "I":{"Type":"Pass","Assign":{"total":1},"End":true}}},"End":true}}}"""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("The variable \"total\" is assigned in an inner scope but already defined in"
                        + " an outer scope");
    }

    @Test
    void parse_whenDistributedMapWritesResults_buildsTheTypedResultWriterWithAwsDefaults() {
        MapState map = (MapState) StateMachineDefinition.parse("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{
                  "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
                  "StartAt":"I","States":{"I":{"Type":"Succeed"}}},
                  "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"b"}},
                  "End":true}}}""").graph().require("M");

        assertThat(map.executionType()).isEqualTo(MapState.ExecutionType.EXPRESS);
        assertThat(map.resultWriter().exports()).isTrue();
        assertThat(map.resultWriter().arguments().get("Bucket").asText()).isEqualTo("b");
        assertThat(map.resultWriter().outputType()).isEqualTo(ResultWriter.OutputType.JSON);
        assertThat(map.resultWriter().transformation()).isEqualTo(ResultWriter.Transformation.NONE);
    }

    @Test
    void parse_whenDistributedMapReadsCsv_buildsTheTypedItemReader() {
        MapState map = (MapState) StateMachineDefinition.parse("""
                {"StartAt":"M","States":{"M":{"Type":"Map","Label":"rows","ItemReader":{
                  "Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Key.$":"$.key"},
                  "ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["a","b"],
                    "MaxItems":5}},
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
                  "StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true}}}""").graph().state("M").orElseThrow();

        assertThat(map.distributed()).isTrue();
        assertThat(map.label()).isEqualTo("rows");
        assertThat(map.itemReader()).isEqualTo(new ItemReader(ItemReader.GET_OBJECT,
                map.itemReader().arguments(), ItemReader.InputType.CSV, ItemReader.HeaderLocation.GIVEN,
                java.util.List.of("a", "b"), ItemReader.CsvDelimiter.COMMA,
                new Value.Literal("MaxItems", com.fasterxml.jackson.databind.node.IntNode.valueOf(5))));
        assertThat(map.itemReader().arguments().get("Key.$").asText()).isEqualTo("$.key");
    }

    @Test
    void parse_whenItemReaderInvalid_listsEveryProblem() {
        assertThatThrownBy(() -> StateMachineDefinition.parse("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":{
                  "Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Key":"k"},
                  "ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"GIVEN","MaxItems":-1}},
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},
                  "StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true}}}"""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("ExecutionType must be STANDARD or EXPRESS")
                .hasMessageContaining("MaxItems must be an integer from 0 to 100000000")
                .hasMessageContaining("CSVHeaders must be a non-empty array of strings");
    }

    @Test
    void parse_whenItemBatcherOnInlineMap_isIgnoredButOnDistributedMapIsModelled() {
        String map = """
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemBatcher":{"MaxItemsPerBatchPath":"$.n",
                  "BatchInput":{"k":1}},
                  "ItemProcessor":{MODE"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true}}}""";

        MapState inline = (MapState) StateMachineDefinition.parse(map.replace("MODE", "")).graph().state("M")
                .orElseThrow();
        MapState distributed = (MapState) StateMachineDefinition.parse(map.replace("MODE",
                "\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},")).graph()
                .state("M").orElseThrow();

        assertThat(inline.itemBatcher()).isNull();
        assertThat(distributed.itemBatcher().maxItemsPerBatch())
                .isEqualTo(new Value.Path("MaxItemsPerBatchPath", "$.n"));
        assertThat(distributed.itemBatcher().maxInputBytesPerBatch()).isNull();
        assertThat(distributed.itemBatcher().batchInput().get("k").asInt()).isEqualTo(1);
    }

    @Test
    void parse_whenItemBatcherInvalid_namesEachProblem() {
        String map = """
                {QL"StartAt":"M","States":{"M":{"Type":"Map","ItemBatcher":BATCHER,
                  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true}}}""";

        assertThatThrownBy(() -> StateMachineDefinition.parse(map.replace("QL", "").replace("BATCHER", "{}")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("ItemBatcher must set at least one of MaxItemsPerBatch");
        assertThatThrownBy(() -> StateMachineDefinition.parse(map.replace("QL", "").replace("BATCHER",
                "{\"MaxItemsPerBatch\":0,\"MaxInputBytesPerBatch\":262145,\"BatchInput\":[1]}")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("MaxItemsPerBatch must be an integer from 1 to 2147483647")
                .hasMessageContaining("MaxInputBytesPerBatch must be an integer from 1 to 262144")
                .hasMessageContaining("BatchInput must be an object at /States/M/ItemBatcher/BatchInput");
        assertThatThrownBy(() -> StateMachineDefinition.parse(map.replace("QL", "\"QueryLanguage\":\"JSONata\",")
                .replace("BATCHER", "{\"MaxItemsPerBatchPath\":\"$.n\",\"MaxInputBytesPerBatch\":\"{% 1 + %}\"}")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("Field \"MaxItemsPerBatchPath\" is not supported in ItemBatcher when the"
                        + " QueryLanguage is JSONata")
                .hasMessageContaining("INVALID_JSONATA_EXPRESSION");
    }

    @Test
    void parse_whenItemReaderOnInlineMap_isRejected() {
        assertThatThrownBy(() -> StateMachineDefinition.parse("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":{
                  "Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"b"}},
                  "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}},"End":true}}}"""))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("ItemReader is only supported in a Map whose ProcessorConfig.Mode is"
                        + " DISTRIBUTED");
    }

    @Test
    void parse_whenNotJson_reportsInvalidJson() {
        assertThatThrownBy(() -> StateMachineDefinition.parse("{\"StartAt\":"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION:");
    }
    @Test
    void parse_whenJsonPathStates_buildsOneTypedRecordPerKindWithPathAndLiteralFields() {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
                {"StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","InputPath":"$.in",
                       "Parameters":{"a.$":"$.x"},"ResultPath":null,"TimeoutSecondsPath":"$.timeout","Next":"W"},
                  "W":{"Type":"Wait","SecondsPath":"$.wait","Next":"C"},
                  "C":{"Type":"Choice","Choices":[{"Variable":"$.ok","BooleanEquals":true,"Next":"S"}],
                       "Default":"F"},
                  "S":{"Type":"Succeed"},
                  "F":{"Type":"Fail","Error":"Bad","CausePath":"$.why"}}}""");

        TaskState task = (TaskState) definition.graph().require("T");
        DataFlow.JsonPath flow = (DataFlow.JsonPath) task.flow();
        assertThat(flow.inputPath()).isEqualTo(PathSetting.of("$.in"));
        assertThat(flow.resultPath()).isEqualTo(PathSetting.DISCARD);
        assertThat(flow.outputPath()).isEqualTo(PathSetting.ABSENT);
        assertThat(task.timeoutSeconds()).isEqualTo(new Value.Path("TimeoutSecondsPath", "$.timeout"));
        assertThat(task.heartbeatSeconds()).isNull();
        WaitState wait = (WaitState) definition.graph().require("W");
        assertThat(wait.until()).isEqualTo(WaitState.Until.SECONDS);
        assertThat(wait.value()).isEqualTo(new Value.Path("SecondsPath", "$.wait"));
        ChoiceState choice = (ChoiceState) definition.graph().require("C");
        assertThat(choice.choices()).extracting(ChoiceRule::next).containsExactly("S");
        assertThat(choice.defaultNext()).hasValue("F");
        FailState fail = (FailState) definition.graph().require("F");
        assertThat(fail.error()).isInstanceOf(Value.Literal.class);
        assertThat(fail.cause()).isEqualTo(new Value.Path("CausePath", "$.why"));
        assertThat(definition.graph().require("S")).isInstanceOf(SucceedState.class);
    }

    @Test
    void parse_whenJsonataStates_fieldsAreJsonataTemplatesAndMapKeepsItsProcessor() {
        StateMachineDefinition definition = StateMachineDefinition.parse("""
                {"QueryLanguage":"JSONata","StartAt":"M","States":{
                  "M":{"Type":"Map","Items":"{% $states.input.xs %}","MaxConcurrency":2,
                       "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
                       "Output":"{% $states.result %}","Next":"W"},
                  "W":{"Type":"Wait","Timestamp":"{% $states.input.at %}","End":true}}}""");

        MapState map = (MapState) definition.graph().require("M");
        assertThat(map.items()).isInstanceOf(Value.Jsonata.class);
        assertThat(map.maxConcurrency()).isInstanceOf(Value.Jsonata.class);
        assertThat(map.toleratedFailureCount()).isNull();
        assertThat(map.flow()).isInstanceOf(DataFlow.Jsonata.class);
        assertThat(((DataFlow.Jsonata) map.flow()).output().asText()).isEqualTo("{% $states.result %}");
        assertThat(map.processor().require("P")).isInstanceOf(PassState.class);
        WaitState wait = (WaitState) definition.graph().require("W");
        assertThat(wait.until()).isEqualTo(WaitState.Until.TIMESTAMP);
        assertThat(wait.next()).isEmpty();
    }
}
