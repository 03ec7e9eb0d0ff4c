package io.athenaworkflow.local.cli;

import java.time.Duration;

/**
 * How an execution ended, as DescribeExecution reports it.
 *
 * @param executionArn the execution
 * @param status SUCCEEDED, FAILED, TIMED_OUT or ABORTED
 * @param output the output JSON text (SUCCEEDED), else null
 * @param error the error name, or null
 * @param cause the cause, or null
 * @param duration from start to stop
 */
public record WorkflowOutcome(String executionArn, String status, String output, String error, String cause,
                              Duration duration) {

    public boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }
}
