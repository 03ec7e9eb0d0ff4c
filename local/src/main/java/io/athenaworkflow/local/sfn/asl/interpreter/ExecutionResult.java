package io.athenaworkflow.local.sfn.asl.interpreter;

import java.time.Instant;

/**
 * How an execution ended, as DescribeExecution reports it: {@code output} (JSON text) for SUCCEEDED, {@code error} and
 * {@code cause} for FAILED, TIMED_OUT and ABORTED (each may be null when Step Functions reports none).
 */
public record ExecutionResult(ExecutionStatus status, String output, String error, String cause, Instant startDate,
                              Instant stopDate) {
}
