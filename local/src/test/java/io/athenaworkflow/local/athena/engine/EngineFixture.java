package io.athenaworkflow.local.athena.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** An engine over a temporary directory, with helpers to run statements. */
final class EngineFixture implements AutoCloseable {

    final Path dir;
    final DirectoryObjectStore store;
    final DuckDbSqlEngine engine;

    EngineFixture(Path dir) {
        this.dir = dir;
        this.store = new DirectoryObjectStore(dir.resolve("s3"));
        this.engine = open();
    }

    DuckDbSqlEngine open() {
        return DuckDbSqlEngine.create(store, dir.resolve("catalog"),
                Clock.fixed(Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC),
                new DuckDbSqlEngine.Settings(2, "1GB", dir.resolve("spill")));
    }

    static Statement statement(String sql, String... parameters) {
        return new Statement("q-" + System.nanoTime(), sql, "AwsDataCatalog", "default", Arrays.asList(parameters),
                "s3://results/out/", new Cancellation());
    }

    CollectingSink run(String sql, String... parameters) {
        CollectingSink sink = new CollectingSink();
        engine.execute(statement(sql, parameters), sink);
        return sink;
    }

    StatementOutcome outcome(String sql) {
        return engine.execute(statement(sql), new CollectingSink());
    }

    /** The rows of a query, each row's values joined by {@code |}. */
    List<String> rows(String sql, String... parameters) {
        return run(sql, parameters).rows.stream().map(r -> String.join("|", r.stream().map(v -> v == null ? "NULL" : v).toList())).toList();
    }

    /** The single value of a one-row, one-column query. */
    String value(String sql) {
        List<List<String>> rows = run(sql).rows;
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError("expected one value from " + sql + " but got " + rows);
        }
        return rows.get(0).get(0);
    }

    @Override
    public void close() {
        engine.close();
    }
}
