package io.athenaworkflow.athena.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.errors.AwsErrors;
import io.athenaworkflow.athena.errors.AwsService;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.io.IOException;
import java.util.Optional;

/**
 * Finds the query an execution started, from the execution's history: the output of its StartQuery step (a
 * {@code lambda:invoke} task whose Payload is a query handle, or a direct Lambda task returning one). Used when an
 * execution was stopped, timed out or failed outside the state machine's own Catch, so nothing is left running.
 */
public final class ExecutionHistoryLookup {

    private final SfnClient sfn;
    private final ObjectMapper mapper;

    public ExecutionHistoryLookup(SfnClient sfn, ObjectMapper mapper) {
        this.sfn = sfn;
        this.mapper = mapper;
    }

    /** The last query handle the execution's StartQuery returned, or empty when it never started a query. */
    public Optional<QueryHandle> queryOf(String executionArn) {
        QueryHandle found = null;
        try {
            for (HistoryEvent event : sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)
                    .includeExecutionData(true).maxResults(1000)).events()) {
                String output = event.taskSucceededEventDetails() != null ? event.taskSucceededEventDetails().output()
                        : event.lambdaFunctionSucceededEventDetails() != null
                        ? event.lambdaFunctionSucceededEventDetails().output() : null;
                QueryHandle handle = handleIn(output);
                if (handle != null) {
                    found = handle;
                }
            }
        } catch (SdkException e) {
            throw AwsErrors.translate(e, AwsService.STEP_FUNCTIONS, "GetExecutionHistory " + executionArn);
        }
        return Optional.ofNullable(found);
    }

    private QueryHandle handleIn(String output) {
        if (output == null || output.isEmpty()) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(output);
            JsonNode payload = node.has("Payload") ? node.get("Payload") : node;
            boolean isHandle = payload.isObject() && payload.has("queryExecutionId") && payload.has("startedAt")
                    && payload.has("cleanup");
            return isHandle ? QueryHandle.fromJson(payload) : null;
        } catch (IOException | RuntimeException notAHandle) {
            return null;
        }
    }
}
