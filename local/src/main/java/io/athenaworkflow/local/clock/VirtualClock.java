package io.athenaworkflow.local.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A discrete-event clock: time stands still while any registered thread is busy, and jumps straight to the earliest
 * pending wake-up as soon as none is.
 *
 * <p>A thread is busy while it holds an open {@link #begin()} activity and is neither sleeping ({@link #sleep}) nor
 * waiting inside {@link #idle(Callable)}. Whenever the number of busy activities drops to zero and threads are
 * sleeping, the clock moves to the earliest wake-up time and wakes every sleeper due at that time; the woken sleepers
 * count as busy again before anyone else can observe the clock, so no wake-up is lost and time never jumps past a
 * thread that still has work to do at the current instant.
 *
 * <p>An {@link Activity} may be closed by another thread than the one that opened it: that is how a finishing child
 * hands its busy period over to the parent it wakes, so the clock cannot move between the child's end and the
 * parent's resumption.
 */
public final class VirtualClock implements RuntimeClock {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUps = lock.newCondition();
    private final PriorityQueue<Sleeper> sleepers = new PriorityQueue<>();
    private final ThreadLocal<ThreadState> threads = ThreadLocal.withInitial(ThreadState::new);
    private volatile Instant now;
    private int busy;
    private long sequence;

    private VirtualClock(Instant start) {
        this.now = start;
    }

    /** A virtual clock that reads {@code start} until time is advanced. */
    public static VirtualClock startingAt(Instant start) {
        if (start == null) {
            throw new IllegalArgumentException("start must not be null: pass the instant the virtual clock begins at");
        }
        return new VirtualClock(start);
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        ThreadState state = threads.get();
        lock.lock();
        try {
            Sleeper sleeper = new Sleeper(now.plus(duration), sequence++, state);
            suspend(state);
            sleepers.add(sleeper);
            advanceIfQuiet();
            try {
                while (!sleeper.woken) {
                    wakeUps.await();
                }
            } catch (InterruptedException interrupted) {
                if (!sleeper.woken) {
                    sleepers.remove(sleeper);
                    resume(state);
                    advanceIfQuiet();
                } else {
                    releaseWakeUpHold(sleeper);
                }
                throw interrupted;
            }
            releaseWakeUpHold(sleeper);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Activity begin() {
        ThreadState state = threads.get();
        lock.lock();
        try {
            state.depth++;
            if (state.suspensions == 0) {
                busy++;
            }
        } finally {
            lock.unlock();
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                end(state);
            }
        };
    }

    @Override
    public <T> T idle(Callable<T> waiting) throws Exception {
        ThreadState state = threads.get();
        lock.lock();
        try {
            suspend(state);
            advanceIfQuiet();
        } finally {
            lock.unlock();
        }
        try {
            return waiting.call();
        } finally {
            lock.lock();
            try {
                resume(state);
                advanceIfQuiet();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Moves the clock forward by {@code duration} (tests), waking every sleeper due by then, whether or not threads are
     * busy.
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go backwards: " + duration);
        }
        lock.lock();
        try {
            now = now.plus(duration);
            wakeDue();
            advanceIfQuiet();
        } finally {
            lock.unlock();
        }
    }

    /** The number of threads currently blocked in {@link #sleep(Duration)}. */
    public int sleeperCount() {
        lock.lock();
        try {
            return sleepers.size();
        } finally {
            lock.unlock();
        }
    }

    /** The number of open activities of threads that are neither sleeping nor idle. */
    public int busyCount() {
        lock.lock();
        try {
            return busy;
        } finally {
            lock.unlock();
        }
    }

    private void end(ThreadState state) {
        lock.lock();
        try {
            state.depth--;
            if (state.suspensions == 0) {
                busy--;
            }
            advanceIfQuiet();
        } finally {
            lock.unlock();
        }
    }

    private void suspend(ThreadState state) {
        if (state.suspensions++ == 0) {
            busy -= state.depth;
        }
    }

    private void resume(ThreadState state) {
        if (--state.suspensions == 0) {
            busy += state.depth;
        }
    }

    /** Called with the lock held: jumps to the next wake-up while nothing is busy. */
    private void advanceIfQuiet() {
        while (busy == 0 && !sleepers.isEmpty()) {
            Instant next = sleepers.peek().wakeAt;
            if (next.isAfter(now)) {
                now = next;
            }
            wakeDue();
        }
    }

    private void wakeDue() {
        boolean any = false;
        while (!sleepers.isEmpty() && !sleepers.peek().wakeAt.isAfter(now)) {
            Sleeper sleeper = sleepers.poll();
            sleeper.woken = true;
            resume(sleeper.owner);
            // A thread outside any activity still counts as busy until it has returned from sleep().
            sleeper.hold = true;
            busy++;
            any = true;
        }
        if (any) {
            wakeUps.signalAll();
        }
    }

    private void releaseWakeUpHold(Sleeper sleeper) {
        if (sleeper.hold) {
            sleeper.hold = false;
            busy--;
            advanceIfQuiet();
        }
    }

    private static final class ThreadState {
        private int depth;
        private int suspensions;
    }

    private static final class Sleeper implements Comparable<Sleeper> {
        private final Instant wakeAt;
        private final long order;
        private final ThreadState owner;
        private boolean woken;
        private boolean hold;

        private Sleeper(Instant wakeAt, long order, ThreadState owner) {
            this.wakeAt = wakeAt;
            this.order = order;
            this.owner = owner;
        }

        @Override
        public int compareTo(Sleeper other) {
            int byTime = wakeAt.compareTo(other.wakeAt);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
