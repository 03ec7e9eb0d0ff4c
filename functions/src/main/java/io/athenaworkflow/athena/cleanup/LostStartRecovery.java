package io.athenaworkflow.athena.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.config.JsonFields;
import io.athenaworkflow.athena.errors.InvalidEventException;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.athena.errors.QueryFileNotFoundException;
import io.athenaworkflow.athena.errors.QueryRejectedException;
import io.athenaworkflow.athena.errors.ServiceThrottledException;
import io.athenaworkflow.athena.errors.ServiceUnavailableException;
import io.athenaworkflow.athena.start.QueryStarter;
import io.athenaworkflow.athena.start.TriggerEvents;

import java.time.Clock;
import java.util.Set;

/**
 * Cleans up after a StartQuery that failed without an answer from Athena (every attempt's response lost, or the
 * function crashed or timed out after calling): Athena may have started the query, but the workflow never learned
 * its id. This repeats StartQueryExecution exactly as StartQuery built it, with the execution's ClientRequestToken;
 * for a token it has seen, Athena returns the id of the query it already started, whatever that query's state, and
 * starts nothing. The query found is then stopped and cleaned like any other after a failure.
 *
 * <p>If no earlier attempt reached Athena, the repeat starts the query, and it is stopped at once: a query that
 * briefly ran is the price of never leaving one running unseen.
 */
public final class LostStartRecovery {

    /**
     * The errors of a StartQuery attempt after which Athena may have started the query although the attempt never
     * saw its id: an answer lost or refused after earlier lost ones (the SDK retries inside one attempt), or the
     * function dying after its call. The state machine's StartQuery Catch lists the same names.
     */
    public static final Set<String> UNANSWERED_START_ERRORS = Set.of(
            ServiceUnavailableException.class.getName(), ServiceThrottledException.class.getName(),
            "Lambda.ServiceException", "Lambda.ClientExecutionTimeoutException", "Sandbox.Timedout", "Lambda.Unknown",
            "Runtime.ExitError");

    private final QueryCleaner cleaner;
    private final TriggerEvents requests;
    private final QueryStarter starter;
    private final Clock clock;

    public LostStartRecovery(QueryCleaner cleaner, TriggerEvents requests, QueryStarter starter, Clock clock) {
        this.cleaner = cleaner;
        this.requests = requests;
        this.starter = starter;
        this.clock = clock;
    }

    /**
     * @param start {@code {"request": <the execution input>, "executionArn": "..."}}, what StartQuery was given
     * @throws InvalidInputException when {@code start} lacks the execution input or the execution ARN (without the
     *     ARN the token would differ, and the repeat would start a second query)
     */
    public CleanupReport clean(JsonNode start) {
        JsonNode request = start.get("request");
        String executionArn = JsonFields.text(start, "executionArn").orElse(null);
        if (request == null || request.isNull() || executionArn == null) {
            throw new InvalidInputException("Field 'start' must be {\"request\": <the execution input>, \"executionArn\":"
                    + " \"...\"}: the input StartQuery was given and its execution, to repeat its StartQueryExecution.");
        }
        return clean(request, executionArn);
    }

    /**
     * @param request the execution input StartQuery was given
     * @param executionArn its execution, from which the ClientRequestToken derives
     */
    public CleanupReport clean(JsonNode request, String executionArn) {
        QueryHandle handle;
        try {
            handle = starter.start(requests.read(request), executionArn, clock.instant());
        } catch (InvalidInputException | InvalidEventException | QueryFileNotFoundException | QueryRejectedException e) {
            // The request cannot be built or sent as it was (its .sql/.json object changed or vanished meanwhile).
            return CleanupReport.noQuery("StartQuery got no answer from Athena, and repeating its StartQueryExecution"
                    + " failed: " + e.getMessage() + " A query it may have started cannot be found this way; look for"
                    + " it with ListQueryExecutions in " + workgroupOf(request) + ".");
        }
        return cleaner.clean(handle, false).after("StartQuery got no answer from Athena; StartQueryExecution repeated"
                + " with the execution's ClientRequestToken returned query " + handle.queryExecutionId() + ".");
    }

    private static String workgroupOf(JsonNode request) {
        String named = request.path("workgroup").asText("");
        return named.isEmpty() ? "the deployment's workgroup" : "workgroup '" + named + "'";
    }
}
