package io.athenaworkflow.local.athena.engine.catalog;

/**
 * Thrown when the catalog's JSON file cannot be read at start or written after a change (the change is then not
 * applied). The message names the file.
 */
public final class CatalogStorageFailure extends RuntimeException {

    public CatalogStorageFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
