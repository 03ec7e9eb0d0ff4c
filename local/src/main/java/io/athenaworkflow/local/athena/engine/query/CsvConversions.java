package io.athenaworkflow.local.athena.engine.query;

import java.util.regex.Pattern;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.ddl.HiveType;

/**
 * How a text field becomes a value of its declared type, SerDe by SerDe. LazySimpleSerDe turns what it cannot
 * parse into NULL; OpenCSVSerde fails the query with HIVE_BAD_DATA (or gives NULL with
 * {@code use.null.for.invalid.data}), reads dates as days and timestamps as milliseconds since the epoch (it also
 * accepts {@code yyyy-MM-dd[ HH:mm:ss]} text) and has no NULL: an empty string field stays an empty string.
 */
final class CsvConversions {

    private static final String INTEGER = "'^[+-]?[0-9]+$'";

    private CsvConversions() {
    }

    /** LazySimpleSerDe's conversion of column {@code c}. */
    static String lazySimple(String c, HiveType type, String collectionDelimiter, String mapKeyDelimiter) {
        String v = TrinoTranslator.quote(c);
        return switch (type.base()) {
            case "array" -> "list_transform(string_split(" + v + ", " + TrinoTranslator.literal(collectionDelimiter)
                    + "), lambda __e: " + scalar("__e", type.children().get(0)) + ")";
            case "map" -> "map_from_entries(list_transform(string_split(" + v + ", "
                    + TrinoTranslator.literal(collectionDelimiter) + "), lambda __e: struct_pack(k := "
                    + scalar("split_part(__e, " + TrinoTranslator.literal(mapKeyDelimiter) + ", 1)", type.children().get(0))
                    + ", v := " + scalar("split_part(__e, " + TrinoTranslator.literal(mapKeyDelimiter) + ", 2)", type.children().get(1)) + ")))";
            case "struct" -> throw AthenaErrors.notSupported("struct columns in text tables are not supported locally");
            default -> scalar(v, type);
        };
    }

    private static String scalar(String v, HiveType type) {
        if (type.isString()) {
            return v;
        }
        if (!type.children().isEmpty()) {
            throw AthenaErrors.notSupported("nested " + type.hive() + " values in text tables are not supported locally");
        }
        return switch (type.base()) {
            case "tinyint", "smallint", "int", "bigint" ->
                    "(CASE WHEN regexp_matches(" + v + ", " + INTEGER + ") THEN TRY_CAST(" + v + " AS " + type.duckDb() + ") END)";
            case "boolean" -> "(CASE lower(" + v + ") WHEN 'true' THEN true WHEN 'false' THEN false END)";
            default -> "TRY_CAST(" + v + " AS " + type.duckDb() + ")";
        };
    }

    /** OpenCSVSerde's conversion of column {@code c} (0-based field {@code field}). */
    static String openCsv(String c, int field, HiveType type, boolean nullForInvalid, String escape, String quote) {
        String v = unescaped(TrinoTranslator.quote(c), escape, quote);
        if (type.isString()) {
            return v;
        }
        String bad = nullForInvalid ? "NULL" : "error('HIVE_BAD_DATA: Error parsing field value ''' || " + v
                + " || ''' for field " + field + ": For input string: \"' || " + v + " || '\"')";
        String parsed = switch (type.base()) {
            case "tinyint", "smallint", "int", "bigint" ->
                    "CASE WHEN regexp_matches(" + v + ", " + INTEGER + ") THEN TRY_CAST(" + v + " AS " + type.duckDb() + ") END";
            case "boolean" -> "CASE lower(" + v + ") WHEN 'true' THEN true WHEN 'false' THEN false END";
            case "date" -> "CASE WHEN regexp_matches(" + v + ", " + INTEGER + ") THEN CAST(DATE '1970-01-01' + TRY_CAST("
                    + v + " AS INTEGER) AS DATE) ELSE TRY_CAST(" + v + " AS DATE) END";
            case "timestamp" -> "CASE WHEN regexp_matches(" + v + ", " + INTEGER + ") THEN make_timestamp(TRY_CAST(" + v
                    + " AS BIGINT) * 1000) ELSE TRY_CAST(" + v + " AS TIMESTAMP) END";
            case "array", "map", "struct", "binary" -> throw AthenaErrors.notSupported(type.hive()
                    + " columns in OpenCSVSerde tables are not supported locally");
            default -> "TRY_CAST(" + v + " AS " + type.duckDb() + ")";
        };
        return "(CASE WHEN " + v + " IS NULL THEN NULL WHEN (" + parsed + ") IS NOT NULL THEN (" + parsed + ") ELSE "
                + bad + " END)";
    }

    /**
     * The value with OpenCSVSerde's escapes undone: an escape character before a quote or before itself stands for
     * that character.
     */
    private static String unescaped(String value, String escape, String quote) {
        if (escape == null || escape.isEmpty() || escape.equals(quote)) {
            return value;
        }
        String e = Pattern.quote(escape);
        String regex = e + "(" + e + (quote.isEmpty() ? "" : "|" + Pattern.quote(quote)) + ")";
        return "regexp_replace(" + value + ", " + TrinoTranslator.literal(regex) + ", '\\1', 'g')";
    }
}
