package io.athenaworkflow.local.sfn.asl.interpreter;

import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.sfn.asl.definition.StateMachineDefinition;
import io.athenaworkflow.local.sfn.asl.history.ExecutionHistory;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Runs Amazon States Language definitions. Time comes only from the injected clock (Wait, Retry intervals, timeouts,
 * context timestamps); Task work goes to the injected {@link TaskInvoker}.
 */
public final class Interpreter {

    private final RuntimeClock clock;
    private final TaskInvoker invoker;
    private final Options options;
    private final Expressions expressions;

    /**
     * Tuning: the concurrency cap for Map iterations ({@code MaxConcurrency} 0 means "as many as possible"; AWS runs
     * up to 40 inline iterations at once), the random source of {@code JitterStrategy: FULL}, and the history quota.
     */
    public record Options(int maxConcurrency, RandomGenerator random, int historyLimit) {

        public Options {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + maxConcurrency);
            }
            if (historyLimit < 2 || historyLimit > ExecutionHistory.MAX_EVENTS) {
                throw new IllegalArgumentException("historyLimit must be between 2 and " + ExecutionHistory.MAX_EVENTS);
            }
        }

        /** 40 concurrent iterations, a fresh random source, the 25,000-event quota. */
        public static Options defaults() {
            return new Options(40, new Random(), ExecutionHistory.MAX_EVENTS);
        }

        public Options withRandom(RandomGenerator newRandom) {
            return new Options(maxConcurrency, newRandom, historyLimit);
        }

        public Options withMaxConcurrency(int newMaxConcurrency) {
            return new Options(newMaxConcurrency, random, historyLimit);
        }

        /** A smaller history quota (tests of the quota). */
        public Options withHistoryLimit(int newLimit) {
            return new Options(maxConcurrency, random, newLimit);
        }
    }

    public Interpreter(RuntimeClock clock, TaskInvoker invoker) {
        this(clock, invoker, Options.defaults());
    }

    public Interpreter(RuntimeClock clock, TaskInvoker invoker, Options options) {
        this.clock = clock;
        this.invoker = invoker;
        this.options = options;
        this.expressions = Expressions.standard();
    }

    /** Starts an execution; ExecutionStarted is in its history when this returns. */
    public Execution start(StateMachineDefinition definition, ExecutionContext context) {
        return start(definition, context, ExecutionListener.NONE);
    }

    /**
     * Starts an execution observed by {@code listener}.
     *
     * @throws IllegalArgumentException if the execution input is not JSON
     */
    public Execution start(StateMachineDefinition definition, ExecutionContext context, ExecutionListener listener) {
        Execution execution = new Execution(context, definition, clock, invoker, expressions, options, listener);
        execution.begin();
        return execution;
    }
}
