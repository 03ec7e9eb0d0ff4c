package io.athenaworkflow.local.athena.engine.trino;

import static io.athenaworkflow.local.athena.engine.trino.TrinoRunner.quote;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.Cancellation;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the local Athena knows of its Iceberg tables, read through Trino from the one metastore: whether a table is
 * one (the Hive catalog redirects it to the Iceberg catalog, which SHOW CREATE TABLE names), its Glue-style
 * parameters ({@code table_type}, {@code metadata_location}, {@code previous_metadata_location}) and the
 * TBLPROPERTIES Athena shows for it.
 */
final class IcebergTables {

    private final TrinoRunner trino;
    private final String hiveCatalog;
    private final String icebergCatalog;

    IcebergTables(TrinoRunner trino, String hiveCatalog, String icebergCatalog) {
        this.trino = trino;
        this.hiveCatalog = hiveCatalog;
        this.icebergCatalog = icebergCatalog;
    }

    /** {@code table} in {@code db} of the Iceberg catalog, quoted. */
    String qualified(String db, String table) {
        return quote(icebergCatalog) + "." + quote(db.toLowerCase(Locale.ROOT)) + "."
                + quote(table.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code table} (a table, not a view) is an Iceberg table: Trino redirects it to the Iceberg catalog. */
    boolean isIceberg(String db, String table, Cancellation cancellation) {
        List<List<String>> rows;
        try {
            rows = trino.rows("SHOW CREATE TABLE " + quote(hiveCatalog) + "." + quote(db) + "." + quote(table), db,
                    cancellation);
        } catch (QueryFailure e) {
            return false; // A view, or no such table: the statement itself reports it.
        }
        String first = rows.isEmpty() || rows.getFirst().getFirst() == null ? "" : rows.getFirst().getFirst();
        String header = first.lines().findFirst().orElse("").replace("\"", "");
        return header.startsWith("CREATE TABLE " + icebergCatalog + ".");
    }

    /** The named error for Hive-only DDL (partitions the metastore keeps) on an Iceberg table. */
    static QueryFailure hiveOnly(String statement, String table) {
        return AthenaErrors.notSupported(statement + " is not supported for Iceberg table " + table
                + ": Iceberg keeps its partitions in its own metadata (hidden partitioning); query the table, or "
                + "its \"" + table + "$partitions\" table, instead");
    }

    /** What GetTableMetadata shows of an Iceberg table: when it was created and Glue's parameters. */
    record CatalogEntry(Instant created, Map<String, String> parameters) {
    }

    /**
     * An Iceberg table's catalog entry: {@code table_type} and the current and previous metadata files, as Glue
     * holds them, from Iceberg's metadata log (its first entry is the table's creation).
     */
    CatalogEntry catalogEntry(String db, String table, Cancellation cancellation) {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("table_type", "ICEBERG");
        List<List<String>> log = trino.rows("SELECT file, CAST(to_unixtime(timestamp) * 1000 AS bigint) FROM "
                + quote(icebergCatalog) + "." + quote(db) + "." + quote(table + "$metadata_log_entries")
                + " ORDER BY timestamp DESC", db, cancellation);
        if (!log.isEmpty()) {
            parameters.put("metadata_location", log.get(0).get(0));
        }
        if (log.size() > 1) {
            parameters.put("previous_metadata_location", log.get(1).get(0));
        }
        Instant created = log.isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(Long.parseLong(log.getLast().get(1)));
        return new CatalogEntry(created, parameters);
    }

    /**
     * SHOW TBLPROPERTIES of an Iceberg table in Athena's names: {@code table_type}, {@code format} and
     * {@code write_compression} (from Iceberg's {@code write.format.default} and
     * {@code write.<format>.compression-codec}), {@code write_target_data_file_size_bytes}.
     */
    Map<String, String> tblProperties(String db, String table, Cancellation cancellation) {
        Map<String, String> iceberg = new TreeMap<>();
        trino.rows("SELECT key, value FROM " + quote(icebergCatalog) + "." + quote(db) + "."
                + quote(table + "$properties"), db, cancellation).forEach(r -> iceberg.put(r.get(0), r.get(1)));
        Map<String, String> athena = new TreeMap<>();
        athena.put("table_type", "ICEBERG");
        String format = iceberg.getOrDefault("write.format.default", "PARQUET").toLowerCase(Locale.ROOT);
        athena.put("format", format);
        String codec = iceberg.get("write." + format + ".compression-codec");
        if (codec != null) {
            athena.put("write_compression", codec.toLowerCase(Locale.ROOT));
        }
        String target = iceberg.get("write.target-file-size-bytes");
        if (target != null) {
            athena.put("write_target_data_file_size_bytes", target);
        }
        return athena;
    }
}
