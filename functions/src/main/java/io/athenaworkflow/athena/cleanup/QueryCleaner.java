package io.athenaworkflow.athena.cleanup;

import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.errors.AwsErrors;
import io.athenaworkflow.athena.errors.AwsService;
import io.athenaworkflow.athena.errors.CleanupRefusedException;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.athena.status.StatusChecker;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Stops a query that is still running and deletes exactly that query's own output objects — never anything else
 * under the results prefix. Safe to run any number of times.
 */
public final class QueryCleaner {

    /** The objects Athena writes for a query next to its result, by suffix after the query execution id. */
    static final List<String> OWN_OBJECT_SUFFIXES = List.of(".csv", ".csv.metadata", ".txt", ".txt.metadata", "-manifest.csv");

    private final AthenaClient athena;
    private final S3Client s3;

    public QueryCleaner(AthenaClient athena, S3Client s3) {
        this.athena = athena;
        this.s3 = s3;
    }

    /**
     * @param succeeded whether the workflow succeeded (decides deletion under {@code ON_SUCCESS})
     * @throws CleanupRefusedException when the query's result lies outside the handle's results location
     */
    public CleanupReport clean(QueryHandle handle, boolean succeeded) {
        String id = handle.queryExecutionId();
        QueryExecution execution;
        try {
            execution = StatusChecker.describe(athena, id);
        } catch (InvalidInputException unknown) {
            return CleanupReport.nothing(id, null, false, "Athena does not know this query; nothing to clean up.");
        }
        String state = execution.status().stateAsString();
        boolean stopped = false;
        if ("QUEUED".equals(state) || "RUNNING".equals(state)) {
            try {
                athena.stopQueryExecution(r -> r.queryExecutionId(id));
                stopped = true;
            } catch (SdkException e) {
                throw AwsErrors.translate(e, AwsService.ATHENA, "StopQueryExecution " + id);
            }
        }
        if (!handle.cleanup().deletes(succeeded)) {
            return CleanupReport.nothing(id, state, stopped, "Result objects kept: cleanup mode " + handle.cleanup()
                    + (succeeded ? "" : " after a failure") + ".");
        }
        String output = execution.resultConfiguration() == null ? null : execution.resultConfiguration().outputLocation();
        if (output == null) {
            return CleanupReport.nothing(id, state, stopped, "The query has no output location; nothing to delete.");
        }
        S3Location result = S3Location.parse(output, "ResultConfiguration.OutputLocation");
        if (!result.fileName().startsWith(id)) {
            return CleanupReport.nothing(id, state, stopped, "The result " + result + " belongs to an earlier query (result"
                    + " reuse); it is not this query's to delete.");
        }
        S3Location folder = result.parent();
        if (handle.resultsLocation() != null && !handle.resultsLocation().contains(folder)) {
            throw new CleanupRefusedException("Query " + id + " wrote its result to " + folder + ", outside the results"
                    + " location " + handle.resultsLocation() + " this workflow may clean; nothing was deleted.");
        }
        return new CleanupReport(id, state, stopped, deleteOwnObjects(folder, id, handle.expectedBucketOwner()), null);
    }

    /** Lists the objects named after the query and deletes those whose names are exactly the query's own. */
    private List<String> deleteOwnObjects(S3Location folder, String id, String expectedOwner) {
        Set<String> own = Set.copyOf(OWN_OBJECT_SUFFIXES.stream().map(s -> folder.key() + id + s).toList());
        List<ObjectIdentifier> targets = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(folder.bucket()).prefix(folder.key() + id)
                    .expectedBucketOwner(expectedOwner)).contents()) {
                if (own.contains(object.key())) {
                    targets.add(ObjectIdentifier.builder().key(object.key()).build());
                }
            }
            if (targets.isEmpty()) {
                return List.of();
            }
            DeleteObjectsResponse response = s3.deleteObjects(r -> r.bucket(folder.bucket()).expectedBucketOwner(expectedOwner)
                    .delete(d -> d.objects(targets).quiet(false)));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw deleteFailed(folder, response.errors());
            }
            return response.deleted().stream().map(d -> "s3://" + folder.bucket() + "/" + d.key()).sorted().toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, AwsService.S3, "Deleting the objects of query " + id + " under " + folder);
        }
    }

    /**
     * S3 could not delete some keys (DeleteObjects answers 200 with per-key errors): named by the most permanent of
     * the codes, so a denial or a rejection is not retried as if it were an outage.
     */
    private static RuntimeException deleteFailed(S3Location folder, List<S3Error> errors) {
        String detail = errors.stream().map(e -> e.key() + ": " + e.code() + " " + e.message()).toList().toString();
        String code = errors.stream().map(S3Error::code).min(Comparator.comparingInt(QueryCleaner::permanence)).orElse("");
        return AwsErrors.s3ErrorCode(code, "DeleteObjects under " + folder,
                "S3 could not delete " + errors.size() + " of the query's objects: " + detail);
    }

    /** Lower is more permanent: a denial, then any other refusal, then throttling, then a server error. */
    private static int permanence(String code) {
        return switch (code == null ? "" : code) {
            case "AccessDenied" -> 0;
            case "SlowDown" -> 2;
            case "InternalError", "ServiceUnavailable" -> 3;
            default -> 1;
        };
    }
}
