package io.athenaworkflow.local.sfn.asl.history;

/**
 * Thrown by {@link ExecutionHistory#append} when one more event would reach the 25,000-event hard quota: Step
 * Functions then fails the execution with States.Runtime, its ExecutionFailed event being event 25,000.
 */
public class HistoryLimitExceededException extends RuntimeException {

    /** AWS's cause for an execution that reached the history quota. */
    public static final String CAUSE = "The execution reached the maximum number of history events ("
            + ExecutionHistory.MAX_EVENTS + ").";

    public HistoryLimitExceededException() {
        super(CAUSE);
    }
}
