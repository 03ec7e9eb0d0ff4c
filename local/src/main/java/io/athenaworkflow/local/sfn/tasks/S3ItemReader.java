package io.athenaworkflow.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.ItemReader;
import io.athenaworkflow.local.sfn.asl.interpreter.ItemReaderContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPInputStream;

/**
 * A Distributed Map's ItemReader over the local S3: {@code s3:getObject} parses one object as its InputType
 * ({@link ItemReaderContent}) or, for InputType MANIFEST, reads the S3 inventory {@code manifest.json} it names and
 * every row of its CSV data files (gzipped or not, in the destination bucket); {@code s3:listObjectsV2} yields one
 * {@code {Etag, Key, LastModified, Size, StorageClass}} item per object under the prefix. Failures are S3.* errors (no such bucket/key) or
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
        return reader.inputType() == ItemReader.InputType.MANIFEST ? inventory(reader, body, where)
                : ItemReaderContent.parse(reader, body, where);
    }

    /** Every row of every data file of an S3 inventory, in the manifest's order; each row is one item. */
    private ArrayNode inventory(ItemReader reader, String manifestJson, String where) {
        ItemReaderContent.InventoryManifest manifest = ItemReaderContent.manifest(manifestJson, where);
        ArrayNode items = AwsResponses.NODES.arrayNode();
        for (String key : manifest.keys()) {
            String file = "s3://" + manifest.bucket() + "/" + key;
            String data = new String(gunzipped(s3.content(manifest.bucket(), key), file), StandardCharsets.UTF_8);
            ItemReaderContent.addInventoryRows(data, manifest, reader, file, items);
        }
        return items;
    }

    /** The content itself, or its decompressed bytes when it is gzip (as S3 inventory writes its CSV files). */
    private static byte[] gunzipped(byte[] content, String where) {
        if (content.length < 2 || (content[0] & 0xff) != 0x1f || (content[1] & 0xff) != 0x8b) {
            return content;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StatesError("States.ItemReaderFailed", "cannot read " + where + ": " + e.getMessage());
        }
    }
}
