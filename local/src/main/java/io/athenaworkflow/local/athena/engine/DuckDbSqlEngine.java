package io.athenaworkflow.local.athena.engine;

import io.athenaworkflow.local.athena.engine.catalog.Catalog;
import io.athenaworkflow.local.athena.engine.catalog.CatalogTable;
import io.athenaworkflow.local.athena.engine.catalog.GlueCatalog;
import io.athenaworkflow.local.athena.engine.ddl.DdlExecutor;
import io.athenaworkflow.local.athena.engine.ddl.DdlParser;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement;
import io.athenaworkflow.local.athena.engine.query.AthenaValues;
import io.athenaworkflow.local.athena.engine.query.DuckDbErrors;
import io.athenaworkflow.local.athena.engine.query.FunctionRules;
import io.athenaworkflow.local.athena.engine.query.PartitionProjection;
import io.athenaworkflow.local.athena.engine.query.TableSources;
import io.athenaworkflow.local.athena.engine.query.TrinoTranslator;
import io.athenaworkflow.local.athena.engine.query.WriteStatement;
import io.athenaworkflow.local.athena.engine.sql.Lexer;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import io.athenaworkflow.local.s3.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBConnection;

/**
 * The local Athena SQL engine: Athena's Hive DDL against a {@link GlueCatalog}, and Trino queries translated to
 * DuckDB and run over the catalog tables' files in the local S3 directory.
 *
 * <p>Concurrency: the engine holds one in-memory DuckDB database; every statement gets its own connection and its
 * own attached in-memory catalog ({@code q<n>}) holding one schema per Glue database with a view per catalog table
 * the statement names (over the files present when it starts). Statements therefore share nothing but the Glue
 * catalog (whose changes are atomic) and run in parallel; the attached catalog is detached when the statement
 * ends.
 */
public final class DuckDbSqlEngine implements SqlEngine {

    /**
     * DuckDB resources per statement.
     *
     * @param threads DuckDB worker threads (shared by all statements)
     * @param memoryLimit DuckDB memory limit of all statements together (e.g. {@code 2GB}); beyond it DuckDB spills
     * @param spillDirectory where DuckDB spills, and where CTAS/INSERT/UNLOAD stage files
     */
    public record Settings(int threads, String memoryLimit, Path spillDirectory) {

        /** All processors, 2 GB per statement, spilling under the system temporary directory. */
        public static Settings defaults() {
            try {
                return new Settings(Runtime.getRuntime().availableProcessors(), "2GB",
                        Files.createTempDirectory("athena-local-duckdb"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary directory for DuckDB", e);
            }
        }
    }

    private final ObjectStore store;
    private final GlueCatalog catalog;
    private final DdlExecutor ddl;
    private final Settings settings;
    private final DataWrites writes;
    private final DuckDBConnection database;
    private final AtomicLong scopes = new AtomicLong();

    private DuckDbSqlEngine(ObjectStore store, GlueCatalog catalog, Settings settings, DuckDBConnection database) {
        this.store = store;
        this.catalog = catalog;
        this.ddl = new DdlExecutor(catalog, store);
        this.settings = settings;
        this.writes = new DataWrites(this, catalog, store, settings);
        this.database = database;
    }

    /**
     * An engine over {@code store} whose catalog lives in {@code catalogDir} (created when missing; an existing
     * catalog is reloaded), with {@link Settings#defaults()} and the system UTC clock.
     *
     * @throws io.athenaworkflow.local.athena.engine.catalog.CatalogStorageFailure when the catalog cannot be read
     */
    public static DuckDbSqlEngine create(ObjectStore store, Path catalogDir) {
        return create(store, catalogDir, Clock.systemUTC(), Settings.defaults());
    }

    /** As {@link #create(ObjectStore, Path)}, with the clock for catalog creation times and DuckDB settings. */
    public static DuckDbSqlEngine create(ObjectStore store, Path catalogDir, Clock clock, Settings settings) {
        GlueCatalog catalog = GlueCatalog.open(catalogDir, clock);
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            DuckDBConnection database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (java.sql.Statement s = database.createStatement()) {
                Files.createDirectories(settings.spillDirectory());
                s.execute("SET threads = " + Math.max(1, settings.threads()));
                s.execute("SET memory_limit = " + literal(settings.memoryLimit()));
                s.execute("SET temp_directory = " + literal(settings.spillDirectory().toString()));
            }
            return new DuckDbSqlEngine(store, catalog, settings, database);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("DuckDB JDBC driver (org.duckdb:duckdb_jdbc) is not on the class path", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot start DuckDB: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the DuckDB spill directory " + settings.spillDirectory(), e);
        }
    }

    /** The catalog, read-only (ListDatabases, ListTableMetadata, GetTableMetadata). */
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public StatementOutcome execute(Statement statement, ResultSink sink) {
        if (statement.cancellation().isCancelled()) {
            throw new QueryCancelled("Query was cancelled before it started");
        }
        if (statement.catalog() != null && !statement.catalog().equalsIgnoreCase(Catalog.NAME)) {
            throw AthenaErrors.query("CATALOG_NOT_FOUND", null, "Catalog '" + statement.catalog()
                    + "' not found (the local engine has only " + Catalog.NAME + ")");
        }
        String database = statement.database() == null || statement.database().isBlank()
                ? GlueCatalog.DEFAULT_DATABASE : statement.database().toLowerCase(Locale.ROOT);
        String sql = statement.sql() == null ? "" : statement.sql();
        List<Token> hive = classifyingTokens(sql);
        if (hive.get(0).kind() == TokenKind.EOF) {
            throw AthenaErrors.syntax(1, 1, "mismatched input '<EOF>'. Expecting: a statement");
        }
        if (DdlParser.handles(hive)) {
            return runDdl(statement, sql, database, sink);
        }
        return runQuery(statement, sql, database, sink);
    }

    /**
     * Tokens good enough to tell DDL from queries: Trino's lexing, or Hive's when the text only lexes as Hive DDL
     * (backslash-escaped quotes); the error of Trino's lexing when neither works.
     */
    private static List<Token> classifyingTokens(String sql) {
        try {
            return Lexer.tokenize(sql, Lexer.Dialect.TRINO);
        } catch (QueryFailure trino) {
            try {
                return Lexer.tokenize(sql, Lexer.Dialect.HIVE);
            } catch (QueryFailure hive) {
                throw trino;
            }
        }
    }

    private StatementOutcome runDdl(Statement statement, String sql, String database, ResultSink sink) {
        if (!statement.executionParameters().isEmpty()) {
            throw AthenaErrors.query("INVALID_PARAMETER_USAGE", null,
                    "Execution parameters are only supported for DML statements (SELECT, INSERT, CTAS, UNLOAD)");
        }
        DdlStatement parsed = DdlParser.parse(sql);
        List<String> lines = new ArrayList<>();
        ddl.execute(parsed, database, lines::add);
        sink.start(ResultFormat.TEXT, List.of(new ResultColumn(textColumn(parsed), "string", 0, 0, "UNKNOWN")));
        for (String line : lines) {
            sink.row(List.of(line));
        }
        return new StatementOutcome(parsed.statementType(), parsed.substatementType(), 0, lines.size());
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

    private StatementOutcome runQuery(Statement statement, String sql, String database, ResultSink sink) {
        List<Token> tokens = new ArrayList<>(Lexer.tokenize(sql, Lexer.Dialect.TRINO));
        tokens.removeIf(t -> t.kind() == TokenKind.EOF);
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(";")) {
            tokens.remove(tokens.size() - 1);
        }
        for (Token t : tokens) {
            if (t.isSymbol(";")) {
                throw AthenaErrors.syntax(t.line(), t.column(), "mismatched input ';'. Only one statement is allowed");
            }
            if (t.kind() == TokenKind.QUOTED_IDENTIFIER && t.text().startsWith("`")) {
                throw AthenaErrors.syntax(t.line(), t.column(),
                        "backquoted identifiers are not supported; use double quotes to quote identifiers");
            }
        }
        List<Token> bound = bindParameters(tokens, statement.executionParameters());
        Token first = bound.get(0);
        if (first.isKeyword("create") || first.isKeyword("insert") || first.isKeyword("unload")) {
            WriteStatement write = WriteStatement.parse(bound);
            if (write != null) {
                return writes.run(write, statement, database, tokens, sink, newScope());
            }
        }
        boolean select = first.isKeyword("select") || first.isKeyword("with") || first.isKeyword("values")
                || first.isSymbol("(") || first.isKeyword("table");
        if (!select) {
            if (first.isKeyword("create")
                    || first.isKeyword("explain") || first.isKeyword("delete") || first.isKeyword("update")
                    || first.isKeyword("merge")) {
                throw AthenaErrors.notSupported(first.value().toUpperCase(Locale.ROOT)
                        + " statements of this form are not supported by the local Athena engine (supported: SELECT, "
                        + "WITH, VALUES, CREATE TABLE AS, INSERT INTO, UNLOAD and Athena's DDL)");
            }
            throw AthenaErrors.syntax(first.line(), first.column(), "mismatched input '" + first.text()
                    + "'. Expecting: 'ALTER', 'CREATE', 'DESCRIBE', 'DROP', 'EXPLAIN', 'INSERT', 'MSCK', 'SELECT', "
                    + "'SHOW', 'UNLOAD', 'VALUES', 'WITH', <query>");
        }
        String scope = newScope();
        TrinoTranslator.Translation translation = TrinoTranslator.translate(bound, catalog, database,
                first.isKeyword("select") || first.isKeyword("with"), scope);
        boolean values = first.isKeyword("values");
        return stream(statement, scope, translation, database, tokens, sink, values);
    }

    /** Replaces each {@code ?} with the next execution parameter (a SQL literal), as Athena does. */
    private static List<Token> bindParameters(List<Token> tokens, List<String> parameters) {
        long placeholders = tokens.stream().filter(t -> t.kind() == TokenKind.PARAMETER).count();
        if (placeholders != parameters.size()) {
            Token at = tokens.get(0);
            throw AthenaErrors.query("INVALID_PARAMETER_USAGE", at.position(), "Incorrect number of parameters: expected "
                    + placeholders + " but found " + parameters.size());
        }
        if (placeholders == 0) {
            return tokens;
        }
        List<Token> bound = new ArrayList<>();
        int next = 0;
        for (Token t : tokens) {
            if (t.kind() != TokenKind.PARAMETER) {
                bound.add(t);
                continue;
            }
            List<Token> literal = new ArrayList<>(Lexer.tokenize(parameters.get(next++), Lexer.Dialect.TRINO));
            literal.removeIf(p -> p.kind() == TokenKind.EOF);
            if (literal.isEmpty() || literal.stream().anyMatch(p -> p.kind() == TokenKind.PARAMETER || p.isSymbol(";"))) {
                throw AthenaErrors.query("INVALID_PARAMETER_USAGE", t.position(), "Execution parameter " + next
                        + " is not a SQL literal: " + parameters.get(next - 1));
            }
            // Keep the placeholder's position so errors point at the statement as written.
            for (Token p : literal) {
                bound.add(new Token(p.kind(), p.text(), p.value(), t.line(), t.column(), t.start()));
            }
        }
        return bound;
    }

    /** What runs on a statement's prepared DuckDB connection. */
    @FunctionalInterface
    interface Work {
        StatementOutcome run(Connection connection, java.sql.Statement jdbc, long scannedBytes) throws SQLException;
    }

    /**
     * Opens the statement's DuckDB database with the views of the tables {@code translation} reads, runs
     * {@code work}, and maps DuckDB errors and cancellation to Athena's.
     */
    StatementOutcome withDuckDb(Statement statement, String scope, TrinoTranslator.Translation translation,
                                String database, List<Token> tokens, Work work) {
        Cancellation cancellation = statement.cancellation();
        AtomicBoolean running = new AtomicBoolean(true);
        try (Connection connection = open(scope);
             java.sql.Statement jdbc = connection.createStatement()) {
            try {
                return runScoped(statement, scope, translation, database, work, connection, jdbc, running);
            } finally {
                // Stop accepting cancels before the JDBC statement closes.
                running.set(false);
                detach(connection, scope);
            }
        } catch (SQLException e) {
            if (cancellation.isCancelled() || DuckDbErrors.isInterrupt(e)) {
                throw new QueryCancelled("Query was cancelled");
            }
            throw DuckDbErrors.map(e, tokens);
        } finally {
            running.set(false);
        }
    }

    private StatementOutcome runScoped(Statement statement, String scope, TrinoTranslator.Translation translation,
                                       String database, Work work, Connection connection, java.sql.Statement jdbc,
                                       AtomicBoolean running) throws SQLException {
        Cancellation cancellation = statement.cancellation();
        cancellation.onCancel(() -> {
            if (running.get()) {
                try {
                    jdbc.cancel();
                } catch (SQLException | RuntimeException e) {
                    // The statement finished meanwhile: nothing to stop.
                }
            }
        });
        long scanned = prepare(connection, jdbc, scope, translation, database);
        if (cancellation.isCancelled()) {
            throw new QueryCancelled("Query was cancelled");
        }
        StatementOutcome outcome = work.run(connection, jdbc, scanned);
        if (cancellation.isCancelled()) {
            throw new QueryCancelled("Query was cancelled");
        }
        return outcome;
    }

    private StatementOutcome stream(Statement statement, String scope, TrinoTranslator.Translation translation,
                                    String database, List<Token> tokens, ResultSink sink, boolean values) {
        Cancellation cancellation = statement.cancellation();
        return withDuckDb(statement, scope, translation, database, tokens, (connection, jdbc, scanned) -> {
            long rows = 0;
            try (ResultSet rs = jdbc.executeQuery(translation.sql())) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                List<ResultColumn> columns = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    String label = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                    if (values && label.matches("col\\d+")) {
                        label = "_" + label;
                    }
                    columns.add(AthenaValues.column(label, meta.getColumnTypeName(i)));
                }
                sink.start(ResultFormat.CSV, columns);
                while (rs.next()) {
                    if (cancellation.isCancelled()) {
                        throw new QueryCancelled("Query was cancelled");
                    }
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(AthenaValues.render(rs.getObject(i)));
                    }
                    sink.row(row);
                    rows++;
                }
            }
            return new StatementOutcome("DML", "SELECT", scanned, rows);
        });
    }

    private String newScope() {
        return "q" + scopes.incrementAndGet();
    }

    /** A connection to the shared database with the statement's own catalog attached. */
    private Connection open(String scope) throws SQLException {
        Connection connection = database.duplicate();
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("SET SESSION TimeZone = 'UTC'");
            // Trino divides integers as integers.
            s.execute("SET SESSION integer_division = true");
            s.execute("ATTACH ':memory:' AS " + quote(scope));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Detaches a statement's catalog when the statement ends. */
    private static void detach(Connection connection, String scope) throws SQLException {
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute("USE memory.main");
            s.execute("DETACH DATABASE IF EXISTS " + quote(scope));
        }
    }

    /** Creates the views of the tables the query reads, the macros it uses; returns the bytes the views scan. */
    private long prepare(Connection connection, java.sql.Statement jdbc, String scope,
                         TrinoTranslator.Translation translation, String database) throws SQLException {
        Set<String> schemas = new LinkedHashSet<>();
        schemas.add(database);
        translation.tables().forEach(t -> schemas.add(t.database()));
        for (String schema : schemas) {
            jdbc.execute("CREATE SCHEMA IF NOT EXISTS " + quote(scope) + "." + quote(schema));
        }
        long bytes = 0;
        for (TrinoTranslator.TableRef ref : translation.tables()) {
            CatalogTable table = catalog.table(ref.database(), ref.table()).orElseThrow(() -> AthenaErrors.query(
                    "TABLE_NOT_FOUND", null, "Table '" + TrinoTranslator.DUCKDB_CATALOG + "." + ref.database() + "."
                            + ref.table() + "' does not exist"));
            List<io.athenaworkflow.local.athena.engine.catalog.CatalogPartition> partitions =
                    PartitionProjection.enabled(table) ? PartitionProjection.partitions(table, store)
                            : catalog.partitions(ref.database(), ref.table());
            TableSources.Source source = TableSources.source(table, partitions, store, connection);
            jdbc.execute("CREATE VIEW " + quote(scope) + "." + quote(ref.database()) + "."
                    + quote(ref.table()) + " AS " + source.sql());
            bytes += source.bytes();
        }
        jdbc.execute("USE " + quote(scope) + "." + quote(database));
        for (String macro : translation.macros()) {
            jdbc.execute(FunctionRules.MACROS.get(macro));
        }
        return bytes;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Closes the DuckDB database (the catalog is persisted on every change). */
    @Override
    public void close() {
        try {
            database.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close DuckDB: " + e.getMessage(), e);
        }
    }
}
