package io.athenaworkflow.local.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * The one clock every service of the embedded runtime reads, so that Step Functions waits, Lambda timeouts and
 * Athena query durations agree with each other.
 *
 * <p>Two implementations: {@link RealClock} (wall time, for {@code up} and the demo) and a virtual clock (tests and
 * {@code exec}) that jumps straight to the next wake-up time whenever no registered thread is doing real work.
 * Threads that do work the virtual clock must not skip over (an execution running a state, an Athena query
 * executing) wrap it in {@link #begin()}; threads that block on other runtime threads wrap the wait in
 * {@link #idle(Callable)} so they do not hold the clock back.
 */
public interface RuntimeClock {

    /** The current time. */
    Instant now();

    /** Blocks the calling thread until {@code duration} has passed on this clock. */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Marks the calling thread as busy until the returned handle is closed: a virtual clock does not advance while
     * any thread is busy. Nested calls are allowed.
     */
    Activity begin();

    /**
     * Runs {@code waiting} (a join, a queue take, a future get) while the calling thread counts as not busy, then
     * restores its previous state. On a real clock this just runs it.
     */
    <T> T idle(Callable<T> waiting) throws Exception;

    /** Closing ends the busy period opened by {@link #begin()}. */
    interface Activity extends AutoCloseable {
        @Override
        void close();
    }
}
