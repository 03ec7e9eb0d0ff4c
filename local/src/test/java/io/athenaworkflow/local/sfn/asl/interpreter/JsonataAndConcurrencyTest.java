package io.athenaworkflow.local.sfn.asl.interpreter;

import static io.athenaworkflow.local.sfn.asl.interpreter.Harness.LAMBDA;
import static io.athenaworkflow.local.sfn.asl.interpreter.Harness.START;
import static io.athenaworkflow.local.sfn.asl.interpreter.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.athenaworkflow.local.sfn.asl.StatesError;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JsonataAndConcurrencyTest {

    private final Harness harness = new Harness();

    @Test
    void task_whenJsonataArgumentsOutputAndAssign_evaluatesAgainstStatesBinding() {
        harness.task(LAMBDA, invocation -> json("{\"n\":" + (invocation.arguments().get("v").asInt() * 10) + "}"));
        ExecutionResult result = harness.run("""
                {"QueryLanguage":"JSONata","StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"%s","Arguments":{"v":"{%% $states.input.x + 1 %%}"},
                       "Assign":{"seen":"{%% $states.result.n %%}"},
                       "Output":{"n":"{%% $states.result.n %%}","name":"{%% $states.context.Execution.Name %%}"},
                       "Next":"P"},
                  "P":{"Type":"Pass","Output":{"fromVariable":"{%% $seen %%}"},"End":true}}}"""
                .formatted(LAMBDA), "{\"x\":4}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(result.output())).isEqualTo(json("{\"fromVariable\":50}"));
        assertThat(harness.event("TaskStateExited").details().get("output").asText())
                .isEqualTo("{\"n\":50,\"name\":\"exec-1\"}");
        assertThat(harness.event("TaskStateExited").details().get("assignedVariables"))
                .isEqualTo(json("{\"seen\":\"50\"}"));
    }

    @Test
    void assign_whenOneStateAssignsSeveralVariables_allReadTheValuesFromBeforeTheState() {
        ExecutionResult result = harness.run("""
                {"QueryLanguage":"JSONata","StartAt":"Init","States":{
                  "Init":{"Type":"Pass","Assign":{"a":1,"b":2},"Next":"Swap"},
                  "Swap":{"Type":"Pass","Assign":{"a":"{% $b %}","b":"{% $a %}"},
                          "Output":{"outputSeesOld":"{% $a %}"},"Next":"Read"},
                  "Read":{"Type":"Pass","Output":{"a":"{% $a %}","b":"{% $b %}","prev":"{% $states.input %}"},
                          "End":true}}}""", "{}");

        assertThat(json(result.output())).isEqualTo(json("{\"a\":2,\"b\":1,\"prev\":{\"outputSeesOld\":1}}"));
    }

    @Test
    void choice_whenJsonataCondition_picksTheFirstTrueRule() {
        ExecutionResult result = harness.run("""
                {"QueryLanguage":"JSONata","StartAt":"C","States":{
                  "C":{"Type":"Choice","Choices":[
                     {"Condition":"{% $states.input.n > 10 %}","Next":"Big"},
                     {"Condition":"{% $states.input.n > 1 %}","Next":"Medium","Assign":{"size":"medium"}}],
                   "Default":"Small"},
                  "Big":{"Type":"Fail","Error":"Big"},
                  "Medium":{"Type":"Pass","Output":"{% $size %}","End":true},
                  "Small":{"Type":"Fail","Error":"Small"}}}""", "{\"n\":5}");

        assertThat(json(result.output())).isEqualTo(json("\"medium\""));
    }

    @Test
    void task_whenJsonataExpressionFails_failsWithQueryEvaluationErrorThatCatchCanHandle() {
        harness.task(LAMBDA, invocation -> json("{}"));
        ExecutionResult result = harness.run("""
                {"QueryLanguage":"JSONata","StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"%s","Arguments":{"v":"{%% $states.input.missing %%}"},
                       "Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Next":"Handle",
                                 "Output":{"caught":"{%% $states.errorOutput.Error %%}"}}],"End":true},
                  "Handle":{"Type":"Pass","End":true}}}""".formatted(LAMBDA), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(result.output())).isEqualTo(json("{\"caught\":\"States.QueryEvaluationError\"}"));
        assertThat(harness.types()).doesNotContain("LambdaFunctionScheduled");
    }

    @Test
    void fail_whenJsonataErrorAndCauseExpressions_failsWithTheirValues() {
        ExecutionResult result = harness.run("""
                {"QueryLanguage":"JSONata","StartAt":"F","States":{"F":{"Type":"Fail",
                  "Error":"{% $states.input.kind %}","Cause":"{% 'query ' & $states.input.id & ' failed' %}"}}}""",
                "{\"kind\":\"QueryFailed\",\"id\":\"q1\"}");

        assertThat(result.error()).isEqualTo("QueryFailed");
        assertThat(result.cause()).isEqualTo("query q1 failed");
    }

    @Test
    void wait_whenJsonataSecondsExpression_waitsThatLongOnTheVirtualClock() {
        ExecutionResult result = harness.run("""
                {"QueryLanguage":"JSONata","StartAt":"W","States":{
                  "W":{"Type":"Wait","Seconds":"{% $states.input.s * 2 %}","End":true}}}""", "{\"s\":15}");

        assertThat(result.stopDate()).isEqualTo(START.plusSeconds(30));
        assertThat(json(result.output())).isEqualTo(json("{\"s\":15}"));
    }

    @Test
    void map_whenJsonataItemsAndItemSelector_runsEachItemWithItsIndex() {
        ExecutionResult result = harness.run("""
                {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map",
                  "Items":"{% $states.input.values %}",
                  "ItemSelector":{"v":"{% $states.context.Map.Item.Value %}","i":"{% $states.context.Map.Item.Index %}"},
                  "ItemProcessor":{"StartAt":"Double","States":{
                     "Double":{"Type":"Pass","Output":"{% $states.input.v * 2 + $states.input.i %}","End":true}}},
                  "End":true}}}""", "{\"values\":[10,20,30]}");

        assertThat(json(result.output())).isEqualTo(json("[20,41,62]"));
        assertThat(harness.event("MapStateStarted").details()).isEqualTo(json("{\"length\":3}"));
        assertThat(harness.events("MapIterationStarted")).hasSize(3);
        assertThat(harness.events("MapIterationSucceeded")).hasSize(3);
        assertThat(harness.types()).containsSubsequence("MapStateEntered", "MapStateStarted", "MapStateSucceeded",
                "MapStateExited", "ExecutionSucceeded");
    }

    @Test
    void map_whenMaxConcurrency_neverRunsMoreIterationsAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        harness.task(LAMBDA, invocation -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            Harness.work(invocation, Duration.ofSeconds(10));
            running.decrementAndGet();
            return invocation.arguments();
        });
        ExecutionResult result = harness.run("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,
                  "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}},
                  "End":true}}}""".formatted(LAMBDA), "{\"items\":[1,2,3,4,5]}");

        assertThat(json(result.output())).isEqualTo(json("[1,2,3,4,5]"));
        assertThat(peak.get()).isEqualTo(2);
        // Five 10-second items, two at a time: three rounds.
        assertThat(result.stopDate()).isEqualTo(START.plusSeconds(30));
    }

    @Test
    void map_whenAnIterationFails_mapFailsWithItsErrorAndOtherIterationsAreAborted() {
        harness.task(LAMBDA, invocation -> {
            if (invocation.arguments().asInt() == 2) {
                Harness.work(invocation, Duration.ofSeconds(5));
                throw new StatesError("ItemFailed", "item 2");
            }
            Harness.work(invocation, Duration.ofSeconds(100));
            return invocation.arguments();
        });
        ExecutionResult result = harness.run("""
                {"StartAt":"M","States":{"M":{"Type":"Map",
                  "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}},
                  "End":true}}}""".formatted(LAMBDA), "[1,2,3]");

        assertThat(result.error()).isEqualTo("ItemFailed");
        assertThat(result.cause()).isEqualTo("item 2");
        assertThat(result.stopDate()).isEqualTo(START.plusSeconds(5));
        assertThat(harness.events("MapIterationFailed")).hasSize(1);
        assertThat(harness.events("MapIterationAborted")).hasSize(2);
        assertThat(harness.types()).containsSubsequence("MapIterationFailed", "MapStateFailed", "ExecutionFailed");
    }

    @Test
    void map_whenToleratedFailureCountExceeded_failsWithExceedToleratedFailureThreshold() {
        harness.task(LAMBDA, invocation -> {
            if (invocation.arguments().asInt() % 2 == 0) {
                throw new StatesError("Even", "even item");
            }
            return invocation.arguments();
        });
        ExecutionResult tolerated = harness.run("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":2,"MaxConcurrency":1,
                  "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}},
                  "End":true}}}""".formatted(LAMBDA), "[1,2,3,4]");
        assertThat(tolerated.status()).isEqualTo(ExecutionStatus.SUCCEEDED);

        Harness second = new Harness();
        second.tasks.putAll(harness.tasks);
        ExecutionResult exceeded = second.run("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,"MaxConcurrency":1,
                  "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}},
                  "End":true}}}""".formatted(LAMBDA), "[1,2,3,4]");
        assertThat(exceeded.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void parallel_whenABranchFails_siblingsAreCancelledAndCatchHandlesTheError() {
        harness.task(LAMBDA, invocation -> {
            Harness.work(invocation, Duration.ofSeconds(500));
            return json("\"slow\"");
        });
        ExecutionResult result = harness.run("""
                {"StartAt":"Par","States":{
                  "Par":{"Type":"Parallel","Branches":[
                      {"StartAt":"Slow","States":{"Slow":{"Type":"Task","Resource":"%s","End":true}}},
                      {"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":5,"Next":"Boom"},
                                                  "Boom":{"Type":"Fail","Error":"BranchBroke","Cause":"b2"}}}],
                    "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"Handled"}],"End":true},
                  "Handled":{"Type":"Pass","End":true}}}""".formatted(LAMBDA), "{\"in\":1}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(result.output())).isEqualTo(json(
                "{\"in\":1,\"err\":{\"Error\":\"BranchBroke\",\"Cause\":\"b2\"}}"));
        assertThat(result.stopDate()).isEqualTo(START.plusSeconds(5));
        assertThat(harness.types()).contains("TaskStateAborted", "ParallelStateFailed", "ParallelStateExited");
    }

    @Test
    void parallel_whenBranchesSucceed_outputIsTheArrayOfBranchOutputsInOrder() {
        ExecutionResult result = harness.run("""
                {"StartAt":"Par","States":{"Par":{"Type":"Parallel","Branches":[
                   {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":20,"Next":"A2"},
                                            "A2":{"Type":"Pass","Result":"a","End":true}}},
                   {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"b","End":true}}}],
                  "ResultSelector":{"both.$":"$"},"End":true}}}""", "{}");

        assertThat(json(result.output())).isEqualTo(json("{\"both\":[\"a\",\"b\"]}"));
        assertThat(result.stopDate()).isEqualTo(START.plusSeconds(20));
        assertThat(harness.types()).containsSubsequence("ParallelStateEntered", "ParallelStateStarted",
                "ParallelStateSucceeded", "ParallelStateExited");
        long started = harness.event("ParallelStateStarted").id();
        assertThat(harness.events("PassStateEntered").stream().filter(e -> e.details().get("name").asText()
                .equals("B")).findFirst().orElseThrow().previousEventId()).isEqualTo(started);
    }

    @Test
    void parallel_whenInnerStateReadsOuterVariable_seesIt() {
        ExecutionResult result = harness.run("""
                {"QueryLanguage":"JSONata","StartAt":"Init","States":{
                  "Init":{"Type":"Pass","Assign":{"outer":"o"},"Next":"Par"},
                  "Par":{"Type":"Parallel","Branches":[
                     {"StartAt":"B","States":{"B":{"Type":"Pass","Assign":{"inner":1},
                        "Output":"{% $outer %}","End":true}}}],"End":true}}}""", "{}");

        assertThat(json(result.output())).isEqualTo(json("[\"o\"]"));
    }
}
