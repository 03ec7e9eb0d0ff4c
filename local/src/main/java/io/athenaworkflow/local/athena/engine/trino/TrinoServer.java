package io.athenaworkflow.local.athena.engine.trino;

import java.net.URI;

/**
 * The Trino server a local Athena runs its statements on: the engine the runtime starts itself
 * ({@link TrinoProcess}) or one that runs already ({@link ExternalTrino}, {@code --trino-url}). Each local Athena
 * creates its own catalog in it at run time ({@code CREATE CATALOG ... USING hive}) and drops it on close.
 */
public sealed interface TrinoServer permits TrinoProcess, ExternalTrino {

    /** The server's HTTP endpoint once it accepts queries (waits for a start-up still running). */
    URI uri();

    /**
     * A name for a new local Athena catalog: {@code awsdatacatalog} (Athena's own name, so that fully qualified
     * names and error messages read as on Athena) for the first runtime of this JVM using this server, a unique
     * name for runtimes that run at the same time.
     */
    String claimCatalogName();

    /** Gives a catalog name back once its catalog is dropped. */
    void releaseCatalogName(String name);
}
