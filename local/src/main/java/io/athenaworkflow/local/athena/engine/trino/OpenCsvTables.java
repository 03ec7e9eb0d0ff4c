package io.athenaworkflow.local.athena.engine.trino;

import static io.athenaworkflow.local.athena.engine.trino.TrinoRunner.quote;

import io.athenaworkflow.local.athena.engine.ddl.SerDeInfo;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.ColumnDefinition;
import io.athenaworkflow.local.athena.engine.ddl.HiveType;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenCSVSerde tables with typed columns. Athena reads each field as text and converts it to the column's type;
 * Trino's CSV format takes VARCHAR columns only. Such a table is kept as a VARCHAR table under a hidden name
 * ({@link #source}) holding the data, partitions and properties, and a view of the table's own name that casts each
 * column, an empty field reading as NULL. SHOW TABLES and the catalog API show the pair as the one table.
 */
final class OpenCsvTables {

    private static final String PREFIX = "athena_opencsv_source__";

    private OpenCsvTables() {
    }

    /** Whether {@code s} is an OpenCSVSerde table with a non-string data column. */
    static boolean needsCasts(DdlStatement.CreateTable s) {
        return SerDeInfo.OPEN_CSV.equals(s.serde()) && s.columns().stream().anyMatch(c -> !c.type().isString());
    }

    /** The hidden VARCHAR table behind {@code table}. */
    static String source(String table) {
        return PREFIX + table.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether {@code table} is such a hidden table. */
    static boolean isSource(String table) {
        return table.startsWith(PREFIX);
    }

    /** The columns as strings (the hidden table's columns). */
    static List<ColumnDefinition> asStrings(List<ColumnDefinition> columns) {
        return columns.stream().map(c -> c.type().isString() ? c
                : new ColumnDefinition(c.name(), HiveType.parse("string"), c.comment())).toList();
    }

    /** The view's query over {@code source}: each typed column cast from its text, then the partition keys. */
    static String castingSelect(DdlStatement.CreateTable s, String source) {
        List<String> columns = new ArrayList<>();
        for (ColumnDefinition c : s.columns()) {
            String name = quote(c.name().toLowerCase(java.util.Locale.ROOT));
            columns.add(c.type().isString() ? name
                    : "CAST(NULLIF(" + name + ", '') AS " + HiveTypes.toTrino(c.type()) + ") AS " + name);
        }
        for (ColumnDefinition k : s.partitionKeys()) {
            columns.add(quote(k.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return "SELECT " + String.join(", ", columns) + " FROM " + source;
    }
}
