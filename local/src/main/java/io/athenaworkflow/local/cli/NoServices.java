package io.athenaworkflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.interpreter.TaskInvocation;
import io.athenaworkflow.local.sfn.asl.interpreter.TaskInvoker;

/**
 * The Task runner of {@code exec}, which runs a definition alone: every Task fails with States.Runtime naming its
 * resource. States.Runtime, because on AWS the task would run: no Retry or Catch may quietly take another path.
 */
final class NoServices implements TaskInvoker {

    @Override
    public JsonNode invoke(TaskInvocation invocation) {
        throw StatesError.runtime("The Task state '" + invocation.stateName() + "' cannot run its resource '"
                + invocation.resource().arn() + "': `athena-local exec` runs a definition without any services."
                + " Run the template's state machine with `athena-local up` (or `run`) to reach the local Lambda"
                + " functions, Athena and S3.");
    }
}
