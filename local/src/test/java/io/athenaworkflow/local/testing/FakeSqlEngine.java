package io.athenaworkflow.local.testing;

import io.athenaworkflow.local.athena.AthenaCatalog;
import io.athenaworkflow.local.athena.engine.QueryCancelled;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.ResultColumn;
import io.athenaworkflow.local.athena.engine.ResultFormat;
import io.athenaworkflow.local.athena.engine.ResultSink;
import io.athenaworkflow.local.athena.engine.SqlEngine;
import io.athenaworkflow.local.athena.engine.Statement;
import io.athenaworkflow.local.athena.engine.StatementOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A unit-test stand-in for the SQL engine: it answers a fixed set of statements (registered per test) and fails
 * everything else the way Athena reports a syntax error. It also serves a small fixed catalog.
 */
public final class FakeSqlEngine implements SqlEngine, AthenaCatalog {

    /** What a registered statement does. */
    @FunctionalInterface
    public interface Behavior {
        StatementOutcome run(Statement statement, ResultSink sink);
    }

    public static final ResultColumn BIGINT = new ResultColumn("n", "bigint", 19, 0, "UNKNOWN");

    private final Map<String, Behavior> behaviors = new ConcurrentHashMap<>();
    private final List<Statement> executed = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public FakeSqlEngine() {
        on("SELECT 1", (statement, sink) -> {
            sink.start(ResultFormat.CSV, List.of(new ResultColumn("_col0", "integer", 10, 0, "UNKNOWN")));
            sink.row(List.of("1"));
            return new StatementOutcome("DML", "SELECT", 0, 1);
        });
        on("CREATE DATABASE sales", (statement, sink) -> {
            sink.start(ResultFormat.TEXT, List.of());
            return new StatementOutcome("DDL", "CREATE_DATABASE", 0, 0);
        });
        on("SHOW TABLES IN sales", (statement, sink) -> {
            sink.start(ResultFormat.TEXT, List.of(new ResultColumn("tab_name", "string", 0, 0, "UNKNOWN")));
            sink.row(List.of("orders"));
            sink.row(List.of("customers"));
            return new StatementOutcome("UTILITY", "SHOW_TABLES", 0, 2);
        });
        on("SELECT * FROM missing", (statement, sink) -> {
            throw new QueryFailure("TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.default.missing' does not exist",
                    2, 1301);
        });
        on("SELECT * FROM slow", (statement, sink) -> {
            // Runs until StopQueryExecution cancels it, like a long scan.
            CountDownLatch stopped = new CountDownLatch(1);
            statement.cancellation().onCancel(stopped::countDown);
            try {
                if (!stopped.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the slow query was never cancelled");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new QueryCancelled("Query was cancelled");
        });
        on("SELECT * FROM special", (statement, sink) -> {
            sink.start(ResultFormat.CSV, List.of(new ResultColumn("label", "varchar", 2147483647, 0, "UNKNOWN"),
                    new ResultColumn("amount", "decimal(10,2)", 10, 2, "UNKNOWN"),
                    new ResultColumn("seen", "timestamp(3)", 3, 0, "UNKNOWN")));
            sink.row(List.of("plain", "1.50", "2024-01-02 03:04:05.000"));
            sink.row(java.util.Arrays.asList("say \"hi\", then\nleave", null, null));
            sink.row(java.util.Arrays.asList("", "0.00", "2024-12-31 23:59:59.999"));
            sink.row(java.util.Arrays.asList("ünïcødé ✓", "-3.25", null));
            return new StatementOutcome("DML", "SELECT", 4096, 4);
        });
    }

    /** Registers what {@code sql} (exactly) does. */
    public FakeSqlEngine on(String sql, Behavior behavior) {
        behaviors.put(sql, behavior);
        return this;
    }

    /** {@code SELECT n FROM numbers} answers {@code count} rows 0..count-1 of one bigint column {@code n}. */
    public FakeSqlEngine numbers(String sql, int count) {
        return on(sql, (statement, sink) -> {
            sink.start(ResultFormat.CSV, List.of(BIGINT));
            for (int i = 0; i < count; i++) {
                sink.row(List.of(Integer.toString(i)));
            }
            return new StatementOutcome("DML", "SELECT", 8L * count, count);
        });
    }

    /** Every statement executed so far, in order. */
    public List<Statement> executed() {
        return new ArrayList<>(executed);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public StatementOutcome execute(Statement statement, ResultSink sink) {
        executed.add(statement);
        Behavior behavior = behaviors.get(statement.sql());
        if (behavior == null) {
            throw new QueryFailure("SYNTAX_ERROR: line 1:1: the fake engine does not know '" + statement.sql() + "'",
                    2, 1100);
        }
        return behavior.run(statement, sink);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public List<Database> databases() {
        return List.of(new Database("default", null, Map.of()),
                new Database("sales", "Orders and customers", Map.of("owner", "data-team")));
    }

    @Override
    public List<Table> tables(String database) {
        if (!database.equalsIgnoreCase("sales")) {
            return List.of();
        }
        return List.of(
                new Table("orders", Instant.parse("2024-05-01T10:00:00Z"), "EXTERNAL_TABLE",
                        List.of(new Column("id", "bigint", null), new Column("amount", "decimal(10,2)", "in EUR")),
                        List.of(new Column("dt", "string", null)),
                        Map.of("classification", "csv", "EXTERNAL", "TRUE")),
                new Table("customers", Instant.parse("2024-05-02T10:00:00Z"), "EXTERNAL_TABLE",
                        List.of(new Column("id", "bigint", null), new Column("name", "string", null)), List.of(),
                        Map.of("classification", "parquet")));
    }
}
