package io.athenaworkflow.tests.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.LocalRuntimeConfig;
import io.athenaworkflow.local.clock.VirtualClock;
import io.athenaworkflow.local.faults.FaultPlan;
import io.athenaworkflow.local.faults.Faults;
import io.athenaworkflow.tests.e2e.LocalWorkflow;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real template, ASL file and functions package (sam build layout) on the local runtime with a {@link FaultPlan}, on a virtual clock,
 * plus what a user checks afterwards: the execution's task attempts (from its history), the queries Athena knows,
 * and the objects under the results prefix.
 */
final class FaultWorkflow implements AutoCloseable {

    static final String STACK = LocalRuntimeConfig.DEFAULT_STACK_NAME;
    static final String START_QUERY = STACK + "-StartQueryFunction";
    static final String CHECK_STATUS = STACK + "-CheckStatusFunction";
    static final String FETCH_RESULTS = STACK + "-FetchResultsFunction";
    static final String CLEANUP = STACK + "-CleanupFunction";
    /** Errors as the state machine names them: the functions' exception classes. */
    static final String ERRORS = "io.athenaworkflow.athena.errors.";
    /** An object of someone else under the results prefix: no cleanup may touch it. */
    static final String NEIGHBOUR = LocalWorkflow.RESULTS_PREFIX + "neighbour/other-team.csv";
    /** A query that needs no table: three typed rows. */
    static final String SQL = "SELECT id, letter FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) AS t(id, letter) ORDER BY id";
    /** Executions that end later than this on the virtual clock count as stuck. */
    static final Duration BOUND = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    final LocalWorkflow workflow;
    final AthenaClient athena;

    FaultWorkflow(FaultPlan plan) {
        // Queries stay RUNNING a few (virtual) seconds, so CheckStatus polls and Cleanup may find them running.
        this(plan, Duration.ofSeconds(3));
    }

    /** With queries that stay RUNNING at least {@code queryDuration} (virtual time). */
    FaultWorkflow(FaultPlan plan, Duration queryDuration) {
        workflow = new LocalWorkflow(aws -> aws.withClock(VirtualClock.startingAt(Instant.parse("2026-01-05T09:00:00Z")))
                .withMinimumQueryDuration(queryDuration), runtime -> runtime.withFaults(plan));
        athena = AthenaClient.builder().endpointOverride(workflow.runtime.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        workflow.s3.putObject(b -> b.bucket(LocalWorkflow.RESULTS_BUCKET).key(NEIGHBOUR),
                RequestBody.fromString("id\n42\n"));
    }

    Faults faults() {
        return workflow.runtime.faults();
    }

    /** Runs {@code SQL} with {@code cleanup: ALWAYS} and waits for the end. */
    DescribeExecutionResponse run() {
        return workflow.run(input(SQL));
    }

    static String input(String sql) {
        return JSON.createObjectNode().put("sql", sql).put("cleanup", "ALWAYS").toString();
    }

    /** One attempt of a Task state, as the execution history shows it. */
    record Attempt(String state, boolean succeeded, String error, String cause) {
    }

    /** Every attempt of every Task state, in order. */
    List<Attempt> attempts(String executionArn) {
        List<Attempt> attempts = new ArrayList<>();
        String state = null;
        for (HistoryEvent event : history(executionArn)) {
            if (event.type() == HistoryEventType.TASK_STATE_ENTERED) {
                state = event.stateEnteredEventDetails().name();
            } else if (event.type() == HistoryEventType.TASK_SUCCEEDED) {
                attempts.add(new Attempt(state, true, null, null));
            } else if (event.type() == HistoryEventType.TASK_FAILED) {
                attempts.add(new Attempt(state, false, event.taskFailedEventDetails().error(),
                        event.taskFailedEventDetails().cause()));
            }
        }
        return attempts;
    }

    List<Attempt> attempts(String executionArn, String state) {
        return attempts(executionArn).stream().filter(a -> a.state().equals(state)).toList();
    }

    /**
     * The attempts of {@code state} in order: {@code ok} for a success, else the error's name without the functions'
     * package (e.g. {@code ServiceThrottledException}, {@code Lambda.ServiceException}).
     */
    List<String> outcomes(String executionArn, String state) {
        return attempts(executionArn, state).stream()
                .map(a -> a.succeeded() ? "ok" : a.error().replace(ERRORS, "")).toList();
    }

    /**
     * Checks what every scenario must leave behind: the execution ended within {@link #BOUND} (virtual time), Athena
     * knows exactly {@code expectedQueries} queries and none is still QUEUED or RUNNING, and the results prefix holds
     * only the neighbour's object (cleanup mode ALWAYS).
     */
    void assertCleanEnd(DescribeExecutionResponse execution, int expectedQueries) {
        org.assertj.core.api.Assertions.assertThat(duration(execution)).as("virtual duration").isLessThan(BOUND);
        List<QueryExecution> queries = queries();
        org.assertj.core.api.Assertions.assertThat(queries).as("queries Athena started").hasSize(expectedQueries);
        org.assertj.core.api.Assertions.assertThat(queries).as("queries left running")
                .allSatisfy(q -> org.assertj.core.api.Assertions.assertThat(q.status().stateAsString())
                        .isIn("SUCCEEDED", "FAILED", "CANCELLED"));
        org.assertj.core.api.Assertions.assertThat(resultKeys()).as("objects under the results prefix")
                .containsExactly(NEIGHBOUR);
    }

    /** The output of the Cleanup state (its report), or null when Cleanup did not succeed. */
    JsonNode cleanupReport(String executionArn) {
        JsonNode report = null;
        for (HistoryEvent event : history(executionArn)) {
            if (event.type() == HistoryEventType.TASK_STATE_EXITED && event.stateExitedEventDetails().name().equals("Cleanup")) {
                report = LocalWorkflow.json(event.stateExitedEventDetails().output());
            }
        }
        return report;
    }

    List<HistoryEvent> history(String executionArn) {
        return workflow.sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn)).events().stream().toList();
    }

    /** Every query execution Athena knows in the primary workgroup (ListQueryExecutions, then BatchGet). */
    List<QueryExecution> queries() {
        List<String> ids = athena.listQueryExecutionsPaginator(b -> b.workGroup("primary")).stream()
                .flatMap(page -> page.queryExecutionIds().stream()).toList();
        List<QueryExecution> queries = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 50) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + 50));
            queries.addAll(athena.batchGetQueryExecution(b -> b.queryExecutionIds(page)).queryExecutions());
        }
        return queries;
    }

    /** The keys under the results prefix, the neighbour's object included. */
    List<String> resultKeys() {
        return workflow.keys(LocalWorkflow.RESULTS_BUCKET, LocalWorkflow.RESULTS_PREFIX);
    }

    /** How long the execution took on the virtual clock. */
    static Duration duration(DescribeExecutionResponse execution) {
        return Duration.between(execution.startDate(), execution.stopDate());
    }

    @Override
    public void close() {
        athena.close();
        workflow.close();
    }
}
