package io.athenaworkflow.local.athena.engine;

import io.athenaworkflow.local.athena.engine.catalog.Catalog;
import io.athenaworkflow.local.athena.engine.catalog.CatalogColumn;
import io.athenaworkflow.local.athena.engine.catalog.CatalogPartition;
import io.athenaworkflow.local.athena.engine.catalog.CatalogTable;
import io.athenaworkflow.local.athena.engine.catalog.GlueCatalog;
import io.athenaworkflow.local.athena.engine.catalog.SerDeInfo;
import io.athenaworkflow.local.athena.engine.ddl.HiveType;
import io.athenaworkflow.local.athena.engine.query.TableWriter;
import io.athenaworkflow.local.athena.engine.query.TrinoTranslator;
import io.athenaworkflow.local.athena.engine.query.WriteStatement;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.s3.ObjectStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Runs CTAS, INSERT INTO and UNLOAD: the query's result is written as files to the local S3. */
final class DataWrites {

    private static final List<ResultColumn> ROWS = List.of(new ResultColumn("rows", "bigint", 19, 0, "UNKNOWN"));

    private final DuckDbSqlEngine engine;
    private final GlueCatalog catalog;
    private final ObjectStore store;
    private final DuckDbSqlEngine.Settings settings;

    DataWrites(DuckDbSqlEngine engine, GlueCatalog catalog, ObjectStore store, DuckDbSqlEngine.Settings settings) {
        this.engine = engine;
        this.catalog = catalog;
        this.store = store;
        this.settings = settings;
    }

    StatementOutcome run(WriteStatement write, Statement statement, String database, List<Token> tokens, ResultSink sink,
                         String scope) {
        return switch (write) {
            case WriteStatement.Ctas c -> ctas(c, statement, database, tokens, sink, scope);
            case WriteStatement.Insert i -> insert(i, statement, database, tokens, sink, scope);
            case WriteStatement.Unload u -> unload(u, statement, database, tokens, sink, scope);
        };
    }

    private StatementOutcome ctas(WriteStatement.Ctas c, Statement statement, String database, List<Token> tokens,
                                  ResultSink sink, String scope) {
        String[] name = resolve(c.name(), database);
        String db = name[0];
        String table = name[1];
        if (catalog.database(db).isEmpty()) {
            throw AthenaErrors.query("SCHEMA_NOT_FOUND", c.name().get(0).position(), "Schema '" + db + "' does not exist");
        }
        if (catalog.table(db, table).isPresent()) {
            if (c.ifNotExists()) {
                sink.start(ResultFormat.CSV, ROWS);
                sink.row(List.of("0"));
                return new StatementOutcome("DDL", "CREATE_TABLE_AS_SELECT", 0, 1);
            }
            throw AthenaErrors.query("TABLE_ALREADY_EXISTS", c.name().get(0).position(), "Destination table '"
                    + TrinoTranslator.DUCKDB_CATALOG + "." + db + "." + table + "' already exists");
        }
        Map<String, List<String>> p = c.properties();
        if (p.containsKey("table_type") && !"HIVE".equalsIgnoreCase(one(p, "table_type"))) {
            throw AthenaErrors.notSupported("table_type '" + one(p, "table_type") + "' is not supported locally (only HIVE)");
        }
        if (p.containsKey("bucketed_by") || p.containsKey("bucket_count")) {
            throw AthenaErrors.notSupported("bucketed tables (bucketed_by) are not supported locally");
        }
        TableWriter.Format format = TableWriter.Format.named(one(p, "format"));
        S3Location location;
        if (p.containsKey("external_location")) {
            location = location(one(p, "external_location"));
            requireEmpty(location, "table '" + db + "." + table + "'");
        } else {
            location = location(statement.outputLocation()).resolve("tables/" + statement.queryExecutionId());
        }
        List<String> partitionBy = p.getOrDefault("partitioned_by", List.of()).stream()
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        String delimiter = one(p, "field_delimiter");
        String compression = p.containsKey("write_compression") ? one(p, "write_compression") : one(p, "parquet_compression");
        TrinoTranslator.Translation translation = TrinoTranslator.translate(c.query(), catalog, database, true, scope);
        String result = scope + ".main.__athena_result";
        return engine.withDuckDb(statement, scope, translation, database, tokens, (connection, jdbc, scanned) -> {
            jdbc.execute("CREATE TABLE " + result + " AS " + translation.sql());
            Map<String, String> columns = describe(jdbc, result);
            for (String key : partitionBy) {
                if (!columns.containsKey(key)) {
                    throw AthenaErrors.query("INVALID_TABLE_PROPERTY", null, "Partition column '" + key
                            + "' is not a column of the query result " + columns.keySet());
                }
            }
            List<CatalogColumn> data = new ArrayList<>();
            List<CatalogColumn> keys = new ArrayList<>();
            columns.forEach((column, type) -> {
                if (!partitionBy.contains(column)) {
                    data.add(new CatalogColumn(column, TableWriter.hiveType(type), null));
                }
            });
            for (String key : partitionBy) {
                keys.add(new CatalogColumn(key, TableWriter.hiveType(columns.get(key)), null));
            }
            long rows = count(jdbc, result);
            List<TableWriter.Written> written = c.withData()
                    ? TableWriter.write(jdbc, select(data, keys, result), format, delimiter, compression, partitionBy, location,
                    statement.queryExecutionId(), store, scratch(statement))
                    : List.of();
            Map<String, String> serdeProperties = new LinkedHashMap<>();
            if (format == TableWriter.Format.TEXTFILE) {
                String d = delimiter == null ? "\u0001" : delimiter;
                serdeProperties.put("field.delim", d);
                serdeProperties.put("serialization.format", d);
            } else if (format == TableWriter.Format.PARQUET) {
                serdeProperties.put("serialization.format", "1");
            }
            CatalogTable created = new CatalogTable(db, table, catalog.now(), data, keys, location.uri(),
                    format.inputFormat, format.outputFormat, new SerDeInfo(format.serde, serdeProperties), Map.of(), null);
            catalog.createTable(created);
            registerPartitions(created, written);
            sink.start(ResultFormat.CSV, ROWS);
            sink.row(List.of(Long.toString(rows)));
            return new StatementOutcome("DDL", "CREATE_TABLE_AS_SELECT", scanned, 1);
        });
    }

    private StatementOutcome insert(WriteStatement.Insert i, Statement statement, String database, List<Token> tokens,
                                    ResultSink sink, String scope) {
        String[] name = resolve(i.name(), database);
        CatalogTable table = catalog.table(name[0], name[1]).orElseThrow(() -> AthenaErrors.query("TABLE_NOT_FOUND",
                i.name().get(0).position(), "Table '" + TrinoTranslator.DUCKDB_CATALOG + "." + name[0] + "." + name[1]
                        + "' does not exist"));
        TableWriter.Format format = TableWriter.Format.of(table);
        List<String> all = table.allColumns().stream().map(CatalogColumn::name).toList();
        List<String> targets = i.columns().isEmpty() ? all : i.columns();
        for (String target : targets) {
            if (!all.contains(target)) {
                throw AthenaErrors.query("COLUMN_NOT_FOUND", i.name().get(0).position(), "Insert column name does not exist in target table: " + target);
            }
        }
        TrinoTranslator.Translation translation = TrinoTranslator.translate(i.query(), catalog, database, true, scope);
        String result = scope + ".main.__athena_result";
        return engine.withDuckDb(statement, scope, translation, database, tokens, (connection, jdbc, scanned) -> {
            jdbc.execute("CREATE TABLE " + result + " AS " + translation.sql());
            List<String> produced = new ArrayList<>(describe(jdbc, result).keySet());
            if (produced.size() != targets.size()) {
                throw AthenaErrors.query("TYPE_MISMATCH", i.name().get(0).position(), "Insert query has "
                        + produced.size() + " columns but the target table has " + targets.size() + " columns to insert");
            }
            List<String> select = new ArrayList<>();
            for (CatalogColumn column : table.allColumns()) {
                int at = targets.indexOf(column.name());
                String duck = HiveType.parse(column.type()).duckDb();
                select.add((at < 0 ? "CAST(NULL AS " + duck + ")" : "CAST(" + quote(produced.get(at)) + " AS " + duck + ")")
                        + " AS " + quote(column.name()));
            }
            long rows = count(jdbc, result);
            List<String> partitionBy = table.partitionKeys().stream().map(CatalogColumn::name).toList();
            String delimiter = table.serde().parameters().getOrDefault("field.delim", "\u0001");
            List<TableWriter.Written> written = rows == 0 ? List.of() : TableWriter.write(jdbc,
                    "SELECT " + String.join(", ", select) + " FROM " + result, format, delimiter, null, partitionBy,
                    location(table.location()), statement.queryExecutionId(), store, scratch(statement));
            registerPartitions(table, written);
            sink.start(ResultFormat.CSV, ROWS);
            sink.row(List.of(Long.toString(rows)));
            return new StatementOutcome("DML", "INSERT", scanned, 1);
        });
    }

    private StatementOutcome unload(WriteStatement.Unload u, Statement statement, String database, List<Token> tokens,
                                    ResultSink sink, String scope) {
        S3Location location = location(u.location());
        requireEmpty(location, "UNLOAD");
        Map<String, List<String>> p = u.properties();
        TableWriter.Format format = TableWriter.Format.named(one(p, "format"));
        List<String> partitionBy = p.getOrDefault("partitioned_by", List.of()).stream()
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        TrinoTranslator.Translation translation = TrinoTranslator.translate(u.query(), catalog, database, true, scope);
        return engine.withDuckDb(statement, scope, translation, database, tokens, (connection, jdbc, scanned) -> {
            List<TableWriter.Written> written = TableWriter.write(jdbc, translation.sql(), format,
                    one(p, "field_delimiter"), one(p, "compression"), partitionBy, location, statement.queryExecutionId(),
                    store, scratch(statement));
            sink.start(ResultFormat.TEXT, List.of(new ResultColumn("file", "string", 0, 0, "UNKNOWN")));
            written.forEach(w -> sink.row(List.of(w.uri())));
            return new StatementOutcome("DML", "UNLOAD", scanned, written.size());
        });
    }

    /** Registers the partitions that written {@code k=v/} folders hold. */
    private void registerPartitions(CatalogTable table, List<TableWriter.Written> written) {
        if (table.partitionKeys().isEmpty()) {
            return;
        }
        Set<List<String>> values = new LinkedHashSet<>();
        for (TableWriter.Written w : written) {
            String[] segments = w.relativePath().split("/");
            List<String> v = new ArrayList<>();
            for (int k = 0; k < table.partitionKeys().size() && k < segments.length - 1; k++) {
                String segment = segments[k];
                v.add(URLDecoder.decode(segment.substring(segment.indexOf('=') + 1), StandardCharsets.UTF_8));
            }
            if (v.size() == table.partitionKeys().size()) {
                values.add(v);
            }
        }
        S3Location location = location(table.location());
        List<CatalogPartition> partitions = values.stream().map(v -> new CatalogPartition(v,
                location.resolve(GlueCatalog.describe(table, v)).uri(), catalog.now())).toList();
        catalog.addPartitions(table.database(), table.name(), partitions, true);
    }

    private static String select(List<CatalogColumn> data, List<CatalogColumn> keys, String result) {
        List<String> columns = new ArrayList<>();
        for (CatalogColumn c : data) {
            columns.add("CAST(" + quote(c.name()) + " AS " + HiveType.parse(c.type()).duckDb() + ") AS " + quote(c.name()));
        }
        for (CatalogColumn c : keys) {
            columns.add(quote(c.name()));
        }
        return "SELECT " + String.join(", ", columns) + " FROM " + result;
    }

    private static Map<String, String> describe(java.sql.Statement jdbc, String result) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (ResultSet rs = jdbc.executeQuery("DESCRIBE " + result)) {
            while (rs.next()) {
                columns.put(rs.getString("column_name").toLowerCase(Locale.ROOT), rs.getString("column_type"));
            }
        }
        return columns;
    }

    private static long count(java.sql.Statement jdbc, String result) throws SQLException {
        try (ResultSet rs = jdbc.executeQuery("SELECT count(*) FROM " + result)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void requireEmpty(S3Location location, String what) {
        if (store.bucketExists(location.bucket()) && !store.listKeys(location.bucket(), location.prefix()).isEmpty()) {
            throw AthenaErrors.query("HIVE_PATH_ALREADY_EXISTS", null, "Target directory for " + what
                    + " already exists: " + location.uri());
        }
    }

    private Path scratch(Statement statement) {
        return settings.spillDirectory().resolve("write-" + String.valueOf(statement.queryExecutionId())
                .replaceAll("[^A-Za-z0-9_-]", "_") + "-" + System.nanoTime());
    }

    private static S3Location location(String uri) {
        return S3Location.parse(uri).orElseThrow(() -> AthenaErrors.query("INVALID_TABLE_PROPERTY", null,
                "'" + uri + "' is not an s3:// location"));
    }

    private static String one(Map<String, List<String>> properties, String name) {
        List<String> values = properties.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private String[] resolve(List<Token> parts, String database) {
        List<String> names = parts.stream().map(Token::name).collect(Collectors.toList());
        if (names.size() == 3 && !names.get(0).equalsIgnoreCase(Catalog.NAME)) {
            throw AthenaErrors.query("CATALOG_NOT_FOUND", parts.get(0).position(), "Catalog '" + names.get(0) + "' not found");
        }
        return switch (names.size()) {
            case 1 -> new String[] {database, names.get(0)};
            case 2 -> new String[] {names.get(0), names.get(1)};
            default -> new String[] {names.get(names.size() - 2), names.get(names.size() - 1)};
        };
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
