package io.athenaworkflow.local.events;

import io.athenaworkflow.local.clock.RuntimeClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake runtime clock: sleeping advances it at once (no real waiting), and it counts open activities so tests can
 * see that pending work is registered and released.
 */
public final class CountingClock implements RuntimeClock {

    private volatile Instant now;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger begun = new AtomicInteger();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public CountingClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    @Override
    public Activity begin() {
        open.incrementAndGet();
        begun.incrementAndGet();
        return open::decrementAndGet;
    }

    @Override
    public <T> T idle(Callable<T> waiting) throws Exception {
        return waiting.call();
    }

    public int openActivities() {
        return open.get();
    }

    public int activitiesBegun() {
        return begun.get();
    }

    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
