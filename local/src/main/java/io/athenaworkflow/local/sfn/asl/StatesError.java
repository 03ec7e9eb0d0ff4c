package io.athenaworkflow.local.sfn.asl;

/**
 * An error raised while running a state machine, named as Step Functions names it: a predefined
 * {@code States.*} name (States.Runtime, States.IntrinsicFailure, States.QueryEvaluationError, States.Timeout,
 * States.TaskFailed, States.DataLimitExceeded, ...) or a task's own error name. Retry and Catch match {@link #error()};
 * {@link #cause()} is the human-readable Cause.
 */
public class StatesError extends RuntimeException {

    private final String error;
    private final String cause;

    public StatesError(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    /** States.Runtime: a path that does not resolve, an invalid value for a field, and the other runtime errors. */
    public static StatesError runtime(String cause) {
        return new StatesError("States.Runtime", cause);
    }
}
