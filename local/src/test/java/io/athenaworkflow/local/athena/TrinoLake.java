package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;

import io.athenaworkflow.local.SqlEngineFactory;
import io.athenaworkflow.local.athena.engine.trino.TrinoProcess;
import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A local runtime on the JVM's shared Trino engine with a bucket and database {@code lake}, and the few calls the
 * Athena-on-Trino tests make through the AWS SDK: put objects, run a statement to the end, read its rows.
 */
final class TrinoLake implements AutoCloseable {

    final LocalAwsFixture local;
    private final Path metastore;

    TrinoLake() {
        TrinoProcess.shared().uri();
        try {
            metastore = Files.createTempDirectory("trino-lake");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        local = new LocalAwsFixture(UnaryOperator.identity(), SqlEngineFactory.trino(metastore));
        local.s3.createBucket(b -> b.bucket("lake"));
        succeed("CREATE DATABASE IF NOT EXISTS lake");
    }

    void put(String key, String body) {
        local.s3.putObject(b -> b.bucket("lake").key(key), RequestBody.fromString(body));
    }

    /** The keys and sizes of the objects under {@code prefix} in the lake bucket. */
    List<S3Object> objects(String prefix) {
        return local.s3.listObjectsV2(b -> b.bucket("lake").prefix(prefix)).contents();
    }

    /** The text lines of every object under {@code prefix} in the lake bucket, gunzipped when {@code gzip}. */
    List<String> lines(String prefix, boolean gzip) {
        StringBuilder all = new StringBuilder();
        for (S3Object o : objects(prefix)) {
            byte[] bytes = local.s3.getObjectAsBytes(b -> b.bucket("lake").key(o.key())).asByteArray();
            try {
                all.append(new String(gzip ? new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes()
                        : bytes, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString().lines().toList();
    }

    /** Runs {@code sql} to the end (the first query may wait for the engine to start). */
    QueryExecution run(String sql) {
        return local.awaitDone(local.start(sql), Duration.ofMinutes(3));
    }

    QueryExecution succeed(String sql) {
        QueryExecution done = run(sql);
        assertThat(done.status().state()).as("%s: %s", sql, done.status().stateChangeReason())
                .isEqualTo(QueryExecutionState.SUCCEEDED);
        return done;
    }

    /** The state change reason of {@code sql}, which must fail. */
    String fail(String sql) {
        QueryExecution done = run(sql);
        assertThat(done.status().state()).as(sql).isEqualTo(QueryExecutionState.FAILED);
        return done.status().stateChangeReason();
    }

    /** The data rows (without the header row) of a query that succeeded. */
    List<List<String>> rows(QueryExecution done) {
        List<Row> rows = local.athena.getQueryResults(b -> b.queryExecutionId(done.queryExecutionId()))
                .resultSet().rows();
        return rows.subList(1, rows.size()).stream()
                .map(r -> r.data().stream().map(Datum::varCharValue).toList()).toList();
    }

    List<List<String>> rows(String sql) {
        return rows(succeed(sql));
    }

    /** The lines of a DDL or utility statement's text result. */
    List<String> text(String sql) {
        return text(succeed(sql));
    }

    /** The lines of the text result of a DDL or utility statement that succeeded. */
    List<String> text(QueryExecution done) {
        return local.athena.getQueryResults(b -> b.queryExecutionId(done.queryExecutionId())).resultSet().rows()
                .stream().map(r -> r.data().getFirst().varCharValue()).toList();
    }

    @Override
    public void close() {
        local.close();
        try (Stream<Path> paths = Files.walk(metastore)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
