package io.athenaworkflow.local.sfn.tasks;

import java.time.Duration;

/**
 * How a {@code .sync} task polls for its job's end, on the runtime clock: the first wait, doubled after every poll up
 * to {@code max}. Short first waits keep small local queries fast on a real clock; the cap bounds the history-free
 * polling of long ones.
 */
public record SyncPolling(Duration initial, Duration max) {

    public SyncPolling {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial poll delay must be positive, was " + initial);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max poll delay must be at least the initial delay " + initial
                    + ", was " + max);
        }
    }

    /** 100 ms, doubling, at most 2 s. */
    public static SyncPolling defaults() {
        return new SyncPolling(Duration.ofMillis(100), Duration.ofSeconds(2));
    }
}
