package io.athenaworkflow.local;

import io.athenaworkflow.local.athena.engine.SqlEngine;
import io.athenaworkflow.local.athena.engine.trino.ExternalTrino;
import io.athenaworkflow.local.athena.engine.trino.TrinoProcess;
import io.athenaworkflow.local.athena.engine.trino.TrinoServer;
import io.athenaworkflow.local.athena.engine.trino.TrinoSqlEngine;
import io.athenaworkflow.local.s3.ObjectStore;

import java.net.URI;
import java.nio.file.Path;

/**
 * Creates the Athena SQL engine once the local S3 is up. When the engine also implements
 * {@link io.athenaworkflow.local.athena.AthenaCatalog}, Athena's catalog operations (ListDatabases,
 * GetTableMetadata, ...) answer from it; otherwise the catalog is empty.
 */
@FunctionalInterface
public interface SqlEngineFactory {

    SqlEngine create(ObjectStore store);

    /**
     * Creates the engine once the runtime's edge endpoint is known, for engines that read the local S3 over HTTP
     * (Trino). By default the endpoint is not needed.
     */
    default SqlEngine create(ObjectStore store, URI s3Endpoint) {
        return create(store);
    }

    /**
     * Trino 483 (the JVM's shared engine process, {@link TrinoProcess#shared()}, started in the background now),
     * with its Hive metastore kept in {@code metastoreDir}.
     */
    static SqlEngineFactory trino(Path metastoreDir) {
        return trino(TrinoProcess.shared(), metastoreDir);
    }

    /**
     * Trino 483 on the existing server at {@code trinoUrl} ({@code --trino-url}; its requirements are in
     * docs/local-athena.md), with the Hive metastore kept in {@code metastoreDir}.
     *
     * @throws IllegalArgumentException when {@code trinoUrl} is not a server URL
     * @throws io.athenaworkflow.local.athena.engine.trino.TrinoStartException when no Trino server answers there
     */
    static SqlEngineFactory trino(URI trinoUrl, Path metastoreDir) {
        return trino(ExternalTrino.connect(trinoUrl), metastoreDir);
    }

    private static SqlEngineFactory trino(TrinoServer server, Path metastoreDir) {
        return new SqlEngineFactory() {
            @Override
            public SqlEngine create(ObjectStore store) {
                throw new IllegalStateException("The Trino engine reads the local S3 over HTTP: create it with the "
                        + "runtime's edge endpoint (create(store, s3Endpoint))");
            }

            @Override
            public SqlEngine create(ObjectStore store, URI s3Endpoint) {
                return TrinoSqlEngine.create(server, s3Endpoint, metastoreDir);
            }
        };
    }
}
