package io.athenaworkflow.local.faults;

import io.athenaworkflow.local.LocalAws;
import io.athenaworkflow.local.LocalAwsConfig;
import io.athenaworkflow.local.ServiceDecorators;
import io.athenaworkflow.local.s3.S3Error;
import io.athenaworkflow.local.testing.Await;
import io.athenaworkflow.local.testing.FakeSqlEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** S3 faults on the real local S3 (S3Proxy) and the local Athena, spoken to with the AWS SDK. */
class FaultyS3Test {

    private LocalAws aws;
    private S3Client s3;
    private AthenaClient athena;
    private Faults faults;

    private void start(FaultPlan plan) {
        faults = Faults.of(plan);
        aws = LocalAws.start(LocalAwsConfig.transientOnAnyPort(), store -> new FakeSqlEngine(),
                new ServiceDecorators(faults::athena, faults::s3, faults::objectStore));
        aws.s3().createBucket("data");
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        // No SDK retries: every answer is asserted as it comes.
        s3 = S3Client.builder().endpointOverride(aws.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        athena = AthenaClient.builder().endpointOverride(aws.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() {
        if (aws != null) {
            s3.close();
            athena.close();
            aws.close();
        }
    }

    @Test
    void getObject_whenSlowedDown_answers503SlowDownThenTheObject() {
        S3Fault rule = S3Fault.onGet("reports/*.csv", Calls.first(2), S3Error.SLOW_DOWN);
        start(FaultPlan.none().with(rule));
        s3.putObject(b -> b.bucket("data").key("reports/a.csv"), RequestBody.fromString("x,y\n"));

        S3Exception first = catchThrowableOfType(S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket("data").key("reports/a.csv")));
        catchThrowableOfType(S3Exception.class, () -> s3.getObjectAsBytes(b -> b.bucket("data").key("reports/a.csv")));
        String third = s3.getObjectAsBytes(b -> b.bucket("data").key("reports/a.csv")).asUtf8String();

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
        assertThat(first.awsErrorDetails().errorMessage()).isEqualTo("Please reduce your request rate.");
        assertThat(first.requestId()).isNotBlank();
        assertThat(third).isEqualTo("x,y\n");
        assertThat(faults.injected(rule)).isEqualTo(2);
        assertThat(faults.injections().getFirst().request()).isEqualTo("GET data/reports/a.csv");
    }

    @Test
    void putObject_whenFailing_answers500InternalErrorAndStoresNothing() {
        start(FaultPlan.none().with(S3Fault.onPut("**", Calls.only(1), S3Error.INTERNAL_ERROR).inBucket("data")));

        S3Exception failed = catchThrowableOfType(S3Exception.class,
                () -> s3.putObject(b -> b.bucket("data").key("dir/new file.txt"), RequestBody.fromString("payload")));

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.awsErrorDetails().errorCode()).isEqualTo("InternalError");
        assertThat(aws.objectStore().listKeys("data", "")).isEmpty();
        s3.putObject(b -> b.bucket("data").key("dir/new file.txt"), RequestBody.fromString("payload"));
        assertThat(aws.objectStore().listKeys("data", "")).containsExactly("dir/new file.txt");
    }

    @Test
    void rawRequests_whenFaulted_carryS3sErrorXmlAndNoBodyForHead() throws Exception {
        start(FaultPlan.none().with(new S3Fault(S3Method.GET, "data", "k", Calls.only(1), S3Error.SERVICE_UNAVAILABLE))
                .with(new S3Fault(S3Method.HEAD, "data", "k", Calls.only(1), S3Error.INTERNAL_ERROR)));
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(aws.endpoint() + "/data/k")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(aws.endpoint() + "/data/k"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(get.statusCode()).isEqualTo(503);
            assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/xml"));
            assertThat(get.headers().firstValue("x-amz-request-id")).isPresent();
            assertThat(get.body()).contains("<Error><Code>ServiceUnavailable</Code>")
                    .contains("<Message>Service is unable to handle request.</Message>")
                    .contains("<Resource>/data/k</Resource>").contains("<RequestId>");
            assertThat(head.statusCode()).isEqualTo(500);
            assertThat(head.body()).isEmpty();
        }
    }

    @Test
    void athenaResultWrite_whenS3Refuses_failsTheQueryWithS3sReason() {
        start(FaultPlan.none().with(S3Fault.onPut("**.csv", Calls.all(), S3Error.SLOW_DOWN)));

        String id = athena.startQueryExecution(b -> b.queryString("SELECT 1")).queryExecutionId();
        QueryExecution done = Await.until(() -> athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution(),
                q -> q.status().state() != QueryExecutionState.QUEUED && q.status().state() != QueryExecutionState.RUNNING,
                "query " + id + " to end");

        assertThat(done.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(done.status().stateChangeReason()).contains("Error writing query results to s3://")
                .contains(id + ".csv").contains("Please reduce your request rate.").contains("SlowDown");
        assertThat(done.status().athenaError().errorCategory()).isEqualTo(1);
        assertThat(aws.objectStore().listKeys(aws.config().athenaResultsBucket(), "")).isEmpty();
        assertThat(faults.injected()).isEqualTo(1);
    }
}
