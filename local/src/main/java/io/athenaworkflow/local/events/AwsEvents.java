package io.athenaworkflow.local.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.UUID;

/**
 * The events AWS services send to EventBridge, in the shapes AWS documents: S3's "Object Created" (Amazon S3 User
 * Guide, "EventBridge event message structure") and Step Functions' "Step Functions Execution Status Change"
 * (Step Functions Developer Guide, "EventBridge events for Step Functions execution status changes").
 */
public final class AwsEvents {

    /** Step Functions leaves input (then output) out when the escaped input and output exceed 248 KB together. */
    static final int PAYLOAD_LIMIT = 248 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AwsEvents() {
    }

    /** An S3 "Object Created" event for a bucket of {@code envelope.account()} in {@code envelope.region()}. */
    public static ObjectNode s3ObjectCreated(EventEnvelope envelope, S3ObjectCreated object) {
        ObjectNode event = envelope(envelope, "Object Created", "aws.s3", "arn:aws:s3:::" + object.bucket());
        ObjectNode detail = event.putObject("detail");
        detail.put("version", "0");
        detail.putObject("bucket").put("name", object.bucket());
        ObjectNode item = detail.putObject("object");
        item.put("key", object.key());
        item.put("size", object.size());
        item.put("etag", object.etag());
        if (object.versionId() != null) {
            item.put("version-id", object.versionId());
        }
        item.put("sequencer", object.sequencer());
        detail.put("request-id", object.requestId());
        detail.put("requester", object.requester());
        detail.put("source-ip-address", object.sourceIpAddress());
        detail.put("reason", object.reason().wireName());
        return event;
    }

    /** A "Step Functions Execution Status Change" event for one execution. */
    public static ObjectNode executionStatusChange(EventEnvelope envelope, ExecutionStatusChange change) {
        ObjectNode event = envelope(envelope, "Step Functions Execution Status Change", "aws.states", change.executionArn());
        ObjectNode detail = event.putObject("detail");
        detail.put("executionArn", change.executionArn());
        detail.put("stateMachineArn", change.stateMachineArn());
        detail.put("name", change.name());
        detail.put("status", change.status().name());
        detail.put("startDate", change.startDate().toEpochMilli());
        if (change.stopDate() == null) {
            detail.putNull("stopDate");
        } else {
            detail.put("stopDate", change.stopDate().toEpochMilli());
        }
        int outputSize = escapedSize(change.output());
        boolean outputIncluded = change.output() != null && outputSize <= PAYLOAD_LIMIT;
        boolean inputIncluded = escapedSize(change.input()) + (outputIncluded ? outputSize : 0) <= PAYLOAD_LIMIT;
        detail.put("input", inputIncluded ? change.input() : null);
        detail.put("output", outputIncluded ? change.output() : null);
        detail.putObject("inputDetails").put("included", inputIncluded);
        if (change.output() == null) {
            detail.putNull("outputDetails");
        } else {
            detail.putObject("outputDetails").put("included", outputIncluded);
        }
        detail.put("error", change.error());
        detail.put("cause", change.cause());
        detail.put("redriveCount", change.redriveCount());
        if (change.redriveDate() == null) {
            detail.putNull("redriveDate");
        } else {
            detail.put("redriveDate", change.redriveDate().toEpochMilli());
        }
        boolean redrivable = change.status().redrivable();
        detail.put("redriveStatus", redrivable ? "REDRIVABLE" : "NOT_REDRIVABLE");
        detail.put("redriveStatusReason", redrivable ? null
                : "Execution is " + change.status().name() + " and cannot be redriven");
        return event;
    }

    private static ObjectNode envelope(EventEnvelope envelope, String detailType, String source, String resource) {
        ObjectNode event = NODES.objectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", envelope.account());
        event.put("time", envelope.timeText());
        event.put("region", envelope.region());
        event.putArray("resources").add(resource);
        return event;
    }

    /** The size of a string once escaped into a JSON event. */
    private static int escapedSize(String text) {
        return text == null ? 0 : TextNode.valueOf(text).toString().length() - 2;
    }
}
