package io.athenaworkflow.local.athena.engine.bench;

import io.athenaworkflow.local.athena.engine.Cancellation;
import io.athenaworkflow.local.athena.engine.DirectoryObjectStore;
import io.athenaworkflow.local.athena.engine.DuckDbSqlEngine;
import io.athenaworkflow.local.athena.engine.ResultColumn;
import io.athenaworkflow.local.athena.engine.ResultFormat;
import io.athenaworkflow.local.athena.engine.ResultSink;
import io.athenaworkflow.local.athena.engine.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Measures a 10M-row scan (COUNT, SUM, GROUP BY) through the engine against DuckDB JDBC reading the same file
 * directly. Prints a table; asserts nothing. Run: see docs/local-athena.md, "SQL engine".
 */
public final class ScanBenchmark {

    private static final int ROWS = Integer.getInteger("bench.rows", 10_000_000);
    private static final int REPEAT = Integer.getInteger("bench.repeat", 3);

    private ScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("athena-sql-bench");
        DirectoryObjectStore store = new DirectoryObjectStore(root.resolve("s3"));
        Path csv = store.path("bench", "csv/data.csv");
        Path parquet = store.path("bench", "parquet/data.parquet");
        Files.createDirectories(csv.getParent());
        Files.createDirectories(parquet.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement()) {
            String data = "SELECT i AS id, 'cat' || (i % 10) AS category, (i % 1000) / 10.0 AS amount FROM range(" + ROWS + ") t(i)";
            s.execute("COPY (" + data + ") TO '" + csv + "' (FORMAT csv, HEADER false)");
            s.execute("COPY (" + data + ") TO '" + parquet + "' (FORMAT parquet)");
        }
        int threads = Runtime.getRuntime().availableProcessors();
        DuckDbSqlEngine engine = DuckDbSqlEngine.create(store, root.resolve("catalog"), Clock.systemUTC(),
                new DuckDbSqlEngine.Settings(threads, "2GB", root.resolve("spill")));
        run(engine, "CREATE EXTERNAL TABLE csv_lazy (id bigint, category string, amount double) "
                + "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://bench/csv/'");
        run(engine, "CREATE EXTERNAL TABLE csv_open (id bigint, category string, amount double) "
                + "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' LOCATION 's3://bench/csv/'");
        run(engine, "CREATE EXTERNAL TABLE pq (id bigint, category string, amount double) STORED AS PARQUET "
                + "LOCATION 's3://bench/parquet/'");

        System.out.printf(Locale.ROOT, "%,d rows; CSV %,d bytes; Parquet %,d bytes; %d threads; best of %d runs (ms)%n",
                ROWS, Files.size(csv), Files.size(parquet), threads, REPEAT);
        System.out.printf(Locale.ROOT, "%-52s %12s %12s%n", "query", "engine", "duckdb-jdbc");
        String csvDirect = "read_csv('" + csv + "', header = false, columns = {'id': 'BIGINT', 'category': 'VARCHAR', 'amount': 'DOUBLE'})";
        String pqDirect = "read_parquet('" + parquet + "')";
        String[][] queries = {
                {"COUNT(*)", "SELECT count(*) FROM %s"},
                {"SUM(amount)", "SELECT sum(amount) FROM %s"},
                {"GROUP BY category: count, sum", "SELECT category, count(*), sum(amount) FROM %s GROUP BY category"},
        };
        for (String[] q : queries) {
            compare(engine, "CSV (LazySimpleSerDe) " + q[0], String.format(q[1], "csv_lazy"), String.format(q[1], csvDirect), threads);
            compare(engine, "CSV (OpenCSVSerde) " + q[0], String.format(q[1], "csv_open"), String.format(q[1], csvDirect), threads);
            compare(engine, "Parquet " + q[0], String.format(q[1], "pq"), String.format(q[1], pqDirect), threads);
        }
        engine.close();
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void compare(DuckDbSqlEngine engine, String name, String engineSql, String directSql, int threads)
            throws Exception {
        long engineBest = Long.MAX_VALUE;
        long directBest = Long.MAX_VALUE;
        for (int i = 0; i < REPEAT; i++) {
            long t0 = System.nanoTime();
            run(engine, engineSql);
            engineBest = Math.min(engineBest, System.nanoTime() - t0);
            long t1 = System.nanoTime();
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement()) {
                s.execute("SET threads = " + threads);
                try (ResultSet rs = s.executeQuery(directSql)) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            }
            directBest = Math.min(directBest, System.nanoTime() - t1);
        }
        System.out.printf(Locale.ROOT, "%-52s %12d %12d%n", name, engineBest / 1_000_000, directBest / 1_000_000);
    }

    private static void run(DuckDbSqlEngine engine, String sql) {
        engine.execute(new Statement("bench-" + System.nanoTime(), sql, "AwsDataCatalog", "default", List.of(),
                "s3://bench/results/", new Cancellation()), new ResultSink() {
                    @Override
                    public void start(ResultFormat format, List<ResultColumn> columns) {
                    }

                    @Override
                    public void row(List<String> values) {
                    }
                });
    }
}
