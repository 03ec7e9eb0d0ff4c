package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.ItemReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The items in the text an {@code s3:getObject} ItemReader reads, parsed per its {@code ReaderConfig.InputType}: a
 * JSON array, JSON Lines, or CSV (each row an object of strings keyed by the header, as Step Functions passes CSV
 * items; fields separated by the CSVDelimiter); for InputType MANIFEST, the S3 inventory manifest that names the CSV
 * files holding the items. The same parsing serves an object read from the local S3 and TestState's
 * {@code mapItemReaderData}. Text that is not the declared type fails with States.ItemReaderFailed naming where it
 * came from.
 */
public final class ItemReaderContent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET_ARN_PREFIX = "arn:aws:s3:::";
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private ItemReaderContent() {
    }

    /**
     * Parses {@code content} as {@code reader}'s InputType; {@code source} names it in errors (e.g. s3://bucket/key).
     *
     * @throws StatesError States.ItemReaderFailed when the content is not the declared InputType, or a CSV row's
     *     field count differs from the header's
     */
    public static ArrayNode parse(ItemReader reader, String content, String source) {
        try {
            return switch (reader.inputType()) {
                case JSON -> json(content, source);
                case JSONL -> jsonLines(content);
                case CSV -> csv(content, reader, source);
                case MANIFEST -> throw failed(source + " is an S3 inventory manifest: its items are in the CSV files"
                        + " it names, which only a read from S3 reaches");
            };
        } catch (JsonProcessingException e) {
            throw failed(source + " is not valid " + reader.inputType() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw failed("cannot read " + source + ": " + e.getMessage());
        }
    }

    private static ArrayNode json(String content, String source) throws JsonProcessingException {
        JsonNode parsed = JSON.readTree(content);
        if (!(parsed instanceof ArrayNode array)) {
            throw failed(source + " must hold a JSON array for InputType JSON, but holds "
                    + (parsed == null || parsed.isMissingNode() ? "nothing"
                    : parsed.getNodeType().toString().toLowerCase()));
        }
        return array;
    }

    private static ArrayNode jsonLines(String content) throws IOException {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        try (JsonParser parser = JSON.createParser(content);
             MappingIterator<JsonNode> values = JSON.readValues(parser, JsonNode.class)) {
            while (values.hasNextValue()) {
                items.add(values.nextValue());
            }
        }
        return items;
    }

    private static ArrayNode csv(String content, ItemReader reader, String source) throws IOException {
        List<String[]> rows = rows(content, reader.csvDelimiter());
        List<String> headers = reader.headerLocation() == ItemReader.HeaderLocation.GIVEN ? reader.csvHeaders()
                : rows.isEmpty() ? List.of() : List.of(rows.removeFirst());
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        keyed(rows, headers, source, items);
        return items;
    }

    /**
     * An S3 inventory report's manifest: its CSV data files ({@code files[].key}) in {@code bucket} (the manifest's
     * {@code destinationBucket}) and their columns ({@code fileSchema}).
     */
    public record InventoryManifest(String bucket, List<String> columns, List<String> keys) {
    }

    /**
     * Reads an S3 inventory {@code manifest.json}.
     *
     * @throws StatesError States.ItemReaderFailed when it is not a manifest of a CSV inventory
     */
    public static InventoryManifest manifest(String content, String source) {
        JsonNode manifest;
        try {
            manifest = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw failed(source + " is not valid MANIFEST: " + e.getOriginalMessage());
        }
        if (manifest == null || !manifest.isObject()) {
            throw failed(source + " is not an S3 inventory manifest: it must hold a JSON object");
        }
        String format = manifest.path("fileFormat").asText();
        if (!"CSV".equals(format)) {
            throw failed(source + " describes an S3 inventory in format '" + format + "'; only CSV inventories can"
                    + " be read");
        }
        String destination = manifest.path("destinationBucket").asText();
        JsonNode files = manifest.get("files");
        if (!destination.startsWith(BUCKET_ARN_PREFIX) || !manifest.path("fileSchema").isTextual()
                || files == null || !files.isArray()) {
            throw failed(source + " is not an S3 inventory manifest: it needs destinationBucket (a bucket ARN),"
                    + " fileSchema and files");
        }
        List<String> columns = new ArrayList<>();
        for (String column : manifest.get("fileSchema").asText().split(",")) {
            columns.add(column.trim());
        }
        List<String> keys = new ArrayList<>();
        files.forEach(file -> keys.add(file.path("key").asText()));
        return new InventoryManifest(destination.substring(BUCKET_ARN_PREFIX.length()), columns, keys);
    }

    /** Adds one item per row of an inventory data file, its fields keyed by the manifest's columns. */
    public static void addInventoryRows(String data, InventoryManifest manifest, ItemReader reader, String source,
                                        ArrayNode items) {
        try {
            keyed(rows(data, reader.csvDelimiter()), manifest.columns(), source, items);
        } catch (IOException e) {
            throw failed("cannot read " + source + ": " + e.getMessage());
        }
    }

    private static List<String[]> rows(String content, ItemReader.CsvDelimiter delimiter) throws IOException {
        List<String[]> rows = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter.character());
        try (MappingIterator<String[]> values = CSV.readerFor(String[].class).with(schema).readValues(content)) {
            while (values.hasNextValue()) {
                rows.add(values.nextValue());
            }
        }
        return rows;
    }

    /** Adds one object per row, its fields keyed by {@code headers}; a row of another width fails the read. */
    private static void keyed(List<String[]> rows, List<String> headers, String source, ArrayNode items) {
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            if (row.length != headers.size()) {
                throw failed(source + " row " + (r + 1) + " has " + row.length + " fields but the CSV header has "
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
