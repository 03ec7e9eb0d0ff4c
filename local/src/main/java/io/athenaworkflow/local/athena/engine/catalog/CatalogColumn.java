package io.athenaworkflow.local.athena.engine.catalog;

/**
 * A column as Glue stores it and Athena's TableMetadata.Columns reports it.
 *
 * @param name lower-case column name
 * @param type Hive type as Athena shows it, e.g. {@code int}, {@code decimal(10,2)}, {@code array<string>}
 * @param comment the column comment, or null
 */
public record CatalogColumn(String name, String type, String comment) {
}
