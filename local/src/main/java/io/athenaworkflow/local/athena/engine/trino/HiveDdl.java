package io.athenaworkflow.local.athena.engine.trino;

import static io.athenaworkflow.local.athena.engine.trino.TrinoRunner.literal;
import static io.athenaworkflow.local.athena.engine.trino.TrinoRunner.quote;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.Cancellation;
import io.athenaworkflow.local.athena.engine.ResultColumn;
import io.athenaworkflow.local.athena.engine.ResultFormat;
import io.athenaworkflow.local.athena.engine.ResultSink;
import io.athenaworkflow.local.athena.engine.StatementOutcome;
import io.athenaworkflow.local.athena.engine.ddl.SerDeInfo;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.ColumnDefinition;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.PartitionSpec;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Athena's Hive DDL and utility statements (as {@link io.athenaworkflow.local.athena.engine.ddl.DdlParser} parses
 * them) run as their Trino Hive-connector equivalents: CREATE EXTERNAL TABLE becomes CREATE TABLE ... WITH
 * (external_location, format, partitioned_by, ...), MSCK REPAIR TABLE {@code system.sync_partition_metadata}, ALTER
 * TABLE ADD/DROP PARTITION {@code system.register_partition}/{@code unregister_partition}; SHOW and DESCRIBE read
 * the metastore through Trino and print what Athena prints.
 */
final class HiveDdl {

    /** Table properties Trino's Hive connector takes as table properties of its own. */
    private static final Map<String, String> TRINO_TABLE_PROPERTIES = Map.of(
            "skip.header.line.count", "skip_header_line_count",
            "skip.footer.line.count", "skip_footer_line_count");

    private final TrinoRunner trino;
    private final String catalog;
    private final TrinoCatalog metadata;
    private final IcebergDdl iceberg;

    HiveDdl(TrinoRunner trino, String catalog, TrinoCatalog metadata, IcebergDdl iceberg) {
        this.trino = trino;
        this.catalog = catalog;
        this.metadata = metadata;
        this.iceberg = iceberg;
    }

    StatementOutcome execute(DdlStatement statement, String database, Cancellation cancellation, ResultSink sink) {
        List<String> lines = new ArrayList<>();
        switch (statement) {
            case DdlStatement.CreateDatabase s -> run("CREATE SCHEMA " + (s.ifNotExists() ? "IF NOT EXISTS " : "")
                    + schema(s.name())
                    + (s.location() == null ? "" : " WITH (location = " + literal(s.location()) + ")"),
                    database, cancellation);
            case DdlStatement.DropDatabase s -> run("DROP SCHEMA " + (s.ifExists() ? "IF EXISTS " : "")
                    + schema(s.name()) + (s.cascade() ? " CASCADE" : ""), database, cancellation);
            case DdlStatement.CreateTable s -> createTable(s, database, cancellation);
            case DdlStatement.CreateIcebergTable s -> iceberg.create(s, database, cancellation);
            case DdlStatement.DropTable s -> dropTable(s, database, cancellation);
            case DdlStatement.ShowDatabases s -> filter(column("SELECT schema_name FROM " + quote(catalog)
                    + ".information_schema.schemata WHERE schema_name <> 'information_schema' ORDER BY 1", database,
                    cancellation), s.likePattern()).forEach(lines::add);
            case DdlStatement.ShowTables s -> filter(column("SELECT table_name FROM " + quote(catalog)
                    + ".information_schema.tables WHERE table_schema = "
                    + literal(s.database() == null ? database : s.database().toLowerCase(Locale.ROOT))
                    + " ORDER BY 1", database, cancellation).stream().filter(t -> !OpenCsvTables.isSource(t))
                    .toList(), s.pattern()).forEach(lines::add);
            case DdlStatement.ShowColumns s -> describe(s.name(), database, cancellation)
                    .forEach(c -> lines.add(c.get(0)));
            case DdlStatement.ShowPartitions s -> showPartitions(s.name(), database, cancellation, lines::add);
            case DdlStatement.ShowCreateTable s -> lines.addAll(List.of(column("SHOW CREATE TABLE "
                    + table(s.name(), database), database, cancellation).getFirst().split("\n")));
            case DdlStatement.ShowTblProperties s -> properties(s.name(), database, cancellation)
                    .forEach((k, v) -> lines.add(k + "\t" + v));
            case DdlStatement.Describe s -> describe(s, database, cancellation, lines::add);
            case DdlStatement.MsckRepair s -> msckRepair(s.name(), database, cancellation, lines::add);
            case DdlStatement.AddPartitions s -> addPartitions(s, database, cancellation);
            case DdlStatement.DropPartitions s -> dropPartitions(s, database, cancellation);
        }
        sink.start(ResultFormat.TEXT, List.of(new ResultColumn(textColumn(statement), "string", 0, 0, "UNKNOWN")));
        lines.forEach(line -> sink.row(List.of(line)));
        return new StatementOutcome(statement.statementType(), statement.substatementType(), 0, lines.size());
    }

    /**
     * CREATE EXTERNAL TABLE. An OpenCSVSerde table with non-string columns (Athena reads them; Trino's CSV format
     * takes VARCHAR columns only) becomes a VARCHAR table under a hidden name plus a view of the table's name that
     * casts each column ({@link OpenCsvTables}).
     */
    private void createTable(DdlStatement.CreateTable s, String database, Cancellation cancellation) {
        if (!OpenCsvTables.needsCasts(s)) {
            run(createTableStatement(s, s.name(), s.columns(), database), database, cancellation);
            return;
        }
        String db = database(s.name(), database);
        TableName source = new TableName(s.name().catalog(), db, OpenCsvTables.source(s.name().table()),
                s.name().position());
        if (s.ifNotExists() && exists(db, s.name().table(), cancellation)) {
            return;
        }
        run(createTableStatement(s, source, OpenCsvTables.asStrings(s.columns()), database), database, cancellation);
        try {
            run("CREATE VIEW " + table(s.name(), database) + " AS " + OpenCsvTables.castingSelect(s,
                    quote(catalog) + "." + quote(db) + "." + quote(source.table())), database, cancellation);
        } catch (RuntimeException e) {
            run("DROP TABLE IF EXISTS " + table(source, database), database, cancellation);
            throw e;
        }
    }

    private boolean exists(String db, String table, Cancellation cancellation) {
        return !trino.rows("SELECT 1 FROM " + quote(catalog) + ".information_schema.tables WHERE table_schema = "
                + literal(db) + " AND table_name = " + literal(table.toLowerCase(Locale.ROOT)), db, cancellation)
                .isEmpty();
    }

    private boolean isView(TableName name, String database, Cancellation cancellation) {
        String db = database(name, database);
        return !trino.rows("SELECT 1 FROM " + quote(catalog) + ".information_schema.tables WHERE table_schema = "
                + literal(db) + " AND table_name = " + literal(name.table().toLowerCase(Locale.ROOT))
                + " AND table_type = 'VIEW'", db, cancellation).isEmpty();
    }

    private void dropTable(DdlStatement.DropTable s, String database, Cancellation cancellation) {
        TableName storage = storage(s.name(), database, cancellation);
        if (storage == s.name()) {
            run("DROP TABLE " + (s.ifExists() ? "IF EXISTS " : "") + table(s.name(), database), database,
                    cancellation);
            return;
        }
        run("DROP VIEW " + table(s.name(), database), database, cancellation);
        run("DROP TABLE " + table(storage, database), database, cancellation);
    }

    /** The table holding {@code name}'s data and partitions: itself, or an OpenCSV table's hidden VARCHAR table. */
    private TableName storage(TableName name, String database, Cancellation cancellation) {
        String db = database(name, database);
        String source = OpenCsvTables.source(name.table());
        return exists(db, source, cancellation)
                ? new TableName(name.catalog(), db, source, name.position()) : name;
    }

    private String createTableStatement(DdlStatement.CreateTable s, TableName name, List<ColumnDefinition> dataColumns,
                                        String database) {
        Set<String> names = new LinkedHashSet<>();
        List<String> columns = new ArrayList<>();
        for (ColumnDefinition c : concat(dataColumns, s.partitionKeys())) {
            if (!names.add(c.name().toLowerCase(Locale.ROOT))) {
                throw AthenaErrors.ddl("FAILED: SemanticException [Error 10036]: Duplicate column name: " + c.name());
            }
            columns.add(quote(c.name()) + " " + HiveTypes.toTrino(c.type())
                    + (c.comment() == null ? "" : " COMMENT " + literal(c.comment())));
        }
        Map<String, String> with = new LinkedHashMap<>();
        with.put("external_location", literal(s.location().replaceFirst("^s3[an]://", "s3://")));
        format(s, dataColumns, with);
        if (!s.partitionKeys().isEmpty()) {
            with.put("partitioned_by", "ARRAY[" + String.join(", ",
                    s.partitionKeys().stream().map(k -> literal(k.name())).toList()) + "]");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        // Hive records when a table was defined; GetTableMetadata's CreateTime reads it back.
        extra.put("transient_lastDdlTime", Long.toString(System.currentTimeMillis() / 1000));
        s.tableProperties().forEach((key, value) -> {
            String trinoProperty = TRINO_TABLE_PROPERTIES.get(key);
            if (trinoProperty != null) {
                if (!value.matches("\\d+")) {
                    throw AthenaErrors.ddl("FAILED: SemanticException " + key + " must be a non-negative integer, got '"
                            + value + "'");
                }
                with.put(trinoProperty, value);
            } else {
                // Athena's partition projection ('projection.*', 'storage.location.template') stays a table
                // parameter as in Glue: Trino's Hive connector reads these same parameters when it plans a query.
                extra.put(key, value);
            }
        });
        {
            // Kept in the metastore as the table's parameters, so GetTableMetadata and SHOW TBLPROPERTIES show them.
            with.put("extra_properties", "MAP(ARRAY[" + String.join(", ", extra.keySet().stream()
                    .map(TrinoRunner::literal).toList()) + "], ARRAY[" + String.join(", ", extra.values().stream()
                    .map(TrinoRunner::literal).toList()) + "])");
        }
        List<String> properties = new ArrayList<>();
        with.forEach((k, v) -> properties.add(k + " = " + v));
        return "CREATE TABLE " + (s.ifNotExists() ? "IF NOT EXISTS " : "") + table(name, database) + " ("
                + String.join(", ", columns) + ")"
                + (s.comment() == null ? "" : " COMMENT " + literal(s.comment()))
                + " WITH (" + String.join(", ", properties) + ")";
    }

    /** Trino's format (and its options) for the table's SerDe and input format. */
    private static void format(DdlStatement.CreateTable s, List<ColumnDefinition> dataColumns,
                               Map<String, String> with) {
        Map<String, String> serde = s.serdeProperties();
        String input = s.inputFormat() == null ? "" : s.inputFormat().toLowerCase(Locale.ROOT);
        switch (s.serde()) {
            case SerDeInfo.LAZY_SIMPLE -> {
                with.put("format", "'TEXTFILE'");
                String separator = serde.get("field.delim");
                if (separator != null) {
                    with.put("textfile_field_separator", literal(separator));
                }
                String escape = serde.get("escape.delim");
                if (escape != null) {
                    with.put("textfile_field_separator_escape", literal(escape));
                }
                String nullFormat = serde.get("serialization.null.format");
                if (nullFormat != null) {
                    with.put("null_format", literal(nullFormat));
                }
            }
            case SerDeInfo.OPEN_CSV -> {
                if (dataColumns.stream().anyMatch(c -> !c.type().isString())) {
                    throw new IllegalStateException("OpenCSV data columns must be strings here: " + dataColumns);
                }
                with.put("format", "'CSV'");
                putSingleCharacter(serde, "separatorChar", "csv_separator", with);
                putSingleCharacter(serde, "quoteChar", "csv_quote", with);
                putSingleCharacter(serde, "escapeChar", "csv_escape", with);
            }
            case SerDeInfo.OPENX_JSON -> with.put("format", "'OPENX_JSON'");
            case SerDeInfo.HIVE_JSON -> with.put("format", "'JSON'");
            case SerDeInfo.PARQUET -> with.put("format", "'PARQUET'");
            case SerDeInfo.ORC -> with.put("format", "'ORC'");
            case SerDeInfo.AVRO -> with.put("format", "'AVRO'");
            default -> {
                if (input.contains("parquet")) {
                    with.put("format", "'PARQUET'");
                } else if (input.contains("orc")) {
                    with.put("format", "'ORC'");
                } else {
                    throw AthenaErrors.notSupported("SerDe " + s.serde() + " is not supported by the local Athena "
                            + "engine (supported: LazySimpleSerDe, OpenCSVSerde, the Hive and OpenX JSON SerDes, "
                            + "Parquet, ORC, Avro)");
                }
            }
        }
    }

    private static void putSingleCharacter(Map<String, String> serde, String key, String property,
                                           Map<String, String> with) {
        String value = serde.get(key);
        if (value == null) {
            return;
        }
        if (value.length() != 1) {
            throw AthenaErrors.ddl("FAILED: SemanticException OpenCSVSerde's " + key
                    + " must be exactly one character, got '" + value + "'");
        }
        with.put(property, literal(value));
    }

    private void showPartitions(TableName table, String database, Cancellation cancellation, Consumer<String> lines) {
        iceberg.refuseHiveOnly("SHOW PARTITIONS", database(table, database), table.table(), cancellation);
        TableName name = storage(table, database, cancellation);
        List<String> keys = partitionKeys(name, database, cancellation);
        if (keys.isEmpty()) {
            throw AthenaErrors.ddl("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec."
                    + "DDLTask. Table " + table.table() + " is not a partitioned table");
        }
        partitions(name, database, keys, cancellation).forEach(lines);
    }

    /** The table's partitions as Hive names them ({@code k1=v1/k2=v2}), sorted. */
    private List<String> partitions(TableName name, String database, List<String> keys, Cancellation cancellation) {
        String db = database(name, database);
        List<String> names = new ArrayList<>();
        for (List<String> row : trino.rows("SELECT " + String.join(", ", keys.stream().map(k -> "CAST(" + quote(k)
                + " AS varchar)").toList()) + " FROM " + quote(catalog) + "." + quote(db) + "."
                + quote(name.table().toLowerCase(Locale.ROOT) + "$partitions") + " ORDER BY 1", db, cancellation)) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                parts.add(keys.get(i) + "=" + row.get(i));
            }
            names.add(String.join("/", parts));
        }
        return names;
    }

    private void msckRepair(TableName table, String database, Cancellation cancellation, Consumer<String> lines) {
        iceberg.refuseHiveOnly("MSCK REPAIR TABLE", database(table, database), table.table(), cancellation);
        TableName name = storage(table, database, cancellation);
        List<String> keys = partitionKeys(name, database, cancellation);
        if (keys.isEmpty()) {
            return;
        }
        String db = database(name, database);
        Set<String> before = new LinkedHashSet<>(partitions(name, database, keys, cancellation));
        // Athena's MSCK REPAIR TABLE only adds partitions.
        run("CALL " + quote(catalog) + ".system.sync_partition_metadata(" + literal(db) + ", "
                + literal(name.table().toLowerCase(Locale.ROOT)) + ", 'ADD')", db, cancellation);
        List<String> added = partitions(name, database, keys, cancellation).stream()
                .filter(p -> !before.contains(p)).toList();
        if (added.isEmpty()) {
            return;
        }
        String shown = table.table().toLowerCase(Locale.ROOT);
        lines.accept("Partitions not in metastore:" + String.join("", added.stream()
                .map(p -> "\t" + shown + ":" + p).toList()));
        added.forEach(p -> lines.accept("Repair: Added partition to metastore " + shown + ":" + p));
    }

    private void addPartitions(DdlStatement.AddPartitions statement, String database, Cancellation cancellation) {
        iceberg.refuseHiveOnly("ALTER TABLE ADD PARTITION", database(statement.name(), database),
                statement.name().table(), cancellation);
        DdlStatement.AddPartitions s = new DdlStatement.AddPartitions(storage(statement.name(), database,
                cancellation), statement.ifNotExists(), statement.partitions());
        String db = database(s.name(), database);
        List<String> keys = partitionKeys(s.name(), database, cancellation);
        Set<String> existing = new LinkedHashSet<>(partitions(s.name(), database, keys, cancellation));
        for (PartitionSpec spec : s.partitions()) {
            List<String> values = values(keys, spec, s.name());
            if (existing.contains(partitionName(keys, values))) {
                if (s.ifNotExists()) {
                    continue;
                }
                throw AthenaErrors.ddl("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec."
                        + "DDLTask. AlreadyExistsException(message:Partition already exists)");
            }
            run("CALL " + quote(catalog) + ".system.register_partition(" + literal(db) + ", "
                    + literal(s.name().table().toLowerCase(Locale.ROOT)) + ", " + array(keys) + ", " + array(values)
                    + (spec.location() == null ? ""
                            : ", " + literal(spec.location().replaceFirst("^s3[an]://", "s3://")))
                    + ")", db, cancellation);
        }
    }

    private void dropPartitions(DdlStatement.DropPartitions statement, String database, Cancellation cancellation) {
        iceberg.refuseHiveOnly("ALTER TABLE DROP PARTITION", database(statement.name(), database),
                statement.name().table(), cancellation);
        DdlStatement.DropPartitions s = new DdlStatement.DropPartitions(storage(statement.name(), database,
                cancellation), statement.ifExists(), statement.partitions());
        String db = database(s.name(), database);
        List<String> keys = partitionKeys(s.name(), database, cancellation);
        Set<String> existing = new LinkedHashSet<>(partitions(s.name(), database, keys, cancellation));
        for (PartitionSpec spec : s.partitions()) {
            List<String> values = values(keys, spec, s.name());
            if (!existing.contains(partitionName(keys, values))) {
                if (s.ifExists()) {
                    continue;
                }
                throw AthenaErrors.ddl("FAILED: SemanticException [Error 10006]: Partition not found "
                        + partitionName(keys, values));
            }
            // Like Athena's DROP PARTITION on an external table: the metadata goes, the files stay.
            run("CALL " + quote(catalog) + ".system.unregister_partition(" + literal(db) + ", "
                    + literal(s.name().table().toLowerCase(Locale.ROOT)) + ", " + array(keys) + ", " + array(values)
                    + ")", db, cancellation);
        }
    }

    private static List<String> values(List<String> keys, PartitionSpec spec, TableName table) {
        Map<String, String> given = new LinkedHashMap<>();
        spec.values().forEach((k, v) -> given.put(k.toLowerCase(Locale.ROOT), v));
        if (!given.keySet().equals(new LinkedHashSet<>(keys))) {
            throw AthenaErrors.ddl("FAILED: SemanticException [Error 10098]: Non-Partition column appears in the "
                    + "partition specification of " + table.table() + ": expected the partition columns " + keys
                    + ", got " + given.keySet());
        }
        return keys.stream().map(given::get).toList();
    }

    private static String partitionName(List<String> keys, List<String> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            parts.add(keys.get(i) + "=" + values.get(i));
        }
        return String.join("/", parts);
    }

    private static String array(List<String> values) {
        return "ARRAY[" + String.join(", ", values.stream().map(TrinoRunner::literal).toList()) + "]";
    }

    /** Hive's DESCRIBE layout: name, type and comment each left-aligned in 20 characters, tab-separated. */
    private void describe(DdlStatement.Describe s, String database, Cancellation cancellation, Consumer<String> lines) {
        if (s.formatted()) {
            TableName storage = storage(s.name(), database, cancellation);
            if (isView(storage, database, cancellation)) {
                throw AthenaErrors.notSupported("DESCRIBE FORMATTED of a view is not supported by the local Athena "
                        + "engine on Trino; use DESCRIBE or SHOW CREATE VIEW");
            }
            DescribeFormatted.lines(database(s.name(), database), describe(s.name(), database, cancellation),
                    column("SHOW CREATE TABLE " + table(storage, database), database, cancellation).getFirst(),
                    metadata.parameters(database(storage, database), storage.table().toLowerCase(Locale.ROOT),
                            cancellation)).forEach(lines);
            return;
        }
        List<List<String>> columns = describe(s.name(), database, cancellation);
        columns.forEach(c -> lines.accept(row(c.get(0), HiveTypes.toHive(c.get(1)), c.get(3))));
        List<List<String>> keys = columns.stream().filter(c -> "partition key".equals(c.get(2))).toList();
        if (!keys.isEmpty()) {
            lines.accept(row("", null, null));
            lines.accept(row("# Partition Information", null, null));
            lines.accept(row("# col_name", "data_type", "comment"));
            lines.accept(row("", null, null));
            keys.forEach(c -> lines.accept(row(c.get(0), HiveTypes.toHive(c.get(1)), c.get(3))));
        }
    }

    /** Trino's DESCRIBE rows: column, type, extra ({@code partition key}), comment. */
    private List<List<String>> describe(TableName name, String database, Cancellation cancellation) {
        return metadata.describe(database(name, database), name.table().toLowerCase(Locale.ROOT), cancellation);
    }

    private List<String> partitionKeys(TableName name, String database, Cancellation cancellation) {
        return describe(name, database, cancellation).stream().filter(c -> "partition key".equals(c.get(2)))
                .map(c -> c.get(0)).toList();
    }

    private Map<String, String> properties(TableName name, String database, Cancellation cancellation) {
        String db = database(name, database);
        if (iceberg.isIceberg(db, name.table(), cancellation)) {
            return iceberg.tblProperties(db, name.table(), cancellation);
        }
        Map<String, String> properties = new java.util.TreeMap<>(metadata.parameters(db,
                storage(name, database, cancellation).table().toLowerCase(Locale.ROOT), cancellation));
        properties.remove("EXTERNAL");
        return properties;
    }

    private List<String> column(String sql, String schema, Cancellation cancellation) {
        return trino.rows(sql, schema, cancellation).stream().map(List::getFirst).toList();
    }

    /** Athena's SHOW ... LIKE patterns: {@code *} any characters, {@code |} alternatives, case-insensitive. */
    private static List<String> filter(List<String> names, String pattern) {
        if (pattern == null) {
            return names;
        }
        List<String> alternatives = new ArrayList<>();
        for (String alternative : pattern.split("\\|")) {
            alternatives.add(Pattern.quote(alternative.trim()).replace("*", "\\E.*\\Q"));
        }
        Pattern regex = Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE);
        return names.stream().filter(n -> regex.matcher(n).matches()).toList();
    }

    private void run(String sql, String schema, Cancellation cancellation) {
        trino.run(sql, schema, cancellation, TrinoRunner.IGNORE);
    }

    private String schema(String name) {
        return quote(catalog) + "." + quote(name.toLowerCase(Locale.ROOT));
    }

    private String table(TableName name, String database) {
        if (name.catalog() != null && !name.catalog().equalsIgnoreCase("awsdatacatalog")) {
            throw AthenaErrors.query("CATALOG_NOT_FOUND", name.position(), "Catalog '" + name.catalog()
                    + "' not found");
        }
        return quote(catalog) + "." + quote(database(name, database)) + "."
                + quote(name.table().toLowerCase(Locale.ROOT));
    }

    private static String database(TableName name, String database) {
        return name.database() == null ? database : name.database().toLowerCase(Locale.ROOT);
    }

    private static String row(String name, String type, String comment) {
        return pad(name) + "\t" + pad(type) + "\t" + pad(comment);
    }

    private static String pad(String text) {
        String t = text == null ? "" : text;
        return t.length() >= 20 ? t : t + " ".repeat(20 - t.length());
    }

    private static String textColumn(DdlStatement statement) {
        return switch (statement) {
            case DdlStatement.ShowTables s -> "tab_name";
            case DdlStatement.ShowDatabases s -> "database_name";
            case DdlStatement.ShowColumns s -> "field";
            case DdlStatement.ShowPartitions s -> "partition";
            case DdlStatement.ShowCreateTable s -> "createtab_stmt";
            case DdlStatement.ShowTblProperties s -> "prpt_name";
            case DdlStatement.Describe s -> "col_name";
            default -> "result";
        };
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
