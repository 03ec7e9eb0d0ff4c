package io.athenaworkflow.local;

import io.athenaworkflow.local.athena.engine.DuckDbSqlEngine;
import io.athenaworkflow.local.athena.engine.SqlEngine;
import io.athenaworkflow.local.s3.ObjectStore;

import java.nio.file.Path;

/**
 * Creates the Athena SQL engine once the local S3 is up. When the engine also implements
 * {@link io.athenaworkflow.local.athena.AthenaCatalog}, Athena's catalog operations (ListDatabases,
 * GetTableMetadata, ...) answer from it; otherwise the catalog is empty.
 */
@FunctionalInterface
public interface SqlEngineFactory {

    SqlEngine create(ObjectStore store);

    /** The real engine: DuckDB, with its Glue-style catalog kept in {@code catalogDir}. */
    static SqlEngineFactory duckDb(Path catalogDir) {
        return store -> DuckDbSqlEngine.create(store, catalogDir);
    }
}
