package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.ChoiceRule;
import io.athenaworkflow.local.sfn.asl.definition.ChoiceState;

/** Choice: the first rule that matches, else the Default, else States.NoChoiceMatched. */
final class ChoiceExecutor {

    /** The chosen next state and the state's output. */
    record Chosen(String next, Outcome outcome) {
    }

    private final DataFlows flows;

    ChoiceExecutor(DataFlows flows) {
        this.flows = flows;
    }

    Chosen run(StateCall call, ChoiceState state) {
        ObjectNode context = call.context();
        JsonNode effective = flows.effectiveInput(call, state.flow(), context);
        for (ChoiceRule rule : state.choices()) {
            if (flows.matches(call, rule, effective, context)) {
                return new Chosen(rule.next(), flows.chosen(call, state.flow(), effective, context, rule));
            }
        }
        String defaultState = state.defaultNext()
                .orElseThrow(() -> new StatesError("States.NoChoiceMatched", "No Matches!"));
        return new Chosen(defaultState, flows.chosen(call, state.flow(), effective, context, null));
    }
}
