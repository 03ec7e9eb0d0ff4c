package io.athenaworkflow.local.sfn.api;

import io.athenaworkflow.local.LocalAws;
import io.athenaworkflow.local.LocalAwsConfig;
import io.athenaworkflow.local.SqlEngineFactory;
import io.athenaworkflow.local.clock.VirtualClock;
import io.athenaworkflow.local.lambda.LambdaService;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import io.athenaworkflow.local.sfn.tasks.LocalTaskInvoker;
import io.athenaworkflow.local.sfn.tasks.SyncPolling;
import io.athenaworkflow.local.sfn.tasks.TaskServices;
import io.athenaworkflow.local.testing.FakeSqlEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The local AWS services (S3, Athena, edge server on 127.0.0.1:0) on a virtual clock, with the Step Functions service
 * registered on the edge and an SDK v2 {@link SfnClient} pointed at it. Task states reach a caller-supplied
 * {@link LambdaService}, the real Athena service and the local S3.
 */
public final class SfnFixture implements AutoCloseable {

    public static final String ROLE = "arn:aws:iam::000000000000:role/StatesExecutionRole";
    public static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

    public final VirtualClock clock = VirtualClock.startingAt(START);
    public final LocalAws aws;
    public final StepFunctionsService sfn;
    public final SfnClient client;
    /** An S3 client of the same runtime, to read back what executions wrote (created on first use). */
    private S3Client s3;

    private SfnFixture(LambdaService lambda, SqlEngineFactory engines, StepFunctionsConfig config) {
        aws = LocalAws.start(LocalAwsConfig.transientOnAnyPort().withClock(clock), engines);
        TaskServices services = TaskServices.none().withLambda(lambda).withAthena(aws.athena())
                .withObjectStore(aws.objectStore())
                .withSyncPolling(new SyncPolling(Duration.ofSeconds(1), Duration.ofSeconds(4)));
        sfn = StepFunctionsService.create(config, clock, LocalTaskInvoker.create(services));
        aws.register(sfn);
        client = SfnClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .httpClient(UrlConnectionHttpClient.create())
                // Errors are asserted as they come; StartSyncExecution's "sync-" host prefix must not be added to
                // 127.0.0.1.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    /** Lambda tasks go to {@code lambda}; Athena runs on a {@link FakeSqlEngine}. */
    public static SfnFixture start(LambdaService lambda) {
        return start(lambda, StepFunctionsConfig.defaults());
    }

    /** As {@link #start(LambdaService)}, with the service tuned by {@code config} (e.g. a smaller history quota). */
    public static SfnFixture start(LambdaService lambda, StepFunctionsConfig config) {
        FakeSqlEngine engine = new FakeSqlEngine();
        return new SfnFixture(lambda, store -> engine, config);
    }

    public static SfnFixture start(LambdaService lambda, SqlEngineFactory engines) {
        return new SfnFixture(lambda, engines, StepFunctionsConfig.defaults());
    }

    /** Creates a STANDARD state machine with a unique name through the programmatic API. */
    public StateMachineRecord machine(String definition) {
        return sfn.createStateMachine(StateMachineSpec.of("sm-" + UUID.randomUUID(), definition, ROLE));
    }

    /** Runs {@code definition} once on {@code input} and waits (at most 30 s of real time) for the end. */
    public Execution run(String definition, String input) {
        Execution execution = sfn.startExecution(machine(definition).arn(), null, input);
        await(execution);
        return execution;
    }

    /** Stores {@code content} (UTF-8) as {@code bucket}/{@code key} in the local S3. */
    public void put(String bucket, String key, String content) {
        aws.objectStore().put(bucket, key, content.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    /** Starts {@code definition} through the SDK as a new STANDARD state machine named {@code name}. */
    public String startViaApi(String name, String definition, String input) {
        String machine = client.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE))
                .stateMachineArn();
        return client.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
    }

    /** Like {@link #startViaApi}, then waits for the end and describes the execution through the SDK. */
    public DescribeExecutionResponse runViaApi(String name, String definition, String input) {
        String arn = startViaApi(name, definition, input);
        await(sfn.describeExecution(arn));
        return client.describeExecution(b -> b.executionArn(arn));
    }

    /** The execution's history through the SDK. */
    public List<HistoryEvent> history(String executionArn) {
        return client.getExecutionHistory(b -> b.executionArn(executionArn)).events();
    }

    /** An SDK S3 client of this runtime (path-style, no retries). */
    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = S3Client.builder().endpointOverride(aws.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                    .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        }
        return s3;
    }

    /** The object {@code bucket}/{@code key} read through the S3 API, as UTF-8 text. */
    public String read(String bucket, String key) {
        return s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    public static ExecutionResult await(Execution execution) {
        return execution.await(Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError(
                "execution " + execution.context().executionArn() + " did not end within 30 s; history: "
                        + execution.history()));
    }

    @Override
    public void close() {
        client.close();
        synchronized (this) {
            if (s3 != null) {
                s3.close();
            }
        }
        sfn.close();
        aws.close();
    }
}
