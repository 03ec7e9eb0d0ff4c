package io.athenaworkflow.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.ItemReader;
import io.athenaworkflow.local.sfn.asl.interpreter.ItemReaderContent;
import java.time.Instant;

/**
 * A Distributed Map's ItemReader over the local S3: {@code s3:getObject} parses one object as its InputType
 * ({@link ItemReaderContent}), and {@code s3:listObjectsV2} yields one {@code {Etag, Key, LastModified, Size,
 * StorageClass}} item per object under the prefix. Failures are S3.* errors (no such bucket/key) or
 * States.ItemReaderFailed naming what could not be parsed.
 */
final class S3ItemReader {

    private final S3SdkIntegration s3;

    S3ItemReader(S3SdkIntegration s3) {
        this.s3 = s3;
    }

    JsonNode read(ItemReader reader, JsonNode arguments) {
        if (!(arguments instanceof ObjectNode request)) {
            throw StatesError.runtime("The ItemReader Parameters/Arguments must be a JSON object, got "
                    + AwsResponses.text(arguments));
        }
        return reader.listsObjects() ? list(request) : parse(reader, request);
    }

    private ArrayNode list(ObjectNode request) {
        ArrayNode items = AwsResponses.NODES.arrayNode();
        ObjectNode page = request.deepCopy();
        while (true) {
            JsonNode output = s3.call("listObjectsV2", page);
            for (JsonNode object : output.path("Contents")) {
                ObjectNode item = items.addObject();
                item.put("Etag", object.get("ETag").asText());
                item.put("Key", object.get("Key").asText());
                item.put("LastModified", Instant.parse(object.get("LastModified").asText()).getEpochSecond());
                item.put("Size", object.get("Size").asLong());
                item.put("StorageClass", object.get("StorageClass").asText());
            }
            if (!output.path("IsTruncated").asBoolean()) {
                return items;
            }
            page.put("ContinuationToken", output.get("NextContinuationToken").asText());
        }
    }

    private ArrayNode parse(ItemReader reader, ObjectNode request) {
        String body = s3.call("getObject", request).get("Body").asText();
        String where = "s3://" + request.path("Bucket").asText() + "/" + request.path("Key").asText();
        return ItemReaderContent.parse(reader, body, where);
    }
}
