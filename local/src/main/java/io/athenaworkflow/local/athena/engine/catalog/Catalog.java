package io.athenaworkflow.local.athena.engine.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Read-only view of the Glue-style data catalog ({@value #NAME}), for ListDatabases, ListTableMetadata and
 * GetTableMetadata. Names are compared case-insensitively (the catalog stores them in lower case).
 */
public interface Catalog {

    /** The one data catalog the local runtime has. */
    String NAME = "AwsDataCatalog";

    /** All databases, sorted by name ({@code default} always exists). */
    List<CatalogDatabase> databases();

    /** The database, or empty when there is none of that name. */
    Optional<CatalogDatabase> database(String name);

    /** The tables of {@code database}, sorted by name; empty when the database does not exist. */
    List<CatalogTable> tables(String database);

    /** The table, or empty when the database or the table does not exist. */
    Optional<CatalogTable> table(String database, String name);

    /** The registered partitions of the table, sorted by their values; empty when it has none. */
    List<CatalogPartition> partitions(String database, String table);
}
