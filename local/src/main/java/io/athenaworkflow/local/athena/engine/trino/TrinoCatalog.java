package io.athenaworkflow.local.athena.engine.trino;

import static io.athenaworkflow.local.athena.engine.trino.TrinoRunner.literal;
import static io.athenaworkflow.local.athena.engine.trino.TrinoRunner.quote;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.athena.AthenaCatalog;
import io.athenaworkflow.local.athena.engine.Cancellation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Glue-style catalog API (ListDatabases, ListTableMetadata, GetTableMetadata) read from the engine's Hive
 * metastore through Trino: information_schema for databases and tables, DESCRIBE for columns and partition keys,
 * the {@code "t$properties"} table for the table's parameters ({@link IcebergTables} for an Iceberg table's). The
 * same metastore the queries use: one catalog.
 */
final class TrinoCatalog {

    private final TrinoRunner trino;
    private final String catalog;
    private final IcebergTables iceberg;

    TrinoCatalog(TrinoRunner trino, String catalog, IcebergTables iceberg) {
        this.trino = trino;
        this.catalog = catalog;
        this.iceberg = iceberg;
    }

    List<AthenaCatalog.Database> databases() {
        return trino.rows("SELECT schema_name FROM " + quote(catalog) + ".information_schema.schemata "
                        + "WHERE schema_name <> 'information_schema' ORDER BY 1", null, new Cancellation()).stream()
                .map(r -> new AthenaCatalog.Database(r.getFirst(), null, Map.of()))
                .toList();
    }

    List<AthenaCatalog.Table> tables(String database) {
        String db = database.toLowerCase(Locale.ROOT);
        List<AthenaCatalog.Table> tables = new ArrayList<>();
        List<List<String>> rows = trino.rows("SELECT table_name, table_type FROM " + quote(catalog)
                + ".information_schema.tables WHERE table_schema = " + literal(db) + " ORDER BY 1", db,
                new Cancellation());
        java.util.Set<String> names = new java.util.HashSet<>(rows.stream().map(List::getFirst).toList());
        for (List<String> row : rows) {
            String name = row.get(0);
            if (OpenCsvTables.isSource(name)) {
                continue;
            }
            boolean view = "VIEW".equals(row.get(1)) && !names.contains(OpenCsvTables.source(name));
            tables.add(table(db, name, view));
        }
        return tables;
    }

    /**
     * Trino's DESCRIBE rows (column, type, extra, comment) of a table; for an OpenCSV table's casting view, its
     * columns with the partition keys of the hidden table marked {@code partition key}.
     */
    List<List<String>> describe(String db, String table, Cancellation cancellation) {
        List<List<String>> rows = trino.rows("DESCRIBE " + quote(catalog) + "." + quote(db) + "." + quote(table), db,
                cancellation);
        String source = OpenCsvTables.source(table);
        if (OpenCsvTables.isSource(table) || trino.rows("SELECT 1 FROM " + quote(catalog)
                + ".information_schema.tables WHERE table_schema = " + literal(db) + " AND table_name = "
                + literal(source), db, cancellation).isEmpty()) {
            return rows;
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        trino.rows("DESCRIBE " + quote(catalog) + "." + quote(db) + "." + quote(source), db, cancellation).stream()
                .filter(c -> "partition key".equals(c.get(2))).forEach(c -> keys.add(c.get(0)));
        return rows.stream().map(c -> keys.contains(c.get(0))
                ? List.of(c.get(0), c.get(1), "partition key", c.get(3) == null ? "" : c.get(3)) : c).toList();
    }

    private AthenaCatalog.Table table(String db, String name, boolean view) {
        List<AthenaCatalog.Column> columns = new ArrayList<>();
        List<AthenaCatalog.Column> keys = new ArrayList<>();
        for (List<String> c : describe(db, name, new Cancellation())) {
            AthenaCatalog.Column column = new AthenaCatalog.Column(c.get(0), HiveTypes.toHive(c.get(1)),
                    c.get(3) == null || c.get(3).isEmpty() ? null : c.get(3));
            ("partition key".equals(c.get(2)) ? keys : columns).add(column);
        }
        if (view) {
            return new AthenaCatalog.Table(name, Instant.EPOCH, "VIRTUAL_VIEW", columns, keys, Map.of());
        }
        if (iceberg.isIceberg(db, name, new Cancellation())) {
            // Glue's entry for an Iceberg table: an external table whose partitioning is Iceberg's own (hidden).
            IcebergTables.CatalogEntry entry = iceberg.catalogEntry(db, name, new Cancellation());
            return new AthenaCatalog.Table(name, entry.created(), "EXTERNAL_TABLE", columns, keys, entry.parameters());
        }
        Map<String, String> parameters = parameters(db, storageOf(db, name), new Cancellation());
        String created = parameters.get("transient_lastDdlTime");
        Instant createTime = created != null && created.matches("\\d+")
                ? Instant.ofEpochSecond(Long.parseLong(created)) : Instant.EPOCH;
        String type = "TRUE".equalsIgnoreCase(parameters.get("EXTERNAL")) ? "EXTERNAL_TABLE" : "MANAGED_TABLE";
        return new AthenaCatalog.Table(name, createTime, type, columns, keys, parameters);
    }

    /** The table holding {@code name}'s data: itself, or an OpenCSV table's hidden VARCHAR table. */
    private String storageOf(String db, String name) {
        String source = OpenCsvTables.source(name);
        return trino.rows("SELECT 1 FROM " + quote(catalog) + ".information_schema.tables WHERE table_schema = "
                + literal(db) + " AND table_name = " + literal(source), db, new Cancellation()).isEmpty()
                ? name : source;
    }

    /** The table's parameters in the metastore (TBLPROPERTIES and what Hive and Trino add), Glue's spelling. */
    Map<String, String> parameters(String db, String name, Cancellation cancellation) {
        Map<String, String> parameters = new TreeMap<>();
        trino.run("SELECT * FROM " + quote(catalog) + "." + quote(db) + "." + quote(name + "$properties"), db,
                cancellation, new TrinoClient.Rows() {
                    private List<TrinoClient.Column> columns = List.of();

                    @Override
                    public void columns(List<TrinoClient.Column> columns) {
                        this.columns = columns;
                    }

                    @Override
                    public void row(List<JsonNode> values) {
                        for (int i = 0; i < values.size(); i++) {
                            if (!values.get(i).isNull()) {
                                parameters.put(columns.get(i).name(), values.get(i).asText());
                            }
                        }
                    }
                });
        // Trino's own bookkeeping, not the table's properties.
        parameters.keySet().removeIf(k -> k.startsWith("trino_") || k.startsWith("presto_") || k.equals("auto.purge"));
        parameters.remove("transactional");
        // Trino's "$properties" table lower-cases the keys (its columns); Hive and Glue spell these two so.
        String external = parameters.remove("external");
        if (external != null) {
            parameters.put("EXTERNAL", external);
        }
        String created = parameters.remove("transient_lastddltime");
        if (created != null) {
            parameters.put("transient_lastDdlTime", created);
        }
        return parameters;
    }
}
