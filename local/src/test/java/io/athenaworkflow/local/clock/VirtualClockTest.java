package io.athenaworkflow.local.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private final VirtualClock clock = VirtualClock.startingAt(START);

    @Test
    void sleep_whenNoOtherThreadIsBusy_jumpsStraightToTheWakeUp() throws Exception {
        try (var activity = clock.begin()) {
            clock.sleep(Duration.ofHours(5));
        }
        assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(5)));
    }

    @Test
    void sleep_whenManyThreadsSleep_wakesEachAtItsOwnTimeInOrder() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        CountDownLatch begun = new CountDownLatch(20);
        try (var hold = clock.begin()) {
            for (int i = 20; i >= 1; i--) {
                int seconds = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    try (var activity = clock.begin()) {
                        begun.countDown();
                        clock.sleep(Duration.ofSeconds(seconds));
                        order.add(seconds + "@" + Duration.between(START, clock.now()).toSeconds());
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }));
            }
            begun.await();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(order).hasSize(20);
        for (String entry : order) {
            String[] parts = entry.split("@");
            assertThat(parts[1]).as("woke at its own time").isEqualTo(parts[0]);
        }
        assertThat(clock.now()).isEqualTo(START.plusSeconds(20));
    }

    @Test
    void sleep_whileAnotherThreadIsBusy_doesNotAdvanceUntilThatThreadIsDone() throws Exception {
        CountDownLatch sleeping = new CountDownLatch(1);
        AtomicReference<Instant> woke = new AtomicReference<>();
        var busy = clock.begin();
        Thread sleeper = Thread.ofVirtual().start(() -> {
            try (var activity = clock.begin()) {
                sleeping.countDown();
                clock.sleep(Duration.ofSeconds(30));
                woke.set(clock.now());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        sleeping.await();
        awaitSleepers(1);
        assertThat(clock.now()).isEqualTo(START);
        assertThat(woke.get()).isNull();
        busy.close();
        sleeper.join(10_000);
        assertThat(woke.get()).isEqualTo(START.plusSeconds(30));
    }

    @Test
    void idle_whenParentWaitsForSleepingChildren_clockAdvancesAndParentResumes() throws Exception {
        AtomicReference<Instant> parentResumed = new AtomicReference<>();
        Thread parent = Thread.ofVirtual().start(() -> {
            try (var activity = clock.begin()) {
                CountDownLatch done = new CountDownLatch(2);
                CountDownLatch begun = new CountDownLatch(2);
                for (int seconds : new int[] {10, 25}) {
                    Thread.ofVirtual().start(() -> {
                        try (var child = clock.begin()) {
                            begun.countDown();
                            clock.sleep(Duration.ofSeconds(seconds));
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        } finally {
                            done.countDown();
                        }
                    });
                }
                // Children register before the parent goes idle, so the clock cannot skip their sleeps.
                begun.await();
                clock.idle(() -> {
                    done.await();
                    return null;
                });
                parentResumed.set(clock.now());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        parent.join(10_000);
        assertThat(parentResumed.get()).isEqualTo(START.plusSeconds(25));
    }

    @Test
    void begin_whenNested_countsUntilTheOutermostIsClosed() throws Exception {
        var outer = clock.begin();
        var inner = clock.begin();
        assertThat(clock.busyCount()).isEqualTo(2);
        inner.close();
        inner.close();
        assertThat(clock.busyCount()).isEqualTo(1);
        outer.close();
        assertThat(clock.busyCount()).isZero();
    }

    @Test
    void advance_whenSleepersAreDue_wakesThemEvenWhileOthersAreBusy() throws Exception {
        AtomicReference<Instant> woke = new AtomicReference<>();
        try (var hold = clock.begin()) {
            Thread sleeper = Thread.ofVirtual().start(() -> {
                try {
                    clock.sleep(Duration.ofSeconds(5));
                    woke.set(clock.now());
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            awaitSleepers(1);
            clock.advance(Duration.ofSeconds(4));
            assertThat(clock.sleeperCount()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
            sleeper.join(10_000);
        }
        assertThat(woke.get()).isEqualTo(START.plusSeconds(5));
    }

    @Test
    void sleep_whenInterrupted_throwsAndLeavesNoSleeperBehind() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (var hold = clock.begin()) {
            Thread sleeper = Thread.ofVirtual().start(() -> {
                try (var activity = clock.begin()) {
                    clock.sleep(Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                    thrown.set(e);
                }
            });
            awaitSleepers(1);
            sleeper.interrupt();
            sleeper.join(10_000);
        }
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(clock.sleeperCount()).isZero();
        assertThat(clock.busyCount()).isZero();
        assertThat(clock.now()).isEqualTo(START);
    }

    @Test
    void sleep_whenAWatchdogWakesFirst_interruptsTheLongerSleeperAtTheWatchdogTime() throws Exception {
        AtomicReference<Instant> interruptedAt = new AtomicReference<>();
        AtomicReference<RuntimeClock.Activity> handoff = new AtomicReference<>();
        Thread worker = Thread.ofVirtual().start(() -> {
            try (var activity = clock.begin()) {
                Thread me = Thread.currentThread();
                CountDownLatch begun = new CountDownLatch(1);
                Thread.ofVirtual().start(() -> {
                    try (var dog = clock.begin()) {
                        begun.countDown();
                        clock.sleep(Duration.ofSeconds(5));
                        // Hand a busy period to the interrupted thread so the clock waits for it to react.
                        handoff.set(clock.begin());
                        me.interrupt();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
                begun.await();
                clock.sleep(Duration.ofSeconds(100));
            } catch (InterruptedException e) {
                interruptedAt.set(clock.now());
                handoff.get().close();
            }
        });
        worker.join(10_000);
        assertThat(interruptedAt.get()).isEqualTo(START.plusSeconds(5));
    }

    @Test
    void advance_whenNegative_isRejected() {
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private void awaitSleepers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (clock.sleeperCount() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no sleeper registered");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
