package io.athenaworkflow.local.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.events.ExecutionStatusChange.Status;
import io.athenaworkflow.local.events.S3ObjectCreated.Reason;
import io.athenaworkflow.local.template.DeployedTemplate;
import io.athenaworkflow.local.template.DeploymentConfig;
import io.athenaworkflow.local.template.ProjectRoot;
import io.athenaworkflow.local.template.TemplateLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The two rules of the product's template.yaml, loaded by the template loader, against the events AWS would send. */
class RealTemplateRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30.456Z");

    private DeployedTemplate template;
    private RecordingTargets targets;
    private LocalEventBus bus;
    private String triggerRule;
    private String cleanupRule;

    @BeforeEach
    void start() {
        Path root = ProjectRoot.locate().orElseThrow();
        template = TemplateLoader.load(root.resolve("template.yaml"), DeploymentConfig.defaults().withStackName("wf")
                .withParameters(Map.of("DataBucket", "data", "ResultsBucket", "results", "TriggerBucket", "trigger"))
                .withCode("functions/", Path.of("functions.jar")));
        targets = new RecordingTargets();
        bus = LocalEventBus.start(targets, new CountingClock(NOW), EventBusSettings.defaults());
        bus.addRules(template);
        triggerRule = template.rule("AthenaQueryStateMachineQueryFileCreated").orElseThrow().name();
        cleanupRule = template.rule("CleanupFunctionExecutionEnded").orElseThrow().name();
    }

    @AfterEach
    void stop() {
        bus.close();
    }

    private static EventEnvelope envelope() {
        return new EventEnvelope("us-east-1", "000000000000", NOW);
    }

    private String machineArn() {
        return template.stateMachines().getFirst().arn();
    }

    @ParameterizedTest
    @CsvSource({"trigger, queries/daily.sql", "trigger, queries/nested/report.json", "trigger, queries/x.sql"})
    void putEvent_whenQueryFileLandsUnderTheTriggerPrefix_startsAnExecutionWithTheEvent(String bucket, String key)
            throws Exception {
        var event = AwsEvents.s3ObjectCreated(envelope(), S3ObjectCreated.of(bucket, key, 8, "e1", Reason.PUT_OBJECT,
                "000000000000"));

        assertThat(bus.putEvent(event)).containsExactly(triggerRule);
        assertThat(bus.awaitQuiet(Duration.ofSeconds(30))).isTrue();

        assertThat(targets.calls()).singleElement().satisfies(call -> {
            assertThat(call.kind()).isEqualTo("startExecution");
            assertThat(call.arn()).isEqualTo(machineArn());
            assertThat(JSON.readTree(call.payload())).isEqualTo(JSON.readTree(event.toString()));
        });
    }

    @ParameterizedTest
    @CsvSource({"trigger, queries/data.csv", "trigger, other/daily.sql", "trigger, queries.sql", "results, queries/daily.sql",
            "trigger, QUERIES/daily.sql", "trigger, queries/daily.SQL"})
    void putEvent_whenObjectIsNotAQueryFileUnderThePrefix_matchesNothing(String bucket, String key) throws Exception {
        var event = AwsEvents.s3ObjectCreated(envelope(), S3ObjectCreated.of(bucket, key, 8, "e1", Reason.PUT_OBJECT,
                "000000000000"));

        assertThat(bus.putEvent(event)).isEmpty();
        assertThat(bus.awaitQuiet(Duration.ofSeconds(30))).isTrue();
        assertThat(targets.calls()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"ABORTED", "TIMED_OUT", "FAILED"})
    void putEvent_whenThisStateMachinesExecutionEndsBadly_invokesCleanupThroughItsAlias(Status status) throws Exception {
        var event = AwsEvents.executionStatusChange(envelope(), change(machineArn(), status));

        assertThat(bus.putEvent(event)).containsExactly(cleanupRule);
        assertThat(bus.awaitQuiet(Duration.ofSeconds(30))).isTrue();

        assertThat(targets.calls()).singleElement().satisfies(call -> {
            assertThat(call.kind()).isEqualTo("invokeFunction");
            assertThat(call.arn()).isEqualTo(template.function("CleanupFunction").orElseThrow().aliasArn());
            assertThat(JSON.readTree(call.payload())).isEqualTo(JSON.readTree(event.toString()));
        });
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"SUCCEEDED", "RUNNING"})
    void putEvent_whenThisStateMachinesExecutionRunsOrSucceeds_matchesNothing(Status status) throws Exception {
        assertThat(bus.putEvent(AwsEvents.executionStatusChange(envelope(), change(machineArn(), status)))).isEmpty();
        assertThat(bus.awaitQuiet(Duration.ofSeconds(30))).isTrue();
        assertThat(targets.calls()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"ABORTED", "TIMED_OUT", "FAILED"})
    void putEvent_whenAnotherStateMachinesExecutionFails_matchesNothing(Status status) {
        String other = "arn:aws:states:us-east-1:000000000000:stateMachine:someone-else";

        assertThat(bus.putEvent(AwsEvents.executionStatusChange(envelope(), change(other, status)))).isEmpty();
    }

    private static ExecutionStatusChange change(String machineArn, Status status) {
        String name = "run-1";
        String executionArn = machineArn.replace(":stateMachine:", ":execution:") + ":" + name;
        boolean ended = status != Status.RUNNING;
        return new ExecutionStatusChange(executionArn, machineArn, name, status, NOW.minusSeconds(60),
                ended ? NOW : null, "{\"sql\":\"SELECT 1\"}", status == Status.SUCCEEDED ? "{}" : null,
                status == Status.FAILED ? "States.TaskFailed" : null, status == Status.FAILED ? "boom" : null, 0);
    }
}
