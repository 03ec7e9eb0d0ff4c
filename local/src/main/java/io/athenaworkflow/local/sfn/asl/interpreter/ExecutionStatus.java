package io.athenaworkflow.local.sfn.asl.interpreter;

/** An execution's status, as DescribeExecution reports it. */
public enum ExecutionStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABORTED;

    /** Whether the execution has ended. */
    public boolean isTerminal() {
        return this != RUNNING;
    }
}
