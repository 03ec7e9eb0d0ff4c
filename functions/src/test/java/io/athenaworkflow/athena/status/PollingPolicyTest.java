package io.athenaworkflow.athena.status;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PollingPolicyTest {

    private static final Duration FAR = Duration.ofDays(2);

    @Test
    void nextWaitSeconds_forEveryElapsedSecondWithAFarDeadline_staysBetweenOneAndTheCap() {
        for (int elapsed = 0; elapsed <= 5000; elapsed++) {
            int wait = PollingPolicy.nextWaitSeconds(Duration.ofSeconds(elapsed), FAR);

            assertThat(wait).as("wait after %d s", elapsed).isBetween(1, PollingPolicy.MAX_WAIT_SECONDS);
            assertThat((long) wait).as("wait after %d s", elapsed).isLessThanOrEqualTo(FAR.toSeconds());
        }
    }

    @Test
    void nextWaitSeconds_asTheQueryAges_neverShrinks() {
        int previous = 0;
        for (int elapsedMillis = 0; elapsedMillis <= 5_000_000; elapsedMillis += 250) {
            int wait = PollingPolicy.nextWaitSeconds(Duration.ofMillis(elapsedMillis), FAR);
            assertThat(wait).as("wait after %d ms", elapsedMillis).isGreaterThanOrEqualTo(previous);
            previous = wait;
        }
    }

    @Test
    void nextWaitSeconds_atTheStart_checksAgainAfterOneSecond() {
        assertThat(PollingPolicy.nextWaitSeconds(Duration.ZERO, FAR)).isEqualTo(1);
        assertThat(PollingPolicy.nextWaitSeconds(Duration.ofMillis(4_999), FAR)).isEqualTo(1);
    }

    @Test
    void nextWaitSeconds_forALongQuery_reachesTheCapAndStaysThere() {
        assertThat(PollingPolicy.nextWaitSeconds(Duration.ofMinutes(10), FAR)).isEqualTo(PollingPolicy.MAX_WAIT_SECONDS);
        assertThat(PollingPolicy.nextWaitSeconds(Duration.ofHours(23), FAR)).isEqualTo(PollingPolicy.MAX_WAIT_SECONDS);
    }

    @Test
    void nextWaitSeconds_whenElapsedIsNegative_treatsItAsZero() {
        // The state machine's clock and the handle's startedAt come from the same place, but be safe on skew.
        assertThat(PollingPolicy.nextWaitSeconds(Duration.ofSeconds(-30), FAR)).isEqualTo(1);
    }

    @Test
    void nextWaitSeconds_whenTheDeadlineIsWholeSecondsAway_neverWaitsPastIt() {
        for (int remaining = 1; remaining <= 120; remaining++) {
            for (int elapsed : new int[]{0, 10, 45, 100, 600, 3000, 80_000}) {
                int wait = PollingPolicy.nextWaitSeconds(Duration.ofSeconds(elapsed), Duration.ofSeconds(remaining));
                assertThat(wait).as("elapsed %d s, remaining %d s", elapsed, remaining).isBetween(1, remaining);
            }
        }
    }

    @Test
    void nextWaitSeconds_whenTheDeadlineIsAFractionOfASecondAway_wakesWithinASecondAfterIt() {
        // Waits are whole seconds: with 2.4 s left the next check comes at the first whole second at or after the
        // deadline, so the timeout is reported then (not one extra check later).
        assertThat(PollingPolicy.nextWaitSeconds(Duration.ofSeconds(600), Duration.ofMillis(2_400))).isEqualTo(3);
        assertThat(PollingPolicy.nextWaitSeconds(Duration.ofSeconds(600), Duration.ofMillis(1))).isEqualTo(1);
        for (int remainingMillis = 1; remainingMillis <= PollingPolicy.MAX_WAIT_SECONDS * 1000; remainingMillis += 7) {
            int wait = PollingPolicy.nextWaitSeconds(Duration.ofSeconds(3000), Duration.ofMillis(remainingMillis));
            assertThat(wait * 1000L - remainingMillis).as("overshoot with %d ms left", remainingMillis).isBetween(0L, 999L);
        }
    }

    @Test
    void nextWaitSeconds_whenNoTimeRemains_stillWaitsTheMinimumOfOneSecond() {
        assertThat(PollingPolicy.nextWaitSeconds(Duration.ofSeconds(10), Duration.ZERO)).isEqualTo(1);
    }

    @Test
    void polling_forQueriesOfAMinuteOrMore_noticesTheEndWithinTenPercentPlusOneSecond() {
        for (int duration = 60; duration <= 3000; duration++) {
            Simulation run = simulate(duration);

            assertThat((double) run.detectedAt - duration).as("detection delay for a %d s query", duration)
                    .isLessThanOrEqualTo(0.1 * duration + 1);
        }
    }

    @Test
    void polling_forQueriesOfAMinuteOrMore_costsAtMostAThirdOfTheChecksOfOneSecondPolling() {
        for (int duration = 60; duration <= 3000; duration++) {
            Simulation run = simulate(duration);
            int oneSecondPollingChecks = duration + 1;

            assertThat((double) run.checks).as("checks for a %d s query", duration)
                    .isLessThanOrEqualTo(oneSecondPollingChecks / 3.0);
        }
    }

    @Test
    void polling_forShortQueries_noticesTheEndWithinAFifthPlusOneSecond() {
        for (int duration = 1; duration < 60; duration++) {
            Simulation run = simulate(duration);

            assertThat((double) run.detectedAt - duration).as("detection delay for a %d s query", duration)
                    .isLessThanOrEqualTo(0.2 * duration + 1);
        }
    }

    @Test
    void polling_forADayLongQuery_keepsTheNumberOfChecksSmall() {
        // Each check is a few history events; a day at the 60 s cap is about 1,440 checks plus the ramp-up.
        Simulation run = simulate(86_400);

        assertThat(run.checks).isLessThan(1_600);
    }

    private record Simulation(long detectedAt, int checks) {
    }

    /** Checks at t = 0, then after each chosen wait, until a check sees the query finished (t >= duration). */
    private static Simulation simulate(int durationSeconds) {
        long t = 0;
        int checks = 0;
        while (true) {
            checks++;
            if (t >= durationSeconds) {
                return new Simulation(t, checks);
            }
            t += PollingPolicy.nextWaitSeconds(Duration.ofSeconds(t), FAR);
        }
    }
}
