package io.athenaworkflow.local.sfn.asl.interpreter;

import io.athenaworkflow.local.clock.RuntimeClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Runs Parallel branches or Map iterations on their own virtual threads, at most {@code maxConcurrency} at a time,
 * while the parent waits inside {@link RuntimeClock#idle}. A child whose completion releases the waiting parent opens
 * a clock activity on the parent's behalf before waking it, so a virtual clock cannot jump between the child's end and
 * the parent's resumption.
 */
final class Fork {

    private final RuntimeClock clock;
    private int maxConcurrency;
    private final Consumer<Thread> register;
    private final Consumer<Thread> unregister;
    private final Consumer<Thread> interrupter;
    private final Runnable acknowledge;
    private final Object lock = new Object();
    private final List<Thread> children = new ArrayList<>();
    private int running;
    private boolean stopped;
    private boolean waitingForSlot;
    private boolean waitingForAll;
    private RuntimeClock.Activity handoff;

    Fork(RuntimeClock clock, int maxConcurrency, Execution execution) {
        this.clock = clock;
        this.maxConcurrency = maxConcurrency;
        this.register = execution::register;
        this.unregister = execution::unregister;
        this.interrupter = execution::interrupt;
        this.acknowledge = execution::acknowledgeInterrupt;
    }

    /**
     * Starts {@code body} once a slot is free; returns false (without starting it) if the fork was stopped meanwhile.
     * {@code body} must not throw.
     */
    boolean start(Runnable body) throws InterruptedException {
        waitFor(true);
        synchronized (lock) {
            if (stopped) {
                return false;
            }
            running++;
        }
        CountDownLatch begun = new CountDownLatch(1);
        Thread thread = Thread.ofVirtual().unstarted(() -> {
            try (RuntimeClock.Activity ignored = clock.begin()) {
                register.accept(Thread.currentThread());
                begun.countDown();
                try {
                    body.run();
                } finally {
                    unregister.accept(Thread.currentThread());
                    finished();
                }
            }
        });
        synchronized (lock) {
            children.add(thread);
        }
        thread.start();
        // Stay busy until the child holds its own activity, so the clock cannot move in between.
        begun.await();
        return true;
    }

    /** Changes how many children may run at once (UpdateMapRun); a parent waiting for a slot re-checks at once. */
    void maxConcurrency(int newMaxConcurrency) {
        synchronized (lock) {
            maxConcurrency = newMaxConcurrency;
            releaseParentIfWaiting();
        }
    }

    /** Waits until every started child has finished. */
    void awaitAll() throws InterruptedException {
        waitFor(false);
    }

    /** Stops starting new children and interrupts the running ones. */
    void stop() {
        synchronized (lock) {
            stopped = true;
            for (Thread child : children) {
                if (child != Thread.currentThread()) {
                    interrupter.accept(child);
                }
            }
            releaseParentIfWaiting();
        }
    }

    boolean stopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    private void waitFor(boolean slot) throws InterruptedException {
        synchronized (lock) {
            // Going idle when there is nothing to wait for would let a virtual clock run ahead of the children.
            if (slot ? running < maxConcurrency || stopped : running == 0) {
                return;
            }
        }
        try {
            clock.idle(() -> {
                synchronized (lock) {
                    while (slot ? running >= maxConcurrency && !stopped : running > 0) {
                        if (slot) {
                            waitingForSlot = true;
                        } else {
                            waitingForAll = true;
                        }
                        try {
                            lock.wait();
                        } finally {
                            waitingForSlot = false;
                            waitingForAll = false;
                        }
                    }
                }
                return null;
            });
        } catch (InterruptedException e) {
            acknowledge.run();
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("waiting for branches failed", e);
        } finally {
            RuntimeClock.Activity taken;
            synchronized (lock) {
                taken = handoff;
                handoff = null;
            }
            if (taken != null) {
                taken.close();
            }
        }
    }

    private void finished() {
        synchronized (lock) {
            running--;
            releaseParentIfWaiting();
        }
    }

    /** With the lock held: wakes the parent when what it waits for is now true, handing it a busy activity. */
    private void releaseParentIfWaiting() {
        boolean release = (waitingForSlot && (running < maxConcurrency || stopped)) || (waitingForAll && running == 0);
        if (release && handoff == null) {
            handoff = clock.begin();
        }
        lock.notifyAll();
    }
}
