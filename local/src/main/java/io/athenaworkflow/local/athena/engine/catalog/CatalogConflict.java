package io.athenaworkflow.local.athena.engine.catalog;

/**
 * Thrown by {@link GlueCatalog}'s changes when the change contradicts the catalog: the database does not exist,
 * a database still has tables, a partition already exists or does not exist. The message says which.
 */
public final class CatalogConflict extends RuntimeException {

    public CatalogConflict(String message) {
        super(message);
    }
}
