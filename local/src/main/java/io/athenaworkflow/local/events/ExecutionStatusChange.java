package io.athenaworkflow.local.events;

import java.time.Instant;

/**
 * The detail of a Step Functions "Execution Status Change" event.
 *
 * @param executionArn detail.executionArn
 * @param stateMachineArn detail.stateMachineArn
 * @param name detail.name (the execution name)
 * @param status detail.status
 * @param startDate detail.startDate (written as epoch milliseconds)
 * @param stopDate detail.stopDate, or null while running
 * @param input detail.input, the execution input as JSON text
 * @param output detail.output, the execution output as JSON text, or null unless it succeeded
 * @param error detail.error, or null
 * @param cause detail.cause, or null
 * @param redriveCount detail.redriveCount
 * @param redriveDate detail.redriveDate (epoch milliseconds), or null if the execution was never redriven
 */
public record ExecutionStatusChange(String executionArn, String stateMachineArn, String name, Status status,
                                    Instant startDate, Instant stopDate, String input, String output, String error,
                                    String cause, int redriveCount, Instant redriveDate) {

    /** An execution's status as Step Functions reports it. */
    public enum Status {
        RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE;

        /** Whether an execution that ended this way can be redriven. */
        boolean redrivable() {
            return this == FAILED || this == TIMED_OUT || this == ABORTED;
        }
    }

    public ExecutionStatusChange {
        if (executionArn == null || stateMachineArn == null || name == null || status == null || startDate == null) {
            throw new IllegalArgumentException("executionArn, stateMachineArn, name, status and startDate are required");
        }
    }

    /** The change of an execution that was never redriven. */
    public ExecutionStatusChange(String executionArn, String stateMachineArn, String name, Status status,
                                 Instant startDate, Instant stopDate, String input, String output, String error,
                                 String cause, int redriveCount) {
        this(executionArn, stateMachineArn, name, status, startDate, stopDate, input, output, error, cause,
                redriveCount, null);
    }
}
