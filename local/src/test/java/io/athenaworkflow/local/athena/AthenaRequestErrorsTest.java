package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

class AthenaRequestErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private LocalAwsFixture local;

    @BeforeEach
    void start() {
        local = new LocalAwsFixture();
    }

    @AfterEach
    void stop() {
        local.close();
    }

    @Test
    void getQueryExecution_whenIdUnknown_isQueryExecutionNotFound() {
        assertThatThrownBy(() -> local.execution("6b1f7c2e-0000-4000-8000-000000000000"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.athenaErrorCode()).isEqualTo("QUERY_EXECUTION_NOT_FOUND");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("QueryExecution 6b1f7c2e-0000-4000-8000-000000000000 was not found");
                });
    }

    @Test
    void startQueryExecution_whenQueryStringEmpty_failsModelValidation() {
        assertThatThrownBy(() -> local.start(""))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.athenaErrorCode()).isEqualTo("INVALID_INPUT");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value at "
                            + "'queryString' failed to satisfy constraint: Member must have length greater than or "
                            + "equal to 1");
                });
        assertThat(local.engine.executed()).isEmpty();
    }

    @Test
    void startQueryExecution_whenTokenTooShortAndWorkGroupInvalid_reportsBothViolations() {
        assertThatThrownBy(() -> local.athena.startQueryExecution(b -> b.queryString("SELECT 1")
                .clientRequestToken("short").workGroup("no spaces allowed")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("2 validation errors detected: Value at 'clientRequestToken' failed to "
                        + "satisfy constraint: Member must have length greater than or equal to 32; Value at "
                        + "'workGroup' failed to satisfy constraint: Member must satisfy regular expression pattern");
    }

    @Test
    void startQueryExecution_whenTokenMissing_isNullOrEmpty() throws Exception {
        HttpResponse<String> response = local.rawJson("AmazonAthena.StartQueryExecution", "1.1",
                "{\"QueryString\":\"SELECT 1\"}");

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body.path("__type").asText()).isEqualTo("InvalidRequestException");
        assertThat(body.path("AthenaErrorCode").asText()).isEqualTo("INVALID_INPUT");
        assertThat(body.path("ErrorCode").asText()).isEqualTo("INVALID_INPUT");
        assertThat(body.path("Message").asText()).isEqualTo("clientRequestToken is null or empty");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void startQueryExecution_whenFieldHasWrongJsonType_isSerializationException() throws Exception {
        HttpResponse<String> response = local.rawJson("AmazonAthena.GetQueryResults", "1.1",
                "{\"QueryExecutionId\":\"x\",\"MaxResults\":\"10\"}");

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body.path("__type").asText()).isEqualTo("SerializationException");
        assertThat(body.path("Message").asText()).isEqualTo("STRING_VALUE can not be converted to an Integer");
        assertThat(body.has("AthenaErrorCode")).isFalse();
    }

    @Test
    void anyOperation_whenBodyIsNotJson_isSerializationExceptionWithoutMessage() throws Exception {
        HttpResponse<String> response = local.rawJson("AmazonAthena.ListWorkGroups", "1.1", "{not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"__type\":\"SerializationException\"}"));
    }

    @Test
    void unknownOperation_isUnknownOperationException() throws Exception {
        HttpResponse<String> response = local.rawJson("AmazonAthena.CreateNotebook", "1.1", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    }

    @Test
    void startQueryExecution_whenOutputLocationIsNotS3_isInvalidRequest() {
        assertThatThrownBy(() -> local.athena.startQueryExecution(b -> b.queryString("SELECT 1")
                .resultConfiguration(r -> r.outputLocation("https://example.com/results/"))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("outputLocation is not a valid S3 path.");
    }

    @Test
    void startQueryExecution_whenOutputBucketMissing_cannotVerifyBucket() {
        assertThatThrownBy(() -> local.athena.startQueryExecution(b -> b.queryString("SELECT 1")
                .resultConfiguration(r -> r.outputLocation("s3://no-such-bucket/results/"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Unable to verify/create output bucket no-such-bucket"));
        assertThat(local.engine.executed()).isEmpty();
    }

    @Test
    void startQueryExecution_whenWorkGroupUnknown_isNotFound() {
        assertThatThrownBy(() -> local.athena.startQueryExecution(b -> b.queryString("SELECT 1")
                .workGroup("analysts")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.athenaErrorCode()).isEqualTo("INVALID_INPUT");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("WorkGroup is not found.");
                });
    }

    @Test
    void startQueryExecution_whenOwnOutputLocationGiven_writesResultsThere() {
        local.s3.createBucket(b -> b.bucket("team-results"));
        String id = local.athena.startQueryExecution(b -> b.queryString("SELECT 1")
                .resultConfiguration(r -> r.outputLocation("s3://team-results/adhoc")
                        .encryptionConfiguration(e -> e.encryptionOption("SSE_S3"))
                        .aclConfiguration(a -> a.s3AclOption("BUCKET_OWNER_FULL_CONTROL"))))
                .queryExecutionId();

        QueryExecution done = local.awaitDone(id);

        assertThat(done.resultConfiguration().outputLocation()).isEqualTo("s3://team-results/adhoc/" + id + ".csv");
        assertThat(done.resultConfiguration().encryptionConfiguration().encryptionOptionAsString())
                .isEqualTo("SSE_S3");
        assertThat(done.resultConfiguration().aclConfiguration().s3AclOptionAsString())
                .isEqualTo("BUCKET_OWNER_FULL_CONTROL");
        assertThat(local.aws.objectStore().listKeys("team-results", "adhoc/"))
                .containsExactly("adhoc/" + id + ".csv", "adhoc/" + id + ".csv.metadata");
    }

    @Test
    void startQueryExecution_whenExpectedBucketOwnerIsAnotherAccount_failsAtResultWrite() {
        String id = local.athena.startQueryExecution(b -> b.queryString("SELECT 1")
                .resultConfiguration(r -> r.expectedBucketOwner("111122223333"))).queryExecutionId();

        QueryExecution done = local.awaitDone(id);

        assertThat(done.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(done.status().stateChangeReason()).startsWith("Access denied when writing output to url: s3://"
                + local.resultsBucket() + "/" + id + ".csv");
        assertThat(done.status().athenaError().errorType()).isEqualTo(401);
        assertThat(done.resultConfiguration().expectedBucketOwner()).isEqualTo("111122223333");
        assertThat(local.aws.objectStore().listKeys(local.resultsBucket(), "")).isEmpty();
    }

    @Test
    void startQueryExecution_whenExpectedBucketOwnerIsThisAccount_succeeds() {
        String id = local.athena.startQueryExecution(b -> b.queryString("SELECT 1")
                .resultConfiguration(r -> r.expectedBucketOwner("000000000000"))).queryExecutionId();

        assertThat(local.awaitDone(id).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
    }
}
