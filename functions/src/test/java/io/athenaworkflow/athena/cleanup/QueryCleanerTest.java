package io.athenaworkflow.athena.cleanup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.errors.AccessDeniedException;
import io.athenaworkflow.athena.errors.CleanupRefusedException;
import io.athenaworkflow.athena.errors.S3RequestRejectedException;
import io.athenaworkflow.athena.errors.ServiceThrottledException;
import io.athenaworkflow.athena.errors.ServiceUnavailableException;
import io.athenaworkflow.testing.FakeAthena;
import io.athenaworkflow.testing.FakeS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryCleanerTest {

    private static final String BUCKET = "results-bucket";
    private static final String FOLDER = "athena-workflow/";
    private static final String ID = "a7e0a001-1111-4222-8333-000000000001";
    private static final String OTHER = "b8f1b002-1111-4222-8333-000000000002";

    /** What Athena writes for a SELECT: the result, its metadata, and (for some statements) a manifest. */
    private static final List<String> OWN = List.of(FOLDER + ID + ".csv", FOLDER + ID + ".csv.metadata",
            FOLDER + ID + "-manifest.csv");
    /** Objects next to the query's own that share its prefix or its name elsewhere: none may ever be deleted. */
    private static final List<String> NEIGHBOURS = List.of(
            FOLDER + ID + "-neighbour.csv",
            FOLDER + ID + ".csv.bak",
            FOLDER + ID + "0.csv",
            FOLDER + ID + "/part-0.csv",
            FOLDER + ID + ".txt.metadata.old",
            FOLDER + OTHER + ".csv",
            FOLDER + OTHER + ".csv.metadata",
            "elsewhere/" + ID + ".csv",
            ID + ".csv");

    private final FakeAthena athena = new FakeAthena();
    private final FakeS3 s3 = new FakeS3().bucket(BUCKET);
    private final QueryCleaner cleaner = new QueryCleaner(athena, s3);
    private final FakeAthena.Query query = athena.addQuery(ID, "s3://" + BUCKET + "/" + FOLDER + ID + ".csv").succeed();

    QueryCleanerTest() {
        OWN.forEach(key -> s3.put(BUCKET, key, "own"));
        NEIGHBOURS.forEach(key -> s3.put(BUCKET, key, "neighbour"));
    }

    private static QueryHandle handle(CleanupMode mode) {
        return new QueryHandle(ID, "primary", new S3Location(BUCKET, FOLDER), Instant.parse("2024-05-01T10:00:00Z"), 900, 100,
                mode, FakeS3.OWNER);
    }

    private static List<String> uris(List<String> keys) {
        return keys.stream().map(k -> "s3://" + BUCKET + "/" + k).sorted().toList();
    }

    private Set<String> remaining() {
        return new TreeSet<>(s3.keys(BUCKET));
    }

    @Test
    void clean_whenAlwaysAfterSuccess_deletesExactlyTheQuerysOwnObjects() {
        CleanupReport report = cleaner.clean(handle(CleanupMode.ALWAYS), true);

        assertThat(report.deleted()).containsExactlyElementsOf(uris(OWN));
        assertThat(s3.deletedObjects()).containsExactlyInAnyOrderElementsOf(uris(OWN));
        assertThat(remaining()).containsExactlyInAnyOrderElementsOf(NEIGHBOURS);
        assertThat(report.queryExecutionId()).isEqualTo(ID);
        assertThat(report.stateBefore()).isEqualTo("SUCCEEDED");
        assertThat(report.stopped()).isFalse();
        assertThat(report.note()).isNull();
    }

    @Test
    void clean_whenEveryKindOfOwnObjectExists_deletesAllFiveAndNothingElse() {
        List<String> all = new ArrayList<>(OWN);
        all.add(FOLDER + ID + ".txt");
        all.add(FOLDER + ID + ".txt.metadata");
        all.forEach(key -> s3.put(BUCKET, key, "own"));

        CleanupReport report = cleaner.clean(handle(CleanupMode.ALWAYS), true);

        assertThat(report.deleted()).containsExactlyElementsOf(uris(all));
        assertThat(remaining()).containsExactlyInAnyOrderElementsOf(NEIGHBOURS);
    }

    @Test
    void clean_whenDdlWroteATextResult_deletesTheTextObjects() {
        s3.put(BUCKET, FOLDER + ID + ".txt", "ok");
        s3.put(BUCKET, FOLDER + ID + ".txt.metadata", "m");
        query.ddl();

        CleanupReport report = cleaner.clean(handle(CleanupMode.ALWAYS), true);

        assertThat(report.deleted()).contains("s3://" + BUCKET + "/" + FOLDER + ID + ".txt",
                "s3://" + BUCKET + "/" + FOLDER + ID + ".txt.metadata");
        assertThat(remaining()).containsExactlyInAnyOrderElementsOf(NEIGHBOURS);
    }

    @ParameterizedTest(name = "{0}, succeeded={1}")
    @CsvSource({
            "ALWAYS, true, true", "ALWAYS, false, true",
            "ON_SUCCESS, true, true", "ON_SUCCESS, false, false",
            "NEVER, true, false", "NEVER, false, false",
    })
    void clean_forEveryModeAndOutcome_deletesOnlyWhenTheModeSays(CleanupMode mode, boolean succeeded, boolean deletes) {
        CleanupReport report = cleaner.clean(handle(mode), succeeded);

        if (deletes) {
            assertThat(report.deleted()).containsExactlyElementsOf(uris(OWN));
            assertThat(OWN).noneMatch(key -> s3.exists(BUCKET, key));
        } else {
            assertThat(report.deleted()).isEmpty();
            assertThat(report.note()).contains("Result objects kept: cleanup mode " + mode);
            assertThat(OWN).allMatch(key -> s3.exists(BUCKET, key));
            assertThat(s3.deleteRequests()).isEmpty();
        }
        assertThat(NEIGHBOURS).allMatch(key -> s3.exists(BUCKET, key));
    }

    @ParameterizedTest
    @EnumSource(value = QueryExecutionState.class, names = {"QUEUED", "RUNNING"})
    void clean_whenQueryStillOnItsWay_stopsItInEveryMode(QueryExecutionState state) {
        for (CleanupMode mode : CleanupMode.values()) {
            query.state(state);

            CleanupReport report = cleaner.clean(handle(mode), false);

            assertThat(report.stopped()).as(mode.name()).isTrue();
            assertThat(report.stateBefore()).isEqualTo(state.toString());
            assertThat(query.state()).isEqualTo(QueryExecutionState.CANCELLED);
        }
        assertThat(athena.stopRequests()).containsOnly(ID).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(value = QueryExecutionState.class, names = {"SUCCEEDED", "FAILED", "CANCELLED"})
    void clean_whenQueryAlreadyEnded_doesNotStopIt(QueryExecutionState state) {
        query.state(state);

        CleanupReport report = cleaner.clean(handle(CleanupMode.NEVER), false);

        assertThat(report.stopped()).isFalse();
        assertThat(report.stateBefore()).isEqualTo(state.toString());
        assertThat(athena.calls(FakeAthena.STOP)).isZero();
    }

    @Test
    void clean_whenResultWasReusedFromAnotherQuery_deletesNothing() {
        // With result reuse Athena points the query at the earlier query's result file: that file is not ours.
        query.outputLocation("s3://" + BUCKET + "/" + FOLDER + OTHER + ".csv");

        CleanupReport report = cleaner.clean(handle(CleanupMode.ALWAYS), true);

        assertThat(report.deleted()).isEmpty();
        assertThat(report.note()).contains("belongs to an earlier query");
        assertThat(s3.exists(BUCKET, FOLDER + OTHER + ".csv")).isTrue();
        assertThat(s3.listRequests()).isEmpty();
        assertThat(s3.deleteRequests()).isEmpty();
    }

    @Test
    void clean_whenResultLiesOutsideTheResultsLocation_refusesAndDeletesNothing() {
        query.outputLocation("s3://" + BUCKET + "/elsewhere/" + ID + ".csv");

        assertThatThrownBy(() -> cleaner.clean(handle(CleanupMode.ALWAYS), true))
                .isInstanceOf(CleanupRefusedException.class)
                .hasMessageContaining("s3://" + BUCKET + "/elsewhere/")
                .hasMessageContaining("outside the results location s3://" + BUCKET + "/" + FOLDER)
                .hasMessageContaining("nothing was deleted");
        assertThat(s3.deleteRequests()).isEmpty();
        assertThat(s3.exists(BUCKET, "elsewhere/" + ID + ".csv")).isTrue();
    }

    @Test
    void clean_whenResultIsInASiblingPrefixOrAnotherBucket_refuses() {
        query.outputLocation("s3://" + BUCKET + "/athena-workflow-other/" + ID + ".csv");
        assertThatThrownBy(() -> cleaner.clean(handle(CleanupMode.ALWAYS), true)).isInstanceOf(CleanupRefusedException.class);

        query.outputLocation("s3://another-bucket/" + FOLDER + ID + ".csv");
        assertThatThrownBy(() -> cleaner.clean(handle(CleanupMode.ALWAYS), true)).isInstanceOf(CleanupRefusedException.class);
        assertThat(s3.deleteRequests()).isEmpty();
    }

    @Test
    void clean_whenResultIsInASubfolderOfTheResultsLocation_deletesIt() {
        String sub = FOLDER + "team-a/";
        s3.put(BUCKET, sub + ID + ".csv", "own").put(BUCKET, sub + ID + ".csv.metadata", "own");
        query.outputLocation("s3://" + BUCKET + "/" + sub + ID + ".csv");

        CleanupReport report = cleaner.clean(handle(CleanupMode.ALWAYS), true);

        assertThat(report.deleted()).containsExactly("s3://" + BUCKET + "/" + sub + ID + ".csv",
                "s3://" + BUCKET + "/" + sub + ID + ".csv.metadata");
        assertThat(OWN).allMatch(key -> s3.exists(BUCKET, key));
    }

    @Test
    void clean_whenTheWorkgroupChoseTheLocation_deletesThereToo() {
        FakeS3 workgroupBucket = new FakeS3().bucket("workgroup-results");
        workgroupBucket.put("workgroup-results", "primary/" + ID + ".csv", "own")
                .put("workgroup-results", "primary/" + OTHER + ".csv", "other");
        query.outputLocation("s3://workgroup-results/primary/" + ID + ".csv");
        QueryHandle noResultsLocation = new QueryHandle(ID, "primary", null, Instant.EPOCH, 900, 100, CleanupMode.ALWAYS, null);

        CleanupReport report = new QueryCleaner(athena, workgroupBucket).clean(noResultsLocation, true);

        assertThat(report.deleted()).containsExactly("s3://workgroup-results/primary/" + ID + ".csv");
        assertThat(workgroupBucket.exists("workgroup-results", "primary/" + OTHER + ".csv")).isTrue();
    }

    @Test
    void clean_whenQueryUnknownToAthena_doesNothing() {
        QueryHandle unknown = new QueryHandle("never-started", "primary", new S3Location(BUCKET, FOLDER), Instant.EPOCH, 900,
                100, CleanupMode.ALWAYS, null);

        CleanupReport report = cleaner.clean(unknown, false);

        assertThat(report.queryExecutionId()).isEqualTo("never-started");
        assertThat(report.stateBefore()).isNull();
        assertThat(report.deleted()).isEmpty();
        assertThat(report.note()).contains("Athena does not know this query");
        assertThat(s3.listRequests()).isEmpty();
        assertThat(athena.calls(FakeAthena.STOP)).isZero();
    }

    @Test
    void clean_whenQueryHasNoOutputLocation_deletesNothing() {
        query.outputLocation(null);

        CleanupReport report = cleaner.clean(handle(CleanupMode.ALWAYS), true);

        assertThat(report.deleted()).isEmpty();
        assertThat(report.note()).contains("no output location");
    }

    @Test
    void clean_whenRunTwice_secondRunDeletesNothingAndSucceeds() {
        cleaner.clean(handle(CleanupMode.ALWAYS), true);
        int deleteCalls = s3.deleteRequests().size();

        CleanupReport again = cleaner.clean(handle(CleanupMode.ALWAYS), true);

        assertThat(again.deleted()).isEmpty();
        assertThat(s3.deleteRequests()).hasSize(deleteCalls);
        assertThat(remaining()).containsExactlyInAnyOrderElementsOf(NEIGHBOURS);
    }

    @Test
    void clean_whenListingSpansSeveralPages_findsEveryOwnObject() {
        for (int i = 0; i < 15; i++) {
            s3.put(BUCKET, FOLDER + ID + "-neighbour-" + i + ".csv", "n");
        }
        s3.put(BUCKET, FOLDER + ID + ".txt", "own");
        s3.pageSize(2);

        CleanupReport report = cleaner.clean(handle(CleanupMode.ALWAYS), true);

        List<String> own = new ArrayList<>(OWN);
        own.add(FOLDER + ID + ".txt");
        assertThat(report.deleted()).containsExactlyElementsOf(uris(own));
        assertThat(s3.listRequests()).hasSizeGreaterThan(5)
                .allSatisfy(list -> assertThat(list.prefix()).isEqualTo(FOLDER + ID));
        for (int i = 0; i < 15; i++) {
            assertThat(s3.exists(BUCKET, FOLDER + ID + "-neighbour-" + i + ".csv")).isTrue();
        }
    }

    @Test
    void clean_whenDeleting_passesTheExpectedBucketOwner() {
        cleaner.clean(handle(CleanupMode.ALWAYS), true);

        assertThat(s3.listRequests()).allSatisfy(r -> assertThat(r.expectedBucketOwner()).isEqualTo(FakeS3.OWNER));
        assertThat(s3.deleteRequests()).allSatisfy(r -> assertThat(r.expectedBucketOwner()).isEqualTo(FakeS3.OWNER));
    }

    @Test
    void clean_whenResultsBucketBelongsToAnotherAccount_throwsAccessDeniedAndDeletesNothing() {
        FakeS3 foreign = new FakeS3().bucket(BUCKET, "444455556666");
        OWN.forEach(key -> foreign.put(BUCKET, key, "own"));

        assertThatThrownBy(() -> new QueryCleaner(athena, foreign).clean(handle(CleanupMode.ALWAYS), true))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(foreign.deletedObjects()).isEmpty();
    }

    @Test
    void clean_whenS3DeniesDeletingAKey_throwsAccessDeniedNamingIt() {
        s3.failDeleteOf(FOLDER + ID + ".csv.metadata", "AccessDenied", "Access Denied");

        assertThatThrownBy(() -> cleaner.clean(handle(CleanupMode.ALWAYS), true))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining(FOLDER + ID + ".csv.metadata: AccessDenied Access Denied");
        assertThat(NEIGHBOURS).allMatch(key -> s3.exists(BUCKET, key));
    }

    @Test
    void clean_whenS3FailsToDeleteAKey_throwsUnavailableSoTheStateMachineRetries() {
        s3.failDeleteOf(FOLDER + ID + ".csv", "InternalError", "We encountered an internal error. Please try again.");

        assertThatThrownBy(() -> cleaner.clean(handle(CleanupMode.ALWAYS), true))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("InternalError")
                .hasMessageContaining("failed on S3's side")
                .hasMessageNotContaining("Athena");
    }

    @Test
    void clean_whenS3SlowsDownDeletingAKey_throwsThrottledNamingS3() {
        s3.failDeleteOf(FOLDER + ID + ".csv", "SlowDown", "Please reduce your request rate.");

        assertThatThrownBy(() -> cleaner.clean(handle(CleanupMode.ALWAYS), true))
                .isInstanceOf(ServiceThrottledException.class)
                .hasMessageContaining("throttled by S3");
    }

    @Test
    void clean_whenS3RejectsOneKeyAndFailsAnother_namesTheMorePermanentRejection() {
        s3.failDeleteOf(FOLDER + ID + ".csv", "InternalError", "We encountered an internal error. Please try again.")
                .failDeleteOf(FOLDER + ID + ".csv.metadata", "InvalidArgument", "Invalid argument");

        assertThatThrownBy(() -> cleaner.clean(handle(CleanupMode.ALWAYS), true))
                .isInstanceOf(S3RequestRejectedException.class)
                .hasMessageContaining("S3 could not delete 2 of the query's objects")
                .hasMessageContaining("InvalidArgument")
                .hasMessageContaining("InternalError");
    }

    @Test
    void clean_whenListingFails_throwsTheCatalogueError() {
        s3.failNext(FakeS3.LIST, FakeS3.error(503, "SlowDown", "Please reduce your request rate."));

        assertThatThrownBy(() -> cleaner.clean(handle(CleanupMode.ALWAYS), true)).isInstanceOf(ServiceThrottledException.class)
                .hasMessageContaining("Deleting the objects of query " + ID);
        assertThat(OWN).allMatch(key -> s3.exists(BUCKET, key));
    }

    @Test
    void clean_whenAthenaThrottlesTheLookup_throwsThrottledRatherThanSkipping() {
        athena.failNext(FakeAthena.GET, FakeAthena.tooManyRequests("Rate exceeded"));

        assertThatThrownBy(() -> cleaner.clean(handle(CleanupMode.ALWAYS), true)).isInstanceOf(ServiceThrottledException.class);
    }

    @Test
    void clean_whenStopFails_throwsTheCatalogueError() {
        query.state(QueryExecutionState.RUNNING);
        athena.failNext(FakeAthena.STOP, FakeAthena.internalError("boom"));

        assertThatThrownBy(() -> cleaner.clean(handle(CleanupMode.ALWAYS), false))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("StopQueryExecution " + ID);
    }

    @Test
    void toJson_givesTheReportFields() {
        ObjectNode json = cleaner.clean(handle(CleanupMode.ALWAYS), true).toJson();

        assertThat(json.get("queryExecutionId").asText()).isEqualTo(ID);
        assertThat(json.get("stateBefore").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.get("stopped").asBoolean()).isFalse();
        assertThat(json.get("deleted").size()).isEqualTo(3);
        assertThat(json.get("note").isNull()).isTrue();
    }
}
