package io.athenaworkflow.local.faults;

import java.util.random.RandomGenerator;

/**
 * Which of the calls a fault rule matches it fails, counting from 1 in the order the calls arrive: a range of call
 * numbers, every k-th call, or each call with a probability (drawn from the plan's seeded generator).
 */
public sealed interface Calls {

    /** Every call. */
    static Calls all() {
        return new Range(1, Long.MAX_VALUE);
    }

    /** Calls 1 to {@code n}: a fault that lasts a while and then clears. */
    static Calls first(long n) {
        return new Range(1, n);
    }

    /** Only the {@code n}-th call. */
    static Calls only(long n) {
        return new Range(n, n);
    }

    /** Calls {@code from} to {@code to}, both included. */
    static Calls range(long from, long to) {
        return new Range(from, to);
    }

    /** Calls k, 2k, 3k, ... */
    static Calls everyKth(long k) {
        return new Every(k);
    }

    /** Each call independently with {@code probability} (0 to 1). */
    static Calls withProbability(double probability) {
        return new Random(probability);
    }

    /** Whether call number {@code call} (1-based) fails; {@code random} is consulted only by {@link Random}. */
    boolean includes(long call, RandomGenerator random);

    /**
     * Calls {@code from} to {@code to}, both included.
     *
     * @throws IllegalArgumentException when {@code from} is below 1 or {@code to} below {@code from}
     */
    record Range(long from, long to) implements Calls {
        public Range {
            if (from < 1 || to < from) {
                throw new IllegalArgumentException("a call range needs 1 <= from <= to (calls count from 1), got "
                        + from + ".." + to);
            }
        }

        @Override
        public boolean includes(long call, RandomGenerator random) {
            return call >= from && call <= to;
        }

        @Override
        public String toString() {
            return to == Long.MAX_VALUE ? "calls " + from + "+" : from == to ? "call " + from : "calls " + from + ".." + to;
        }
    }

    /**
     * Every {@code k}-th call.
     *
     * @throws IllegalArgumentException when {@code k} is below 1
     */
    record Every(long k) implements Calls {
        public Every {
            if (k < 1) {
                throw new IllegalArgumentException("every k-th call needs k >= 1, got " + k);
            }
        }

        @Override
        public boolean includes(long call, RandomGenerator random) {
            return call % k == 0;
        }

        @Override
        public String toString() {
            return "every call " + k;
        }
    }

    /**
     * Each call with {@code probability}.
     *
     * @throws IllegalArgumentException when the probability is not between 0 and 1
     */
    record Random(double probability) implements Calls {
        public Random {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("a probability must be between 0 and 1, got " + probability);
            }
        }

        @Override
        public boolean includes(long call, RandomGenerator random) {
            return random.nextDouble() < probability;
        }

        @Override
        public String toString() {
            return "calls with probability " + probability;
        }
    }
}
