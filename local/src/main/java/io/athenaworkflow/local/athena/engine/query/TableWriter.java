package io.athenaworkflow.local.athena.engine.query;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.S3Location;
import io.athenaworkflow.local.athena.engine.catalog.CatalogTable;
import io.athenaworkflow.local.athena.engine.catalog.SerDeInfo;
import io.athenaworkflow.local.s3.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes query results as table files (Parquet, text or JSON) with DuckDB's COPY and uploads them to the local S3. */
public final class TableWriter {

    /** The file format data is written in, with the SerDe and formats a table over it has. */
    public enum Format {
        PARQUET(SerDeInfo.PARQUET, CatalogTable.PARQUET_INPUT, CatalogTable.PARQUET_OUTPUT, ".parquet"),
        TEXTFILE(SerDeInfo.LAZY_SIMPLE, CatalogTable.TEXT_INPUT, CatalogTable.TEXT_OUTPUT, ""),
        JSON(SerDeInfo.HIVE_JSON, CatalogTable.TEXT_INPUT, CatalogTable.TEXT_OUTPUT, ".json");

        public final String serde;
        public final String inputFormat;
        public final String outputFormat;
        final String extension;

        Format(String serde, String inputFormat, String outputFormat, String extension) {
            this.serde = serde;
            this.inputFormat = inputFormat;
            this.outputFormat = outputFormat;
            this.extension = extension;
        }

        /**
         * The format named by a {@code format} property ({@code PARQUET} when null).
         *
         * @throws io.athenaworkflow.local.athena.engine.QueryFailure for ORC, AVRO and unknown formats
         */
        public static Format named(String name) {
            String n = name == null ? "PARQUET" : name.toUpperCase(Locale.ROOT);
            return switch (n) {
                case "PARQUET" -> PARQUET;
                case "TEXTFILE" -> TEXTFILE;
                case "JSON" -> JSON;
                default -> throw AthenaErrors.notSupported("format '" + name + "' is not supported locally "
                        + "(supported: PARQUET, TEXTFILE, JSON)");
            };
        }

        /** The format a catalog table's files are in. */
        public static Format of(CatalogTable table) {
            String serde = table.serde().serializationLibrary();
            if (SerDeInfo.PARQUET.equals(serde)) {
                return PARQUET;
            }
            if (SerDeInfo.OPENX_JSON.equals(serde) || SerDeInfo.HIVE_JSON.equals(serde)) {
                return JSON;
            }
            if (SerDeInfo.LAZY_SIMPLE.equals(serde)) {
                return TEXTFILE;
            }
            throw AthenaErrors.notSupported("INSERT INTO a table with SerDe " + serde + " is not supported locally");
        }
    }

    /** A written object. */
    public record Written(String uri, String relativePath) {
    }

    private TableWriter() {
    }

    /**
     * Runs {@code select} into files under {@code location}: one file, or one folder {@code k=v/...} per partition
     * when {@code partitionBy} is not empty. Object names start with {@code queryId}.
     */
    public static List<Written> write(Statement jdbc, String select, Format format, String delimiter, String compression,
                                      List<String> partitionBy, S3Location location, String queryId, ObjectStore store,
                                      Path scratch) throws SQLException {
        try {
            Files.createDirectories(scratch);
            Path target = partitionBy.isEmpty() ? scratch.resolve(queryId + format.extension) : scratch.resolve("out");
            List<String> options = new ArrayList<>();
            switch (format) {
                case PARQUET -> {
                    options.add("FORMAT parquet");
                    options.add("COMPRESSION " + TrinoTranslator.literal(compression == null ? "snappy" : compression.toLowerCase(Locale.ROOT)));
                }
                case TEXTFILE -> {
                    options.add("FORMAT csv");
                    options.add("DELIMITER " + TrinoTranslator.literal(delimiter == null ? "\u0001" : delimiter));
                    options.add("HEADER false");
                    options.add("QUOTE ''");
                    options.add("ESCAPE ''");
                    options.add("NULLSTR '\\N'");
                }
                case JSON -> options.add("FORMAT json");
            }
            if (!partitionBy.isEmpty()) {
                options.add("PARTITION_BY (" + partitionBy.stream().map(TrinoTranslator::quote).collect(Collectors.joining(", ")) + ")");
            }
            jdbc.execute("COPY (" + select + ") TO " + TrinoTranslator.literal(target.toString()) + " (" + String.join(", ", options) + ")");
            List<Written> written = new ArrayList<>();
            if (partitionBy.isEmpty()) {
                if (Files.exists(target)) {
                    String key = location.prefix() + target.getFileName();
                    store.put(location.bucket(), key, target, "application/octet-stream");
                    written.add(new Written("s3://" + location.bucket() + "/" + key, target.getFileName().toString()));
                }
                return written;
            }
            try (Stream<Path> files = Files.walk(target)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    Path relative = target.relativize(file);
                    String dirs = relative.getParent() == null ? "" : relative.getParent().toString().replace('\\', '/') + "/";
                    String name = dirs + queryId + "_" + file.getFileName();
                    store.put(location.bucket(), location.prefix() + name, file, "application/octet-stream");
                    written.add(new Written("s3://" + location.bucket() + "/" + location.prefix() + name, name));
                }
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(scratch);
        }
    }

    /** Removes the staging folder once its files are in the object store. */
    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the staging folder " + root, e);
        }
    }

    /** The Hive type for a DuckDB column type (as DESCRIBE reports it). */
    public static String hiveType(String duckDb) {
        String t = duckDb.trim();
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.endsWith("[]")) {
            return "array<" + hiveType(t.substring(0, t.length() - 2)) + ">";
        }
        if (upper.startsWith("MAP(")) {
            List<String> parts = split(t.substring(4, t.length() - 1));
            return "map<" + hiveType(parts.get(0)) + "," + hiveType(parts.get(1)) + ">";
        }
        if (upper.startsWith("STRUCT(")) {
            StringBuilder out = new StringBuilder("struct<");
            List<String> fields = split(t.substring(7, t.length() - 1));
            for (int i = 0; i < fields.size(); i++) {
                String f = fields.get(i).trim();
                int space = f.startsWith("\"") ? f.indexOf('"', 1) + 1 : f.indexOf(' ');
                out.append(i == 0 ? "" : ",").append(f.substring(0, space).replace("\"", "").toLowerCase(Locale.ROOT))
                        .append(':').append(hiveType(f.substring(space + 1)));
            }
            return out + ">";
        }
        if (upper.startsWith("DECIMAL")) {
            return t.toLowerCase(Locale.ROOT).replace(" ", "");
        }
        return switch (upper) {
            case "BOOLEAN" -> "boolean";
            case "TINYINT" -> "tinyint";
            case "SMALLINT", "UTINYINT" -> "smallint";
            case "INTEGER", "USMALLINT" -> "int";
            case "BIGINT", "UINTEGER", "UBIGINT", "HUGEINT" -> "bigint";
            case "FLOAT" -> "float";
            case "DOUBLE" -> "double";
            case "DATE" -> "date";
            case "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_S" -> "timestamp";
            case "BLOB" -> "binary";
            case "\"NULL\"", "NULL" -> "string";
            default -> "string";
        };
    }

    private static List<String> split(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(list.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(list.substring(start).trim());
        return parts;
    }
}
