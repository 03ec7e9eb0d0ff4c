package io.athenaworkflow.local.sfn.api;

import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an execution can be redriven now, as DescribeExecution's {@code redriveStatus} and
 * {@code redriveStatusReason} report it, in the words AWS documents for {@code redriveStatusReason}.
 *
 * @param reason why not (AWS's wording), or empty when it is redrivable
 */
record Redrivability(Optional<String> reason) {

    /** AWS keeps a failed execution redrivable for 14 days after it ends. */
    static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);
    /** A standard execution may run for at most a year, redrives included. */
    static final Duration MAX_EXECUTION_TIME = Duration.ofDays(365);

    static Redrivability of(Execution execution, Instant now) {
        ExecutionResult result = execution.result().orElse(null);
        if (result == null) {
            return new Redrivability(Optional.of("Execution is RUNNING and cannot be redriven"));
        }
        if (result.status() == ExecutionStatus.SUCCEEDED) {
            return new Redrivability(Optional.of("Execution is SUCCEEDED and cannot be redriven"));
        }
        if (execution.historyExhausted()) {
            return new Redrivability(Optional.of("Execution history event limit exceeded"));
        }
        if (!execution.startDate().plus(MAX_EXECUTION_TIME).isAfter(now)) {
            return new Redrivability(Optional.of("Execution has exceeded the max execution time"));
        }
        if (!result.stopDate().plus(REDRIVABLE_PERIOD).isAfter(now)) {
            return new Redrivability(Optional.of("Execution redrivable period exceeded"));
        }
        return new Redrivability(Optional.empty());
    }

    boolean redrivable() {
        return reason.isEmpty();
    }

    /**
     * REDRIVABLE or NOT_REDRIVABLE (AWS's REDRIVABLE_BY_MAP_RUN is for child executions of a Map Run, which the local
     * runtime does not create).
     */
    String status() {
        return redrivable() ? "REDRIVABLE" : "NOT_REDRIVABLE";
    }
}
