package io.athenaworkflow.local.athena.engine.trino;

import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.sql.Lexer;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.trino.WithProperties.Property;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * DESCRIBE FORMATTED as Athena's Hive DDL prints it (Hive's {@code MetaDataFormatUtils}: fields left-aligned in 20
 * characters, tab-separated): the columns, the partition keys, the table's details (database, owner, create time,
 * location, type, parameters) and its storage (SerDe, input and output formats, buckets, SerDe parameters). The
 * storage is read from Trino's {@code SHOW CREATE TABLE} properties; the SerDe and formats are the classes Trino's
 * Hive connector records for each of its formats (its {@code HiveStorageFormat}).
 */
final class DescribeFormatted {

    private static final int ALIGNMENT = 20;
    private static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    private static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

    /** Trino's format to Hive's SerDe library, input format and output format. */
    private static final Map<String, List<String>> STORAGE = Map.of(
            "TEXTFILE", List.of("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", TEXT_INPUT, TEXT_OUTPUT),
            "CSV", List.of("org.apache.hadoop.hive.serde2.OpenCSVSerde", TEXT_INPUT, TEXT_OUTPUT),
            "JSON", List.of("org.apache.hive.hcatalog.data.JsonSerDe", TEXT_INPUT, TEXT_OUTPUT),
            "OPENX_JSON", List.of("org.openx.data.jsonserde.JsonSerDe", TEXT_INPUT, TEXT_OUTPUT),
            "PARQUET", List.of("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"),
            "ORC", List.of("org.apache.hadoop.hive.ql.io.orc.OrcSerde", "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                    "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat"),
            "AVRO", List.of("org.apache.hadoop.hive.serde2.avro.AvroSerDe",
                    "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
                    "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat"));

    /** Trino's SerDe-level table properties to the SerDe parameters Hive records. */
    private static final Map<String, List<String>> SERDE_PARAMETERS = Map.of(
            "textfile_field_separator", List.of("field.delim", "serialization.format"),
            "textfile_field_separator_escape", List.of("escape.delim"),
            "null_format", List.of("serialization.null.format"),
            "csv_separator", List.of("separatorChar"),
            "csv_quote", List.of("quoteChar"),
            "csv_escape", List.of("escapeChar"));

    /** Hive prints dates with {@code java.util.Date#toString}; Athena runs in UTC. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private DescribeFormatted() {
    }

    /**
     * The lines of DESCRIBE FORMATTED of a table.
     *
     * @param database the table's database
     * @param columns Trino's DESCRIBE rows (column, type, extra, comment), partition keys marked {@code partition key}
     * @param createTable Trino's SHOW CREATE TABLE of the table holding the data
     * @param parameters the table's parameters, Glue's spelling
     */
    static List<String> lines(String database, List<List<String>> columns, String createTable,
                              Map<String, String> parameters) {
        List<String> lines = new ArrayList<>(columns(columns));
        Map<String, Property> with = withProperties(createTable);
        lines.add("");
        lines.add("# Detailed Table Information");
        lines.add(field("Database:", database));
        lines.add(field("Owner:", "hadoop"));
        String created = parameters.get("transient_lastDdlTime");
        lines.add(field("CreateTime:", created != null && created.matches("\\d+")
                ? DATE.format(Instant.ofEpochSecond(Long.parseLong(created))) : "UNKNOWN"));
        lines.add(field("LastAccessTime:", "UNKNOWN"));
        lines.add(field("Protect Mode:", "None"));
        lines.add(field("Retention:", "0"));
        lines.add(field("Location:", text(with.get("external_location"), "")));
        lines.add(field("Table Type:", "TRUE".equalsIgnoreCase(parameters.get("EXTERNAL"))
                ? "EXTERNAL_TABLE" : "MANAGED_TABLE"));
        if (!parameters.isEmpty()) {
            lines.add("Table Parameters:");
            new TreeMap<>(parameters).forEach((k, v) -> lines.add("\t" + field(k, escapeJava(v))));
        }
        lines.add("");
        lines.add("# Storage Information");
        List<String> storage = STORAGE.getOrDefault(text(with.get("format"), "").toUpperCase(Locale.ROOT),
                List.of("", "", ""));
        lines.add(field("SerDe Library:", storage.get(0)));
        lines.add(field("InputFormat:", storage.get(1)));
        lines.add(field("OutputFormat:", storage.get(2)));
        lines.add(field("Compressed:", "No"));
        lines.add(field("Num Buckets:", with.containsKey("bucket_count") ? with.get("bucket_count").expression()
                : "-1"));
        lines.add(field("Bucket Columns:", list(with.get("bucketed_by"))));
        lines.add(field("Sort Columns:", list(with.get("sorted_by"))));
        Map<String, String> serde = new TreeMap<>();
        SERDE_PARAMETERS.forEach((property, keys) -> {
            if (with.containsKey(property)) {
                keys.forEach(k -> serde.put(k, text(with.get(property), "")));
            }
        });
        if (!serde.isEmpty()) {
            lines.add("Storage Desc Params:");
            serde.forEach((k, v) -> lines.add("\t" + field(k, escapeJava(v))));
        }
        return lines;
    }

    /** Hive's column section: a header, the data columns, then the partition keys under their own header. */
    private static List<String> columns(List<List<String>> columns) {
        List<String> lines = new ArrayList<>();
        lines.add("# " + header());
        lines.add("");
        List<List<String>> keys = new ArrayList<>();
        for (List<String> c : columns) {
            if ("partition key".equals(c.get(2))) {
                keys.add(c);
            } else {
                lines.add(column(c));
            }
        }
        if (!keys.isEmpty()) {
            lines.add("");
            lines.add("# Partition Information");
            lines.add("# " + header());
            lines.add("");
            keys.forEach(c -> lines.add(column(c)));
        }
        return lines;
    }

    private static String header() {
        return pad("col_name") + "\t" + pad("data_type") + "\t" + pad("comment") + "\t";
    }

    private static String column(List<String> c) {
        return pad(c.get(0)) + "\t" + pad(HiveTypes.toHive(c.get(1))) + "\t" + pad(c.get(3) == null ? "" : c.get(3));
    }

    private static String field(String name, String value) {
        return pad(name) + "\t" + pad(value);
    }

    private static String pad(String text) {
        return text.length() >= ALIGNMENT ? text : text + " ".repeat(ALIGNMENT - text.length());
    }

    /** The {@code WITH (...)} properties of Trino's SHOW CREATE TABLE. */
    private static Map<String, Property> withProperties(String createTable) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(createTable);
        } catch (QueryFailure e) {
            throw new IllegalStateException("Trino's SHOW CREATE TABLE does not read as SQL: " + createTable, e);
        }
        int depth = 0;
        for (int i = 0; i < tokens.size() - 1; i++) {
            Token t = tokens.get(i);
            depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            if (depth == 0 && t.isKeyword("with") && tokens.get(i + 1).isSymbol("(")) {
                return WithProperties.parse(tokens, i + 2, createTable).properties();
            }
        }
        return Map.of();
    }

    private static String text(Property p, String otherwise) {
        return p == null || p.text() == null ? otherwise : p.text();
    }

    /** An {@code ARRAY['a', 'b']} property as Hive prints a list: {@code [a, b]}. */
    private static String list(Property p) {
        if (p == null) {
            return "[]";
        }
        String inner = p.expression().replaceFirst("(?i)^ARRAY\\s*\\[", "").replaceFirst("]$", "");
        List<String> items = new ArrayList<>();
        for (String item : inner.split(",")) {
            String s = item.strip();
            if (!s.isEmpty()) {
                items.add(s.replaceAll("^'|'$", ""));
            }
        }
        return items.toString();
    }

    /** Hive escapes parameter values as Java string literals (a tab delimiter prints as {@code \t}). */
    private static String escapeJava(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04X", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
