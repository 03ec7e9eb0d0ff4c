package io.athenaworkflow.local.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits (bounded, in real time) for another thread to make a condition true; not a timing assertion. */
public final class Await {

    private Await() {
    }

    /**
     * Waits at most 3 minutes: the first query of a test JVM also waits for the SQL engine's start-up (a child JVM,
     * 20-60 s on a loaded 2-core machine; {@code TrinoProcess} gives it 3 minutes).
     */
    public static <T> T until(Supplier<T> probe, java.util.function.Predicate<T> done, String what) {
        return until(probe, done, what, Duration.ofMinutes(3));
    }

    /** As {@link #until(Supplier, java.util.function.Predicate, String)}, waiting at most {@code timeout}. */
    public static <T> T until(Supplier<T> probe, java.util.function.Predicate<T> done, String what,
                              Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last value: " + value);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            value = probe.get();
        }
        return value;
    }
}
