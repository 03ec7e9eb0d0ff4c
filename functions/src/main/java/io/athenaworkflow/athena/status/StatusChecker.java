package io.athenaworkflow.athena.status;

import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.QueryStatistics;
import io.athenaworkflow.athena.errors.AwsErrors;
import io.athenaworkflow.athena.errors.AwsService;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.athena.errors.QueryCancelledException;
import io.athenaworkflow.athena.errors.QueryFailedException;
import io.athenaworkflow.athena.errors.QueryTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;

import java.time.Duration;
import java.time.Instant;

/** Reads a query's state and decides how long to wait before the next look. */
public final class StatusChecker {

    private final AthenaClient athena;

    public StatusChecker(AthenaClient athena) {
        this.athena = athena;
    }

    /**
     * @param now the state machine's current time
     * @throws QueryFailedException when the query ended FAILED
     * @throws QueryCancelledException when it ended CANCELLED
     * @throws QueryTimeoutException when it is still QUEUED/RUNNING at or past the handle's deadline
     */
    public QueryStatus check(QueryHandle handle, Instant now) {
        QueryExecution execution = describe(athena, handle.queryExecutionId());
        QueryExecutionStatus status = execution.status();
        QueryStatistics statistics = QueryStatistics.of(execution);
        Duration elapsed = Duration.between(handle.startedAt(), now);
        String state = status.stateAsString();
        return switch (state) {
            case "SUCCEEDED" -> new QueryStatus(state, status.stateChangeReason(), statistics, elapsed.toSeconds(), 0);
            case "FAILED" -> throw new QueryFailedException(failureMessage(handle.queryExecutionId(), status));
            case "CANCELLED" -> throw new QueryCancelledException("Query " + handle.queryExecutionId()
                    + " was cancelled outside this workflow" + reason(status) + ".");
            default -> {
                Duration remaining = Duration.between(now, handle.deadline());
                if (remaining.isNegative() || remaining.isZero()) {
                    throw new QueryTimeoutException("Query " + handle.queryExecutionId() + " was still " + state + " after "
                            + elapsed.toSeconds() + " s, past its timeoutSeconds of " + handle.timeoutSeconds()
                            + "; it is stopped. Raise 'timeoutSeconds' (at most 86400) or make the query cheaper.");
                }
                yield new QueryStatus(state, status.stateChangeReason(), statistics, elapsed.toSeconds(),
                        PollingPolicy.nextWaitSeconds(elapsed, remaining));
            }
        };
    }

    /** GetQueryExecution with the catalogue's errors; shared by the steps that look a query up. */
    public static QueryExecution describe(AthenaClient athena, String queryExecutionId) {
        try {
            return athena.getQueryExecution(r -> r.queryExecutionId(queryExecutionId)).queryExecution();
        } catch (InvalidRequestException e) {
            throw new InvalidInputException("Athena does not know query " + queryExecutionId + ": "
                    + e.awsErrorDetails().errorMessage() + ". Pass the 'query' object StartQuery returned.");
        } catch (SdkException e) {
            throw AwsErrors.translate(e, AwsService.ATHENA, "GetQueryExecution " + queryExecutionId);
        }
    }

    private static String failureMessage(String id, QueryExecutionStatus status) {
        StringBuilder message = new StringBuilder("Query ").append(id).append(" failed").append(reason(status));
        AthenaError error = status.athenaError();
        if (error != null) {
            message.append(" (Athena error category ").append(error.errorCategory())
                    .append(", type ").append(error.errorType());
            if (Boolean.TRUE.equals(error.retryable())) {
                message.append(", retryable");
            }
            message.append(')');
        }
        return message.append('.').toString();
    }

    private static String reason(QueryExecutionStatus status) {
        return status.stateChangeReason() == null ? "" : ": " + status.stateChangeReason();
    }
}
