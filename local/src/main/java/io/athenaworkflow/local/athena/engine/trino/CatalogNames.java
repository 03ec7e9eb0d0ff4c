package io.athenaworkflow.local.athena.engine.trino;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/** The catalog names one Trino server hands out to the local Athenas of this JVM (see {@link TrinoServer}). */
final class CatalogNames {

    /** Athena's catalog name as Trino spells it. */
    static final String ATHENA_CATALOG = "awsdatacatalog";

    private final AtomicBoolean athenaCatalogTaken = new AtomicBoolean();

    String claim() {
        return athenaCatalogTaken.compareAndSet(false, true) ? ATHENA_CATALOG
                : "athena_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    void release(String name) {
        if (name.equals(ATHENA_CATALOG)) {
            athenaCatalogTaken.set(false);
        }
    }
}
