package io.athenaworkflow.local.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** Wall-clock time: sleeping really sleeps. */
public final class RealClock implements RuntimeClock {

    private static final Activity NO_OP = () -> { };
    private final Clock clock;

    private RealClock(Clock clock) {
        this.clock = clock;
    }

    /** The system clock in UTC. */
    public static RealClock system() {
        return new RealClock(Clock.systemUTC());
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration);
        }
    }

    @Override
    public Activity begin() {
        return NO_OP;
    }

    @Override
    public <T> T idle(Callable<T> waiting) throws Exception {
        return waiting.call();
    }
}
