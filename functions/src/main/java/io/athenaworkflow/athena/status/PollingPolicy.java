package io.athenaworkflow.athena.status;

import java.time.Duration;

/**
 * How long the state machine waits before checking a running query again.
 *
 * <p>The wait grows with the time the query has already run: about 1 s at first, t/5 while the query is young,
 * at most 7 s before the first minute, then t/10 up to {@link #MAX_WAIT_SECONDS}. So a query that takes D seconds
 * is noticed at most 10% of D + 1 s after it finished when D is at least a minute (sooner for short queries),
 * while it costs a fraction of the checks of fixed 1-second polling; and the cap bounds the execution history of
 * a day-long query to a few thousand events. The wait never goes past the deadline.
 */
public final class PollingPolicy {

    /** The longest single wait. */
    public static final int MAX_WAIT_SECONDS = 60;

    private PollingPolicy() {
    }

    /**
     * @param elapsed how long the query has been running
     * @param remaining time left before the deadline (positive)
     * @return whole seconds to wait, at least 1
     */
    public static int nextWaitSeconds(Duration elapsed, Duration remaining) {
        double t = Math.max(0, elapsed.toMillis() / 1000.0);
        int wait = (int) Math.floor(1 + Math.min(t / 5, Math.max(6, t / 10)));
        wait = Math.min(wait, MAX_WAIT_SECONDS);
        long untilDeadline = Math.ceilDiv(Math.max(1, remaining.toMillis()), 1000L);
        return (int) Math.max(1, Math.min(wait, untilDeadline));
    }
}
