package io.athenaworkflow.local.athena;

import io.athenaworkflow.local.athena.engine.ResultColumn;
import java.util.Locale;
import java.util.Set;

/**
 * A result column exactly as GetQueryResults' ColumnInfo (and the {@code .metadata} file) describes it: catalog
 * {@code hive}, empty schema and table, the base type name, and which of precision, scale and case sensitivity
 * Athena records for that type.
 */
record ResultColumnInfo(String name, String label, String type, Integer precision, Integer scale, String nullable,
        Boolean caseSensitive) {

    private static final Set<String> SIZED = Set.of("tinyint", "smallint", "integer", "bigint", "double", "float",
            "decimal", "varchar", "char", "varbinary", "timestamp", "time", "timestamp with time zone",
            "time with time zone");
    private static final Set<String> CASE_ONLY = Set.of("boolean", "interval day to second",
            "interval year to month");

    /** Athena's ColumnInfo for an engine column. */
    static ResultColumnInfo of(ResultColumn column) {
        String type = baseType(column.type());
        boolean sized = SIZED.contains(type);
        Integer precision = sized ? column.precision() : null;
        Integer scale = sized || type.equals("date") ? column.scale() : null;
        Boolean caseSensitive = sized || CASE_ONLY.contains(type) || type.equals("date")
                ? type.equals("varchar") || type.equals("char") : null;
        String nullable = column.nullable() == null ? "UNKNOWN" : column.nullable();
        return new ResultColumnInfo(column.name(), column.name(), type, precision, scale, nullable, caseSensitive);
    }

    /** {@code varchar(3)} → {@code varchar}, {@code timestamp(3) with time zone} → {@code timestamp with time zone}, {@code real} → {@code float}. */
    static String baseType(String type) {
        String lower = type.trim().toLowerCase(Locale.ROOT);
        int open = lower.indexOf('(');
        if (open >= 0) {
            int close = lower.lastIndexOf(')');
            String suffix = close > open ? lower.substring(close + 1).trim() : "";
            lower = (lower.substring(0, open).trim() + (suffix.isEmpty() ? "" : " " + suffix)).trim();
        }
        return switch (lower) {
            case "real" -> "float";
            case "int" -> "integer";
            default -> lower;
        };
    }

    int precisionOrZero() {
        return precision == null ? 0 : precision;
    }

    int scaleOrZero() {
        return scale == null ? 0 : scale;
    }

    boolean caseSensitiveOrFalse() {
        return caseSensitive != null && caseSensitive;
    }
}
