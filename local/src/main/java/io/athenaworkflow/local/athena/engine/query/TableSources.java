package io.athenaworkflow.local.athena.engine.query;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.S3Location;
import io.athenaworkflow.local.athena.engine.catalog.CatalogColumn;
import io.athenaworkflow.local.athena.engine.catalog.CatalogPartition;
import io.athenaworkflow.local.athena.engine.catalog.CatalogTable;
import io.athenaworkflow.local.athena.engine.catalog.SerDeInfo;
import io.athenaworkflow.local.athena.engine.ddl.HiveType;
import io.athenaworkflow.local.s3.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the DuckDB query that reads a catalog table's CURRENT files from the local S3 directory: read_csv with
 * the SerDe's options (every column read as text, then converted per declared type the way the SerDe converts),
 * read_json, or read_parquet; partitions add their key columns. Files (or folders) whose name starts with
 * {@code _} or {@code .} are skipped, as Hive does; an empty location is an empty table.
 */
public final class TableSources {

    private static final String NEVER_NULL = "\u0001\u0002\u0003";

    /**
     * The SELECT for one table and what reading it scans.
     *
     * @param sql a DuckDB SELECT producing the table's columns (data columns, then partition keys)
     * @param bytes total size of the files it reads
     * @param files how many files it reads
     */
    public record Source(String sql, long bytes, int files) {
    }

    private record DataFile(Path path, long size) {
    }

    private TableSources() {
    }

    /**
     * The source of {@code table} with {@code partitions} (ignored for an unpartitioned table).
     *
     * @param connection used to read Parquet schemas (columns missing from the files read as NULL)
     */
    public static Source source(CatalogTable table, List<CatalogPartition> partitions, ObjectStore store,
                                Connection connection) {
        List<HiveType> types = table.columns().stream().map(c -> HiveType.parse(c.type())).toList();
        List<String> parts = new ArrayList<>();
        long bytes = 0;
        int count = 0;
        if (table.partitionKeys().isEmpty()) {
            List<DataFile> files = files(store, table.location());
            if (!files.isEmpty()) {
                parts.add(read(table, types, files, List.of(), connection));
            }
            bytes += files.stream().mapToLong(DataFile::size).sum();
            count += files.size();
        } else {
            for (CatalogPartition partition : partitions) {
                List<DataFile> files = files(store, partition.location());
                if (files.isEmpty()) {
                    continue;
                }
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < table.partitionKeys().size(); i++) {
                    CatalogColumn key = table.partitionKeys().get(i);
                    String value = partition.values().get(i);
                    String duck = HiveType.parse(key.type()).duckDb();
                    keys.add(("__HIVE_DEFAULT_PARTITION__".equals(value) ? "CAST(NULL AS " + duck + ")"
                            : "CAST(" + TrinoTranslator.literal(value) + " AS " + duck + ")") + " AS " + TrinoTranslator.quote(key.name()));
                }
                parts.add(read(table, types, files, keys, connection));
                bytes += files.stream().mapToLong(DataFile::size).sum();
                count += files.size();
            }
        }
        if (parts.isEmpty()) {
            String empty = table.allColumns().stream()
                    .map(c -> "CAST(NULL AS " + HiveType.parse(c.type()).duckDb() + ") AS " + TrinoTranslator.quote(c.name()))
                    .collect(Collectors.joining(", "));
            return new Source("SELECT " + empty + " WHERE false", 0, 0);
        }
        return new Source(String.join("\nUNION ALL\n", parts), bytes, count);
    }

    /** The table's data files: every object below the location, except hidden ones and empty ones. */
    private static List<DataFile> files(ObjectStore store, String location) {
        S3Location at = S3Location.parse(location).orElseThrow(() -> AthenaErrors.notSupported(
                "table location '" + location + "' is not an s3:// URI"));
        if (!store.bucketExists(at.bucket())) {
            return List.of();
        }
        List<DataFile> files = new ArrayList<>();
        for (String key : store.listKeys(at.bucket(), at.prefix())) {
            String relative = key.substring(at.prefix().length());
            boolean hidden = false;
            for (String segment : relative.split("/")) {
                hidden |= segment.startsWith("_") || segment.startsWith(".");
            }
            if (hidden || relative.isEmpty() || relative.endsWith("/")) {
                continue;
            }
            Path path = store.file(at.bucket(), key).orElse(null);
            if (path == null) {
                continue;
            }
            try {
                long size = Files.size(path);
                if (size > 0) {
                    files.add(new DataFile(path, size));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String read(CatalogTable table, List<HiveType> types, List<DataFile> files, List<String> partitionColumns,
                               Connection connection) {
        String serde = table.serde().serializationLibrary();
        String list = files.stream().map(f -> TrinoTranslator.literal(f.path().toAbsolutePath().toString()))
                .collect(Collectors.joining(", ", "[", "]"));
        List<String> columns = new ArrayList<>();
        String from;
        if (SerDeInfo.PARQUET.equals(serde) || table.inputFormat().toLowerCase(Locale.ROOT).contains("parquet")) {
            Set<String> present = parquetColumns(connection, list);
            for (int i = 0; i < types.size(); i++) {
                String name = table.columns().get(i).name();
                String value = present.contains(name) ? "CAST(" + TrinoTranslator.quote(name) + " AS " + types.get(i).duckDb() + ")"
                        : "CAST(NULL AS " + types.get(i).duckDb() + ")";
                columns.add(value + " AS " + TrinoTranslator.quote(name));
            }
            from = "read_parquet(" + list + ", union_by_name = true, hive_partitioning = false)";
        } else if (SerDeInfo.OPENX_JSON.equals(serde) || SerDeInfo.HIVE_JSON.equals(serde)) {
            StringBuilder struct = new StringBuilder("{");
            for (int i = 0; i < types.size(); i++) {
                String name = table.columns().get(i).name();
                struct.append(i == 0 ? "" : ", ").append(TrinoTranslator.literal(name)).append(": ")
                        .append(TrinoTranslator.literal(types.get(i).duckDb()));
                columns.add(TrinoTranslator.quote(name));
            }
            struct.append('}');
            from = "read_json(" + list + ", format = 'newline_delimited', columns = " + struct
                    + ", hive_partitioning = false)";
        } else if (SerDeInfo.OPEN_CSV.equals(serde)) {
            var p = table.serde().parameters();
            String separator = p.getOrDefault("separatorChar", ",");
            String quote = p.getOrDefault("quoteChar", "\"");
            String escape = p.getOrDefault("escapeChar", "\\");
            boolean nullForInvalid = "true".equalsIgnoreCase(table.tableProperties().get("use.null.for.invalid.data"));
            for (int i = 0; i < types.size(); i++) {
                columns.add(CsvConversions.openCsv("c" + i, i, types.get(i), nullForInvalid, escape, quote) + " AS "
                        + TrinoTranslator.quote(table.columns().get(i).name()));
            }
            // OpenCSVSerde (opencsv) reads a doubled quote inside a quoted field as one quote AND honours its escape
            // character; DuckDB has one escape: let it take doubled quotes and undo the escapes per value.
            from = readCsv(list, types.size(), separator, quote, quote, NEVER_NULL, headerLines(table), false);
        } else if (SerDeInfo.LAZY_SIMPLE.equals(serde)) {
            var p = table.serde().parameters();
            String delimiter = p.getOrDefault("field.delim", p.getOrDefault("serialization.format", "\u0001"));
            if (delimiter.equals("1")) {
                delimiter = "\u0001";
            }
            String nullFormat = p.getOrDefault("serialization.null.format", "\\N");
            String collection = p.getOrDefault("collection.delim", p.getOrDefault("colelction.delim", "\u0002"));
            String mapKey = p.getOrDefault("mapkey.delim", "\u0003");
            for (int i = 0; i < types.size(); i++) {
                columns.add(CsvConversions.lazySimple("c" + i, types.get(i), collection, mapKey) + " AS "
                        + TrinoTranslator.quote(table.columns().get(i).name()));
            }
            from = readCsv(list, types.size(), delimiter, "", p.getOrDefault("escape.delim", ""), nullFormat,
                    headerLines(table), true);
        } else {
            throw AthenaErrors.notSupported("SerDe " + serde + " of table " + table.database() + "." + table.name()
                    + " is not supported locally (supported: LazySimpleSerDe, OpenCSVSerde, JsonSerDe, ParquetHiveSerDe)");
        }
        columns.addAll(partitionColumns);
        return "SELECT " + String.join(", ", columns) + " FROM " + from;
    }

    private static int headerLines(CatalogTable table) {
        String value = table.tableProperties().get("skip.header.line.count");
        return value == null ? 0 : Integer.parseInt(value.trim());
    }

    private static String readCsv(String files, int columns, String delimiter, String quote, String escape, String nullString,
                                  int skip, boolean parallel) {
        StringBuilder names = new StringBuilder("{");
        for (int i = 0; i < columns; i++) {
            names.append(i == 0 ? "" : ", ").append("'c").append(i).append("': 'VARCHAR'");
        }
        names.append('}');
        return "read_csv(" + files + ", delim = " + TrinoTranslator.literal(delimiter)
                + ", quote = " + TrinoTranslator.literal(quote)
                + ", escape = " + TrinoTranslator.literal(escape)
                + ", header = false, skip = " + skip + ", columns = " + names
                + ", auto_detect = false, nullstr = " + TrinoTranslator.literal(nullString)
                + ", null_padding = true, strict_mode = false, hive_partitioning = false"
                // Quoted fields may hold newlines, which DuckDB's parallel CSV scanner cannot combine with padding.
                + (parallel ? "" : ", parallel = false") + ")";
    }

    private static Set<String> parquetColumns(Connection connection, String files) {
        Set<String> names = new HashSet<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT lower(name) FROM parquet_schema(" + files + ")")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw AthenaErrors.badData("HIVE_BAD_DATA: cannot read the Parquet files of the table: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return names;
    }
}
