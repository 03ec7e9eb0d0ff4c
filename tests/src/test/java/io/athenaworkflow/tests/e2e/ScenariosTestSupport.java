package io.athenaworkflow.tests.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads what the workflow's steps did from an execution's history. */
final class ScenariosTestSupport {

    private ScenariosTestSupport() {
    }

    /** The Cleanup step's report: the output of the state named Cleanup. */
    static JsonNode cleanupReport(LocalWorkflow workflow, String executionArn) {
        for (var event : workflow.sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn)).events()) {
            if (event.stateExitedEventDetails() != null && event.stateExitedEventDetails().name().equals("Cleanup")) {
                return LocalWorkflow.json(event.stateExitedEventDetails().output());
            }
        }
        throw new AssertionError("No Cleanup step in " + executionArn);
    }
}
