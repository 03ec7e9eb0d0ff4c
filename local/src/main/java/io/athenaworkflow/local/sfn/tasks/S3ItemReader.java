package io.athenaworkflow.local.sfn.tasks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.ItemReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A Distributed Map's ItemReader over the local S3: {@code s3:getObject} parses one object as a JSON array, JSON
 * Lines or CSV (each row an object of strings keyed by the header, as Step Functions passes CSV items; fields
 * separated by the CSVDelimiter), or reads it as an S3 inventory {@code manifest.json} (InputType MANIFEST: every
 * row of its CSV data files, gzipped or not, in the destination bucket, keyed by the manifest's {@code fileSchema});
 * {@code s3:listObjectsV2} yields one {@code {Etag, Key, LastModified, Size, StorageClass}} item per object under the
 * prefix. Failures are S3.* errors (no such bucket/key) or States.ItemReaderFailed naming what could not be parsed.
 */
final class S3ItemReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
    private static final String BUCKET_ARN_PREFIX = "arn:aws:s3:::";

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
        try {
            return switch (reader.inputType()) {
                case JSON -> json(body, where);
                case JSONL -> jsonLines(body);
                case CSV -> csv(body, reader, where);
                case MANIFEST -> manifest(body, reader, where);
            };
        } catch (JsonProcessingException e) {
            throw failed(where + " is not valid " + reader.inputType() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw failed("cannot read " + where + ": " + e.getMessage());
        }
    }

    private static ArrayNode json(String body, String where) throws JsonProcessingException {
        JsonNode parsed = JSON.readTree(body);
        if (!(parsed instanceof ArrayNode array)) {
            throw failed(where + " must hold a JSON array for InputType JSON, but holds "
                    + (parsed == null ? "nothing" : parsed.getNodeType().toString().toLowerCase()));
        }
        return array;
    }

    private static ArrayNode jsonLines(String body) throws IOException {
        ArrayNode items = AwsResponses.NODES.arrayNode();
        try (JsonParser parser = JSON.createParser(body);
             MappingIterator<JsonNode> values = JSON.readValues(parser, JsonNode.class)) {
            while (values.hasNextValue()) {
                items.add(values.nextValue());
            }
        }
        return items;
    }

    private static ArrayNode csv(String body, ItemReader reader, String where) throws IOException {
        List<String[]> rows = rows(body, reader.csvDelimiter());
        List<String> headers = reader.headerLocation() == ItemReader.HeaderLocation.GIVEN ? reader.csvHeaders()
                : rows.isEmpty() ? List.of() : List.of(rows.removeFirst());
        ArrayNode items = AwsResponses.NODES.arrayNode();
        keyed(rows, headers, where, items);
        return items;
    }

    /**
     * An S3 inventory report: the manifest names its CSV data files (in {@code destinationBucket}, usually gzipped)
     * and their columns ({@code fileSchema}); every row of every file, in the manifest's order, is one item.
     */
    private ArrayNode manifest(String body, ItemReader reader, String where) throws IOException {
        JsonNode manifest = JSON.readTree(body);
        if (manifest == null || !manifest.isObject()) {
            throw failed(where + " is not an S3 inventory manifest: it must hold a JSON object");
        }
        String format = manifest.path("fileFormat").asText();
        if (!"CSV".equals(format)) {
            throw failed(where + " describes an S3 inventory in format '" + format + "'; only CSV inventories can"
                    + " be read");
        }
        String destination = manifest.path("destinationBucket").asText();
        JsonNode files = manifest.get("files");
        if (!destination.startsWith(BUCKET_ARN_PREFIX) || !manifest.path("fileSchema").isTextual()
                || files == null || !files.isArray()) {
            throw failed(where + " is not an S3 inventory manifest: it needs destinationBucket (a bucket ARN),"
                    + " fileSchema and files");
        }
        String bucket = destination.substring(BUCKET_ARN_PREFIX.length());
        List<String> headers = new ArrayList<>();
        for (String column : manifest.get("fileSchema").asText().split(",")) {
            headers.add(column.trim());
        }
        ArrayNode items = AwsResponses.NODES.arrayNode();
        for (JsonNode file : files) {
            String key = file.path("key").asText();
            String data = new String(gunzipped(s3.content(bucket, key)), StandardCharsets.UTF_8);
            keyed(rows(data, reader.csvDelimiter()), headers, "s3://" + bucket + "/" + key, items);
        }
        return items;
    }

    /** The content itself, or its decompressed bytes when it is gzip (as S3 inventory writes its CSV files). */
    private static byte[] gunzipped(byte[] content) throws IOException {
        if (content.length < 2 || (content[0] & 0xff) != 0x1f || (content[1] & 0xff) != 0x8b) {
            return content;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
            return in.readAllBytes();
        }
    }

    private static List<String[]> rows(String body, ItemReader.CsvDelimiter delimiter) throws IOException {
        List<String[]> rows = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter.character());
        try (MappingIterator<String[]> values = CSV.readerFor(String[].class).with(schema).readValues(body)) {
            while (values.hasNextValue()) {
                rows.add(values.nextValue());
            }
        }
        return rows;
    }

    /** Adds one object per row, its fields keyed by {@code headers}; a row of another width fails the read. */
    private static void keyed(List<String[]> rows, List<String> headers, String where, ArrayNode items) {
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            if (row.length != headers.size()) {
                throw failed(where + " row " + (r + 1) + " has " + row.length + " fields but the CSV header has "
                        + headers.size() + " " + headers);
            }
            ObjectNode item = items.addObject();
            for (int c = 0; c < row.length; c++) {
                item.put(headers.get(c), row[c]);
            }
        }
    }

    private static StatesError failed(String cause) {
        return new StatesError("States.ItemReaderFailed", cause);
    }
}
