package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineForExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** The Step Functions JSON API through the AWS SDK v2 against the live edge server, on a virtual clock. */
class StepFunctionsApiTest {

    /** JSONata: Pass doubles n, Wait one hour, Choice on n. */
    static final String JSONATA = """
            {
              "QueryLanguage": "JSONata",
              "StartAt": "Prepare",
              "States": {
                "Prepare": {"Type": "Pass", "Output": {"n": "{% $states.input.n * 2 %}"}, "Next": "Sleep"},
                "Sleep": {"Type": "Wait", "Seconds": 3600, "Next": "Decide"},
                "Decide": {"Type": "Choice",
                           "Choices": [{"Condition": "{% $states.input.n > 5 %}", "Next": "Big"}],
                           "Default": "Small"},
                "Big": {"Type": "Pass", "Output": {"size": "big", "n": "{% $states.input.n %}"}, "End": true},
                "Small": {"Type": "Succeed", "Output": {"size": "small"}}
              }
            }""";

    /** JSONPath: Parameters with an intrinsic, Wait SecondsPath, Choice on a numeric rule. */
    static final String JSONPATH = """
            {
              "StartAt": "Prepare",
              "States": {
                "Prepare": {"Type": "Pass",
                            "Parameters": {"wait.$": "$.wait", "greeting.$": "States.Format('hello {}', $.who)"},
                            "Next": "Sleep"},
                "Sleep": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Decide"},
                "Decide": {"Type": "Choice",
                           "Choices": [{"Variable": "$.wait", "NumericGreaterThan": 60, "Next": "Long"}],
                           "Default": "Short"},
                "Long": {"Type": "Pass", "Result": "long", "ResultPath": "$.kind", "End": true},
                "Short": {"Type": "Pass", "Result": "short", "ResultPath": "$.kind", "End": true}
              }
            }""";

    static final String FAILING = """
            {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Custom.Error", "Cause": "went wrong"}}}""";

    static final String BLOCKING = """
            {"StartAt": "Work", "States": {"Work": {"Type": "Task",
              "Resource": "arn:aws:lambda:us-east-1:000000000000:function:forever", "End": true}}}""";

    private final FakeLambda lambda = new FakeLambda().blocking("forever");
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

    private DescribeExecutionResponse awaitEnd(String executionArn) {
        SfnFixture.await(fx.sfn.describeExecution(executionArn));
        return fx.client.describeExecution(b -> b.executionArn(executionArn));
    }

    private String startBlocking(String machineArn, String name, String input) {
        String arn = fx.client.startExecution(b -> b.stateMachineArn(machineArn).name(name).input(input))
                .executionArn();
        Await.until(() -> fx.sfn.executionHistory(arn), h -> h.stream()
                .anyMatch(e -> e.type().equals("LambdaFunctionStarted")), "the task of " + arn + " to start");
        return arn;
    }

    // ------------------------------------------------------------------------------------------- state machines

    @Test
    void createStateMachine_whenValid_returnsArnAndDescribeShowsEverything() {
        CreateStateMachineResponse created = fx.client.createStateMachine(b -> b.name("orders")
                .definition(JSONATA).roleArn(SfnFixture.ROLE).type(StateMachineType.EXPRESS)
                .tracingConfiguration(t -> t.enabled(true)));

        DescribeStateMachineResponse described = fx.client.describeStateMachine(b -> b.stateMachineArn(
                created.stateMachineArn()));

        assertThat(created.stateMachineArn()).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:orders");
        assertThat(created.creationDate()).isEqualTo(SfnFixture.START);
        assertThat(described.name()).isEqualTo("orders");
        assertThat(described.definition()).isEqualTo(JSONATA);
        assertThat(described.roleArn()).isEqualTo(SfnFixture.ROLE);
        assertThat(described.type()).isEqualTo(StateMachineType.EXPRESS);
        assertThat(described.statusAsString()).isEqualTo("ACTIVE");
        assertThat(described.creationDate()).isEqualTo(SfnFixture.START);
        assertThat(described.loggingConfiguration().level()).isEqualTo(LogLevel.OFF);
        assertThat(described.tracingConfiguration().enabled()).isTrue();
        assertThat(described.revisionId()).isNull();
    }

    @Test
    void createStateMachine_whenRepeatedWithSameDefinition_returnsTheSameStateMachine() {
        CreateStateMachineResponse first = fx.client.createStateMachine(b -> b.name("again").definition(JSONATA)
                .roleArn(SfnFixture.ROLE));
        fx.clock.advance(Duration.ofMinutes(5));

        CreateStateMachineResponse second = fx.client.createStateMachine(b -> b.name("again").definition(JSONATA)
                .roleArn("arn:aws:iam::000000000000:role/Other"));

        assertThat(second.stateMachineArn()).isEqualTo(first.stateMachineArn());
        assertThat(second.creationDate()).isEqualTo(first.creationDate());
        assertThat(fx.client.listStateMachines(b -> { }).stateMachines()).hasSize(1);
    }

    @Test
    void createStateMachine_whenNameTakenWithOtherDefinition_throwsStateMachineAlreadyExists() {
        String arn = create("taken", JSONATA);

        assertThatThrownBy(() -> create("taken", JSONPATH))
                .isInstanceOfSatisfying(StateMachineAlreadyExistsException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("State Machine Already Exists: '" + arn + "'"));
    }

    @Test
    void createStateMachine_whenDefinitionInvalid_throwsInvalidDefinitionNamingTheProblem() {
        String broken = """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}""";

        assertThatThrownBy(() -> create("broken", broken))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage())
                        .startsWith("Invalid State Machine Definition: '")
                        .contains("MISSING_TRANSITION_TARGET").contains("Nowhere"));
        assertThatThrownBy(() -> create("not-json", "{ nope"))
                .isInstanceOf(InvalidDefinitionException.class);
    }

    @Test
    void createStateMachine_whenTaskUsesAnActivity_throwsInvalidDefinitionSayingItIsLocal() {
        String activity = """
                {"StartAt": "A", "States": {"A": {"Type": "Task",
                  "Resource": "arn:aws:states:us-east-1:000000000000:activity:approve", "End": true}}}""";

        assertThatThrownBy(() -> create("activity", activity))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("UNSUPPORTED_BY_LOCAL_RUNTIME")
                        .contains("Activities"));
    }

    @Test
    void createStateMachine_whenNameOrRoleInvalid_throwsInvalidNameAndInvalidArn() {
        assertThatThrownBy(() -> create("has space", JSONATA))
                .isInstanceOfSatisfying(InvalidNameException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Invalid Name: 'has space'"));
        assertThatThrownBy(() -> create("a".repeat(81), JSONATA)).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> create("semi;colon", JSONATA)).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> fx.client.createStateMachine(b -> b.name("role").definition(JSONATA)
                .roleArn("not-an-arn")))
                .isInstanceOfSatisfying(InvalidArnException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Invalid Arn: 'Invalid ARN prefix: not-an-arn'"));
    }

    @Test
    void createStateMachine_whenTypeUnknownOrDefinitionMissing_throwsValidationException() {
        assertThatThrownBy(() -> fx.client.createStateMachine(b -> b.name("t").definition(JSONATA)
                .roleArn(SfnFixture.ROLE).type("BATCH")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("Value 'BATCH' at 'type'"));
        assertThatThrownBy(() -> fx.client.createStateMachine(b -> b.name("t").roleArn(SfnFixture.ROLE)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("Value null at 'definition'"));
    }

    @Test
    void describeStateMachine_whenUnknownOrWrongKindOfArn_throwsDoesNotExistOrInvalidArn() {
        String missing = "arn:aws:states:us-east-1:000000000000:stateMachine:missing";

        assertThatThrownBy(() -> fx.client.describeStateMachine(b -> b.stateMachineArn(missing)))
                .isInstanceOfSatisfying(StateMachineDoesNotExistException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("State Machine Does Not Exist: '" + missing + "'"));
        assertThatThrownBy(() -> fx.client.describeStateMachine(b -> b.stateMachineArn(
                "arn:aws:states:us-east-1:000000000000:execution:missing:run")))
                .isInstanceOfSatisfying(InvalidArnException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage())
                        .isEqualTo("Invalid Arn: 'Resource type not valid in this context: execution'"));
    }

    @Test
    void listStateMachines_whenMoreThanOnePage_returnsAllByNameAcrossPages() {
        for (String name : List.of("delta", "alpha", "echo", "charlie", "bravo")) {
            create(name, JSONATA);
        }

        ListStateMachinesResponse first = fx.client.listStateMachines(b -> b.maxResults(2));
        List<String> names = new ArrayList<>();
        fx.client.listStateMachinesPaginator(b -> b.maxResults(2)).stateMachines()
                .forEach(item -> names.add(item.name()));

        assertThat(first.stateMachines()).extracting(s -> s.name()).containsExactly("alpha", "bravo");
        assertThat(first.nextToken()).isNotBlank();
        assertThat(names).containsExactly("alpha", "bravo", "charlie", "delta", "echo");
        assertThatThrownBy(() -> fx.client.listStateMachines(b -> b.nextToken("garbage")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> fx.client.listStateMachines(b -> b.maxResults(1001)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("Member must have value less than or equal to 1000"));
    }

    @Test
    void updateStateMachine_whenDefinitionChanged_newExecutionsRunItAndOldOnesKeepTheirs() {
        String arn = create("evolving", BLOCKING);
        String oldRun = startBlocking(arn, "old", "{}");
        fx.clock.advance(Duration.ofMinutes(1));

        var updated = fx.client.updateStateMachine(b -> b.stateMachineArn(arn).definition(JSONATA));
        String newRun = fx.client.startExecution(b -> b.stateMachineArn(arn).input("{\"n\": 1}")).executionArn();

        DescribeStateMachineForExecutionResponse forOld = fx.client.describeStateMachineForExecution(
                b -> b.executionArn(oldRun));
        DescribeStateMachineForExecutionResponse forNew = fx.client.describeStateMachineForExecution(
                b -> b.executionArn(newRun));
        assertThat(updated.revisionId()).isNotBlank();
        assertThat(forOld.definition()).isEqualTo(BLOCKING);
        assertThat(forNew.definition()).isEqualTo(JSONATA);
        assertThat(forNew.revisionId()).isEqualTo(updated.revisionId());
        assertThat(fx.client.describeStateMachine(b -> b.stateMachineArn(arn)).revisionId())
                .isEqualTo(updated.revisionId());
        // The old run's task keeps the virtual clock busy; stop it so the new run's Wait can elapse.
        fx.client.stopExecution(b -> b.executionArn(oldRun));
        assertThat(awaitEnd(newRun).output()).isEqualTo("{\"size\":\"small\"}");
        assertThatThrownBy(() -> fx.client.updateStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(MissingRequiredParameterException.class);
    }

    @Test
    void deleteStateMachine_whenExecutionRunning_abortsItAndTheMachineIsGone() {
        String arn = create("doomed", BLOCKING);
        String run = startBlocking(arn, "victim", "{}");
        List<String> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx.sfn.addListener(new io.athenaworkflow.local.sfn.asl.interpreter.ExecutionListener() {
            @Override
            public void onStatusChange(Execution execution, io.athenaworkflow.local.sfn.asl.interpreter
                    .ExecutionStatus status) {
                statuses.add(execution.context().name() + ":" + status);
            }
        });

        fx.client.deleteStateMachine(b -> b.stateMachineArn(arn));

        Await.until(() -> statuses.size(), n -> n > 0, "the ABORTED notification");
        assertThat(statuses).containsExactly("victim:ABORTED");
        assertThatThrownBy(() -> fx.client.describeStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> fx.client.describeExecution(b -> b.executionArn(run)))
                .isInstanceOf(ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> fx.client.startExecution(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineDoesNotExistException.class);
    }

    // ------------------------------------------------------------------------------------------- executions

    @Test
    void startExecution_whenJsonataMachine_succeedsWithOutputAfterTheVirtualHour() {
        String arn = create("jsonata", JSONATA);

        StartExecutionResponse started = fx.client.startExecution(b -> b.stateMachineArn(arn).name("run-1")
                .input("{\"n\": 4}"));
        DescribeExecutionResponse described = awaitEnd(started.executionArn());

        assertThat(started.executionArn())
                .isEqualTo("arn:aws:states:us-east-1:000000000000:execution:jsonata:run-1");
        assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(described.output()).isEqualTo("{\"size\":\"big\",\"n\":8}");
        assertThat(described.outputDetails().included()).isTrue();
        assertThat(described.input()).isEqualTo("{\"n\": 4}");
        assertThat(described.inputDetails().included()).isTrue();
        assertThat(described.startDate()).isEqualTo(started.startDate());
        assertThat(Duration.between(described.startDate(), described.stopDate())).isEqualTo(Duration.ofHours(1));
        assertThat(described.error()).isNull();
        assertThat(described.redriveCount()).isZero();
    }

    @Test
    void startExecution_whenJsonPathMachine_appliesParametersIntrinsicsSecondsPathAndChoice() {
        String arn = create("jsonpath", JSONPATH);

        String longRun = fx.client.startExecution(b -> b.stateMachineArn(arn).input("{\"wait\": 90, \"who\": \"x\"}"))
                .executionArn();
        String shortRun = fx.client.startExecution(b -> b.stateMachineArn(arn).input("{\"wait\": 5, \"who\": \"y\"}"))
                .executionArn();
        DescribeExecutionResponse longEnd = awaitEnd(longRun);
        DescribeExecutionResponse shortEnd = awaitEnd(shortRun);

        assertThat(longEnd.output()).isEqualTo("{\"wait\":90,\"greeting\":\"hello x\",\"kind\":\"long\"}");
        assertThat(shortEnd.output()).isEqualTo("{\"wait\":5,\"greeting\":\"hello y\",\"kind\":\"short\"}");
        assertThat(Duration.between(longEnd.startDate(), longEnd.stopDate())).isEqualTo(Duration.ofSeconds(90));
        assertThat(Duration.between(shortEnd.startDate(), shortEnd.stopDate())).isEqualTo(Duration.ofSeconds(5));
        assertThat(longRun).matches("arn:aws:states:us-east-1:000000000000:execution:jsonpath:"
                + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void startExecution_whenFailState_describesFailedWithErrorAndCause() {
        String arn = create("failing", FAILING);

        DescribeExecutionResponse described = awaitEnd(fx.client.startExecution(b -> b.stateMachineArn(arn))
                .executionArn());

        assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(described.error()).isEqualTo("Custom.Error");
        assertThat(described.cause()).isEqualTo("went wrong");
        assertThat(described.output()).isNull();
        assertThat(described.input()).isEqualTo("{}");
    }

    @Test
    void startExecution_whenSameNameAndInputWhileRunning_isIdempotentOtherwiseAlreadyExists() {
        String arn = create("idem", BLOCKING);
        String run = startBlocking(arn, "once", "{\"a\":1}");
        var first = fx.client.describeExecution(b -> b.executionArn(run));

        StartExecutionResponse repeat = fx.client.startExecution(b -> b.stateMachineArn(arn).name("once")
                .input("{\"a\":1}"));

        assertThat(repeat.executionArn()).isEqualTo(run);
        assertThat(repeat.startDate()).isEqualTo(first.startDate());
        assertThat(lambda.calls()).hasSize(1);
        assertThatThrownBy(() -> fx.client.startExecution(b -> b.stateMachineArn(arn).name("once")
                .input("{\"a\":2}")))
                .isInstanceOfSatisfying(ExecutionAlreadyExistsException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Execution Already Exists: '" + run + "'"));
        fx.client.stopExecution(b -> b.executionArn(run));
        assertThatThrownBy(() -> fx.client.startExecution(b -> b.stateMachineArn(arn).name("once")
                .input("{\"a\":1}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void startExecution_whenNameEndedMoreThan90DaysAgo_reusesTheName() {
        String arn = create("reuse", FAILING);
        String first = fx.client.startExecution(b -> b.stateMachineArn(arn).name("daily")).executionArn();
        awaitEnd(first);

        fx.clock.advance(Duration.ofDays(91));
        String second = fx.client.startExecution(b -> b.stateMachineArn(arn).name("daily")).executionArn();

        assertThat(second).isEqualTo(first);
        assertThat(awaitEnd(second).startDate()).isEqualTo(SfnFixture.START.plus(Duration.ofDays(91)));
    }

    @Test
    void startExecution_whenInputInvalidOrTooLargeOrMachineMissing_throwsAwsErrors() {
        String arn = create("inputs", JSONATA);

        assertThatThrownBy(() -> fx.client.startExecution(b -> b.stateMachineArn(arn).input("{\"n\": ")))
                .isInstanceOfSatisfying(InvalidExecutionInputException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).startsWith("Invalid State Machine Execution Input: '"));
        String big = "{\"x\":\"" + "a".repeat(262_144) + "\"}";
        assertThatThrownBy(() -> fx.client.startExecution(b -> b.stateMachineArn(arn).input(big)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("'input'").contains("262144"));
        assertThatThrownBy(() -> fx.client.startExecution(b -> b.stateMachineArn(arn + "-missing")))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> fx.client.startExecution(b -> b.stateMachineArn(arn).name("a/b")))
                .isInstanceOf(InvalidNameException.class);
        assertThat(fx.sfn.listExecutions(arn, null)).isEmpty();
    }

    @Test
    void describeExecution_whenUnknownOrMalformed_throwsExecutionDoesNotExistOrInvalidArn() {
        String missing = "arn:aws:states:us-east-1:000000000000:execution:none:run";

        assertThatThrownBy(() -> fx.client.describeExecution(b -> b.executionArn(missing)))
                .isInstanceOfSatisfying(ExecutionDoesNotExistException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Execution Does Not Exist: '" + missing + "'"));
        assertThatThrownBy(() -> fx.client.getExecutionHistory(b -> b.executionArn("arn:aws:states:us-east-1:"
                + "000000000000:stateMachine:none")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> fx.client.stopExecution(b -> b.executionArn(missing)))
                .isInstanceOf(ExecutionDoesNotExistException.class);
    }

    @Test
    void getExecutionHistory_whenPaged_returnsEveryEventOnceInOrderAndReversed() {
        String arn = create("history", JSONATA);
        String run = fx.client.startExecution(b -> b.stateMachineArn(arn).input("{\"n\": 1}")).executionArn();
        awaitEnd(run);

        List<HistoryEvent> all = fx.client.getExecutionHistory(b -> b.executionArn(run)).events();
        var firstPage = fx.client.getExecutionHistory(b -> b.executionArn(run).maxResults(3));
        List<HistoryEvent> paged = new ArrayList<>();
        fx.client.getExecutionHistoryPaginator(b -> b.executionArn(run).maxResults(3)).events().forEach(paged::add);
        List<HistoryEvent> reversed = new ArrayList<>();
        fx.client.getExecutionHistoryPaginator(b -> b.executionArn(run).maxResults(4).reverseOrder(true)).events()
                .forEach(reversed::add);

        assertThat(all).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
                HistoryEventType.WAIT_STATE_ENTERED, HistoryEventType.WAIT_STATE_EXITED,
                HistoryEventType.CHOICE_STATE_ENTERED, HistoryEventType.CHOICE_STATE_EXITED,
                HistoryEventType.SUCCEED_STATE_ENTERED, HistoryEventType.SUCCEED_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(all).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(all.get(0).executionStartedEventDetails().input()).isEqualTo("{\"n\":1}");
        assertThat(all.get(0).executionStartedEventDetails().roleArn()).isEqualTo(SfnFixture.ROLE);
        assertThat(all.get(4).timestamp()).isEqualTo(all.get(0).timestamp().plus(Duration.ofHours(1)));
        assertThat(firstPage.events()).hasSize(3);
        assertThat(firstPage.nextToken()).isNotBlank();
        assertThat(paged).isEqualTo(all);
        assertThat(reversed).isEqualTo(all.reversed());
    }

    @Test
    void getExecutionHistory_whenExecutionDataExcluded_omitsInputsAndOutputs() {
        String arn = create("private", JSONATA);
        String run = fx.client.startExecution(b -> b.stateMachineArn(arn).input("{\"n\": 9}")).executionArn();
        awaitEnd(run);

        List<HistoryEvent> events = fx.client.getExecutionHistory(b -> b.executionArn(run)
                .includeExecutionData(false)).events();

        assertThat(events.get(0).executionStartedEventDetails().input()).isNull();
        assertThat(events.get(0).executionStartedEventDetails().roleArn()).isEqualTo(SfnFixture.ROLE);
        assertThat(events.get(1).stateEnteredEventDetails().name()).isEqualTo("Prepare");
        assertThat(events.get(1).stateEnteredEventDetails().input()).isNull();
        assertThat(events.getLast().executionSucceededEventDetails().output()).isNull();
    }

    @Test
    void getExecutionHistory_whenParametersOutOfRange_throwsValidationOrInvalidToken() {
        String arn = create("limits", FAILING);
        String run = fx.client.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        awaitEnd(run);
        String otherRun = fx.client.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        awaitEnd(otherRun);
        String tokenOfOther = fx.client.getExecutionHistory(b -> b.executionArn(otherRun).maxResults(1)).nextToken();

        assertThatThrownBy(() -> fx.client.getExecutionHistory(b -> b.executionArn(run).maxResults(1001)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> fx.client.getExecutionHistory(b -> b.executionArn(run).nextToken("bm9wZQ")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> fx.client.getExecutionHistory(b -> b.executionArn(run).nextToken(tokenOfOther)))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void stopExecution_whenRunning_abortsWithErrorAndCauseAndRecordsTheAbort() {
        String arn = create("stoppable", BLOCKING);
        String run = startBlocking(arn, "long", "{}");
        fx.clock.advance(Duration.ofMinutes(3));

        var stopped = fx.client.stopExecution(b -> b.executionArn(run).error("Operator.Stop").cause("by hand"));
        DescribeExecutionResponse described = fx.client.describeExecution(b -> b.executionArn(run));
        List<HistoryEvent> events = fx.client.getExecutionHistory(b -> b.executionArn(run)).events();

        assertThat(described.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(described.error()).isEqualTo("Operator.Stop");
        assertThat(described.cause()).isEqualTo("by hand");
        assertThat(described.stopDate()).isEqualTo(stopped.stopDate())
                .isEqualTo(SfnFixture.START.plus(Duration.ofMinutes(3)));
        assertThat(events.getLast().type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
        assertThat(events.getLast().executionAbortedEventDetails().error()).isEqualTo("Operator.Stop");
        assertThat(events.getLast().executionAbortedEventDetails().cause()).isEqualTo("by hand");
        assertThatThrownBy(() -> fx.client.stopExecution(b -> b.executionArn(run).error("e".repeat(257))))
                .isInstanceOf(ValidationException.class);
        assertThat(fx.client.stopExecution(b -> b.executionArn(run)).stopDate()).isEqualTo(stopped.stopDate());
    }

    @Test
    void listExecutions_whenFilteredAndPaged_returnsNewestFirst() {
        String arn = create("many", FAILING);
        String blocking = create("other", BLOCKING);
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String run = fx.client.startExecution(b -> b.stateMachineArn(arn)).executionArn();
            awaitEnd(run);
            started.add(run);
        }
        String running = startBlocking(blocking, "runner", "{}");

        List<String> listed = new ArrayList<>();
        fx.client.listExecutionsPaginator(b -> b.stateMachineArn(arn).maxResults(2)).executions()
                .forEach(item -> listed.add(item.executionArn()));
        ListExecutionsResponse failedOnly = fx.client.listExecutions(b -> b.stateMachineArn(arn)
                .statusFilter(ExecutionStatus.FAILED));
        ListExecutionsResponse runningOnly = fx.client.listExecutions(b -> b.stateMachineArn(blocking)
                .statusFilter(ExecutionStatus.RUNNING));
        ExecutionListItem item = failedOnly.executions().getFirst();

        assertThat(listed).containsExactlyElementsOf(started.reversed());
        assertThat(failedOnly.executions()).hasSize(5);
        assertThat(item.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(item.stateMachineArn()).isEqualTo(arn);
        assertThat(item.stopDate()).isNotNull();
        assertThat(runningOnly.executions()).extracting(ExecutionListItem::executionArn).containsExactly(running);
        assertThat(runningOnly.executions().getFirst().stopDate()).isNull();
        assertThat(fx.client.listExecutions(b -> b.stateMachineArn(arn).statusFilter(ExecutionStatus.RUNNING))
                .executions()).isEmpty();
        assertThatThrownBy(() -> fx.client.listExecutions(b -> b.stateMachineArn(arn + "x")))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> fx.client.listExecutions(b -> b.maxResults(2)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Must provide a StateMachine ARN or MapRun ARN"));
    }

    @Test
    void startSyncExecution_whenExpress_returnsTheResultAndRefusesStandard() {
        String express = fx.client.createStateMachine(b -> b.name("quick").definition(JSONATA)
                .roleArn(SfnFixture.ROLE).type(StateMachineType.EXPRESS)).stateMachineArn();
        String standard = create("slow", JSONATA);

        StartSyncExecutionResponse result = fx.client.startSyncExecution(b -> b.stateMachineArn(express)
                .name("now").input("{\"n\": 10}"));

        assertThat(result.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo("{\"size\":\"big\",\"n\":20}");
        assertThat(result.executionArn()).startsWith("arn:aws:states:us-east-1:000000000000:express:quick:now:");
        assertThat(Duration.between(result.startDate(), result.stopDate())).isEqualTo(Duration.ofHours(1));
        assertThat(result.billingDetails().billedDurationInMilliseconds()).isEqualTo(3_600_000L);
        assertThatThrownBy(() -> fx.client.startSyncExecution(b -> b.stateMachineArn(standard)))
                .isInstanceOf(StateMachineTypeNotSupportedException.class);
    }

    @Test
    void validateStateMachineDefinition_whenValidOrNot_reportsOkOrDiagnosticsWithLocations() {
        ValidateStateMachineDefinitionResponse ok = fx.client.validateStateMachineDefinition(
                b -> b.definition(JSONATA));
        ValidateStateMachineDefinitionResponse bad = fx.client.validateStateMachineDefinition(b -> b.definition("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Gone"}}}"""));

        assertThat(ok.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        assertThat(ok.diagnostics()).isEmpty();
        assertThat(bad.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(bad.diagnostics()).anySatisfy(d -> {
            assertThat(d.severityAsString()).isEqualTo("ERROR");
            assertThat(d.code()).isEqualTo("MISSING_TRANSITION_TARGET");
            assertThat(d.location()).isEqualTo("/States/A/Next");
        });
    }
}
