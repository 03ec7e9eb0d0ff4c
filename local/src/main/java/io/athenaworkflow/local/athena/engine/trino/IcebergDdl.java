package io.athenaworkflow.local.athena.engine.trino;

import static io.athenaworkflow.local.athena.engine.trino.TrinoRunner.literal;
import static io.athenaworkflow.local.athena.engine.trino.TrinoRunner.quote;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.Cancellation;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.ColumnDefinition;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.CreateIcebergTable;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.PartitionField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Athena's CREATE TABLE for Iceberg tables, as Trino's Iceberg connector's CREATE TABLE in the runtime's Iceberg
 * catalog ({@link TrinoCatalogSettings#icebergName()}): TBLPROPERTIES become the connector's table properties
 * ({@code format}, {@code compression_codec}, {@code target_max_file_size}), PARTITIONED BY its
 * {@code partitioning}. Everything else on an Iceberg table (queries, INSERT, UPDATE, DELETE, MERGE, DROP, DESCRIBE)
 * reaches it through the Hive catalog's redirection, written as Athena writes it.
 */
final class IcebergDdl {

    /** Athena's Iceberg TBLPROPERTIES the local engine maps (the user guide's "Table properties"). */
    private static final Set<String> FILE_FORMATS = Set.of("parquet", "orc", "avro");
    private static final Set<String> COMPRESSIONS = Set.of("gzip", "snappy", "zstd", "lz4", "none");
    /** Athena's compaction and snapshot-expiry settings: for OPTIMIZE and VACUUM, which the local engine lacks. */
    private static final Set<String> MAINTENANCE_PROPERTIES = Set.of("optimize_rewrite_min_data_file_size_bytes",
            "optimize_rewrite_max_data_file_size_bytes", "optimize_rewrite_data_file_threshold",
            "optimize_rewrite_delete_file_threshold", "vacuum_min_snapshots_to_keep",
            "vacuum_max_snapshot_age_seconds", "vacuum_max_metadata_files_to_keep");

    private final TrinoRunner trino;
    private final IcebergTables tables;

    IcebergDdl(TrinoRunner trino, IcebergTables tables) {
        this.trino = trino;
        this.tables = tables;
    }

    void create(CreateIcebergTable s, String database, Cancellation cancellation) {
        if (s.name().catalog() != null && !s.name().catalog().equalsIgnoreCase("awsdatacatalog")) {
            throw AthenaErrors.query("CATALOG_NOT_FOUND", s.name().position(), "Catalog '" + s.name().catalog()
                    + "' not found");
        }
        String db = s.name().database() == null ? database : s.name().database();
        Set<String> names = new LinkedHashSet<>();
        List<String> columns = new ArrayList<>();
        for (ColumnDefinition c : s.columns()) {
            if (!names.add(c.name())) {
                throw AthenaErrors.ddl("FAILED: SemanticException [Error 10036]: Duplicate column name: " + c.name());
            }
            columns.add(quote(c.name()) + " " + icebergType(HiveTypes.toTrino(c.type()))
                    + (c.comment() == null ? "" : " COMMENT " + literal(c.comment())));
        }
        Map<String, String> with = new LinkedHashMap<>();
        with.put("location", literal(s.location().replaceFirst("^s3[an]://", "s3://")));
        // Athena creates Iceberg v2 tables (row-level deletes for DELETE, UPDATE and MERGE).
        with.put("format_version", "2");
        properties(s.tableProperties(), with);
        if (!s.partitioning().isEmpty()) {
            with.put("partitioning", "ARRAY[" + String.join(", ", s.partitioning().stream()
                    .map(IcebergDdl::partitionField).map(TrinoRunner::literal).toList()) + "]");
        }
        List<String> properties = new ArrayList<>();
        with.forEach((k, v) -> properties.add(k + " = " + v));
        trino.run("CREATE TABLE " + (s.ifNotExists() ? "IF NOT EXISTS " : "") + tables.qualified(db,
                        s.name().table()) + " (" + String.join(", ", columns) + ")"
                        + (s.comment() == null ? "" : " COMMENT " + literal(s.comment()))
                        + " WITH (" + String.join(", ", properties) + ")",
                db, cancellation, TrinoRunner.IGNORE);
    }

    /** Refuses {@code statement}, Hive DDL for partitions kept in the metastore, on an Iceberg table. */
    void refuseHiveOnly(String statement, String db, String table, Cancellation cancellation) {
        if (tables.isIceberg(db, table, cancellation)) {
            throw IcebergTables.hiveOnly(statement, table);
        }
    }

    boolean isIceberg(String db, String table, Cancellation cancellation) {
        return tables.isIceberg(db, table, cancellation);
    }

    /** SHOW TBLPROPERTIES of an Iceberg table (see {@link IcebergTables#tblProperties}). */
    Map<String, String> tblProperties(String db, String table, Cancellation cancellation) {
        return tables.tblProperties(db, table, cancellation);
    }

    /** Athena's TBLPROPERTIES as the Iceberg connector's table properties; a named error for any it cannot keep. */
    private static void properties(Map<String, String> athena, Map<String, String> with) {
        String format = athena.getOrDefault("format", "parquet").toLowerCase(Locale.ROOT);
        if (!FILE_FORMATS.contains(format)) {
            throw AthenaErrors.ddl("FAILED: SemanticException Unsupported value '" + athena.get("format")
                    + "' for table property 'format' of an Iceberg table (parquet, orc or avro)");
        }
        with.put("format", literal(format.toUpperCase(Locale.ROOT)));
        athena.forEach((key, value) -> {
            switch (key) {
                case "table_type", "format" -> {
                }
                case "write_compression" -> {
                    String codec = value.toLowerCase(Locale.ROOT);
                    if (!COMPRESSIONS.contains(codec)) {
                        throw AthenaErrors.ddl("FAILED: SemanticException Unsupported value '" + value
                                + "' for table property 'write_compression' (gzip, snappy, zstd, lz4 or none)");
                    }
                    with.put("compression_codec", literal(codec.toUpperCase(Locale.ROOT)));
                }
                case "write_target_data_file_size_bytes" -> {
                    if (!value.matches("[1-9]\\d*")) {
                        throw AthenaErrors.ddl("FAILED: SemanticException write_target_data_file_size_bytes must be "
                                + "a positive number, got '" + value + "'");
                    }
                    with.put("target_max_file_size", literal(value + "B"));
                }
                default -> {
                    if (MAINTENANCE_PROPERTIES.contains(key)) {
                        throw AthenaErrors.notSupported("Table property '" + key + "' configures OPTIMIZE or VACUUM, "
                                + "which the local Athena engine does not run; leave it out locally");
                    }
                    throw AthenaErrors.ddl("FAILED: SemanticException Unsupported table property key: " + key
                            + " (an Iceberg table takes table_type, format, write_compression, "
                            + "write_target_data_file_size_bytes and the optimize_/vacuum_ settings)");
                }
            }
        });
    }

    /** Athena's {@code bucket(16, id)} as Trino's {@code bucket(id, 16)}, and so on. */
    private static String partitionField(PartitionField field) {
        // Trino's partitioning takes plain lower-case names as they are, others double-quoted.
        String column = field.column().matches("[a-z_][a-z0-9_]*") ? field.column() : quote(field.column());
        return switch (field.transform()) {
            case "identity" -> column;
            case "bucket", "truncate" -> field.transform() + "(" + column + ", " + field.parameter() + ")";
            default -> field.transform() + "(" + column + ")";
        };
    }

    /** Iceberg keeps timestamps in microseconds: Athena's {@code timestamp} is Trino's {@code timestamp(6)} here. */
    private static String icebergType(String trinoType) {
        return trinoType.replaceAll("\\btimestamp\\b(?!\\s*\\()", "timestamp(6)");
    }
}
