package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.ItemReader;

/**
 * Runs the work of a Task state (and reads a Distributed Map's items). The interpreter knows no services: the runtime injects an invoker that calls the
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

    /**
     * Reads the items of a Distributed Map's {@code reader} with its evaluated {@code arguments} (the bucket and key
     * or prefix): a JSON array, before MaxItems is applied. An invoker without a data source cannot read any.
     *
     * @throws io.athenaworkflow.local.sfn.asl.StatesError the items could not be read (no such object, not the
     *     declared InputType)
     */
    default JsonNode readItems(ItemReader reader, JsonNode arguments) {
        throw StatesError.runtime("This runtime has no data source for the ItemReader " + reader.resource()
                + "; configure the local S3 for Step Functions");
    }

    /**
     * Writes one result file of a Distributed Map's ResultWriter ({@code s3:putObject} of {@code body} as UTF-8 JSON)
     * to {@code bucket}/{@code key}. An invoker without a data store cannot write any.
     *
     * @throws io.athenaworkflow.local.sfn.asl.StatesError the object could not be written (no such bucket)
     */
    default void writeResult(String bucket, String key, String body) {
        throw StatesError.runtime("This runtime has no data store for the ResultWriter; configure the local S3 for"
                + " Step Functions");
    }
}
