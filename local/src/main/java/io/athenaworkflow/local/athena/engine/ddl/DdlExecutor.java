package io.athenaworkflow.local.athena.engine.ddl;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.S3Location;
import io.athenaworkflow.local.athena.engine.catalog.Catalog;
import io.athenaworkflow.local.athena.engine.catalog.CatalogColumn;
import io.athenaworkflow.local.athena.engine.catalog.CatalogConflict;
import io.athenaworkflow.local.athena.engine.catalog.CatalogDatabase;
import io.athenaworkflow.local.athena.engine.catalog.CatalogPartition;
import io.athenaworkflow.local.athena.engine.catalog.CatalogTable;
import io.athenaworkflow.local.athena.engine.catalog.GlueCatalog;
import io.athenaworkflow.local.athena.engine.catalog.SerDeInfo;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.ColumnDefinition;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.PartitionSpec;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.TableName;
import io.athenaworkflow.local.s3.ObjectStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Runs parsed DDL and utility statements against the catalog, emitting the lines Athena writes to its .txt result. */
public final class DdlExecutor {

    private static final DateTimeFormatter HIVE_TIME =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final GlueCatalog catalog;
    private final ObjectStore store;

    public DdlExecutor(GlueCatalog catalog, ObjectStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    /**
     * Executes {@code statement}; {@code currentDatabase} names unqualified tables.
     *
     * @throws QueryFailure worded as Athena's DDL failures
     */
    public void execute(DdlStatement statement, String currentDatabase, Consumer<String> lines) {
        try {
            switch (statement) {
                case DdlStatement.CreateDatabase s -> createDatabase(s);
                case DdlStatement.DropDatabase s -> dropDatabase(s);
                case DdlStatement.CreateTable s -> createTable(s, currentDatabase);
                case DdlStatement.DropTable s -> dropTable(s, currentDatabase);
                case DdlStatement.ShowDatabases s -> catalog.databases().stream().map(CatalogDatabase::name)
                        .filter(regex(s.likePattern())).forEach(lines);
                case DdlStatement.ShowTables s -> {
                    String db = s.database() == null ? currentDatabase : s.database().toLowerCase(Locale.ROOT);
                    requireDatabase(db);
                    catalog.tables(db).stream().map(CatalogTable::name).filter(matcher(s.pattern())).forEach(lines);
                }
                case DdlStatement.ShowColumns s -> table(s.name(), currentDatabase).allColumns()
                        .forEach(c -> lines.accept(c.name()));
                case DdlStatement.ShowPartitions s -> showPartitions(table(s.name(), currentDatabase), lines);
                case DdlStatement.ShowCreateTable s -> showCreateTable(table(s.name(), currentDatabase), lines);
                case DdlStatement.ShowTblProperties s -> table(s.name(), currentDatabase).tableProperties()
                        .forEach((k, v) -> lines.accept(k + "\t" + v));
                case DdlStatement.Describe s -> describe(table(s.name(), currentDatabase), s.formatted(), lines);
                case DdlStatement.MsckRepair s -> msckRepair(table(s.name(), currentDatabase), lines);
                case DdlStatement.AddPartitions s -> addPartitions(s, currentDatabase);
                case DdlStatement.DropPartitions s -> dropPartitions(s, currentDatabase);
            }
        } catch (CatalogConflict e) {
            throw AthenaErrors.ddl("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                    + e.getMessage());
        }
    }

    private void createDatabase(DdlStatement.CreateDatabase s) {
        CatalogDatabase db = new CatalogDatabase(s.name(), s.comment(), s.location(), s.properties(), catalog.now());
        if (!catalog.createDatabase(db) && !s.ifNotExists()) {
            throw AthenaErrors.ddl("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                    + "Database " + s.name() + " already exists");
        }
    }

    private void dropDatabase(DdlStatement.DropDatabase s) {
        if (s.name().equalsIgnoreCase(GlueCatalog.DEFAULT_DATABASE)) {
            throw AthenaErrors.ddl("FAILED: SemanticException Can not drop default database");
        }
        if (!catalog.dropDatabase(s.name(), s.cascade()) && !s.ifExists()) {
            throw databaseNotFound(s.name());
        }
    }

    private void createTable(DdlStatement.CreateTable s, String currentDatabase) {
        String db = database(s.name(), currentDatabase);
        requireDatabase(db);
        if (s.serde().equals(SerDeInfo.ORC) || s.inputFormat().toLowerCase(Locale.ROOT).contains("orc")) {
            throw AthenaErrors.notSupported("STORED AS ORC is not supported locally: DuckDB cannot read ORC files. "
                    + "Store the data as PARQUET, TEXTFILE (CSV/TSV) or JSON");
        }
        if (s.serde().equals(SerDeInfo.AVRO) || s.inputFormat().toLowerCase(Locale.ROOT).contains("avro")) {
            throw AthenaErrors.notSupported("STORED AS AVRO is not supported locally (supported: PARQUET, TEXTFILE, "
                    + "JSON)");
        }
        Set<String> names = new LinkedHashSet<>();
        for (ColumnDefinition c : concat(s.columns(), s.partitionKeys())) {
            if (!names.add(c.name())) {
                throw AthenaErrors.ddl("FAILED: SemanticException [Error 10036]: Duplicate column name: " + c.name());
            }
        }
        if (SerDeInfo.OPEN_CSV.equals(s.serde())) {
            for (String key : List.of("separatorChar", "quoteChar", "escapeChar")) {
                String value = s.serdeProperties().get(key);
                if (value != null && value.length() != 1) {
                    throw AthenaErrors.ddl("FAILED: SemanticException OpenCSVSerde's " + key
                            + " must be exactly one character, got '" + value + "'");
                }
            }
        }
        String headerLines = s.tableProperties().get("skip.header.line.count");
        if (headerLines != null && !headerLines.matches("\\d+")) {
            throw AthenaErrors.ddl("FAILED: SemanticException skip.header.line.count must be a non-negative integer, got '"
                    + headerLines + "'");
        }
        CatalogTable table = new CatalogTable(db, s.name().table(), catalog.now(), columns(s.columns()),
                columns(s.partitionKeys()), S3Location.parse(s.location()).orElseThrow().uri(), s.inputFormat(),
                s.outputFormat(), new SerDeInfo(s.serde(), s.serdeProperties()), s.tableProperties(), s.comment());
        if (!catalog.createTable(table) && !s.ifNotExists()) {
            throw AthenaErrors.ddl("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                    + "AlreadyExistsException(message:Table " + db + "." + s.name().table() + " already exists)");
        }
    }

    private void dropTable(DdlStatement.DropTable s, String currentDatabase) {
        String db = database(s.name(), currentDatabase);
        if (!catalog.dropTable(db, s.name().table()) && !s.ifExists()) {
            throw tableNotFound(db, s.name().table());
        }
    }

    private void addPartitions(DdlStatement.AddPartitions s, String currentDatabase) {
        CatalogTable table = table(s.name(), currentDatabase);
        List<CatalogPartition> partitions = new ArrayList<>();
        for (PartitionSpec spec : s.partitions()) {
            List<String> values = values(table, spec);
            String location = spec.location() != null
                    ? S3Location.parse(spec.location()).orElseThrow(() -> AthenaErrors.ddl(
                            "FAILED: SemanticException Partition location must be an s3:// URI, got '" + spec.location() + "'")).uri()
                    : S3Location.parse(table.location()).orElseThrow().resolve(GlueCatalog.describe(table, values)).uri();
            partitions.add(new CatalogPartition(values, location, catalog.now()));
        }
        catalog.addPartitions(table.database(), table.name(), partitions, s.ifNotExists());
    }

    private void dropPartitions(DdlStatement.DropPartitions s, String currentDatabase) {
        CatalogTable table = table(s.name(), currentDatabase);
        List<List<String>> values = s.partitions().stream().map(spec -> values(table, spec)).toList();
        catalog.dropPartitions(table.database(), table.name(), values, s.ifExists());
    }

    /** The spec's values in partition-key order; every key must be given exactly. */
    private static List<String> values(CatalogTable table, PartitionSpec spec) {
        List<String> keys = table.partitionKeys().stream().map(CatalogColumn::name).toList();
        if (keys.isEmpty()) {
            throw AthenaErrors.ddl("FAILED: SemanticException table is not partitioned but partition spec exists: "
                    + spec.values());
        }
        if (!Set.copyOf(keys).equals(spec.values().keySet())) {
            throw AthenaErrors.ddl("FAILED: SemanticException [Error 10006]: Partition spec " + spec.values()
                    + " does not match the partition keys " + keys + " of " + table.database() + "." + table.name());
        }
        return keys.stream().map(spec.values()::get).toList();
    }

    private void msckRepair(CatalogTable table, Consumer<String> lines) {
        if (table.partitionKeys().isEmpty()) {
            return;
        }
        S3Location location = S3Location.parse(table.location()).orElseThrow();
        Set<List<String>> known = new java.util.HashSet<>();
        catalog.partitions(table.database(), table.name()).forEach(p -> known.add(p.values()));
        Set<List<String>> found = new LinkedHashSet<>();
        if (store.bucketExists(location.bucket())) {
            for (String key : store.listKeys(location.bucket(), location.prefix())) {
                String[] segments = key.substring(location.prefix().length()).split("/");
                if (segments.length <= table.partitionKeys().size()) {
                    continue;
                }
                List<String> values = new ArrayList<>();
                for (int i = 0; i < table.partitionKeys().size(); i++) {
                    String segment = segments[i];
                    String prefix = table.partitionKeys().get(i).name() + "=";
                    if (!segment.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                        values = null;
                        break;
                    }
                    values.add(URLDecoder.decode(segment.substring(prefix.length()), StandardCharsets.UTF_8));
                }
                if (values != null && !known.contains(values)) {
                    found.add(values);
                }
            }
        }
        if (found.isEmpty()) {
            return;
        }
        List<CatalogPartition> partitions = new ArrayList<>();
        StringBuilder missing = new StringBuilder("Partitions not in metastore:");
        for (List<String> values : found) {
            String name = GlueCatalog.describe(table, values);
            missing.append('\t').append(table.name()).append(':').append(name);
            partitions.add(new CatalogPartition(values, location.resolve(name).uri(), catalog.now()));
        }
        catalog.addPartitions(table.database(), table.name(), partitions, true);
        lines.accept(missing.toString());
        for (List<String> values : found) {
            lines.accept("Repair: Added partition to metastore " + table.name() + ":" + GlueCatalog.describe(table, values));
        }
    }

    private void showPartitions(CatalogTable table, Consumer<String> lines) {
        if (table.partitionKeys().isEmpty()) {
            throw AthenaErrors.ddl("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                    + "Table " + table.name() + " is not a partitioned table");
        }
        catalog.partitions(table.database(), table.name()).forEach(p -> lines.accept(GlueCatalog.describe(table, p.values())));
    }

    private static void showCreateTable(CatalogTable table, Consumer<String> lines) {
        lines.accept("CREATE EXTERNAL TABLE `" + table.database() + "`.`" + table.name() + "`(");
        columnLines(table.columns(), lines);
        if (table.comment() != null) {
            lines.accept("COMMENT '" + quote(table.comment()) + "'");
        }
        if (!table.partitionKeys().isEmpty()) {
            lines.accept("PARTITIONED BY ( ");
            columnLines(table.partitionKeys(), lines);
        }
        lines.accept("ROW FORMAT SERDE ");
        lines.accept("  '" + table.serde().serializationLibrary() + "' ");
        if (!table.serde().parameters().isEmpty()) {
            lines.accept("WITH SERDEPROPERTIES ( ");
            propertyLines(table.serde().parameters(), lines);
        }
        lines.accept("STORED AS INPUTFORMAT ");
        lines.accept("  '" + table.inputFormat() + "' ");
        lines.accept("OUTPUTFORMAT ");
        lines.accept("  '" + table.outputFormat() + "'");
        lines.accept("LOCATION");
        lines.accept("  '" + table.location() + "'");
        if (!table.tableProperties().isEmpty()) {
            lines.accept("TBLPROPERTIES (");
            propertyLines(table.tableProperties(), lines);
        }
    }

    private static void columnLines(List<CatalogColumn> columns, Consumer<String> lines) {
        for (int i = 0; i < columns.size(); i++) {
            CatalogColumn c = columns.get(i);
            String comment = c.comment() == null ? "" : " COMMENT '" + quote(c.comment()) + "'";
            lines.accept("  `" + c.name() + "` " + c.type() + comment + (i == columns.size() - 1 ? ")" : ", "));
        }
    }

    private static void propertyLines(Map<String, String> properties, Consumer<String> lines) {
        List<Map.Entry<String, String>> entries = List.copyOf(properties.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            lines.accept("  '" + quote(entries.get(i).getKey()) + "'='" + quote(entries.get(i).getValue()) + "'"
                    + (i == entries.size() - 1 ? ")" : ", "));
        }
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\%03o", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Hive's DESCRIBE layout: name, type and comment each left-aligned in 20 characters, tab-separated. */
    private void describe(CatalogTable table, boolean formatted, Consumer<String> lines) {
        if (formatted) {
            lines.accept(row("# col_name", "data_type", "comment"));
            lines.accept(row("", null, null));
        }
        // Plain DESCRIBE lists the partition keys with the columns, then again in their own section.
        (formatted ? table.columns() : table.allColumns()).forEach(c -> lines.accept(row(c.name(), c.type(), c.comment())));
        if (!table.partitionKeys().isEmpty()) {
            lines.accept(row("", null, null));
            lines.accept(row("# Partition Information", null, null));
            lines.accept(row("# col_name", "data_type", "comment"));
            lines.accept(row("", null, null));
            table.partitionKeys().forEach(c -> lines.accept(row(c.name(), c.type(), c.comment())));
        }
        if (!formatted) {
            return;
        }
        lines.accept(row("", null, null));
        lines.accept(row("# Detailed Table Information", null, null));
        lines.accept(row("Database:", table.database(), null));
        lines.accept(row("Owner:", "hadoop", null));
        lines.accept(row("CreateTime:", HIVE_TIME.format(table.createTime()), null));
        lines.accept(row("LastAccessTime:", "UNKNOWN", null));
        lines.accept(row("Retention:", "0", null));
        lines.accept(row("Location:", table.location(), null));
        lines.accept(row("Table Type:", table.tableType(), null));
        lines.accept(row("Table Parameters:", null, null));
        lines.accept(row("", "EXTERNAL", "TRUE"));
        table.tableProperties().forEach((k, v) -> lines.accept(row("", k, v)));
        lines.accept(row("", "transient_lastDdlTime", String.valueOf(table.createTime().getEpochSecond())));
        lines.accept(row("", null, null));
        lines.accept(row("# Storage Information", null, null));
        lines.accept(row("SerDe Library:", table.serde().serializationLibrary(), null));
        lines.accept(row("InputFormat:", table.inputFormat(), null));
        lines.accept(row("OutputFormat:", table.outputFormat(), null));
        lines.accept(row("Compressed:", "No", null));
        lines.accept(row("Num Buckets:", "-1", null));
        lines.accept(row("Bucket Columns:", "[]", null));
        lines.accept(row("Sort Columns:", "[]", null));
        lines.accept(row("Storage Desc Params:", null, null));
        table.serde().parameters().forEach((k, v) -> lines.accept(row("", k, v)));
    }

    private static String row(String name, String type, String comment) {
        return pad(name) + "\t" + pad(type) + "\t" + pad(comment);
    }

    private static String pad(String text) {
        String t = text == null ? "" : text;
        return t.length() >= 20 ? t : t + " ".repeat(20 - t.length());
    }

    private CatalogTable table(TableName name, String currentDatabase) {
        String db = database(name, currentDatabase);
        return catalog.table(db, name.table()).orElseThrow(() -> tableNotFound(db, name.table()));
    }

    private String database(TableName name, String currentDatabase) {
        if (name.catalog() != null && !name.catalog().equalsIgnoreCase(Catalog.NAME)) {
            throw AthenaErrors.ddl("FAILED: SemanticException Catalog '" + name.catalog() + "' does not exist; the "
                    + "local engine has only " + Catalog.NAME);
        }
        return name.database() != null ? name.database() : currentDatabase;
    }

    private void requireDatabase(String db) {
        if (catalog.database(db).isEmpty()) {
            throw databaseNotFound(db);
        }
    }

    private static QueryFailure databaseNotFound(String db) {
        return AthenaErrors.ddl("FAILED: SemanticException [Error 10072]: Database does not exist: " + db);
    }

    private static QueryFailure tableNotFound(String db, String table) {
        return AthenaErrors.ddl("FAILED: SemanticException [Error 10001]: Table not found " + db + "." + table);
    }

    private static List<CatalogColumn> columns(List<ColumnDefinition> definitions) {
        return definitions.stream().map(d -> new CatalogColumn(d.name(), d.type().hive(), d.comment())).toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** SHOW DATABASES LIKE takes a regular expression (e.g. {@code sales.*}), matched case-insensitively. */
    private static java.util.function.Predicate<String> regex(String pattern) {
        if (pattern == null) {
            return name -> true;
        }
        try {
            Pattern compiled = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
            return name -> compiled.matcher(name).matches();
        } catch (java.util.regex.PatternSyntaxException e) {
            throw AthenaErrors.ddl("FAILED: SemanticException Invalid pattern '" + pattern + "': " + e.getDescription());
        }
    }

    /** SHOW TABLES' pattern: {@code *} any characters, {@code |} alternatives, case-insensitive. */
    private static java.util.function.Predicate<String> matcher(String pattern) {
        if (pattern == null) {
            return name -> true;
        }
        StringBuilder regex = new StringBuilder();
        for (String alternative : pattern.split("\\|")) {
            regex.append(regex.isEmpty() ? "" : "|");
            for (String part : alternative.trim().split("\\*", -1)) {
                regex.append(Pattern.quote(part)).append(".*");
            }
            regex.setLength(regex.length() - 2);
        }
        Pattern compiled = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
        return name -> compiled.matcher(name).matches();
    }
}
