package io.athenaworkflow.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.cleanup.CleanupReport;
import io.athenaworkflow.athena.cleanup.ExecutionHistoryLookup;
import io.athenaworkflow.athena.cleanup.LostStartRecovery;
import io.athenaworkflow.athena.cleanup.QueryCleaner;
import io.athenaworkflow.athena.config.JsonFields;
import io.athenaworkflow.athena.config.WorkflowDefaults;
import io.athenaworkflow.athena.errors.InvalidEventException;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.athena.start.QueryStarter;
import io.athenaworkflow.athena.start.TriggerEvents;
import io.athenaworkflow.priming.HandlerPriming;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Set;

/**
 * Cleanup: stops the query if it still runs and deletes its own result objects as the cleanup mode says.
 * Payload: {@code {"query": <handle or null>, "succeeded": true|false}} from the state machine, or a Step
 * Functions "Execution Status Change" event (ABORTED, TIMED_OUT, FAILED) from EventBridge, in which case the
 * query is found in the execution's history. After a StartQuery that got no answer from Athena the state machine
 * passes {@code "query": null} and {@code "start": {"request": ..., "executionArn": ...}}: the query is found by
 * repeating its start with the same ClientRequestToken; so is it when the history shows such a StartQuery.
 */
public final class CleanupHandler implements RequestStreamHandler, Resource {

    static final Set<String> CLEANED_STATUSES = Set.of("ABORTED", "TIMED_OUT", "FAILED");

    private final QueryCleaner cleaner;
    private final ExecutionHistoryLookup history;
    private final LostStartRecovery lostStart;

    public CleanupHandler() {
        this(AwsClients.athena(), AwsClients.s3(), AwsClients.stepFunctions(),
                WorkflowDefaults.fromEnvironment(FunctionEnvironment.variables()), Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    CleanupHandler(AthenaClient athena, S3Client s3, SfnClient sfn, WorkflowDefaults defaults, Clock clock) {
        this.cleaner = new QueryCleaner(athena, s3);
        this.history = new ExecutionHistoryLookup(sfn, Json.MAPPER);
        this.lostStart = new LostStartRecovery(cleaner, new TriggerEvents(s3, Json.MAPPER, defaults),
                new QueryStarter(athena), clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Json.write(output, clean(Json.read(input)).toJson());
    }

    CleanupReport clean(JsonNode payload) {
        if (!payload.isObject()) {
            // Only a real payload may say "no query was started"; an empty or malformed one is an error.
            throw new InvalidInputException("The Cleanup payload must be {\"query\": <handle or null>, \"succeeded\": true|false}"
                    + " or a Step Functions 'Execution Status Change' event, but was "
                    + (payload.isMissingNode() ? "empty" : JsonFields.describe(payload)) + ".");
        }
        if (payload.has("detail-type")) {
            return cleanAfter(payload);
        }
        JsonNode query = payload.get("query");
        JsonNode start = payload.get("start");
        if ((query == null || query.isNull()) && start != null && !start.isNull()) {
            return lostStart.clean(start);
        }
        if (query == null || query.isNull()) {
            return CleanupReport.noQuery("No query was started; nothing to clean up.");
        }
        JsonNode succeeded = payload.get("succeeded");
        if (succeeded == null || !succeeded.isBoolean()) {
            throw new InvalidInputException("Field 'succeeded' must be true or false: whether the workflow succeeded.");
        }
        return cleaner.clean(QueryHandle.fromJson(query), succeeded.booleanValue());
    }

    private CleanupReport cleanAfter(JsonNode event) {
        String detailType = event.path("detail-type").asText();
        String status = event.path("detail").path("status").asText();
        String executionArn = event.path("detail").path("executionArn").asText("");
        if (!"Step Functions Execution Status Change".equals(detailType) || !CLEANED_STATUSES.contains(status)
                || executionArn.isEmpty()) {
            throw new InvalidEventException("Cleanup accepts 'Step Functions Execution Status Change' events with status "
                    + CLEANED_STATUSES + " and an executionArn, but got '" + detailType + "' with status '" + status + "'.");
        }
        var handle = history.queryOf(executionArn);
        if (handle.isPresent()) {
            return cleaner.clean(handle.get(), false);
        }
        return history.unansweredStartInput(executionArn)
                .map(request -> lostStart.clean(request, executionArn))
                .orElseGet(() -> CleanupReport.noQuery(
                        "Execution " + executionArn + " ended " + status + " before starting a query; nothing to clean up."));
    }

    /** SnapStart priming: this handler's first call, dry-run (see {@link HandlerPriming}). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        HandlerPriming.prime(this, PrimingPayloads.CLEANUP);
    }

    /**
     * Nothing to re-seed: the handlers keep no per-environment unique state (StartQuery's ClientRequestToken comes
     * from the execution ARN, the SDK draws its invocation ids per call), priming resolved no credentials and opened
     * no connection (see docs/cold-start.md).
     */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
