package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs the work of a Task state. The interpreter knows no services: the runtime injects an invoker that calls the
 * local Lambda host, Athena and so on. It runs on the execution's thread, must honour thread interruption (the
 * execution was stopped or the task timed out) and must use {@link TaskInvocation#clock()} for any waiting.
 */
@FunctionalInterface
public interface TaskInvoker {

    /**
     * Performs {@code invocation} and returns its result (for a Lambda function: the function's response payload;
     * for {@code lambda:invoke}: the {@code {ExecutedVersion, Payload, StatusCode, ...}} object).
     *
     * @throws io.athenaworkflow.local.sfn.asl.StatesError the task failed: the Lambda function's errorType and cause,
     *     Lambda.ServiceException, States.Timeout, States.TaskFailed, or an error naming an unknown resource
     */
    JsonNode invoke(TaskInvocation invocation);
}
