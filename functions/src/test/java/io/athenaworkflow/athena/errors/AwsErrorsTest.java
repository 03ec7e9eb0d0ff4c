package io.athenaworkflow.athena.errors;

import io.athenaworkflow.testing.FakeAthena;
import io.athenaworkflow.testing.FakeS3;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.model.AthenaException;

import static org.assertj.core.api.Assertions.assertThat;

class AwsErrorsTest {

    @Test
    void translate_when403_isAccessDeniedPointingAtThePolicy() {
        var e = FakeS3.error(403, "AccessDenied", "Access Denied");

        AthenaWorkflowException translated = AwsErrors.translate(e, "GetObject s3://b/k");

        assertThat(translated).isInstanceOf(AccessDeniedException.class).hasCause(e);
        assertThat(translated.getMessage()).contains("GetObject s3://b/k", "AccessDenied", "Access Denied",
                "Lambda role's policy");
    }

    @Test
    void translate_whenAthenaTooManyRequests_isThrottled() {
        var e = FakeAthena.tooManyRequests("Rate exceeded");

        AthenaWorkflowException translated = AwsErrors.translate(e, "StartQueryExecution");

        assertThat(translated).isInstanceOf(AthenaThrottledException.class).hasCause(e);
        assertThat(translated.getMessage()).contains("StartQueryExecution", "TooManyRequestsException", "Rate exceeded");
    }

    @Test
    void translate_whenS3SlowDownOr429_isThrottled() {
        assertThat(AwsErrors.translate(FakeS3.error(503, "SlowDown", "Please reduce your request rate."), "ListObjectsV2"))
                .isInstanceOf(AthenaThrottledException.class);
        assertThat(AwsErrors.translate(FakeAthena.error(429, "ThrottlingException", "slow down"), "GetQueryExecution"))
                .isInstanceOf(AthenaThrottledException.class);
    }

    @Test
    void translate_whenServerError_isUnavailable() {
        assertThat(AwsErrors.translate(FakeAthena.internalError("We encountered an internal error"), "GetQueryExecution q"))
                .isInstanceOf(AthenaUnavailableException.class)
                .hasMessageContaining("GetQueryExecution q failed: InternalServerException");
        assertThat(AwsErrors.translate(FakeS3.error(503, "ServiceUnavailable", "Service is unable to handle request"), "GetObject"))
                .isInstanceOf(AthenaUnavailableException.class);
    }

    @Test
    void translate_whenOtherClientError_isRejected() {
        var e = FakeS3.error(400, "InvalidArgument", "Invalid argument");

        assertThat(AwsErrors.translate(e, "ListObjectsV2")).isInstanceOf(QueryRejectedException.class)
                .hasMessageContaining("InvalidArgument: Invalid argument");
    }

    @Test
    void translate_whenTheRequestNeverReachedAws_isUnavailable() {
        var e = SdkClientException.create("Unable to execute HTTP request: Connection refused");

        AthenaWorkflowException translated = AwsErrors.translate(e, "GetObject s3://b/k");

        assertThat(translated).isInstanceOf(AthenaUnavailableException.class).hasCause(e)
                .hasMessageContaining("failed before reaching AWS")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void translate_whenOtherSdkException_isUnavailable() {
        var e = SdkException.create("Stream reset", null);

        assertThat(AwsErrors.translate(e, "GetObject")).isInstanceOf(AthenaUnavailableException.class)
                .hasMessageContaining("Stream reset");
    }

    @Test
    void translate_whenServiceExceptionHasNoErrorDetails_stillTranslatesByStatus() {
        var e = AthenaException.builder().statusCode(503).message("Service Unavailable").build();

        AthenaWorkflowException translated = AwsErrors.translate(e, "GetQueryExecution q");

        assertThat(translated).isInstanceOf(AthenaUnavailableException.class).hasCause(e)
                .hasMessageContaining("GetQueryExecution q failed")
                .hasMessageContaining("Service Unavailable");
    }
}
