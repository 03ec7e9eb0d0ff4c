package io.athenaworkflow.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.events.ExecutionStatusChange.Status;
import io.athenaworkflow.local.events.S3ObjectCreated.Reason;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The event factories produce the documented shapes, field for field. */
class AwsEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventEnvelope ENVELOPE = new EventEnvelope("ca-central-1", "111122223333",
            Instant.parse("2021-11-12T00:00:00.789Z"));
    private static final String MACHINE = "arn:aws:states:ca-central-1:111122223333:stateMachine:m";
    private static final String EXECUTION = "arn:aws:states:ca-central-1:111122223333:execution:m:run";

    @Test
    void s3ObjectCreated_whenBuilt_hasTheDocumentedEnvelopeAndDetail() throws Exception {
        JsonNode event = AwsEvents.s3ObjectCreated(ENVELOPE, new S3ObjectCreated("amzn-s3-demo-bucket1", "example key+1",
                5, "b1946ac92492d2347c6235b4d2611184", "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", "617f08299329d189",
                "N4N7GDK58NMKJ12R", "123456789012", "1.2.3.4", Reason.PUT_OBJECT));

        JsonNode expected = JSON.readTree("""
                {"version": "0", "id": "%s", "detail-type": "Object Created", "source": "aws.s3",
                 "account": "111122223333", "time": "2021-11-12T00:00:00Z", "region": "ca-central-1",
                 "resources": ["arn:aws:s3:::amzn-s3-demo-bucket1"],
                 "detail": {"version": "0", "bucket": {"name": "amzn-s3-demo-bucket1"},
                            "object": {"key": "example key+1", "size": 5, "etag": "b1946ac92492d2347c6235b4d2611184",
                                       "version-id": "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", "sequencer": "617f08299329d189"},
                            "request-id": "N4N7GDK58NMKJ12R", "requester": "123456789012",
                            "source-ip-address": "1.2.3.4", "reason": "PutObject"}}
                """.formatted(event.path("id").asText()));
        assertThat(JSON.readTree(event.toString())).as("the event as sent").isEqualTo(expected);
        assertThat(event.path("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void s3ObjectCreated_whenUnversionedAndGenerated_leavesVersionOutAndOrdersSequencers() {
        S3ObjectCreated first = S3ObjectCreated.of("b", "k", 1, "e", Reason.COMPLETE_MULTIPART_UPLOAD, "111122223333");
        S3ObjectCreated second = S3ObjectCreated.of("b", "k", 1, "e", Reason.COPY_OBJECT, "111122223333");

        JsonNode event = AwsEvents.s3ObjectCreated(ENVELOPE, first);

        assertThat(event.path("detail").path("object").has("version-id")).isFalse();
        assertThat(event.path("detail").path("reason").asText()).isEqualTo("CompleteMultipartUpload");
        assertThat(event.path("detail").path("request-id").asText()).matches("[A-Z0-9]{16}");
        assertThat(second.sequencer().compareTo(first.sequencer())).isPositive();
        assertThat(AwsEvents.s3ObjectCreated(ENVELOPE, second).path("detail").path("reason").asText()).isEqualTo("CopyObject");
    }

    @Test
    void executionStatusChange_whenFailed_hasTheDocumentedFieldsAndIsRedrivable() throws Exception {
        JsonNode event = AwsEvents.executionStatusChange(ENVELOPE, new ExecutionStatusChange(EXECUTION, MACHINE, "run",
                Status.FAILED, Instant.ofEpochMilli(1551225146847L), Instant.ofEpochMilli(1551225151881L), "{}", null,
                "States.Runtime", "bad path", 0));

        JsonNode expected = JSON.readTree("""
                {"version": "0", "id": "%s", "detail-type": "Step Functions Execution Status Change",
                 "source": "aws.states", "account": "111122223333", "time": "2021-11-12T00:00:00Z",
                 "region": "ca-central-1", "resources": ["%s"],
                 "detail": {"executionArn": "%s", "stateMachineArn": "%s", "name": "run", "status": "FAILED",
                            "startDate": 1551225146847, "stopDate": 1551225151881, "input": "{}", "output": null,
                            "inputDetails": {"included": true}, "outputDetails": null,
                            "error": "States.Runtime", "cause": "bad path", "redriveCount": 0, "redriveDate": null,
                            "redriveStatus": "REDRIVABLE", "redriveStatusReason": null}}
                """.formatted(event.path("id").asText(), EXECUTION, EXECUTION, MACHINE));
        assertThat(JSON.readTree(event.toString())).as("the event as sent").isEqualTo(expected);
    }

    @Test
    void executionStatusChange_whenRunningOrSucceeded_isNotRedrivable() {
        JsonNode running = AwsEvents.executionStatusChange(ENVELOPE, new ExecutionStatusChange(EXECUTION, MACHINE, "run",
                Status.RUNNING, Instant.EPOCH, null, "{}", null, null, null, 0)).path("detail");
        JsonNode succeeded = AwsEvents.executionStatusChange(ENVELOPE, new ExecutionStatusChange(EXECUTION, MACHINE, "run",
                Status.SUCCEEDED, Instant.EPOCH, Instant.EPOCH, "{}", "{\"rows\":1}", null, null, 0)).path("detail");

        assertThat(running.path("stopDate").isNull()).isTrue();
        assertThat(running.path("redriveStatus").asText()).isEqualTo("NOT_REDRIVABLE");
        assertThat(running.path("redriveStatusReason").asText()).isEqualTo("Execution is RUNNING and cannot be redriven");
        assertThat(succeeded.path("output").asText()).isEqualTo("{\"rows\":1}");
        assertThat(succeeded.path("outputDetails").path("included").asBoolean()).isTrue();
        assertThat(succeeded.path("redriveStatusReason").asText()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
    }

    @Test
    void executionStatusChange_whenPayloadsExceed248Kb_leavesInputThenOutputOut() {
        String big = "\"" + "x".repeat(200 * 1024) + "\"";
        JsonNode both = AwsEvents.executionStatusChange(ENVELOPE, new ExecutionStatusChange(EXECUTION, MACHINE, "run",
                Status.SUCCEEDED, Instant.EPOCH, Instant.EPOCH, big, big, null, null, 0)).path("detail");
        String huge = "\"" + "y".repeat(250 * 1024) + "\"";
        JsonNode hugeOutput = AwsEvents.executionStatusChange(ENVELOPE, new ExecutionStatusChange(EXECUTION, MACHINE, "run",
                Status.SUCCEEDED, Instant.EPOCH, Instant.EPOCH, "{}", huge, null, null, 0)).path("detail");

        assertThat(both.path("input").isNull()).isTrue();
        assertThat(both.path("inputDetails").path("included").asBoolean()).isFalse();
        assertThat(both.path("output").asText()).isEqualTo(big);
        assertThat(hugeOutput.path("output").isNull()).isTrue();
        assertThat(hugeOutput.path("outputDetails").path("included").asBoolean()).isFalse();
        assertThat(hugeOutput.path("input").asText()).isEqualTo("{}");
    }
}
