package io.athenaworkflow.local.sfn.api;

import io.athenaworkflow.local.events.ExecutionStatusChange;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus;

/**
 * Feeds EventBridge: turns an execution's status change, as an
 * {@link io.athenaworkflow.local.sfn.asl.interpreter.ExecutionListener#onStatusChange} registered through
 * {@link StepFunctionsService#addListener} sees it, into the {@link ExecutionStatusChange} from which
 * {@link io.athenaworkflow.local.events.AwsEvents#executionStatusChange} builds the "Step Functions Execution Status
 * Change" event.
 */
public final class ExecutionStatusChangeEvent {

    private ExecutionStatusChangeEvent() {
    }

    /** The change for {@code execution} entering {@code status} (output, error and cause once it has ended). */
    public static ExecutionStatusChange of(Execution execution, ExecutionStatus status) {
        ExecutionResult result = status.isTerminal() ? execution.result().orElse(null) : null;
        return new ExecutionStatusChange(execution.context().executionArn(), execution.context().stateMachineArn(),
                execution.context().name(), ExecutionStatusChange.Status.valueOf(status.name()),
                execution.startDate(), result == null ? null : result.stopDate(), execution.context().inputJson(),
                result == null ? null : result.output(), result == null ? null : result.error(),
                result == null ? null : result.cause(), execution.redriveCount(),
                execution.redriveDate().orElse(null));
    }
}
