package io.athenaworkflow.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.template.RuleDeployment;
import io.athenaworkflow.local.template.RuleTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pattern matching with AWS's matcher, and the bus's asynchronous, retried, clock-registered deliveries. */
class LocalEventBusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:m";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:f:live";

    private final CountingClock clock = new CountingClock(Instant.parse("2024-01-01T00:00:00Z"));
    private LocalEventBus bus;

    @AfterEach
    void stop() {
        if (bus != null) {
            bus.close();
        }
    }

    private LocalEventBus bus(EventTargets targets, EventBusSettings settings) {
        bus = LocalEventBus.start(targets, clock, settings);
        return bus;
    }

    private static RuleDeployment rule(String name, String pattern) {
        return new RuleDeployment(name, name, "arn:aws:events:us-east-1:000000000000:rule/" + name, pattern, true,
                new RuleTarget(RuleTarget.Kind.START_EXECUTION, MACHINE, null));
    }

    private static JsonNode event(String detail) throws Exception {
        return JSON.readTree("{\"version\":\"0\",\"id\":\"1\",\"source\":\"my.app\",\"detail-type\":\"Thing\","
                + "\"account\":\"000000000000\",\"time\":\"2024-01-01T00:00:00Z\",\"region\":\"us-east-1\","
                + "\"resources\":[],\"detail\":" + detail + "}");
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"detail\":{\"key\":[{\"prefix\":\"logs/\"}]}}                | {\"key\":\"logs/a.txt\"}    | true",
            "{\"detail\":{\"key\":[{\"prefix\":\"logs/\"}]}}                | {\"key\":\"data/a.txt\"}    | false",
            "{\"detail\":{\"key\":[{\"suffix\":\".png\"}]}}                 | {\"key\":\"a/b.png\"}       | true",
            "{\"detail\":{\"key\":[{\"suffix\":\".png\"}]}}                 | {\"key\":\"a/b.jpg\"}       | false",
            "{\"detail\":{\"key\":[{\"wildcard\":\"in/*/day-*.csv\"}]}}     | {\"key\":\"in/x/day-1.csv\"} | true",
            "{\"detail\":{\"key\":[{\"wildcard\":\"in/*/day-*.csv\"}]}}     | {\"key\":\"in/x/day-1.tsv\"} | false",
            "{\"detail\":{\"state\":[{\"anything-but\":[\"stopped\",\"terminated\"]}]}} | {\"state\":\"running\"} | true",
            "{\"detail\":{\"state\":[{\"anything-but\":[\"stopped\",\"terminated\"]}]}} | {\"state\":\"stopped\"} | false",
            "{\"detail\":{\"state\":[{\"anything-but\":{\"prefix\":\"stop\"}}]}} | {\"state\":\"stopping\"} | false",
            "{\"detail\":{\"size\":[{\"numeric\":[\">\",0,\"<=\",5]}]}}     | {\"size\":5}                 | true",
            "{\"detail\":{\"size\":[{\"numeric\":[\">\",0,\"<=\",5]}]}}     | {\"size\":5.5}               | false",
            "{\"detail\":{\"size\":[{\"numeric\":[\"=\",3.018e2]}]}}        | {\"size\":301.8}             | true",
            "{\"detail\":{\"tag\":[{\"exists\":false}]}}                    | {\"other\":1}                | true",
            "{\"detail\":{\"tag\":[{\"exists\":true}]}}                     | {\"other\":1}                | false",
            "{\"detail\":{\"name\":[{\"equals-ignore-case\":\"alice\"}]}}   | {\"name\":\"ALICE\"}         | true",
            "{\"detail\":{\"$or\":[{\"a\":[1]},{\"b\":[2]}]}}                | {\"b\":2}                    | true",
            "{\"detail\":{\"$or\":[{\"a\":[1]},{\"b\":[2]}]}}                | {\"b\":3}                    | false",
            "{\"detail\":{\"items\":{\"name\":[\"x\"],\"kind\":[\"k2\"]}}}  | {\"items\":[{\"name\":\"x\",\"kind\":\"k1\"},{\"name\":\"y\",\"kind\":\"k2\"}]} | false",
            "{\"detail\":{\"items\":{\"name\":[\"y\"],\"kind\":[\"k2\"]}}}  | {\"items\":[{\"name\":\"x\",\"kind\":\"k1\"},{\"name\":\"y\",\"kind\":\"k2\"}]} | true",
            "{\"source\":[\"my.app\"],\"detail-type\":[\"Other\"]}          | {}                           | false",
    })
    void putEvent_whenPatternUsesEventBridgeOperators_matchesAsOnAws(String pattern, String detail, boolean matches)
            throws Exception {
        bus(new RecordingTargets(), EventBusSettings.defaults()).addRule(rule("r", pattern));

        assertThat(bus.putEvent(event(detail))).isEqualTo(matches ? List.of("r") : List.of());
    }

    @Test
    void putEvent_whenTargetIsSlow_returnsBeforeDelivering() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EventTargets blocking = new EventTargets() {
            @Override
            public void startExecution(String stateMachineArn, String inputJson) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void invokeFunction(String functionArn, byte[] payload) {
            }
        };
        bus(blocking, EventBusSettings.defaults()).addRule(rule("r", "{\"source\":[\"my.app\"]}"));

        assertThat(bus.putEvent(event("{}"))).containsExactly("r");
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bus.pendingDeliveries()).isEqualTo(1);
        assertThat(clock.openActivities()).as("the pending delivery holds the clock").isEqualTo(1);
        release.countDown();
        assertThat(bus.awaitQuiet(Duration.ofSeconds(30))).isTrue();
        assertThat(clock.openActivities()).isZero();
    }

    @Test
    void putEvent_whenTargetFailsTwice_retriesWithBackoffOnTheClockAndDeliversOnce() throws Exception {
        RecordingTargets targets = new RecordingTargets().failingFirst(2);
        bus(targets, EventBusSettings.defaults()).addRule(rule("r", "{\"source\":[\"my.app\"]}"));

        bus.putEvent(event("{\"n\":1}"));

        assertThat(bus.awaitQuiet(Duration.ofSeconds(30))).isTrue();
        assertThat(targets.attempts()).isEqualTo(3);
        assertThat(targets.calls()).hasSize(1);
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(bus.failedDeliveries()).isEmpty();
        assertThat(clock.openActivities()).isZero();
    }

    @Test
    void putEvent_whenTargetKeepsFailing_givesUpAndRecordsTheFailure() throws Exception {
        RecordingTargets targets = new RecordingTargets().failingFirst(100);
        bus(targets, EventBusSettings.defaults().withMaxAttempts(2)).addRule(rule("r", "{\"source\":[\"my.app\"]}"));

        bus.putEvent(event("{}"));

        assertThat(bus.awaitQuiet(Duration.ofSeconds(30))).isTrue();
        assertThat(targets.attempts()).isEqualTo(2);
        assertThat(bus.failedDeliveries()).singleElement().satisfies(failure -> {
            assertThat(failure.ruleName()).isEqualTo("r");
            assertThat(failure.target().arn()).isEqualTo(MACHINE);
            assertThat(failure.attempts()).isEqualTo(2);
            assertThat(failure.error()).contains("target unavailable");
        });
        assertThat(clock.openActivities()).isZero();
    }

    @Test
    void putEvent_whenQueueIsFull_failsTheDeliveryAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        EventTargets blocking = new EventTargets() {
            @Override
            public void startExecution(String stateMachineArn, String inputJson) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void invokeFunction(String functionArn, byte[] payload) {
            }
        };
        bus(blocking, EventBusSettings.defaults().withDeliveryThreads(1).withQueueCapacity(1))
                .addRule(rule("r", "{\"source\":[\"my.app\"]}"));

        bus.putEvent(event("{}"));
        bus.putEvent(event("{}"));
        bus.putEvent(event("{}"));

        assertThat(bus.failedDeliveries()).singleElement()
                .satisfies(failure -> assertThat(failure.error()).contains("delivery queue is full"));
        release.countDown();
        assertThat(bus.awaitQuiet(Duration.ofSeconds(30))).isTrue();
        assertThat(clock.openActivities()).isZero();
    }

    @Test
    void putEvent_whenRuleHasInputOrTwoTargets_deliversWhatTheTargetsSay() throws Exception {
        RecordingTargets targets = new RecordingTargets();
        bus(targets, EventBusSettings.defaults());
        String pattern = "{\"source\":[\"my.app\"]}";
        bus.addRule(new RuleDeployment("r.a", "fan", "arn", pattern, true,
                new RuleTarget(RuleTarget.Kind.INVOKE_FUNCTION, FUNCTION, "{\"fixed\":true}")));
        bus.addRule(new RuleDeployment("r.b", "fan", "arn", pattern, true,
                new RuleTarget(RuleTarget.Kind.START_EXECUTION, MACHINE, null)));
        JsonNode event = event("{}");

        assertThat(bus.putEvent(event)).containsExactly("fan");
        assertThat(bus.awaitQuiet(Duration.ofSeconds(30))).isTrue();

        assertThat(targets.calls()).containsExactlyInAnyOrder(
                new RecordingTargets.Call("invokeFunction", FUNCTION, "{\"fixed\":true}"),
                new RecordingTargets.Call("startExecution", MACHINE, event.toString()));
    }

    @Test
    void putEvent_whenRuleDisabledOrRemoved_deliversNothing() throws Exception {
        RecordingTargets targets = new RecordingTargets();
        bus(targets, EventBusSettings.defaults());
        bus.addRule(new RuleDeployment("off", "off", "arn", "{\"source\":[\"my.app\"]}", false,
                new RuleTarget(RuleTarget.Kind.START_EXECUTION, MACHINE, null)));
        bus.addRule(rule("gone", "{\"source\":[\"my.app\"]}"));

        assertThat(bus.removeRule("gone")).isTrue();
        assertThat(bus.removeRule("gone")).isFalse();
        assertThat(bus.putEvent(event("{}"))).isEmpty();
        assertThat(bus.ruleNames()).containsExactly("off");
        assertThat(targets.attempts()).isZero();
    }

    @Test
    void addRule_whenPatternInvalidOrConflicting_isRefused() {
        bus(new RecordingTargets(), EventBusSettings.defaults());

        assertThatThrownBy(() -> bus.addRule(rule("bad", "{\"detail\":{\"size\":[{\"numeric\":[\">\"]}]}}")))
                .isInstanceOf(InvalidEventPatternException.class)
                .hasMessageContaining("Rule bad: event pattern is not valid");
        assertThatThrownBy(() -> bus.addRule(rule("bad", "{\"source\":\"not-a-list\"}")))
                .isInstanceOf(InvalidEventPatternException.class);
        bus.addRule(rule("r", "{\"source\":[\"a\"]}"));
        assertThatThrownBy(() -> bus.addRule(rule("r", "{\"source\":[\"b\"]}")))
                .isInstanceOf(InvalidEventPatternException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void putEvent_whenEventLacksRequiredFields_isRefused() throws Exception {
        bus(new RecordingTargets(), EventBusSettings.defaults());

        assertThatThrownBy(() -> bus.putEvent(JSON.readTree("{\"detail-type\":\"x\",\"detail\":{}}")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("'source'");
        assertThatThrownBy(() -> bus.putEvent(JSON.readTree("{\"source\":\"s\",\"detail-type\":\"x\",\"detail\":\"text\"}")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("'detail'");
        assertThatThrownBy(() -> bus.putEvent(JSON.readTree("[]"))).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void close_whenDeliveriesAreQueued_dropsAndRecordsThem() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        EventTargets blocking = new EventTargets() {
            @Override
            public void startExecution(String stateMachineArn, String inputJson) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void invokeFunction(String functionArn, byte[] payload) {
            }
        };
        bus(blocking, EventBusSettings.defaults().withDeliveryThreads(1)).addRule(rule("r", "{\"source\":[\"my.app\"]}"));
        bus.putEvent(event("{}"));
        bus.putEvent(event("{}"));

        bus.close();
        release.countDown();

        assertThat(bus.awaitQuiet(Duration.ofSeconds(30))).isTrue();
        assertThat(bus.failedDeliveries()).extracting(FailedDelivery::error).contains("the event bus was closed");
        assertThat(clock.openActivities()).isZero();
    }
}
