package io.athenaworkflow.local.athena;

import io.athenaworkflow.local.athena.engine.catalog.Catalog;
import io.athenaworkflow.local.athena.engine.catalog.CatalogColumn;
import io.athenaworkflow.local.athena.engine.catalog.CatalogTable;

import java.util.List;

/** The SQL engine's Glue-style catalog seen through the narrow port the Athena API answers from. */
public final class EngineCatalog implements AthenaCatalog {

    private final Catalog catalog;

    public EngineCatalog(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<Database> databases() {
        return catalog.databases().stream()
                .map(d -> new Database(d.name(), d.description(), d.parameters()))
                .toList();
    }

    @Override
    public List<Table> tables(String database) {
        return catalog.tables(database).stream().map(EngineCatalog::table).toList();
    }

    private static Table table(CatalogTable t) {
        return new Table(t.name(), t.createTime(), t.tableType(), columns(t.columns()), columns(t.partitionKeys()),
                t.parameters());
    }

    private static List<Column> columns(List<CatalogColumn> columns) {
        return columns.stream().map(c -> new Column(c.name(), c.type(), c.comment())).toList();
    }
}
