package io.athenaworkflow.local.sfn.asl.interpreter;

import static io.athenaworkflow.local.sfn.asl.interpreter.Harness.LAMBDA;
import static io.athenaworkflow.local.sfn.asl.interpreter.Harness.START;
import static io.athenaworkflow.local.sfn.asl.interpreter.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JsonPathStatesTest {

    private final Harness harness = new Harness();

    @Test
    void executionTimeout_whenExecutionEndsFirst_leavesTheVirtualClockWhereTheExecutionEnded() {
        for (int run = 0; run < 50; run++) {
            ExecutionResult result = harness.run("""
                    {"TimeoutSeconds": 90000, "StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"End":true}}}""",
                    "{}");

            assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            // The cancelled timeout must not leave a wake-up behind for the clock to jump to.
            assertThat(harness.clock.now()).isEqualTo(START.plusSeconds(5L * (run + 1)));
        }
    }

    @Test
    void pass_whenResultPathMergesResult_outputKeepsInputAndAddsResult() {
        ExecutionResult result = harness.run("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"b":2},"ResultPath":"$.added","End":true}}}""",
                "{\"a\":1}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(result.output())).isEqualTo(json("{\"a\":1,\"added\":{\"b\":2}}"));
        assertThat(harness.types()).containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited",
                "ExecutionSucceeded");
    }

    @Test
    void pass_whenResultPathIsNull_outputIsTheInputUnchanged() {
        ExecutionResult result = harness.run("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Result":"ignored","ResultPath":null,"End":true}}}""",
                "{\"a\":1}");

        assertThat(json(result.output())).isEqualTo(json("{\"a\":1}"));
    }

    @Test
    void pass_whenInputPathParametersAndOutputPath_appliesThemInOrder() {
        ExecutionResult result = harness.run("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.in",
                  "Parameters":{"doubled.$":"$.v","fixed":"x","name.$":"$$.Execution.Name"},
                  "ResultPath":"$.r","OutputPath":"$.r","End":true}}}""",
                "{\"in\":{\"v\":7}}");

        assertThat(json(result.output())).isEqualTo(json("{\"doubled\":7,\"fixed\":\"x\",\"name\":\"exec-1\"}"));
    }

    @Test
    void pass_whenInputPathMissing_failsWithStatesRuntimeNamingStateAndEvent() {
        ExecutionResult result = harness.run("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.missing","End":true}}}""", "{\"a\":1}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).isEqualTo("An error occurred while executing the state 'P' (entered at the event"
                + " id #2). Invalid path '$.missing' : No results for path: $['missing']");
        assertThat(harness.types()).containsExactly("ExecutionStarted", "PassStateEntered", "ExecutionFailed");
    }

    @Test
    void task_whenParametersPathMissing_failsWithAwsCause() {
        harness.task(LAMBDA, invocation -> json("{}"));
        ExecutionResult result = harness.run("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s",
                  "Parameters":{"JobName.$":"$.JobName"},"End":true}}}""".formatted(LAMBDA), "{}");

        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).isEqualTo("An error occurred while executing the state 'T' (entered at the event"
                + " id #2). The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the"
                + " input '{}'");
    }

    @Test
    void task_whenLambdaFunctionSucceeds_recordsLambdaEventsWithPayloads() {
        harness.task(LAMBDA, invocation -> json("{\"sum\":" + (invocation.arguments().get("a").asInt() + 1) + "}"));
        ExecutionResult result = harness.run("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","TimeoutSeconds":30,"End":true}}}"""
                .formatted(LAMBDA), "{\"a\":41}");

        assertThat(json(result.output())).isEqualTo(json("{\"sum\":42}"));
        assertThat(harness.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
        HistoryEvent scheduled = harness.event("LambdaFunctionScheduled");
        assertThat(scheduled.json().get("lambdaFunctionScheduledEventDetails"))
                .isEqualTo(json("{\"resource\":\"" + LAMBDA + "\",\"input\":\"{\\\"a\\\":41}\","
                        + "\"inputDetails\":{\"truncated\":false},\"timeoutInSeconds\":30}"));
        assertThat(harness.event("LambdaFunctionSucceeded").details().get("output").asText()).isEqualTo("{\"sum\":42}");
        // AWS chains the first state to 0, then each event to the one before it.
        assertThat(harness.execution.history().stream().map(HistoryEvent::previousEventId).toList())
                .containsExactly(0L, 0L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void task_whenServiceIntegration_recordsTaskEventsWithResourceTypeAndResource() {
        String resource = "arn:aws:states:::lambda:invoke";
        harness.task(resource, invocation -> json("{\"Payload\":{\"ok\":true},\"StatusCode\":200}"));
        ExecutionResult result = harness.run("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s",
                  "Parameters":{"FunctionName":"f","Payload.$":"$"},"ResultSelector":{"ok.$":"$.Payload.ok"},
                  "End":true}}}""".formatted(resource), "{\"x\":1}");

        assertThat(json(result.output())).isEqualTo(json("{\"ok\":true}"));
        assertThat(harness.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled",
                "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(harness.event("TaskScheduled").details()).isEqualTo(json("""
                {"resourceType":"lambda","resource":"invoke","region":"us-east-1",
                 "parameters":"{\\"FunctionName\\":\\"f\\",\\"Payload\\":{\\"x\\":1}}"}"""));
        assertThat(harness.event("TaskStarted").details()).isEqualTo(json(
                "{\"resourceType\":\"lambda\",\"resource\":\"invoke\"}"));
    }

    @Test
    void task_whenRetried_waitsIntervalTimesBackoffOnTheVirtualClock() {
        int[] calls = {0};
        java.util.List<java.time.Instant> times = new java.util.ArrayList<>();
        harness.task(LAMBDA, invocation -> {
            times.add(invocation.clock().now());
            if (++calls[0] < 4) {
                throw new StatesError("Lambda.ServiceException", "try again");
            }
            return json("\"done\"");
        });
        ExecutionResult result = harness.run("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s",
                  "Retry":[{"ErrorEquals":["Lambda.ServiceException"],"IntervalSeconds":2,"MaxAttempts":3,
                            "BackoffRate":3}],"End":true}}}""".formatted(LAMBDA), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(times).containsExactly(START, START.plusSeconds(2), START.plusSeconds(2 + 6),
                START.plusSeconds(2 + 6 + 18));
        assertThat(harness.events("LambdaFunctionFailed")).hasSize(3);
        assertThat(harness.event("LambdaFunctionFailed").details()).isEqualTo(json(
                "{\"error\":\"Lambda.ServiceException\",\"cause\":\"try again\"}"));
    }

    @Test
    void task_whenRetriesExhausted_failsWithTheTaskErrorAfterMaxAttempts() {
        int[] calls = {0};
        harness.task(LAMBDA, invocation -> {
            calls[0]++;
            throw new StatesError("Boom", "always");
        });
        ExecutionResult result = harness.run("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s",
                  "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],"End":true}}}""".formatted(LAMBDA), "{}");

        assertThat(calls[0]).isEqualTo(3);
        assertThat(result.error()).isEqualTo("Boom");
        assertThat(result.cause()).isEqualTo("always");
        // Default IntervalSeconds 1 and BackoffRate 2: retries after 1 s, then 2 s.
        assertThat(result.stopDate()).isEqualTo(START.plusSeconds(3));
    }

    @Test
    void task_whenMaxDelaySeconds_capsTheBackoff() {
        java.util.List<java.time.Instant> times = new java.util.ArrayList<>();
        harness.task(LAMBDA, invocation -> {
            times.add(invocation.clock().now());
            throw new StatesError("Boom", "x");
        });
        harness.run("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s",
                  "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":10,"BackoffRate":10,"MaxAttempts":3,
                            "MaxDelaySeconds":50}],"End":true}}}""".formatted(LAMBDA), "{}");

        assertThat(times).containsExactly(START, START.plusSeconds(10), START.plusSeconds(60), START.plusSeconds(110));
    }

    @Test
    void task_whenJitterFull_waitsBetweenZeroAndTheComputedInterval() {
        java.util.List<java.time.Instant> times = new java.util.ArrayList<>();
        harness.options = Interpreter.Options.defaults().withRandom(new java.util.Random(7));
        harness.task(LAMBDA, invocation -> {
            times.add(invocation.clock().now());
            throw new StatesError("Boom", "x");
        });
        harness.run("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s",
                  "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":100,"MaxAttempts":3,"JitterStrategy":"FULL"}],
                  "End":true}}}""".formatted(LAMBDA), "{}");

        assertThat(times).hasSize(4);
        long[] bounds = {100_000, 200_000, 400_000};
        java.util.Set<Long> waits = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            long waited = Duration.between(times.get(i), times.get(i + 1)).toMillis();
            assertThat(waited).isBetween(0L, bounds[i]);
            waits.add(waited);
        }
        assertThat(waits).as("jitter should not reproduce the unjittered intervals").doesNotContain(100_000L, 200_000L, 400_000L);
    }

    @Test
    void task_whenCaughtWithResultPath_putsErrorObjectIntoInputAndGoesToCatchNext() {
        harness.task(LAMBDA, invocation -> {
            throw new StatesError("CustomError", "it broke");
        });
        ExecutionResult result = harness.run("""
                {"StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"%s","Catch":[{"ErrorEquals":["CustomError"],
                       "ResultPath":"$.error","Next":"Handle"}],"End":true},
                  "Handle":{"Type":"Pass","End":true}}}""".formatted(LAMBDA), "{\"a\":1}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(result.output())).isEqualTo(json(
                "{\"a\":1,\"error\":{\"Error\":\"CustomError\",\"Cause\":\"it broke\"}}"));
        assertThat(harness.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                "LambdaFunctionStarted", "LambdaFunctionFailed", "TaskStateExited", "PassStateEntered",
                "PassStateExited", "ExecutionSucceeded");
    }

    @Test
    void task_whenStatesAllCatcherAndRuntimeError_runtimeErrorIsNotCaught() {
        harness.task(LAMBDA, invocation -> json("{\"a\":1}"));
        ExecutionResult result = harness.run("""
                {"StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"%s","OutputPath":"$.missing",
                       "Retry":[{"ErrorEquals":["States.ALL"]}],
                       "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handle"}],"End":true},
                  "Handle":{"Type":"Pass","End":true}}}""".formatted(LAMBDA), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(harness.events("LambdaFunctionScheduled")).hasSize(1);
    }

    @Test
    void task_whenStatesTaskFailedCatcherAndTimeout_timeoutIsNotCaughtByTaskFailed() {
        harness.task(LAMBDA, invocation -> {
            Harness.work(invocation, Duration.ofSeconds(100));
            return json("{}");
        });
        ExecutionResult result = harness.run("""
                {"StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"%s","TimeoutSeconds":5,
                       "Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"Handle"}],"End":true},
                  "Handle":{"Type":"Pass","End":true}}}""".formatted(LAMBDA), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Timeout");
        assertThat(result.stopDate()).isEqualTo(START.plusSeconds(5));
        assertThat(harness.types()).contains("LambdaFunctionTimedOut");
        assertThat(harness.event("LambdaFunctionTimedOut").details().get("error").asText()).isEqualTo("States.Timeout");
    }

    @Test
    void task_whenTimeoutCaughtByStatesTimeout_continuesAtCatchNext() {
        harness.task("arn:aws:states:::athena:startQueryExecution.sync", invocation -> {
            Harness.work(invocation, Duration.ofSeconds(100));
            return json("{}");
        });
        ExecutionResult result = harness.run("""
                {"StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"arn:aws:states:::athena:startQueryExecution.sync",
                       "TimeoutSecondsPath":"$.timeout",
                       "Catch":[{"ErrorEquals":["States.Timeout"],"Next":"Handle"}],"End":true},
                  "Handle":{"Type":"Pass","End":true}}}""", "{\"timeout\":7}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(json(result.output())).isEqualTo(json("{\"Error\":\"States.Timeout\"}"));
        assertThat(harness.event("TaskTimedOut").details()).isEqualTo(json(
                "{\"resourceType\":\"athena\",\"resource\":\"startQueryExecution.sync\",\"error\":\"States.Timeout\"}"));
        assertThat(harness.event("TaskScheduled").details().get("timeoutInSeconds").asInt()).isEqualTo(7);
        assertThat(result.stopDate()).isEqualTo(START.plusSeconds(7));
    }

    @Test
    void task_whenResultExceeds256KiB_failsWithDataLimitExceeded() {
        String big = "x".repeat(262_144);
        harness.task(LAMBDA, invocation -> json("\"" + big + "\""));
        ExecutionResult result = harness.run("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(LAMBDA), "{}");

        assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(result.cause()).isEqualTo("The state/task '" + LAMBDA
                + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        assertThat(harness.event("LambdaFunctionFailed").details().get("error").asText())
                .isEqualTo("States.DataLimitExceeded");
    }

    @Test
    void task_whenResultJustUnder256KiB_succeeds() {
        String fits = "x".repeat(262_144 - 2);
        harness.task(LAMBDA, invocation -> json("\"" + fits + "\""));
        ExecutionResult result = harness.run("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(LAMBDA), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void choice_whenNoRuleMatchesAndNoDefault_failsWithNoChoiceMatched() {
        ExecutionResult result = harness.run("""
                {"StartAt":"C","States":{
                  "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"One"}]},
                  "One":{"Type":"Succeed"}}}""", "{\"n\":2}");

        assertThat(result.error()).isEqualTo("States.NoChoiceMatched");
        assertThat(harness.types()).containsExactly("ExecutionStarted", "ChoiceStateEntered", "ExecutionFailed");
    }

    @Test
    void choice_whenRuleMatches_goesToItsNextAndAssignsItsVariables() {
        ExecutionResult result = harness.run("""
                {"StartAt":"C","States":{
                  "C":{"Type":"Choice","Choices":[
                      {"And":[{"Variable":"$.n","NumericGreaterThan":1},{"Variable":"$.s","StringMatches":"ab*"}],
                       "Assign":{"picked.$":"$.n"},"Next":"Big"}],"Default":"Small"},
                  "Big":{"Type":"Pass","Parameters":{"picked.$":"$picked"},"End":true},
                  "Small":{"Type":"Fail","Error":"Small"}}}""", "{\"n\":5,\"s\":\"abcd\"}");

        assertThat(json(result.output())).isEqualTo(json("{\"picked\":5}"));
        assertThat(harness.event("ChoiceStateExited").details().get("assignedVariables"))
                .isEqualTo(json("{\"picked\":\"5\"}"));
    }

    @Test
    void fail_whenErrorPathAndCausePath_usesTheSelectedValues() {
        ExecutionResult result = harness.run("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.e",
                  "CausePath":"States.Format('query {} failed', $.id)"}}}""", "{\"e\":\"QueryFailed\",\"id\":\"q-1\"}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("QueryFailed");
        assertThat(result.cause()).isEqualTo("query q-1 failed");
        assertThat(harness.types()).containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
        assertThat(harness.event("ExecutionFailed").details()).isEqualTo(json(
                "{\"error\":\"QueryFailed\",\"cause\":\"query q-1 failed\"}"));
    }

    @Test
    void wait_whenSecondsPath_advancesTheVirtualClockByThatMuch() {
        ExecutionResult result = harness.run("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","Next":"P"},
                  "P":{"Type":"Pass","Parameters":{"t.$":"$$.State.EnteredTime"},"End":true}}}""", "{\"s\":90}");

        assertThat(json(result.output())).isEqualTo(json("{\"t\":\"2025-01-01T00:01:30.000Z\"}"));
        assertThat(harness.event("WaitStateExited").timestamp()).isEqualTo(START.plusSeconds(90));
    }

    @Test
    void wait_whenTimestampInThePast_continuesImmediately() {
        ExecutionResult result = harness.run("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"2020-01-01T00:00:00Z","End":true}}}""",
                "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.stopDate()).isEqualTo(START);
    }

    @Test
    void execution_whenTimeoutSecondsPasses_endsTimedOutWithAbortedState() {
        ExecutionResult result = harness.run("""
                {"TimeoutSeconds":60,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""",
                "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(result.stopDate()).isEqualTo(START.plusSeconds(60));
        assertThat(harness.types()).containsExactly("ExecutionStarted", "WaitStateEntered", "WaitStateAborted",
                "ExecutionTimedOut");
        assertThat(harness.execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    }

    @Test
    void execution_whenStopped_isAbortedWithErrorAndCause() {
        // Hold the clock so the execution cannot finish before it is stopped.
        try (var hold = harness.clock.begin()) {
            Execution execution = harness.start("""
                    {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"W2"},
                      "W2":{"Type":"Wait","Seconds":10,"End":true}}}""", "{}");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (harness.clock.sleeperCount() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            ExecutionResult result = execution.stop("Stopped", "by the test");
            assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(result.error()).isEqualTo("Stopped");
            assertThat(execution.status()).isEqualTo(ExecutionStatus.ABORTED);
        }
        assertThat(harness.types()).containsExactly("ExecutionStarted", "WaitStateEntered", "WaitStateAborted",
                "ExecutionAborted");
        assertThat(harness.event("ExecutionAborted").details()).isEqualTo(json(
                "{\"error\":\"Stopped\",\"cause\":\"by the test\"}"));
        assertThat(harness.event("ExecutionAborted").timestamp()).isEqualTo(START);
    }

    @Test
    void execution_whenHistoryQuotaReached_failsWithStatesRuntimeAsTheLastEvent() {
        harness.options = Interpreter.Options.defaults().withHistoryLimit(50);
        ExecutionResult result = harness.run("""
                {"StartAt":"Loop","States":{"Loop":{"Type":"Choice",
                  "Choices":[{"Variable":"$.spin","BooleanEquals":true,"Next":"Loop"}],"Default":"Done"},
                  "Done":{"Type":"Succeed"}}}""", "{\"spin\":true}");

        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).isEqualTo("The execution reached the maximum number of history events (25000).");
        assertThat(harness.execution.history()).hasSize(50);
        assertThat(harness.execution.history().getLast().type()).isEqualTo("ExecutionFailed");
        assertThat(harness.execution.history().get(48).type()).isEqualTo("ChoiceStateExited");
    }

    @Test
    void context_whenReadThroughParameters_hasAwsFieldsAndMillisecondTimestampsAndNoRetryCountOutsideTasks() {
        ExecutionResult result = harness.run("""
                {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"ctx.$":"$$"},"End":true}}}""",
                "{\"k\":1}");

        assertThat(json(result.output()).get("ctx")).isEqualTo(json("""
                {"Execution":{"Id":"arn:aws:states:us-east-1:123456789012:execution:Test:exec-1","Input":{"k":1},
                  "Name":"exec-1","RoleArn":"arn:aws:iam::123456789012:role/sfn",
                  "StartTime":"2025-01-01T00:00:00.000Z","RedriveCount":0},
                 "State":{"EnteredTime":"2025-01-01T00:00:00.000Z","Name":"P"},
                 "StateMachine":{"Id":"arn:aws:states:us-east-1:123456789012:stateMachine:Test","Name":"Test"}}"""));
    }
}
