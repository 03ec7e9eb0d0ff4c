package io.athenaworkflow.tests.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.tests.e2e.LocalWorkflow;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/** Reading a succeeded execution's output. */
final class LocalOutput {

    private LocalOutput() {
    }

    static JsonNode json(DescribeExecutionResponse execution) {
        return LocalWorkflow.json(execution.output());
    }

    /** The output's {@code rowCount}, after checking the rows are the query's three. */
    static long rows(DescribeExecutionResponse execution) {
        JsonNode output = json(execution);
        if (!output.get("rows").toString().equals(
                "[{\"id\":1,\"letter\":\"a\"},{\"id\":2,\"letter\":\"b\"},{\"id\":3,\"letter\":\"c\"}]")) {
            throw new AssertionError("unexpected rows: " + output.get("rows"));
        }
        return output.get("rowCount").asLong();
    }
}
