package io.athenaworkflow.local.athena.engine.trino;

import java.net.URI;
import java.nio.file.Path;

/**
 * The Trino catalog behind one local Athena's {@code AwsDataCatalog}: Trino's Hive connector with a file metastore
 * in {@code metastoreDir} (Trino's local file system) over the runtime's S3 (Trino's native S3 file system,
 * path-style, at {@code s3Endpoint}; the local S3 accepts any credentials).
 */
record TrinoCatalogSettings(String name, URI s3Endpoint, Path metastoreDir) {

    /** {@code CREATE CATALOG} for this catalog (the engine runs with {@code catalog.management=dynamic}). */
    String createStatement() {
        return "CREATE CATALOG " + name + " USING hive WITH ("
                + property("hive.metastore", "file")
                + ", " + property("hive.metastore.catalog.dir", "local:///")
                + ", " + property("fs.local.enabled", "true")
                + ", " + property("local.location", metastoreDir.toString())
                + ", " + property("fs.s3.enabled", "true")
                + ", " + property("s3.endpoint", s3Endpoint.toString())
                + ", " + property("s3.region", "us-east-1")
                + ", " + property("s3.path-style-access", "true")
                + ", " + property("s3.aws-access-key", "athena-local")
                + ", " + property("s3.aws-secret-key", "athena-local")
                // Athena's tables are external: CTAS/INSERT write to their own locations.
                + ", " + property("hive.non-managed-table-writes-enabled", "true")
                // ALTER TABLE ADD/DROP PARTITION map to system.register_partition/unregister_partition.
                + ", " + property("hive.allow-register-partition-procedure", "true")
                + ", " + property("hive.metastore.version-compatibility", "UNSAFE_ASSUME_COMPATIBILITY")
                // Athena's partition projection: Trino implements it from the same 'projection.*' table parameters.
                + ", " + property("hive.partition-projection-enabled", "true")
                + ")";
    }

    private static String property(String key, String value) {
        return "\"" + key + "\" = '" + value.replace("'", "''") + "'";
    }
}
