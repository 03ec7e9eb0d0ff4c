package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire format itself, for what an SDK hides: content type, error body fields, timestamp encoding. */
class JsonProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SfnFixture fx;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(new FakeLambda());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private HttpResponse<String> post(String operation, String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(fx.aws.endpoint() + "/"))
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("X-Amz-Target", "AWSStepFunctions." + operation)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void createStateMachine_whenAnswered_sendsJson10WithEpochSecondTimestamps() throws Exception {
        HttpResponse<String> response = post("CreateStateMachine", JSON.createObjectNode().put("name", "wire")
                .put("definition", StepFunctionsApiTest.FAILING).put("roleArn", SfnFixture.ROLE).toString());

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(body.get("creationDate").isNumber()).isTrue();
        assertThat(body.get("creationDate").decimalValue())
                .isEqualByComparingTo(BigDecimal.valueOf(SfnFixture.START.getEpochSecond()));
    }

    @Test
    void errors_whenModeled_haveTypeAndLowerCaseMessage() throws Exception {
        String arn = "arn:aws:states:us-east-1:000000000000:stateMachine:none";

        HttpResponse<String> missing = post("DescribeStateMachine", "{\"stateMachineArn\": \"" + arn + "\"}");
        HttpResponse<String> wrongType = post("StartExecution", "{\"stateMachineArn\": \"" + arn + "\", \"name\": 5}");
        HttpResponse<String> unknown = post("SendTaskSuccess", "{}");

        JsonNode error = JSON.readTree(missing.body());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(error.get("__type").asText()).isEqualTo("StateMachineDoesNotExist");
        assertThat(error.get("message").asText()).isEqualTo("State Machine Does Not Exist: '" + arn + "'");
        assertThat(error.has("Message")).isFalse();
        assertThat(JSON.readTree(wrongType.body()).get("__type").asText()).isEqualTo("SerializationException");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("__type").asText()).isEqualTo("UnknownOperationException");
    }
}
