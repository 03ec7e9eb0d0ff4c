package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.definition.SucceedState;

/** Succeed: the effective input through OutputPath (JSONPath), or Output (JSONata). */
final class SucceedExecutor {

    private final DataFlows flows;

    SucceedExecutor(DataFlows flows) {
        this.flows = flows;
    }

    Outcome run(StateCall call, SucceedState state) {
        ObjectNode context = call.context();
        return flows.passThrough(call, state.flow(), flows.effectiveInput(call, state.flow(), context), context);
    }
}
