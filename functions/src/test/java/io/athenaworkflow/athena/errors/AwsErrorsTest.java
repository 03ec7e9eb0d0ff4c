package io.athenaworkflow.athena.errors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every mapping from an SDK failure to the catalogue, with the exceptions the real SDK unmarshals from each
 * service's own error responses (S3's XML, Athena's JSON 1.1, Step Functions' JSON 1.0) served on loopback, its
 * retries off so the one answer is what the function sees.
 */
class AwsErrorsTest {

    private static final AtomicReference<Answer> ANSWER = new AtomicReference<>();
    private static HttpServer server;
    private static URI endpoint;

    /** One canned error response. */
    record Answer(int status, String contentType, String body) {
    }

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            Answer answer = ANSWER.get();
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.getResponseHeaders().add("x-amz-request-id", "4442587FB7D0A2F9");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static Stream<Arguments> s3Answers() {
        return Stream.of(
                Arguments.of(503, "SlowDown", "Please reduce your request rate.", ServiceThrottledException.class),
                Arguments.of(500, "InternalError", "We encountered an internal error. Please try again.",
                        ServiceUnavailableException.class),
                Arguments.of(503, "ServiceUnavailable", "Service is unable to handle request.",
                        ServiceUnavailableException.class),
                Arguments.of(403, "AccessDenied", "Access Denied", AccessDeniedException.class),
                Arguments.of(404, "NoSuchBucket", "The specified bucket does not exist", S3RequestRejectedException.class),
                Arguments.of(400, "InvalidRequest", "Invalid request", S3RequestRejectedException.class));
    }

    @ParameterizedTest(name = "S3 {0} {1} -> {3}")
    @MethodSource("s3Answers")
    void translate_whenS3Answers_namesTheFailureAndS3(int status, String code, String text, Class<?> expected) {
        ANSWER.set(new Answer(status, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                + "</Code><Message>" + text + "</Message><Resource>/results/q.csv</Resource><RequestId>4442587FB7D0A2F9"
                + "</RequestId><HostId>host</HostId></Error>"));

        AthenaWorkflowException translated = translated(S3Client.builder().forcePathStyle(true), S3Client.class,
                s3 -> s3.getObjectAsBytes(b -> b.bucket("results").key("q.csv")), AwsService.S3, "GetObject s3://results/q.csv");

        assertThat(translated).isInstanceOf(expected);
        assertThat(translated.getMessage()).contains("GetObject s3://results/q.csv", "S3", code, text)
                .doesNotContain("Athena");
    }

    @Test
    void translate_whenThrottled_adviseWhatFitsTheService() {
        var slowDown = software.amazon.awssdk.services.s3.model.S3Exception.builder().statusCode(503)
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder().errorCode("SlowDown")
                        .errorMessage("Please reduce your request rate.").build()).build();
        var tooMany = AthenaException.builder().statusCode(429).message("Rate exceeded").build();

        assertThat(AwsErrors.translate(slowDown, AwsService.S3, "GetObject s3://r/k").getMessage())
                .contains("lower the request rate on the prefix");
        assertThat(AwsErrors.translate(tooMany, AwsService.ATHENA, "StartQueryExecution").getMessage())
                .contains("higher Athena quota");
    }

    static Stream<Arguments> athenaAnswers() {
        return Stream.of(
                Arguments.of(400, "TooManyRequestsException", "Rate exceeded", ServiceThrottledException.class),
                Arguments.of(500, "InternalServerException", "We encountered an internal error.",
                        ServiceUnavailableException.class),
                Arguments.of(503, "ServiceUnavailable", "Service Unavailable", ServiceUnavailableException.class),
                Arguments.of(403, "AccessDeniedException", "not authorized", AccessDeniedException.class),
                Arguments.of(400, "InvalidRequestException", "WorkGroup nosuch is not found.", QueryRejectedException.class));
    }

    @ParameterizedTest(name = "Athena {0} {1} -> {3}")
    @MethodSource("athenaAnswers")
    void translate_whenAthenaAnswers_namesTheFailureAndAthena(int status, String code, String text, Class<?> expected) {
        ANSWER.set(new Answer(status, "application/x-amz-json-1.1", "{\"__type\":\"" + code + "\",\"Message\":\"" + text + "\"}"));

        AthenaWorkflowException translated = translated(AthenaClient.builder(), AthenaClient.class,
                athena -> athena.getQueryExecution(b -> b.queryExecutionId("q-1")), AwsService.ATHENA, "GetQueryExecution q-1");

        assertThat(translated).isInstanceOf(expected);
        assertThat(translated.getMessage()).contains("GetQueryExecution q-1", "Athena", code, text);
    }

    static Stream<Arguments> stepFunctionsAnswers() {
        return Stream.of(
                Arguments.of(400, "ThrottlingException", "Rate exceeded", ServiceThrottledException.class),
                Arguments.of(500, "InternalFailure", "The request processing has failed.", ServiceUnavailableException.class),
                Arguments.of(503, "ServiceUnavailable", "Service Unavailable", ServiceUnavailableException.class),
                Arguments.of(400, "ExecutionDoesNotExist", "Execution Does Not Exist: 'arn'",
                        StepFunctionsRequestRejectedException.class),
                Arguments.of(400, "InvalidArn", "Invalid Arn: 'x'", StepFunctionsRequestRejectedException.class),
                Arguments.of(403, "AccessDeniedException", "not authorized to perform states:GetExecutionHistory",
                        AccessDeniedException.class));
    }

    @ParameterizedTest(name = "Step Functions {0} {1} -> {3}")
    @MethodSource("stepFunctionsAnswers")
    void translate_whenStepFunctionsAnswers_namesTheFailureAndStepFunctions(int status, String code, String text,
            Class<?> expected) {
        ANSWER.set(new Answer(status, "application/x-amz-json-1.0", "{\"__type\":\"" + code + "\",\"message\":\"" + text + "\"}"));

        AthenaWorkflowException translated = translated(SfnClient.builder(), SfnClient.class,
                sfn -> sfn.getExecutionHistory(b -> b.executionArn("arn:aws:states:us-east-1:111122223333:execution:m:e")),
                AwsService.STEP_FUNCTIONS, "GetExecutionHistory e");

        assertThat(translated).isInstanceOf(expected);
        assertThat(translated.getMessage()).contains("GetExecutionHistory e", "Step Functions", code, text);
    }

    @Test
    void translate_whenTheServiceCannotBeReached_isUnavailableNamingTheServiceAndTheNetwork() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (AthenaClient athena = configure(AthenaClient.builder(), URI.create("http://127.0.0.1:" + closedPort)).build()) {
            SdkException e = catchThrowableOfType(SdkException.class, () -> athena.getQueryExecution(b -> b.queryExecutionId("q")));

            AthenaWorkflowException translated = AwsErrors.translate(e, AwsService.ATHENA, "GetQueryExecution q");

            assertThat(translated).isInstanceOf(ServiceUnavailableException.class).hasCause(e)
                    .hasMessageContaining("GetQueryExecution q failed before reaching Athena")
                    .hasMessageContaining("network path to Athena");
        }
    }

    @Test
    void translate_whenServiceExceptionHasNoErrorDetails_stillTranslatesByStatus() {
        var e = AthenaException.builder().statusCode(503).message("Service Unavailable").build();

        AthenaWorkflowException translated = AwsErrors.translate(e, AwsService.ATHENA, "GetQueryExecution q");

        assertThat(translated).isInstanceOf(ServiceUnavailableException.class).hasCause(e)
                .hasMessageContaining("GetQueryExecution q failed on Athena's side")
                .hasMessageContaining("Service Unavailable");
    }

    @Test
    void translate_whenOtherSdkException_isUnavailableNamingTheService() {
        var e = SdkException.create("Stream reset", null);

        assertThat(AwsErrors.translate(e, AwsService.S3, "GetObject")).isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("talking to S3").hasMessageContaining("Stream reset");
    }

    @Test
    void readFailed_whenTheBodyBreaksOff_isUnavailableNamingTheService() {
        var e = new SocketException("Connection reset");

        assertThat(AwsErrors.readFailed(AwsService.S3, "GetObject s3://b/k", e)).hasCause(e)
                .hasMessageContaining("GetObject s3://b/k from S3 failed part-way: Connection reset");
    }

    static Stream<Arguments> deleteObjectsCodes() {
        return Stream.of(
                Arguments.of("AccessDenied", AccessDeniedException.class),
                Arguments.of("SlowDown", ServiceThrottledException.class),
                Arguments.of("InternalError", ServiceUnavailableException.class),
                Arguments.of("ServiceUnavailable", ServiceUnavailableException.class),
                Arguments.of("NoSuchVersion", S3RequestRejectedException.class));
    }

    @ParameterizedTest(name = "DeleteObjects per-key {0} -> {1}")
    @MethodSource("deleteObjectsCodes")
    void s3ErrorCode_whenDeleteObjectsReportsAKeyError_namesItForS3(String code, Class<?> expected) {
        AthenaWorkflowException translated = AwsErrors.s3ErrorCode(code, "DeleteObjects under s3://r/p/",
                "S3 could not delete 1 of the query's objects: [p/q.csv: " + code + " m]");

        assertThat(translated).isInstanceOf(expected)
                .hasMessageContaining("DeleteObjects under s3://r/p/").hasMessageContaining(code)
                .hasMessageNotContaining("Athena");
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends AutoCloseable>
            AthenaWorkflowException translated(B builder, Class<C> type, Consumer<C> call, AwsService service, String action) {
        try (C client = configure(builder, endpoint).build()) {
            SdkException e = catchThrowableOfType(SdkException.class, () -> call.accept(client));
            assertThat(e).as("the SDK's exception for the canned answer").isNotNull();
            AthenaWorkflowException translated = AwsErrors.translate(e, service, action);
            assertThat(translated).hasCause(e);
            return translated;
        } catch (Exception closing) {
            throw new IllegalStateException(closing);
        }
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, URI uri) {
        return builder.endpointOverride(uri).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }
}
