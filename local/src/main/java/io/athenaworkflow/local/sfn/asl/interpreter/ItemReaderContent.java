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
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.ItemReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The items in the text an {@code s3:getObject} ItemReader reads, parsed per its {@code ReaderConfig.InputType}: a
 * JSON array, JSON Lines, or CSV (each row an object of strings keyed by the header, as Step Functions passes CSV
 * items). The same parsing serves an object read from the local S3 and TestState's {@code mapItemReaderData}. Text
 * that is not the declared type fails with States.ItemReaderFailed naming where it came from.
 */
public final class ItemReaderContent {

    private static final ObjectMapper JSON = new ObjectMapper();
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
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> values = CSV.readerFor(String[].class).readValues(content)) {
            while (values.hasNextValue()) {
                rows.add(values.nextValue());
            }
        }
        List<String> headers = reader.headerLocation() == ItemReader.HeaderLocation.GIVEN ? reader.csvHeaders()
                : rows.isEmpty() ? List.of() : List.of(rows.removeFirst());
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
        return items;
    }

    private static StatesError failed(String cause) {
        return new StatesError("States.ItemReaderFailed", cause);
    }
}
