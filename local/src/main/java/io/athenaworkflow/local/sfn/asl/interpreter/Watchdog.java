package io.athenaworkflow.local.sfn.asl.interpreter;

import io.athenaworkflow.local.clock.RuntimeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Fires an action when a deadline on the clock passes (task TimeoutSeconds, HeartbeatSeconds, execution
 * TimeoutSeconds), unless closed first. The deadline is read again on every wake-up, so a heartbeat can push it back.
 */
final class Watchdog implements AutoCloseable {

    private final Thread thread;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile boolean ran;

    private Watchdog(RuntimeClock clock, Supplier<Instant> deadline, Runnable action) throws InterruptedException {
        CountDownLatch begun = new CountDownLatch(1);
        thread = Thread.ofVirtual().unstarted(() -> {
            try (RuntimeClock.Activity ignored = clock.begin()) {
                begun.countDown();
                while (true) {
                    Duration left = Duration.between(clock.now(), deadline.get());
                    if (left.isNegative() || left.isZero()) {
                        break;
                    }
                    clock.sleep(left);
                }
                if (settled.compareAndSet(false, true)) {
                    ran = true;
                    action.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        begun.await();
    }

    /** Starts a watchdog that runs {@code action} once {@code deadline} (re-read on every wake-up) has passed. */
    static Watchdog start(RuntimeClock clock, Supplier<Instant> deadline, Runnable action) throws InterruptedException {
        return new Watchdog(clock, deadline, action);
    }

    /** Whether the action ran. */
    boolean fired() {
        return ran;
    }

    /**
     * Cancels the watchdog and waits until its thread has gone, so that its wake-up is no longer registered with the
     * clock: a virtual clock must not jump to a deadline nobody waits for any more.
     */
    @Override
    public void close() {
        if (settled.compareAndSet(false, true)) {
            thread.interrupt();
            if (Thread.currentThread() != thread) {
                boolean interrupted = false;
                while (true) {
                    try {
                        thread.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
