package io.athenaworkflow.local.athena;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.athena.engine.Cancellation;
import io.athenaworkflow.local.athena.engine.EngineStatistics;
import io.athenaworkflow.local.athena.engine.StatementOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One query execution: what was asked, and its lifecycle. Thread-safe; the mutable part is guarded by {@code this}. */
final class QueryExecution {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String CANCELLED_BY_USER = "Query cancelled by user";

    final String id;
    final String query;
    final String catalogAsSent;
    final String databaseAsSent;
    final String workGroup;
    final List<String> executionParameters;
    final ResultSettings results;
    final boolean reuseEnabled;
    final Integer reuseMaxAgeMinutes;
    final Instant submitted;
    final Cancellation cancellation = new Cancellation();

    private QueryState state = QueryState.QUEUED;
    private String stateChangeReason;
    private Instant started;
    private Instant engineFinished;
    private Instant completed;
    private String statementType;
    private String substatementType;
    private S3Location outputFile;
    private boolean csv;
    private long dataScannedBytes;
    private EngineStatistics engineStatistics;
    private Integer errorCategory;
    private Integer errorType;
    private boolean errorRetryable;
    private boolean reusedPreviousResult;

    QueryExecution(String id, String query, String catalogAsSent, String databaseAsSent, String workGroup,
            List<String> executionParameters, ResultSettings results, boolean reuseEnabled,
            Integer reuseMaxAgeMinutes, Instant submitted) {
        this.id = id;
        this.query = query;
        this.catalogAsSent = catalogAsSent;
        this.databaseAsSent = databaseAsSent;
        this.workGroup = workGroup;
        this.executionParameters = executionParameters == null ? null : List.copyOf(executionParameters);
        this.results = results;
        this.reuseEnabled = reuseEnabled;
        this.reuseMaxAgeMinutes = reuseMaxAgeMinutes;
        this.submitted = submitted;
        StatementClassifier.Classification guess = StatementClassifier.classify(query);
        this.statementType = guess.statementType();
        this.substatementType = guess.substatementType();
        this.csv = guess.csv();
        this.outputFile = results.outputPrefix().child(id + (csv ? ".csv" : ".txt"));
    }

    synchronized QueryState state() {
        return state;
    }

    synchronized boolean isActive() {
        return !state.isTerminal();
    }

    synchronized S3Location outputFile() {
        return outputFile;
    }

    synchronized boolean csv() {
        return csv;
    }

    synchronized String substatementType() {
        return substatementType;
    }

    synchronized Instant completed() {
        return completed;
    }

    synchronized boolean reusedPreviousResult() {
        return reusedPreviousResult;
    }

    /** QUEUED → RUNNING; false when the query was stopped meanwhile. */
    synchronized boolean markRunning(Instant now) {
        if (state != QueryState.QUEUED) {
            return false;
        }
        state = QueryState.RUNNING;
        started = now;
        return true;
    }

    synchronized void engineFinished(Instant now, StatementOutcome outcome, boolean isCsv) {
        engineFinished = now;
        if (outcome.statementType() != null) {
            statementType = outcome.statementType();
        }
        substatementType = outcome.substatementType();
        dataScannedBytes = outcome.dataScannedBytes();
        engineStatistics = outcome.engineStatistics();
        csv = isCsv;
        outputFile = results.outputPrefix().child(id + (csv ? ".csv" : ".txt"));
    }

    /** RUNNING → SUCCEEDED; false when the query was stopped meanwhile. */
    synchronized boolean markSucceeded(Instant now) {
        if (state.isTerminal()) {
            return false;
        }
        state = QueryState.SUCCEEDED;
        completed = now;
        return true;
    }

    /** → FAILED with Athena's reason and error; false when already finished. */
    synchronized boolean markFailed(Instant now, String reason, int category, int type, boolean retryable) {
        if (state.isTerminal()) {
            return false;
        }
        state = QueryState.FAILED;
        stateChangeReason = reason;
        errorCategory = category;
        errorType = type;
        errorRetryable = retryable;
        completed = now;
        if (engineFinished == null && started != null) {
            engineFinished = now;
        }
        return true;
    }

    /** QUEUED/RUNNING → CANCELLED (StopQueryExecution); false when already finished. */
    synchronized boolean markCancelled(Instant now) {
        if (state.isTerminal()) {
            return false;
        }
        state = QueryState.CANCELLED;
        stateChangeReason = CANCELLED_BY_USER;
        completed = now;
        return true;
    }

    /** A query answered from a previous query's result: SUCCEEDED at once, pointing at that result. */
    synchronized void markReused(QueryExecution previous, Instant now) {
        state = QueryState.SUCCEEDED;
        started = now;
        engineFinished = now;
        completed = now;
        reusedPreviousResult = true;
        synchronized (previous) {
            statementType = previous.statementType;
            substatementType = previous.substatementType;
            csv = previous.csv;
            outputFile = previous.outputFile;
        }
    }

    synchronized ObjectNode toJson(Instant now) {
        ObjectNode node = JSON.objectNode();
        node.put("QueryExecutionId", id);
        node.put("Query", query);
        node.put("StatementType", statementType);
        ObjectNode resultConfiguration = node.putObject("ResultConfiguration");
        resultConfiguration.put("OutputLocation", outputFile.uri());
        if (results.encryptionOption() != null) {
            ObjectNode encryption = resultConfiguration.putObject("EncryptionConfiguration");
            encryption.put("EncryptionOption", results.encryptionOption());
            if (results.kmsKey() != null) {
                encryption.put("KmsKey", results.kmsKey());
            }
        }
        if (results.expectedBucketOwner() != null) {
            resultConfiguration.put("ExpectedBucketOwner", results.expectedBucketOwner());
        }
        if (results.s3AclOption() != null) {
            resultConfiguration.putObject("AclConfiguration").put("S3AclOption", results.s3AclOption());
        }
        ObjectNode byAge = node.putObject("ResultReuseConfiguration").putObject("ResultReuseByAgeConfiguration");
        byAge.put("Enabled", reuseEnabled);
        if (reuseMaxAgeMinutes != null) {
            byAge.put("MaxAgeInMinutes", reuseMaxAgeMinutes);
        }
        ObjectNode context = node.putObject("QueryExecutionContext");
        if (databaseAsSent != null) {
            context.put("Database", databaseAsSent);
        }
        if (catalogAsSent != null) {
            context.put("Catalog", catalogAsSent.toLowerCase(Locale.ROOT));
        }
        ObjectNode status = node.putObject("Status");
        status.put("State", state.name());
        if (stateChangeReason != null) {
            status.put("StateChangeReason", stateChangeReason);
        }
        status.put("SubmissionDateTime", epochSeconds(submitted));
        if (completed != null) {
            status.put("CompletionDateTime", epochSeconds(completed));
        }
        if (errorCategory != null) {
            ObjectNode error = status.putObject("AthenaError");
            error.put("ErrorCategory", errorCategory);
            error.put("ErrorType", errorType);
            error.put("Retryable", errorRetryable);
            error.put("ErrorMessage", stateChangeReason);
        }
        node.set("Statistics", statistics(now));
        node.put("WorkGroup", workGroup);
        ObjectNode engine = node.putObject("EngineVersion");
        engine.put("SelectedEngineVersion", "AUTO");
        engine.put("EffectiveEngineVersion", "Athena engine version 3");
        if (executionParameters != null && !executionParameters.isEmpty()) {
            executionParameters.forEach(node.putArray("ExecutionParameters")::add);
        }
        if (substatementType != null) {
            node.put("SubstatementType", substatementType);
        }
        return node;
    }

    /**
     * Phases on the runtime clock: queued (submitted→started), engine (started→engineFinished), result writing
     * (engineFinished→completed); a phase still under way counts up to now.
     */
    synchronized QueryRuntimeStatistics.Timeline timeline(Instant now) {
        Instant end = completed != null ? completed : now;
        long queue = millis(submitted, started != null ? started : end);
        long engine = started == null ? 0 : millis(started, engineFinished != null ? engineFinished : end);
        long service = engineFinished == null ? 0 : millis(engineFinished, end);
        return new QueryRuntimeStatistics.Timeline(queue, engine, service, millis(submitted, end));
    }

    synchronized long dataScannedBytes() {
        return dataScannedBytes;
    }

    /** What the engine measured, once it finished (empty before, for a reused result, or from an engine without). */
    synchronized Optional<EngineStatistics> engineStatistics() {
        return Optional.ofNullable(engineStatistics);
    }

    /** The engine's planning time: part of the engine phase, as Athena counts it. */
    private long planningMillis() {
        return engineStatistics == null ? 0 : engineStatistics.planningMillis();
    }

    private ObjectNode statistics(Instant now) {
        QueryRuntimeStatistics.Timeline timeline = timeline(now);
        ObjectNode statistics = JSON.objectNode();
        statistics.put("EngineExecutionTimeInMillis", timeline.engineMillis());
        statistics.put("DataScannedInBytes", dataScannedBytes);
        statistics.put("TotalExecutionTimeInMillis", timeline.totalMillis());
        statistics.put("QueryQueueTimeInMillis", timeline.queueMillis());
        statistics.put("ServicePreProcessingTimeInMillis", 0);
        statistics.put("QueryPlanningTimeInMillis", planningMillis());
        statistics.put("ServiceProcessingTimeInMillis", timeline.serviceProcessingMillis());
        statistics.putObject("ResultReuseInformation").put("ReusedPreviousResult", reusedPreviousResult);
        return statistics;
    }

    private static long millis(Instant from, Instant to) {
        return from == null || to == null ? 0 : Math.max(0, Duration.between(from, to).toMillis());
    }

    /** AWS JSON timestamps: epoch seconds with a millisecond fraction. */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
