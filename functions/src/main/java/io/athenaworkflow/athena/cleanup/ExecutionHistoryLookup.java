package io.athenaworkflow.athena.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.errors.AwsErrors;
import io.athenaworkflow.athena.errors.AwsService;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

import java.io.IOException;
import java.util.Optional;

/**
 * Finds the query an execution started, from the execution's history: the output of its StartQuery step (a
 * {@code lambda:invoke} task whose Payload is a query handle, or a direct Lambda task returning one). Used when an
 * execution was stopped, timed out or failed outside the state machine's own Catch, so nothing is left running.
 */
public final class ExecutionHistoryLookup {

    /** The state machine's state that starts the query. */
    static final String START_QUERY = "StartQuery";

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

    /**
     * The execution's input when its StartQuery may have started a query without learning the id: no StartQuery
     * attempt succeeded, and one timed out, failed with one of {@link LostStartRecovery#UNANSWERED_START_ERRORS}, or
     * was still under way when the execution ended. Empty otherwise (no query can exist, or its id is known).
     */
    public Optional<JsonNode> unansweredStartInput(String executionArn) {
        JsonNode input = null;
        String state = null;
        boolean answered = false;
        boolean underWay = false;
        boolean mayHaveStarted = false;
        try {
            for (HistoryEvent event : sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)
                    .includeExecutionData(true).maxResults(1000)).events()) {
                if (event.type() == HistoryEventType.EXECUTION_STARTED) {
                    input = json(event.executionStartedEventDetails().input());
                } else if (event.type() == HistoryEventType.TASK_STATE_ENTERED) {
                    state = event.stateEnteredEventDetails().name();
                } else if (START_QUERY.equals(state)) {
                    switch (event.type()) {
                        case TASK_SCHEDULED, LAMBDA_FUNCTION_SCHEDULED -> underWay = true;
                        case TASK_SUCCEEDED, LAMBDA_FUNCTION_SUCCEEDED -> answered = true;
                        // A timed-out attempt may have called Athena before it was cut off.
                        case TASK_TIMED_OUT, LAMBDA_FUNCTION_TIMED_OUT -> {
                            underWay = false;
                            mayHaveStarted = true;
                        }
                        case TASK_FAILED -> {
                            underWay = false;
                            mayHaveStarted |= LostStartRecovery.UNANSWERED_START_ERRORS.contains(
                                    event.taskFailedEventDetails().error());
                        }
                        case LAMBDA_FUNCTION_FAILED -> {
                            underWay = false;
                            mayHaveStarted |= LostStartRecovery.UNANSWERED_START_ERRORS.contains(
                                    event.lambdaFunctionFailedEventDetails().error());
                        }
                        default -> { }
                    }
                }
            }
        } catch (SdkException e) {
            throw AwsErrors.translate(e, AwsService.STEP_FUNCTIONS, "GetExecutionHistory " + executionArn);
        }
        // An attempt still under way when the execution ended (stopped, timed out) may yet start the query.
        return answered || !(mayHaveStarted || underWay) || input == null ? Optional.empty() : Optional.of(input);
    }

    private JsonNode json(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
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
