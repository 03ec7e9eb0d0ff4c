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
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.ItemReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Distributed Map's ItemReader over the local S3: {@code s3:getObject} parses one object as a JSON array, JSON
 * Lines or CSV (each row an object of strings keyed by the header, as Step Functions passes CSV items), and
 * {@code s3:listObjectsV2} yields one {@code {Etag, Key, LastModified, Size, StorageClass}} item per object under the
 * prefix. Failures are S3.* errors (no such bucket/key) or States.ItemReaderFailed naming what could not be parsed.
 */
final class S3ItemReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

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
        ArrayNode items = AwsResponses.NODES.arrayNode();
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> values = CSV.readerFor(String[].class).readValues(body)) {
            while (values.hasNextValue()) {
                rows.add(values.nextValue());
            }
        }
        List<String> headers = reader.headerLocation() == ItemReader.HeaderLocation.GIVEN ? reader.csvHeaders()
                : rows.isEmpty() ? List.of() : List.of(rows.removeFirst());
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
        return items;
    }

    private static StatesError failed(String cause) {
        return new StatesError("States.ItemReaderFailed", cause);
    }
}
