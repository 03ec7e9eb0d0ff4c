package io.athenaworkflow.testing;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.GetQueryResultsRequest;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InternalServerException;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.ResultReuseInformation;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.ResultSetMetadata;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.StatementType;
import software.amazon.awssdk.services.athena.model.StopQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.StopQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.ThrottleReason;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An in-memory Athena behind the real {@link AthenaClient} interface, answering with real SDK model objects and
 * real SDK exceptions. Only the request-object methods are overridden: the SDK's {@code Consumer<Builder>} default
 * methods build the request and delegate to them, exactly as with the real client.
 *
 * <p>Queries start QUEUED; a test moves them along with {@link #query(String)}. Start honours ClientRequestToken the
 * way Athena documents it: the same token returns the same query id and starts nothing new (and a changed query
 * string under a used token is refused).
 */
public final class FakeAthena implements AthenaClient {

    /** Operation names for {@link #failNext(String, AwsServiceException)} and {@link #calls(String)}. */
    public static final String START = "StartQueryExecution";
    public static final String GET = "GetQueryExecution";
    public static final String RESULTS = "GetQueryResults";
    public static final String STOP = "StopQueryExecution";

    private final Map<String, Query> queries = new LinkedHashMap<>();
    private final Map<String, String> idsByToken = new HashMap<>();
    private final List<StartQueryExecutionRequest> startRequests = new ArrayList<>();
    private final List<String> stopRequests = new ArrayList<>();
    private final Map<String, Deque<AwsServiceException>> failures = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private String workgroupOutputLocation = "s3://workgroup-results/primary/";
    private int nextId = 1;

    /** One query as Athena knows it; a test sets what Athena would report. */
    public static final class Query {
        private final String id;
        private final StartQueryExecutionRequest request;
        private QueryExecutionState state = QueryExecutionState.QUEUED;
        private String stateChangeReason;
        private QueryExecutionStatistics statistics;
        private AthenaError athenaError;
        private String outputLocation;
        private StatementType statementType = StatementType.DML;
        private List<ColumnInfo> columns = List.of();

        private Query(String id, StartQueryExecutionRequest request, String outputLocation) {
            this.id = id;
            this.request = request;
            this.outputLocation = outputLocation;
        }

        public String id() {
            return id;
        }

        public StartQueryExecutionRequest request() {
            return request;
        }

        public QueryExecutionState state() {
            return state;
        }

        public Query state(QueryExecutionState state) {
            this.state = state;
            return this;
        }

        public Query reason(String stateChangeReason) {
            this.stateChangeReason = stateChangeReason;
            return this;
        }

        public Query statistics(QueryExecutionStatistics statistics) {
            this.statistics = statistics;
            return this;
        }

        public Query scanned(long bytes) {
            return statistics(QueryExecutionStatistics.builder().dataScannedInBytes(bytes).engineExecutionTimeInMillis(1200L)
                    .queryQueueTimeInMillis(150L).totalExecutionTimeInMillis(1400L)
                    .resultReuseInformation(ResultReuseInformation.builder().reusedPreviousResult(false).build()).build());
        }

        public Query error(int category, int type, boolean retryable, String message) {
            this.athenaError = AthenaError.builder().errorCategory(category).errorType(type).retryable(retryable)
                    .errorMessage(message).build();
            return this;
        }

        public String outputLocation() {
            return outputLocation;
        }

        /** ResultConfiguration.OutputLocation as GetQueryExecution reports it (null for none). */
        public Query outputLocation(String outputLocation) {
            this.outputLocation = outputLocation;
            return this;
        }

        public Query statementType(StatementType statementType) {
            this.statementType = statementType;
            return this;
        }

        /** A DDL statement: Athena writes a {@code <id>.txt} result instead of a CSV. */
        public Query ddl() {
            statementType = StatementType.DDL;
            if (outputLocation != null && outputLocation.endsWith(".csv")) {
                outputLocation = outputLocation.substring(0, outputLocation.length() - 4) + ".txt";
            }
            return this;
        }

        /** Columns as "name", "type" pairs, e.g. {@code columns("id", "integer", "name", "varchar")}. */
        public Query columns(String... nameTypePairs) {
            List<ColumnInfo> infos = new ArrayList<>();
            for (int i = 0; i < nameTypePairs.length; i += 2) {
                infos.add(ColumnInfo.builder().catalogName("hive").name(nameTypePairs[i]).label(nameTypePairs[i])
                        .type(nameTypePairs[i + 1]).nullable("UNKNOWN").build());
            }
            this.columns = List.copyOf(infos);
            return this;
        }

        public Query succeed() {
            return state(QueryExecutionState.SUCCEEDED);
        }

        private QueryExecution toExecution() {
            ResultConfiguration given = request.resultConfiguration();
            ResultConfiguration.Builder result = given == null ? ResultConfiguration.builder() : given.toBuilder();
            return QueryExecution.builder()
                    .queryExecutionId(id)
                    .query(request.queryString())
                    .statementType(statementType)
                    .workGroup(request.workGroup())
                    .queryExecutionContext(request.queryExecutionContext())
                    .executionParameters(request.executionParameters())
                    .resultConfiguration(result.outputLocation(outputLocation).build())
                    .status(QueryExecutionStatus.builder().state(state).stateChangeReason(stateChangeReason)
                            .athenaError(athenaError).submissionDateTime(Instant.parse("2024-05-01T10:00:00Z")).build())
                    .statistics(statistics)
                    .build();
        }
    }

    /** A query that exists in Athena without having been started through this client (e.g. another execution's). */
    public Query addQuery(String id, String outputLocation) {
        Query query = new Query(id, StartQueryExecutionRequest.builder().queryString("SELECT 1").workGroup("primary").build(),
                outputLocation);
        queries.put(id, query);
        return query;
    }

    /** The query with this id; fails the test when there is none. */
    public Query query(String id) {
        Query query = queries.get(id);
        if (query == null) {
            throw new AssertionError("FakeAthena knows no query " + id + "; it knows " + queries.keySet());
        }
        return query;
    }

    /** The query started last. */
    public Query lastQuery() {
        if (queries.isEmpty()) {
            throw new AssertionError("No query was started");
        }
        return queries.values().stream().reduce((a, b) -> b).orElseThrow();
    }

    public int queryCount() {
        return queries.size();
    }

    /** Every StartQueryExecution request received, including retries and refused ones. */
    public List<StartQueryExecutionRequest> startRequests() {
        return List.copyOf(startRequests);
    }

    /** The query ids StopQueryExecution was called for, in order. */
    public List<String> stopRequests() {
        return List.copyOf(stopRequests);
    }

    public int calls(String operation) {
        return calls.getOrDefault(operation, 0);
    }

    /** The next call of {@code operation} throws {@code failure} (after being counted). */
    public FakeAthena failNext(String operation, AwsServiceException failure) {
        failures.computeIfAbsent(operation, o -> new ArrayDeque<>()).add(failure);
        return this;
    }

    /** The workgroup's own output location (used when a start gives none); null: the workgroup has none. */
    public FakeAthena workgroupOutputLocation(String location) {
        this.workgroupOutputLocation = location;
        return this;
    }

    @Override
    public StartQueryExecutionResponse startQueryExecution(StartQueryExecutionRequest request) {
        enter(START);
        startRequests.add(request);
        String token = request.clientRequestToken();
        if (token != null && (token.length() < 32 || token.length() > 128)) {
            throw invalidRequest("INVALID_INPUT", "1 validation error detected: Value at 'clientRequestToken' failed to"
                    + " satisfy constraint: Member must have length between 32 and 128");
        }
        if (request.queryString() == null || request.queryString().isEmpty()) {
            throw invalidRequest("INVALID_INPUT", "QueryString must not be empty");
        }
        if (token != null && idsByToken.containsKey(token)) {
            Query earlier = queries.get(idsByToken.get(token));
            if (!earlier.request.queryString().equals(request.queryString())) {
                throw invalidRequest("INVALID_INPUT", "Idempotent parameters do not match: QueryString changed for"
                        + " ClientRequestToken " + token);
            }
            return StartQueryExecutionResponse.builder().queryExecutionId(earlier.id).build();
        }
        String prefix = request.resultConfiguration() == null ? null : request.resultConfiguration().outputLocation();
        if (prefix == null) {
            prefix = workgroupOutputLocation;
        }
        if (prefix == null) {
            throw invalidRequest("INVALID_INPUT", "No output location provided. An output location is required either"
                    + " through the Workgroup result configuration setting or as an API input.");
        }
        String id = String.format("%08x-1111-4222-8333-%012d", 0xa7e0a000 + nextId, nextId);
        nextId++;
        Query query = new Query(id, request, (prefix.endsWith("/") ? prefix : prefix + "/") + id + ".csv");
        queries.put(id, query);
        if (token != null) {
            idsByToken.put(token, id);
        }
        return StartQueryExecutionResponse.builder().queryExecutionId(id).build();
    }

    @Override
    public GetQueryExecutionResponse getQueryExecution(GetQueryExecutionRequest request) {
        enter(GET);
        return GetQueryExecutionResponse.builder().queryExecution(known(request.queryExecutionId()).toExecution()).build();
    }

    @Override
    public GetQueryResultsResponse getQueryResults(GetQueryResultsRequest request) {
        enter(RESULTS);
        Query query = known(request.queryExecutionId());
        if (query.state != QueryExecutionState.SUCCEEDED) {
            throw invalidRequest("INVALID_INPUT", "Query has not yet finished. Current state: " + query.state);
        }
        return GetQueryResultsResponse.builder()
                .updateCount(0L)
                .resultSet(ResultSet.builder()
                        .resultSetMetadata(ResultSetMetadata.builder().columnInfo(query.columns).build())
                        .rows(List.of())
                        .build())
                .build();
    }

    @Override
    public StopQueryExecutionResponse stopQueryExecution(StopQueryExecutionRequest request) {
        enter(STOP);
        Query query = known(request.queryExecutionId());
        stopRequests.add(query.id);
        if (query.state == QueryExecutionState.QUEUED || query.state == QueryExecutionState.RUNNING) {
            query.state = QueryExecutionState.CANCELLED;
            query.stateChangeReason = "Query was cancelled by user";
        }
        return StopQueryExecutionResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }

    private Query known(String id) {
        Query query = queries.get(Objects.requireNonNull(id, "queryExecutionId"));
        if (query == null) {
            throw invalidRequest("INVALID_INPUT", "QueryExecution " + id + " was not found");
        }
        return query;
    }

    private void enter(String operation) {
        calls.merge(operation, 1, Integer::sum);
        Deque<AwsServiceException> queue = failures.get(operation);
        if (queue != null && !queue.isEmpty()) {
            throw queue.poll();
        }
    }

    // ----- Athena's errors, shaped as the SDK unmarshals them -----

    /** Athena's InvalidRequestException (HTTP 400) with its AthenaErrorCode. */
    public static InvalidRequestException invalidRequest(String athenaErrorCode, String message) {
        return InvalidRequestException.builder()
                .athenaErrorCode(athenaErrorCode)
                .message(message)
                .statusCode(400)
                .awsErrorDetails(details("InvalidRequestException", message, 400))
                .build();
    }

    /** Athena's TooManyRequestsException (HTTP 400), e.g. the concurrent query quota. */
    public static TooManyRequestsException tooManyRequests(String message) {
        return TooManyRequestsException.builder()
                .reason(ThrottleReason.CONCURRENT_QUERY_LIMIT_EXCEEDED)
                .message(message)
                .statusCode(400)
                .awsErrorDetails(details("TooManyRequestsException", message, 400))
                .build();
    }

    /** Athena's InternalServerException (HTTP 500). */
    public static InternalServerException internalError(String message) {
        return InternalServerException.builder()
                .message(message)
                .statusCode(500)
                .awsErrorDetails(details("InternalServerException", message, 500))
                .build();
    }

    /** Any Athena error by HTTP status and error code, e.g. 403 AccessDeniedException or 503 ServiceUnavailable. */
    public static AthenaException error(int status, String code, String message) {
        return (AthenaException) AthenaException.builder()
                .message(message)
                .statusCode(status)
                .awsErrorDetails(details(code, message, status))
                .build();
    }

    static AwsErrorDetails details(String code, String message, int status) {
        return AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName("Athena")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build())
                .build();
    }

    @Override
    public String toString() {
        return "FakeAthena" + Arrays.toString(queries.keySet().toArray());
    }
}
