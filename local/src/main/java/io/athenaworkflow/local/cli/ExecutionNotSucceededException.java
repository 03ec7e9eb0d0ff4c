package io.athenaworkflow.local.cli;

/**
 * Thrown by {@code run} and {@code demo} when an execution ended FAILED, TIMED_OUT or ABORTED; the message names the
 * execution and gives its Error and Cause.
 */
public final class ExecutionNotSucceededException extends CliException {

    private final WorkflowOutcome outcome;

    public ExecutionNotSucceededException(String what, WorkflowOutcome outcome) {
        super(what + " ended " + outcome.status() + " (" + outcome.executionArn() + ")\n  Error: "
                + (outcome.error() == null ? "(none)" : outcome.error()) + "\n  Cause: "
                + (outcome.cause() == null ? "(none)" : outcome.cause()));
        this.outcome = outcome;
    }

    /** How the execution ended. */
    public WorkflowOutcome outcome() {
        return outcome;
    }
}
