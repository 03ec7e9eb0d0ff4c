package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.definition.DataFlow;
import io.athenaworkflow.local.sfn.asl.definition.PassState;

/** Pass: its result is Parameters, else Result, else the effective input (JSONPath); JSONata has only Output. */
final class PassExecutor {

    private final DataFlows flows;

    PassExecutor(DataFlows flows) {
        this.flows = flows;
    }

    Outcome run(StateCall call, PassState state) {
        ObjectNode context = call.context();
        if (!(state.flow() instanceof DataFlow.JsonPath path)) {
            return flows.passThrough(call, state.flow(), call.input, context);
        }
        JsonNode result;
        if (path.parameters() != null) {
            result = flows.arguments(call, path, context);
        } else if (state.result() != null) {
            result = state.result();
        } else {
            result = flows.effectiveInput(call, path, context);
        }
        return flows.resultOutput(call, path, result, context);
    }
}
