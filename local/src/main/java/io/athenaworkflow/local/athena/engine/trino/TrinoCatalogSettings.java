package io.athenaworkflow.local.athena.engine.trino;

import java.net.URI;
import java.nio.file.Path;

/**
 * The Trino catalog behind one local Athena's {@code AwsDataCatalog}: Trino's Hive connector with a file metastore
 * in {@code metastoreDir} (Trino's local file system) over the runtime's S3 (Trino's native S3 file system,
 * path-style, at {@code s3Endpoint}; the local S3 accepts any credentials).
 *
 * <p>Athena's Iceberg tables live in the same metastore: a second catalog, {@link #icebergName()}, runs Trino's
 * Iceberg connector on the same folder, and the Hive catalog redirects every statement on an Iceberg table to it
 * ({@code hive.iceberg-catalog-name}), so one namespace holds both kinds as in Glue.
 */
record TrinoCatalogSettings(String name, URI s3Endpoint, Path metastoreDir) {

    /** {@code CREATE CATALOG} for this catalog (the engine runs with {@code catalog.management=dynamic}). */
    String createStatement() {
        return "CREATE CATALOG " + name + " USING hive WITH ("
                + property("hive.metastore", "file")
                + ", " + fileSystems()
                + ", " + property("hive.iceberg-catalog-name", icebergName())
                // Athena's tables are external: CTAS/INSERT write to their own locations.
                + ", " + property("hive.non-managed-table-writes-enabled", "true")
                // ALTER TABLE ADD/DROP PARTITION map to system.register_partition/unregister_partition.
                + ", " + property("hive.allow-register-partition-procedure", "true")
                + ", " + property("hive.metastore.version-compatibility", "UNSAFE_ASSUME_COMPATIBILITY")
                // Athena's partition projection: Trino implements it from the same 'projection.*' table parameters.
                + ", " + property("hive.partition-projection-enabled", "true")
                + ")";
    }

    /** The Iceberg catalog's name. */
    String icebergName() {
        return icebergName(name);
    }

    /** The name of the Iceberg catalog beside the Hive catalog {@code catalog}: its name, suffixed. */
    static String icebergName(String catalog) {
        return catalog + "_iceberg";
    }

    /**
     * {@code CREATE CATALOG} for the Iceberg catalog over the same file metastore. {@code TESTING_FILE_METASTORE}
     * is Trino 483's Iceberg catalog type for a file metastore (Trino's own Hive-to-Iceberg tests run on it); it
     * writes the table_type and metadata_location parameters Glue and Hive metastores hold for Iceberg tables.
     */
    String createIcebergStatement() {
        return "CREATE CATALOG " + icebergName() + " USING iceberg WITH ("
                + property("iceberg.catalog.type", "TESTING_FILE_METASTORE")
                + ", " + fileSystems()
                + ")";
    }

    /** The metastore folder and the runtime's S3, as both catalogs reach them. */
    private String fileSystems() {
        return property("hive.metastore.catalog.dir", "local:///")
                + ", " + property("fs.local.enabled", "true")
                + ", " + property("local.location", metastoreDir.toString())
                + ", " + property("fs.s3.enabled", "true")
                + ", " + property("s3.endpoint", s3Endpoint.toString())
                + ", " + property("s3.region", "us-east-1")
                + ", " + property("s3.path-style-access", "true")
                + ", " + property("s3.aws-access-key", "athena-local")
                + ", " + property("s3.aws-secret-key", "athena-local");
    }

    private static String property(String key, String value) {
        return "\"" + key + "\" = '" + value.replace("'", "''") + "'";
    }
}
