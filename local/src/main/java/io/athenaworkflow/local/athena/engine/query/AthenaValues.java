package io.athenaworkflow.local.athena.engine.query;

import io.athenaworkflow.local.athena.engine.ResultColumn;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** DuckDB result types as Athena's ColumnInfo, and DuckDB values rendered as Athena writes them in its CSV. */
public final class AthenaValues {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final String UNKNOWN = "UNKNOWN";

    private AthenaValues() {
    }

    /** Athena's ColumnInfo for a DuckDB column type name (as JDBC's getColumnTypeName reports it). */
    public static ResultColumn column(String name, String duckDbType) {
        String t = duckDbType.toUpperCase(Locale.ROOT).trim();
        if (t.endsWith("[]") || t.matches(".*\\[\\d+]$")) {
            return new ResultColumn(name, "array", 0, 0, UNKNOWN);
        }
        if (t.startsWith("DECIMAL")) {
            int open = t.indexOf('(');
            int precision = 18;
            int scale = 3;
            if (open > 0) {
                String[] ps = t.substring(open + 1, t.indexOf(')')).split(",");
                precision = Integer.parseInt(ps[0].trim());
                scale = ps.length > 1 ? Integer.parseInt(ps[1].trim()) : 0;
            }
            return new ResultColumn(name, "decimal", precision, scale, UNKNOWN);
        }
        if (t.startsWith("MAP")) {
            return new ResultColumn(name, "map", 0, 0, UNKNOWN);
        }
        if (t.startsWith("STRUCT") || t.startsWith("TUPLE") || t.startsWith("UNION")) {
            return new ResultColumn(name, "row", 0, 0, UNKNOWN);
        }
        return switch (t) {
            case "BOOLEAN" -> new ResultColumn(name, "boolean", 0, 0, UNKNOWN);
            case "TINYINT" -> new ResultColumn(name, "tinyint", 3, 0, UNKNOWN);
            case "SMALLINT", "UTINYINT" -> new ResultColumn(name, "smallint", 5, 0, UNKNOWN);
            case "INTEGER", "USMALLINT" -> new ResultColumn(name, "integer", 10, 0, UNKNOWN);
            case "BIGINT", "UINTEGER", "UBIGINT", "HUGEINT", "UHUGEINT" -> new ResultColumn(name, "bigint", 19, 0, UNKNOWN);
            case "FLOAT" -> new ResultColumn(name, "real", 17, 0, UNKNOWN);
            case "DOUBLE" -> new ResultColumn(name, "double", 17, 0, UNKNOWN);
            case "DATE" -> new ResultColumn(name, "date", 0, 0, UNKNOWN);
            case "TIME" -> new ResultColumn(name, "time", 3, 0, UNKNOWN);
            case "TIME WITH TIME ZONE" -> new ResultColumn(name, "time with time zone", 3, 0, UNKNOWN);
            case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_S" -> new ResultColumn(name, "timestamp", 3, 0, UNKNOWN);
            case "TIMESTAMP WITH TIME ZONE" -> new ResultColumn(name, "timestamp with time zone", 3, 0, UNKNOWN);
            case "BLOB" -> new ResultColumn(name, "varbinary", 1073741824, 0, UNKNOWN);
            case "JSON" -> new ResultColumn(name, "json", 0, 0, UNKNOWN);
            case "UUID" -> new ResultColumn(name, "uuid", 0, 0, UNKNOWN);
            case "INTERVAL" -> new ResultColumn(name, "interval day to second", 0, 0, UNKNOWN);
            case "\"NULL\"", "NULL" -> new ResultColumn(name, "unknown", 0, 0, UNKNOWN);
            default -> new ResultColumn(name, "varchar", 2147483647, 0, UNKNOWN);
        };
    }

    /** The value as Athena writes it in a CSV result; null for SQL NULL. */
    public static String render(Object value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> out.append(s);
            case Double d -> out.append(Double.toString(d));
            case Float f -> out.append(Float.toString(f));
            case BigDecimal d -> out.append(d.toPlainString());
            case Timestamp t -> out.append(TIMESTAMP.format(t.toLocalDateTime()));
            case LocalDateTime t -> out.append(TIMESTAMP.format(t));
            case OffsetDateTime t -> out.append(TIMESTAMP.format(t.withOffsetSameInstant(ZoneOffset.UTC))).append(" UTC");
            case LocalDate d -> out.append(d);
            case java.sql.Date d -> out.append(d.toLocalDate());
            case LocalTime t -> out.append(TIME.format(t));
            case java.sql.Time t -> out.append(TIME.format(t.toLocalTime()));
            case OffsetTime t -> out.append(TIME.format(t.toLocalTime())).append(' ').append(t.getOffset());
            case byte[] bytes -> out.append(hex(bytes));
            case java.sql.Blob blob -> {
                try {
                    out.append(hex(blob.getBytes(1, (int) blob.length())));
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read a varbinary value", e);
                }
            }
            case Array array -> {
                Object[] elements;
                try {
                    elements = (Object[]) array.getArray();
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read an array value", e);
                }
                out.append('[');
                for (int i = 0; i < elements.length; i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    append(out, elements[i]);
                }
                out.append(']');
            }
            case Struct struct -> appendStruct(out, struct);
            case Map<?, ?> map -> appendMap(out, map);
            default -> out.append(value);
        }
    }

    private static void appendStruct(StringBuilder out, Struct struct) {
        try {
            if (struct instanceof org.duckdb.DuckDBStruct duck) {
                appendMap(out, duck.getMap());
                return;
            }
            Object[] attributes = struct.getAttributes();
            out.append('{');
            for (int i = 0; i < attributes.length; i++) {
                out.append(i == 0 ? "" : ", ").append("field").append(i).append('=');
                append(out, attributes[i]);
            }
            out.append('}');
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a row value", e);
        }
    }

    private static void appendMap(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> e = entries.next();
            append(out, e.getKey());
            out.append('=');
            append(out, e.getValue());
            if (entries.hasNext()) {
                out.append(", ");
            }
        }
        out.append('}');
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < bytes.length; i++) {
            out.append(i == 0 ? "" : " ").append(hex.toHexDigits(bytes[i]));
        }
        return out.toString();
    }
}
