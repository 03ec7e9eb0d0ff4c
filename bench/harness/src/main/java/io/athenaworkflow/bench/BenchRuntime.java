package io.athenaworkflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.LocalAwsConfig;
import io.athenaworkflow.local.LocalRuntime;
import io.athenaworkflow.local.LocalRuntimeConfig;
import io.athenaworkflow.local.lambda.InvocationResult;
import io.athenaworkflow.local.template.FunctionDeployment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The embedded runtime running the project's template, with SDK clients for the harness (static credentials,
 * the JDK HTTP client) and the few things the benchmarks do on it: load the demo table, start queries through the
 * deployed StartQuery function, wait for them.
 */
final class BenchRuntime implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RESULTS_BUCKET = LocalRuntimeConfig.LOCAL_PARAMETERS.get("ResultsBucket");
    static final String DATA_BUCKET = LocalRuntimeConfig.LOCAL_PARAMETERS.get("DataBucket");
    /** How often the harness asks GetQueryExecution while a query runs (real time). */
    static final int POLL_MILLIS = 10;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    final LocalRuntime runtime;
    final AthenaClient athena;
    final S3Client s3;
    final double startSeconds;

    private BenchRuntime(LocalRuntime runtime, double startSeconds) {
        this.runtime = runtime;
        this.startSeconds = startSeconds;
        athena = athenaClient(runtime.endpoint());
        s3 = S3Client.builder().endpointOverride(runtime.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * An Athena client of the runtime at {@code endpoint}: static credentials, the JDK HTTP client with a 5-minute
     * read timeout (the first StartQueryExecution waits for the engine's start-up, a minute on a loaded machine).
     */
    static AthenaClient athenaClient(URI endpoint) {
        return AthenaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)).build()).build();
    }

    /** Starts the project's template on {@code aws} and times {@link LocalRuntime#start}. */
    static BenchRuntime start(BenchPaths paths, LocalAwsConfig aws) {
        long begin = System.nanoTime();
        LocalRuntime runtime = LocalRuntime.start(LocalRuntimeConfig.of(paths.root(), paths.functionsArtifact()).withAws(aws));
        return new BenchRuntime(runtime, (System.nanoTime() - begin) / 1e9);
    }

    /** The deployed function of a template resource, e.g. {@code StartQueryFunction}. */
    FunctionDeployment function(String logicalId) {
        return runtime.template().functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml has no function " + logicalId));
    }

    /** What the state machine invokes: the function's alias (SnapStart's published version on AWS). */
    String aliasArn(String logicalId) {
        FunctionDeployment function = function(logicalId);
        return function.aliasArn() != null ? function.aliasArn() : function.arn();
    }

    /** Invokes a deployed function in-process; a function error fails the benchmark with the error document. */
    JsonNode invoke(String logicalId, JsonNode payload) {
        InvocationResult result = runtime.lambda().invoke(aliasArn(logicalId),
                payload.toString().getBytes(StandardCharsets.UTF_8));
        if (result.failed()) {
            throw new IllegalStateException(logicalId + " failed: " + result.payloadText());
        }
        return read(result.payloadText());
    }

    /** The payload the state machine gives StartQuery for {@code request}, with a new execution ARN. */
    ObjectNode startPayload(ObjectNode request) {
        ObjectNode payload = JSON.createObjectNode();
        payload.set("request", request);
        payload.put("executionArn", "arn:aws:states:us-east-1:000000000000:execution:bench:run-"
                + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        payload.put("now", runtime.aws().clock().now().toString());
        return payload;
    }

    /** Starts {@code request} through the deployed StartQuery function and waits until it SUCCEEDED; the handle. */
    JsonNode succeededQuery(ObjectNode request) {
        JsonNode handle = invoke("StartQueryFunction", startPayload(request));
        awaitSucceeded(handle.get("queryExecutionId").asText());
        return handle;
    }

    /** Polls GetQueryExecution every 10 ms of real time until the query ends; fails unless it SUCCEEDED. */
    QueryExecution awaitSucceeded(String queryExecutionId) {
        return awaitSucceeded(athena, queryExecutionId);
    }

    /** Polls {@code athena}'s GetQueryExecution every 10 ms of real time until the query ends; fails unless it SUCCEEDED. */
    static QueryExecution awaitSucceeded(AthenaClient athena, String queryExecutionId) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            QueryExecution execution = athena.getQueryExecution(r -> r.queryExecutionId(queryExecutionId)).queryExecution();
            QueryExecutionState state = execution.status().state();
            if (state == QueryExecutionState.SUCCEEDED) {
                return execution;
            }
            if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                throw new IllegalStateException("Query " + queryExecutionId + " ended " + state + ": "
                        + execution.status().stateChangeReason());
            }
            pause(POLL_MILLIS);
        }
        throw new IllegalStateException("Query " + queryExecutionId + " did not end within 10 minutes");
    }

    /** Runs a statement directly through the Athena API and waits for it (setup, not measured). */
    QueryExecution runStatement(String sql) {
        String id = athena.startQueryExecution(r -> r.queryString(sql)
                .resultConfiguration(c -> c.outputLocation("s3://" + RESULTS_BUCKET + "/bench-setup/"))).queryExecutionId();
        return awaitSucceeded(id);
    }

    /** The bundled demo dataset in the data bucket and its table {@code demo.orders}, created through Athena DDL. */
    void loadDemoTable() {
        Path demo = runtime.config().projectRoot().resolve("local/src/main/resources/demo");
        try (Stream<Path> files = Files.walk(demo.resolve("orders"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = "demo/" + demo.relativize(file).toString().replace('\\', '/');
                s3.putObject(b -> b.bucket(DATA_BUCKET).key(key), RequestBody.fromFile(file));
            }
            for (String ddl : List.of("create-database.sql", "create-table.sql", "load-partitions.sql")) {
                runStatement(Files.readString(demo.resolve(ddl)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo's sample query (one parameter) as an execution input. */
    ObjectNode demoQueryRequest() {
        try {
            ObjectNode request = JSON.createObjectNode();
            request.put("sql", Files.readString(runtime.config().projectRoot()
                    .resolve("local/src/main/resources/demo/query.sql")).strip());
            request.putArray("parameters").add("'2025-01-01'");
            return request;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment a child JVM or script gets: the function's variables plus endpoint, region and credentials. */
    Map<String, String> childEnvironment(String logicalId) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String inherited : List.of("PATH", "HOME", "LANG", "PYENV_ROOT", "PYENV_VERSION")) {
            String value = System.getenv(inherited);
            if (value != null) {
                env.put(inherited, value);
            }
        }
        env.putAll(function(logicalId).environment());
        env.put("AWS_ENDPOINT_URL", runtime.endpoint().toString());
        env.put("AWS_REGION", runtime.aws().config().region());
        env.put("AWS_DEFAULT_REGION", runtime.aws().config().region());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        return env;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    Instant now() {
        return runtime.aws().clock().now();
    }

    @Override
    public void close() {
        athena.close();
        s3.close();
        runtime.close();
    }
}
