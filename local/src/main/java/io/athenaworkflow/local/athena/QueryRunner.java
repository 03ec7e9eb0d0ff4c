package io.athenaworkflow.local.athena;

import io.athenaworkflow.local.athena.engine.QueryCancelled;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.ResultFormat;
import io.athenaworkflow.local.athena.engine.SqlEngine;
import io.athenaworkflow.local.athena.engine.Statement;
import io.athenaworkflow.local.athena.engine.StatementOutcome;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.s3.BucketNotFoundException;
import io.athenaworkflow.local.s3.ObjectEncryption;
import io.athenaworkflow.local.s3.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs submitted queries on a bounded pool of worker threads: QUEUED → RUNNING → SUCCEEDED / FAILED / CANCELLED,
 * streaming each result to a temporary file and storing it at the OutputLocation through {@link ObjectStore}, as
 * Athena writes it. Each query holds the runtime clock busy from submission to completion.
 */
final class QueryRunner implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(QueryRunner.class.getName());
    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final String DEFAULT_CATALOG = "AwsDataCatalog";
    // Athena's error catalog: category 1 SYSTEM, 2 USER; type 401 "failed to write query results to S3",
    // 100 "internal service error".
    private static final int SYSTEM = 1;
    private static final int USER = 2;
    private static final int RESULT_WRITE_FAILED = 401;
    private static final int INTERNAL_ERROR = 100;
    private static final Map<String, String> UPDATE_TYPES = Map.of("INSERT", "INSERT", "UPDATE", "UPDATE",
            "DELETE", "DELETE", "MERGE", "MERGE", "CREATE_TABLE_AS_SELECT", "CREATE TABLE");

    private final SqlEngine engine;
    private final ObjectStore store;
    private final RuntimeClock clock;
    private final AthenaConfig config;
    private final ThreadPoolExecutor workers;

    QueryRunner(SqlEngine engine, ObjectStore store, RuntimeClock clock, AthenaConfig config) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
        this.config = config;
        AtomicInteger count = new AtomicInteger();
        // Room beyond the quota for stopped queries whose engine call is still unwinding.
        this.workers = new ThreadPoolExecutor(0, config.concurrencyQuota() * 2, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "athena-query-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Starts {@code query} on a worker; returns at once. Called on the requesting thread. */
    void submit(QueryExecution query) {
        // Busy from submission on, so a virtual clock cannot skip past a query that has not started yet.
        RuntimeClock.Activity submitted = clock.begin();
        try {
            workers.execute(() -> run(query, submitted));
        } catch (RejectedExecutionException e) {
            submitted.close();
            query.markFailed(clock.now(), "Athena could not start the query: too many queries are still stopping. "
                    + "Retry in a moment.", SYSTEM, INTERNAL_ERROR, true);
        }
    }

    private void run(QueryExecution query, RuntimeClock.Activity submitted) {
        // The worker's own busy period starts before the submitter's ends, so the clock cannot slip in between.
        RuntimeClock.Activity working = clock.begin();
        try {
            submitted.close();
            if (!query.markRunning(clock.now())) {
                return; // stopped while queued
            }
            Instant runningSince = clock.now();
            ResultFileWriter writer = new ResultFileWriter();
            try {
                execute(query, writer, runningSince);
            } finally {
                writer.discard();
            }
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "query " + query.id + " failed unexpectedly", e);
            query.markFailed(clock.now(), "Internal error in the local Athena: " + e, SYSTEM, INTERNAL_ERROR, true);
        } finally {
            working.close();
        }
    }

    private void execute(QueryExecution query, ResultFileWriter writer, Instant runningSince) {
        StatementOutcome outcome;
        try {
            outcome = engine.execute(new Statement(query.id, query.query,
                    query.catalogAsSent == null ? DEFAULT_CATALOG : query.catalogAsSent, query.databaseAsSent,
                    query.executionParameters, query.results.outputPrefix().uri(), query.cancellation), writer);
            writer.finish();
        } catch (QueryCancelled e) {
            query.markCancelled(clock.now());
            return;
        } catch (QueryFailure e) {
            waitMinimumDuration(query, runningSince);
            query.markFailed(clock.now(), e.getMessage(), e.errorCategory(), e.errorType(), false);
            return;
        }
        waitMinimumDuration(query, runningSince); // part of the engine phase: the query shows RUNNING meanwhile
        query.engineFinished(clock.now(), outcome, writer.format() == ResultFormat.CSV);
        if (!query.isActive()) {
            return; // stopped: its results are not written
        }
        S3Location file = query.outputFile();
        String expectedOwner = query.results.expectedBucketOwner();
        if (expectedOwner != null && !expectedOwner.equals(config.accountId())) {
            // S3 answers AccessDenied when the bucket's owner is not the expected one; Athena reports it so.
            query.markFailed(clock.now(), "Access denied when writing output to url: " + file.uri()
                    + " . Please ensure you are allowed to access the S3 bucket. If you are encrypting query results "
                    + "with KMS key, please ensure you are allowed to access your KMS key", USER, RESULT_WRITE_FAILED,
                    false);
            return;
        }
        try {
            writeResults(query, file, writer, outcome);
        } catch (BucketNotFoundException e) {
            query.markFailed(clock.now(), "Unable to verify/create output bucket " + e.bucket(), USER,
                    RESULT_WRITE_FAILED, false);
            return;
        } catch (RuntimeException e) {
            query.markFailed(clock.now(), "Error writing query results to " + file.uri() + ": " + e.getMessage(),
                    SYSTEM, RESULT_WRITE_FAILED, true);
            return;
        }
        if (!query.markSucceeded(clock.now())) {
            deleteResults(file); // stopped while the results were being written
        }
    }

    private void writeResults(QueryExecution query, S3Location file, ResultFileWriter writer,
            StatementOutcome outcome) {
        ObjectEncryption encryption = resultEncryption(query.results);
        store.put(file.bucket(), file.key(), writer.file(), CONTENT_TYPE, encryption);
        // Athena writes no .metadata for a statement without columns (e.g. CREATE TABLE: an empty .txt only).
        if (!writer.columns().isEmpty()) {
            String updateType = UPDATE_TYPES.get(outcome.substatementType());
            ResultMetadata metadata = new ResultMetadata(query.id, updateType,
                    updateType == null ? null : outcome.rowCount(),
                    writer.columns().stream().map(ResultColumnInfo::of).toList());
            store.put(file.bucket(), file.key() + ".metadata", metadata.encode(), CONTENT_TYPE, encryption);
        }
    }

    /**
     * How S3 records Athena's result objects: SSE_KMS under the query's key; SSE_S3, and CSE_KMS (Athena encrypts
     * client-side, S3 sees an ordinary object) or no configuration, under S3's default encryption.
     */
    private static ObjectEncryption resultEncryption(ResultSettings results) {
        return "SSE_KMS".equals(results.encryptionOption()) && results.kmsKey() != null
                ? ObjectEncryption.kms(results.kmsKey())
                : ObjectEncryption.S3_MANAGED;
    }

    private void deleteResults(S3Location file) {
        store.delete(file.bucket(), file.key());
        store.delete(file.bucket(), file.key() + ".metadata");
    }

    /** Keeps the query RUNNING until the configured minimum duration has passed on the clock, unless stopped. */
    private void waitMinimumDuration(QueryExecution query, Instant runningSince) {
        Duration remaining = config.minimumQueryDuration().minus(Duration.between(runningSince, clock.now()));
        if (remaining.isNegative() || remaining.isZero()) {
            return;
        }
        Thread worker = Thread.currentThread();
        Object guard = new Object();
        boolean[] sleeping = {true};
        query.cancellation.onCancel(() -> {
            synchronized (guard) {
                if (sleeping[0]) {
                    worker.interrupt();
                }
            }
        });
        try {
            clock.sleep(remaining);
        } catch (InterruptedException e) {
            // Stopped (StopQueryExecution) or shutting down: the caller sees the query is no longer active.
        } finally {
            synchronized (guard) {
                sleeping[0] = false;
                Thread.interrupted();
            }
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Athena query workers did not stop within 5 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
