package io.athenaworkflow.local.lambda;

import io.athenaworkflow.local.events.CountingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A running invocation counts as busy work on the runtime clock, and stops counting when it ends or is abandoned. */
class LambdaClockTest {

    private final CountingClock clock = new CountingClock(Instant.parse("2024-01-01T00:00:00Z"));
    private LocalLambda lambda;

    @BeforeEach
    void start() {
        lambda = LocalLambda.start(LambdaSettings.defaults().withClock(clock));
    }

    @AfterEach
    void stop() {
        CountDownLatch release = (CountDownLatch) System.getProperties().get("fixture.release");
        if (release != null) {
            release.countDown();
        }
        lambda.close();
        System.getProperties().remove("fixture.entered");
        System.getProperties().remove("fixture.release");
    }

    private static FunctionSpec fixture(String name, String handler) {
        return FunctionSpec.of(name, handler, FixtureJars.fixturesJar()).withCode(FixtureJars.classPath());
    }

    @Test
    void invoke_whileHandlerRuns_holdsOneClockActivityAndReleasesItAfterwards() throws Exception {
        lambda.deploy(fixture("gate", "fixture.GateHandler"));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        System.getProperties().put("fixture.entered", entered);
        System.getProperties().put("fixture.release", release);
        ExecutorService caller = Executors.newSingleThreadExecutor();

        Future<InvocationResult> result = caller.submit(() -> lambda.invoke("gate", "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(clock.openActivities()).isEqualTo(1);
        release.countDown();

        assertThat(result.get(60, TimeUnit.SECONDS).failed()).isFalse();
        caller.shutdown();
        assertThat(clock.openActivities()).isZero();
        assertThat(clock.activitiesBegun()).as("init and invoke, each handed over from the caller").isEqualTo(4);
    }

    @Test
    void invoke_whenTimedOutHandlerIgnoresInterrupts_stillReleasesTheClock() throws Exception {
        lambda.deploy(fixture("stubborn", "fixture.StubbornHandler::handle").withTimeoutSeconds(1));
        System.getProperties().put("fixture.release", new CountDownLatch(1));

        InvocationResult result = lambda.invoke("stubborn", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(result.payloadText()).contains("Sandbox.Timedout");
        assertThat(clock.openActivities()).as("the abandoned handler no longer holds the clock").isZero();
    }
}
