package io.athenaworkflow.local.testing;

import io.athenaworkflow.local.clock.RuntimeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A test clock whose time moves only when the test calls {@link #advance}; {@link #sleep} blocks until then.
 * {@link #awaitSleepers} lets a test wait (in real time, bounded) until workers have reached their sleep;
 * {@link #openActivities} shows who holds the clock busy.
 */
public final class ManualClock implements RuntimeClock {

    private Instant now;
    private int sleepers;
    private int openActivities;

    public ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) throws InterruptedException {
        Instant wakeAt = now.plus(duration);
        sleepers++;
        notifyAll();
        try {
            while (now.isBefore(wakeAt)) {
                wait();
            }
        } finally {
            sleepers--;
            notifyAll();
        }
    }

    @Override
    public Activity begin() {
        synchronized (this) {
            openActivities++;
        }
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                synchronized (this) {
                    openActivities--;
                    notifyAll();
                }
            }
        };
    }

    /** Activities opened with {@link #begin()} and not closed yet. */
    public synchronized int openActivities() {
        return openActivities;
    }

    @Override
    public <T> T idle(Callable<T> waiting) throws Exception {
        return waiting.call();
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
        notifyAll();
    }

    /** Waits until {@code count} threads are sleeping on this clock. */
    public synchronized void awaitSleepers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sleepers < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " sleeping threads, found " + sleepers);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
