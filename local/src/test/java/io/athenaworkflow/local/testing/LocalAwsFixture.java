package io.athenaworkflow.local.testing;

import io.athenaworkflow.local.LocalAws;
import io.athenaworkflow.local.LocalAwsConfig;
import io.athenaworkflow.local.SqlEngineFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A running {@link LocalAws} on a free port with a {@link FakeSqlEngine} (or a given engine), and SDK clients
 * pointed at it.
 */
public final class LocalAwsFixture implements AutoCloseable {

    public final FakeSqlEngine engine = new FakeSqlEngine();
    public final LocalAws aws;
    public final AthenaClient athena;
    public final S3Client s3;

    public LocalAwsFixture() {
        this(UnaryOperator.identity());
    }

    public LocalAwsFixture(UnaryOperator<LocalAwsConfig> configure) {
        this(configure, null);
    }

    /** With {@code engines} creating the SQL engine instead of the fake (e.g. the real engine, Trino). */
    public LocalAwsFixture(UnaryOperator<LocalAwsConfig> configure, SqlEngineFactory engines) {
        aws = LocalAws.start(configure.apply(LocalAwsConfig.transientOnAnyPort()),
                engines == null ? store -> engine : engines);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        athena = AthenaClient.builder().endpointOverride(aws.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                // Errors are asserted as they come: no SDK retries of throttling answers.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        s3 = S3Client.builder().endpointOverride(aws.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public String resultsBucket() {
        return aws.config().athenaResultsBucket();
    }

    public String start(String sql) {
        return athena.startQueryExecution(b -> b.queryString(sql)).queryExecutionId();
    }

    public QueryExecution execution(String id) {
        return athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution();
    }

    /** Polls GetQueryExecution until the query reaches {@code state}. */
    public QueryExecution awaitState(String id, QueryExecutionState state) {
        return Await.until(() -> execution(id), q -> q.status().state() == state, "query " + id + " to be " + state);
    }

    /** Polls GetQueryExecution until the query is SUCCEEDED, FAILED or CANCELLED. */
    public QueryExecution awaitDone(String id) {
        return awaitDone(id, java.time.Duration.ofMinutes(3));
    }

    /** As {@link #awaitDone(String)}, waiting at most {@code timeout} (e.g. for an engine that is still starting). */
    public QueryExecution awaitDone(String id, java.time.Duration timeout) {
        return Await.until(() -> execution(id), q -> switch (q.status().state()) {
            case SUCCEEDED, FAILED, CANCELLED -> true;
            default -> false;
        }, "query " + id + " to finish", timeout);
    }

    /** POSTs a raw AWS JSON request (for bodies an SDK would never send). */
    public HttpResponse<String> rawJson(String target, String jsonVersion, String body) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(aws.endpoint() + "/"))
                    .header("Content-Type", "application/x-amz-json-" + jsonVersion)
                    .header("X-Amz-Target", target)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        athena.close();
        s3.close();
        aws.close();
    }
}
