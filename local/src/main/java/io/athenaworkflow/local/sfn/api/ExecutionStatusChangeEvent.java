package io.athenaworkflow.local.sfn.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus;

/**
 * The "Step Functions Execution Status Change" event Step Functions sends to EventBridge (source {@code aws.states})
 * whenever an execution starts or ends. The EventBridge part of the runtime builds its events with {@link #detail}
 * from an {@link io.athenaworkflow.local.sfn.asl.interpreter.ExecutionListener#onStatusChange} callback registered
 * through {@link StepFunctionsService#addListener}.
 */
public final class ExecutionStatusChangeEvent {

    public static final String SOURCE = "aws.states";
    public static final String DETAIL_TYPE = "Step Functions Execution Status Change";

    private ExecutionStatusChangeEvent() {
    }

    /**
     * The event's {@code detail}: the DescribeExecution fields with dates as epoch milliseconds and absent values as
     * JSON null, as EventBridge delivers them.
     */
    public static ObjectNode detail(Execution execution, ExecutionStatus status) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ExecutionResult result = status.isTerminal() ? execution.result().orElse(null) : null;
        ObjectNode detail = nodes.objectNode();
        detail.put("executionArn", execution.context().executionArn());
        detail.put("stateMachineArn", execution.context().stateMachineArn());
        detail.put("name", execution.context().name());
        detail.put("status", status.name());
        detail.put("startDate", execution.startDate().toEpochMilli());
        if (result != null) {
            detail.put("stopDate", result.stopDate().toEpochMilli());
        } else {
            detail.putNull("stopDate");
        }
        detail.put("input", execution.context().inputJson());
        detail.putObject("inputDetails").put("included", true);
        if (result != null && result.output() != null) {
            detail.put("output", result.output());
            detail.putObject("outputDetails").put("included", true);
        } else {
            detail.putNull("output");
            detail.putNull("outputDetails");
        }
        putOrNull(detail, "error", result == null ? null : result.error());
        putOrNull(detail, "cause", result == null ? null : result.cause());
        detail.putNull("stateMachineVersionArn");
        detail.putNull("stateMachineAliasArn");
        detail.put("redriveCount", 0);
        detail.putNull("redriveDate");
        return detail;
    }

    private static void putOrNull(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
