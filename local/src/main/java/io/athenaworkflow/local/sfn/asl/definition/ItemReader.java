package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A Distributed Map's {@code ItemReader}: where its items come from in S3. {@code resource} is
 * {@code arn:aws:states:::s3:getObject} (one object, parsed as {@code inputType}) or
 * {@code arn:aws:states:::s3:listObjectsV2} (one item per object; {@code inputType} is {@code null}).
 * {@code arguments} is the {@code Parameters} (JSONPath) or {@code Arguments} (JSONata) template naming the bucket and
 * key or prefix; {@code csvDelimiter} is {@code ReaderConfig.CSVDelimiter} (COMMA when unset); {@code maxItems} is
 * {@code ReaderConfig.MaxItems} (a literal or a JSONata template) or {@code MaxItemsPath}, null when unset (all items).
 */
public record ItemReader(String resource, JsonNode arguments, InputType inputType, HeaderLocation headerLocation,
                         List<String> csvHeaders, CsvDelimiter csvDelimiter, Value maxItems) {

    public static final String GET_OBJECT = "arn:aws:states:::s3:getObject";
    public static final String LIST_OBJECTS_V2 = "arn:aws:states:::s3:listObjectsV2";

    /**
     * {@code ReaderConfig.InputType} of an {@code s3:getObject} reader; MANIFEST is an S3 inventory
     * {@code manifest.json} whose CSV data files hold the items.
     */
    public enum InputType { JSON, JSONL, CSV, MANIFEST }

    /** {@code ReaderConfig.CSVDelimiter}: the character between the fields of a CSV row. */
    public enum CsvDelimiter {
        COMMA(','), PIPE('|'), SEMICOLON(';'), SPACE(' '), TAB('\t');

        private final char character;

        CsvDelimiter(char character) {
            this.character = character;
        }

        public char character() {
            return character;
        }
    }

    /** {@code ReaderConfig.CSVHeaderLocation}: the header is the file's first row, or given in CSVHeaders. */
    public enum HeaderLocation { FIRST_ROW, GIVEN }

    public ItemReader {
        csvHeaders = csvHeaders == null ? List.of() : List.copyOf(csvHeaders);
        csvDelimiter = csvDelimiter == null ? CsvDelimiter.COMMA : csvDelimiter;
    }

    public boolean listsObjects() {
        return LIST_OBJECTS_V2.equals(resource);
    }
}
