package io.athenaworkflow.tests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.LocalAwsConfig;
import io.athenaworkflow.local.LocalRuntime;
import io.athenaworkflow.local.LocalRuntimeConfig;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.clock.VirtualClock;
import io.athenaworkflow.tests.ProjectFiles;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The product as a user meets it locally: the real template, ASL file and functions package (sam build layout) on the embedded runtime,
 * driven through the AWS SDK over HTTP. Virtual clock by default, so waits cost no real time.
 */
public final class LocalWorkflow implements AutoCloseable {

    public static final String RESULTS_BUCKET = LocalRuntimeConfig.LOCAL_PARAMETERS.get("ResultsBucket");
    public static final String DATA_BUCKET = LocalRuntimeConfig.LOCAL_PARAMETERS.get("DataBucket");
    public static final String TRIGGER_BUCKET = LocalRuntimeConfig.LOCAL_PARAMETERS.get("TriggerBucket");
    public static final String RESULTS_PREFIX = "athena-workflow/";
    static final ObjectMapper JSON = new ObjectMapper();

    public final LocalRuntime runtime;
    public final SfnClient sfn;
    public final S3Client s3;
    private int executions;

    public LocalWorkflow() {
        this(aws -> aws.withClock(VirtualClock.startingAt(Instant.parse("2026-01-05T09:00:00Z"))));
    }

    public LocalWorkflow(UnaryOperator<LocalAwsConfig> settings) {
        this(settings, UnaryOperator.identity());
    }

    /** With the runtime's own settings customized too (faults, environment limits, template parameters). */
    public LocalWorkflow(UnaryOperator<LocalAwsConfig> settings, UnaryOperator<LocalRuntimeConfig> runtimeSettings) {
        runtime = LocalRuntime.start(runtimeSettings.apply(LocalRuntimeConfig.of(ProjectFiles.root(),
                ProjectFiles.functionsArtifact()).withAws(settings.apply(LocalAwsConfig.transientOnAnyPort()))));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        sfn = SfnClient.builder().endpointOverride(runtime.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        s3 = S3Client.builder().endpointOverride(runtime.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public RuntimeClock clock() {
        return runtime.aws().clock();
    }

    /** Starts an execution with {@code input} and waits for its end; returns DescribeExecution. */
    public DescribeExecutionResponse run(String input) {
        String arn = sfn.startExecution(b -> b.stateMachineArn(runtime.stateMachineArn())
                .name("e2e-" + (++executions)).input(input)).executionArn();
        return awaitEnd(arn);
    }

    public DescribeExecutionResponse awaitEnd(String executionArn) {
        runtime.stepFunctions().awaitExecution(executionArn, Duration.ofMinutes(5))
                .orElseThrow(() -> new AssertionError(executionArn + " did not end within 5 minutes"));
        return sfn.describeExecution(b -> b.executionArn(executionArn));
    }

    /** Runs and requires SUCCEEDED; returns the parsed output. */
    public JsonNode succeed(String input) {
        DescribeExecutionResponse execution = run(input);
        if (execution.status() != ExecutionStatus.SUCCEEDED) {
            throw new AssertionError("Expected SUCCEEDED but was " + execution.status() + ": " + execution.error()
                    + " / " + execution.cause());
        }
        return json(execution.output());
    }

    /** Loads the bundled demo dataset into the data bucket and creates the demo database and table through the workflow. */
    public void loadDemoTable() {
        Path demo = ProjectFiles.root().resolve("local/src/main/resources/demo");
        try (Stream<Path> files = Files.walk(demo.resolve("orders"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = "demo/" + demo.relativize(file).toString().replace('\\', '/');
                s3.putObject(b -> b.bucket(DATA_BUCKET).key(key), RequestBody.fromFile(file));
            }
            for (String ddl : List.of("create-database.sql", "create-table.sql", "load-partitions.sql")) {
                succeed(JSON.createObjectNode().put("sql", Files.readString(demo.resolve(ddl))).toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sfn.close();
        s3.close();
        runtime.close();
    }
}
