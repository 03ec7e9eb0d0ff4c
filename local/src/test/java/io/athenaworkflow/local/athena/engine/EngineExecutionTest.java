package io.athenaworkflow.local.athena.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.athenaworkflow.local.s3.ObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineExecutionTest {

    @TempDir
    Path dir;
    EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private void numbersTable(String name, int rows) {
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",row-").append(i).append('\n');
        }
        fx.store.put("data", name + "/numbers.csv", csv.toString());
        fx.run("CREATE EXTERNAL TABLE " + name + " (n bigint, label string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                + "LOCATION 's3://data/" + name + "/'");
    }

    @Test
    void largeResult_isStreamedRowByRowToTheSink() {
        numbersTable("numbers", 100_000);
        AtomicLong count = new AtomicLong();
        AtomicLong sum = new AtomicLong();
        List<String> last = new ArrayList<>();
        ResultSink counting = new ResultSink() {
            @Override
            public void start(ResultFormat format, List<ResultColumn> columns) {
                assertThat(format).isEqualTo(ResultFormat.CSV);
            }

            @Override
            public void row(List<String> values) {
                count.incrementAndGet();
                sum.addAndGet(Long.parseLong(values.get(0)));
                last.clear();
                last.addAll(values);
            }
        };

        StatementOutcome outcome = fx.engine.execute(EngineFixture.statement("SELECT n, label FROM numbers ORDER BY n"), counting);

        assertThat(outcome.rowCount()).isEqualTo(100_000);
        assertThat(count.get()).isEqualTo(100_000);
        assertThat(sum.get()).isEqualTo(100_000L * 100_001 / 2);
        assertThat(last).containsExactly("100000", "row-100000");
        assertThat(outcome.dataScannedBytes()).isEqualTo(fx.store.path("data", "numbers/numbers.csv").toFile().length());
    }

    @Test
    void cancellation_whenQueryIsScanning_stopsItPromptly() throws Exception {
        numbersTable("big", 30_000);
        CountDownLatch listed = new CountDownLatch(1);
        ObjectStore signalling = new ObjectStore() {
            public boolean bucketExists(String bucket) { return fx.store.bucketExists(bucket); }
            public java.util.Optional<Path> file(String bucket, String key) { return fx.store.file(bucket, key); }
            public List<String> listKeys(String bucket, String prefix) {
                listed.countDown();
                return fx.store.listKeys(bucket, prefix);
            }
            public void put(String bucket, String key, Path source, String contentType,
                    io.athenaworkflow.local.s3.ObjectEncryption encryption) { }
            public void put(String bucket, String key, byte[] content, String contentType,
                    io.athenaworkflow.local.s3.ObjectEncryption encryption) { }
            public void delete(String bucket, String key) { }
        };
        DuckDbSqlEngine engine = DuckDbSqlEngine.create(signalling, dir.resolve("catalog"), java.time.Clock.systemUTC(),
                new DuckDbSqlEngine.Settings(2, "1GB", dir.resolve("spill2")));
        Statement statement = EngineFixture.statement(
                "SELECT count(*) FROM big a CROSS JOIN big b WHERE (a.n * b.n) % 7 = 3 AND a.label <> b.label");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<StatementOutcome> running = executor.submit(() -> engine.execute(statement, new CollectingSink()));
            assertThat(listed.await(30, TimeUnit.SECONDS)).isTrue();

            statement.cancellation().cancel();

            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(running::get)
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(QueryCancelled.class));
        } finally {
            executor.shutdownNow();
            engine.close();
        }
    }

    @Test
    void cancellation_whenDuckDbIsExecuting_interruptsTheScan() throws Exception {
        numbersTable("huge", 30_000);
        Statement statement = EngineFixture.statement(
                "SELECT count(*) FROM huge a CROSS JOIN huge b WHERE (a.n * b.n) % 7 = 3 AND a.label <> b.label");
        Thread[] worker = new Thread[1];
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> worker[0] = new Thread(r, "query-worker"));
        try {
            Future<StatementOutcome> running = executor.submit(() -> fx.engine.execute(statement, new CollectingSink()));
            // Wait (without sleeping) until the worker is inside DuckDB running the query itself.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!insideQueryExecution(worker[0]) && System.nanoTime() < deadline && !running.isDone()) {
                Thread.onSpinWait();
            }
            assertThat(insideQueryExecution(worker[0])).as("query is executing in DuckDB").isTrue();

            statement.cancellation().cancel();

            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(running::get)
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(QueryCancelled.class));
        } finally {
            executor.shutdownNow();
        }
    }

    private static boolean insideQueryExecution(Thread thread) {
        if (thread == null) {
            return false;
        }
        boolean executing = false;
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().equals("prepare") && frame.getClassName().endsWith("DuckDbSqlEngine")) {
                return false;
            }
            executing |= frame.getMethodName().equals("executeQuery");
        }
        return executing;
    }

    @Test
    void cancellation_whenAlreadyCancelled_neverStarts() {
        Statement statement = EngineFixture.statement("SELECT 1");
        statement.cancellation().cancel();

        assertThatThrownBy(() -> fx.engine.execute(statement, new CollectingSink())).isInstanceOf(QueryCancelled.class);
    }

    @Test
    void concurrentStatements_runInParallelWithTheirOwnResults() throws Exception {
        numbersTable("t1", 1000);
        numbersTable("t2", 2000);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String table = i % 2 == 0 ? "t1" : "t2";
                results.add(executor.submit(() -> fx.rows("SELECT count(*), sum(n) FROM " + table)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(60, TimeUnit.SECONDS))
                        .containsExactly(i % 2 == 0 ? "1000|500500" : "2000|2001000");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void filesAddedAfterCreateTable_areReadByTheNextQuery() {
        numbersTable("grow", 3);
        assertThat(fx.rows("SELECT count(*) FROM grow")).containsExactly("3");

        fx.store.put("data", "grow/more.csv", "4,row-4\n");

        assertThat(fx.rows("SELECT count(*) FROM grow")).containsExactly("4");
    }

    @Test
    void ddlStatement_isReportedAsTextResult() {
        CollectingSink sink = fx.run("SHOW DATABASES");

        assertThat(sink.format).isEqualTo(ResultFormat.TEXT);
        assertThat(sink.rows).allSatisfy(r -> assertThat(r).hasSize(1));
    }

    @Test
    void unsupportedStatement_failsWithClearReason() {
        assertThatThrownBy(() -> fx.run("DELETE FROM t"))
                .isInstanceOf(QueryFailure.class).hasMessageStartingWith("NOT_SUPPORTED: DELETE");
        assertThatThrownBy(() -> fx.run("CREATE VIEW v AS SELECT 1"))
                .isInstanceOf(QueryFailure.class).hasMessageStartingWith("NOT_SUPPORTED: CREATE VIEW");
        assertThatThrownBy(() -> fx.run("SELECT 1; SELECT 2"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("Only one statement");
    }

    @Test
    void unknownCatalog_failsWithCatalogNotFound() {
        Statement statement = new Statement("q", "SELECT 1", "hive", "default", List.of(), "s3://r/", new Cancellation());

        assertThatThrownBy(() -> fx.engine.execute(statement, new CollectingSink()))
                .isInstanceOf(QueryFailure.class).hasMessageStartingWith("CATALOG_NOT_FOUND");
    }
}
