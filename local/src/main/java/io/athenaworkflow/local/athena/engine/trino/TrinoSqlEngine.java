package io.athenaworkflow.local.athena.engine.trino;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.athena.AthenaCatalog;
import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.Cancellation;
import io.athenaworkflow.local.athena.engine.QueryCancelled;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.ResultColumn;
import io.athenaworkflow.local.athena.engine.ResultFormat;
import io.athenaworkflow.local.athena.engine.ResultSink;
import io.athenaworkflow.local.athena.engine.SqlEngine;
import io.athenaworkflow.local.athena.engine.Statement;
import io.athenaworkflow.local.athena.engine.StatementOutcome;
import io.athenaworkflow.local.athena.engine.ddl.DdlParser;
import io.athenaworkflow.local.athena.engine.sql.Lexer;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Call;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The local Athena SQL engine on Trino, Athena engine v3's own engine: queries, views, CTAS and INSERT run as
 * written; Athena's Hive DDL ({@code CREATE EXTERNAL TABLE ... ROW FORMAT ... LOCATION ...}, MSCK REPAIR TABLE,
 * partitions, SHOW, DESCRIBE) is mapped onto Trino's Hive connector by {@link HiveDdl}; the Glue-style catalog API
 * answers from the same Hive metastore ({@link TrinoCatalog}). Athena's Iceberg tables are Trino's Iceberg
 * connector's, in the same metastore ({@link IcebergDdl}, {@link IcebergCtas}); the Hive catalog redirects every
 * other statement on them (SELECT, INSERT, UPDATE, DELETE, MERGE, DROP) to it.
 *
 * <p>Each engine owns one Trino catalog (and its Iceberg twin, {@link TrinoCatalogSettings}), created at run time in
 * its {@link TrinoServer} (the JVM's shared engine process, or an existing server named by {@code --trino-url}): a
 * Hive connector with a file metastore in {@code metastoreDir} over this runtime's S3 (Trino's native S3 file
 * system, path-style, at the runtime's edge endpoint). In the engine process it is created in the background, as
 * the process may still be starting.
 */
public final class TrinoSqlEngine implements SqlEngine, AthenaCatalog {

    /** The name of the one prepared statement that carries a query with ExecutionParameters. */
    private static final String PREPARED = "athena_statement";
    /** Trino's parser is immutable and thread-safe (the engine shares one instance across queries too). */
    private static final SqlParser PARSER = new SqlParser();
    private static final String DEFAULT_DATABASE = "default";

    private final TrinoServer server;
    private final TrinoClient client;
    private final String catalog;
    private final TrinoCatalogSettings catalogSettings;
    private final HiveDdl ddl;
    private final TrinoCatalog metadata;
    private final IcebergCtas icebergCtas;
    private boolean catalogCreated;
    private boolean closed;

    private TrinoSqlEngine(TrinoServer server, TrinoClient client, TrinoCatalogSettings catalogSettings) {
        this.server = server;
        this.client = client;
        this.catalogSettings = catalogSettings;
        this.catalog = catalogSettings.name();
        TrinoRunner runner = this::run;
        IcebergTables iceberg = new IcebergTables(runner, catalog, catalogSettings.icebergName());
        this.icebergCtas = new IcebergCtas(iceberg);
        this.metadata = new TrinoCatalog(runner, catalog, iceberg);
        this.ddl = new HiveDdl(runner, catalog, metadata, new IcebergDdl(runner, iceberg));
    }

    /**
     * An engine on {@code server} over the S3 at {@code s3Endpoint}, keeping its Hive metastore in
     * {@code metastoreDir} (created when missing; an existing metastore is used as it is).
     *
     * @throws TrinoStartException when {@code server} is an {@link ExternalTrino} that does not take the catalog
     */
    public static TrinoSqlEngine create(TrinoServer server, URI s3Endpoint, Path metastoreDir) {
        String name = server.claimCatalogName();
        try {
            java.nio.file.Files.createDirectories(metastoreDir);
        } catch (java.io.IOException e) {
            server.releaseCatalogName(name);
            throw new java.io.UncheckedIOException("Cannot create the metastore folder " + metastoreDir, e);
        }
        TrinoSqlEngine engine = new TrinoSqlEngine(server, new TrinoClient(server::uri),
                new TrinoCatalogSettings(name, s3Endpoint, metastoreDir.toAbsolutePath()));
        if (server instanceof ExternalTrino) {
            // A server that runs already answers at once: one that cannot take the catalog (no dynamic catalog
            // management, no Hive plugin, the name taken) fails the runtime's start, not its first query.
            try {
                engine.createCatalog();
            } catch (TrinoStartException e) {
                engine.close();
                throw e;
            }
            return engine;
        }
        // In the background, so the runtime's port opens at once and the first query finds the catalog ready.
        Thread.ofVirtual().name("athena-trino-catalog").start(() -> {
            try {
                engine.ensureCatalog();
            } catch (RuntimeException e) {
                // The first statement reports it (it tries again).
            }
        });
        return engine;
    }

    @Override
    public StatementOutcome execute(Statement statement, ResultSink sink) {
        if (statement.cancellation().isCancelled()) {
            throw new QueryCancelled("Query was cancelled before it started");
        }
        if (statement.catalog() != null && !statement.catalog().equalsIgnoreCase(AthenaCatalog.NAME)) {
            throw AthenaErrors.query("CATALOG_NOT_FOUND", null, "Catalog '" + statement.catalog()
                    + "' not found (the local engine has only " + AthenaCatalog.NAME + ")");
        }
        String database = statement.database() == null || statement.database().isBlank()
                ? DEFAULT_DATABASE : statement.database().toLowerCase(Locale.ROOT);
        String sql = withoutTrailingSemicolons(statement.sql() == null ? "" : statement.sql());
        if (IcebergMaintenance.isVacuum(sql)) {
            throw IcebergMaintenance.vacuumNotSupported();
        }
        if (IcebergMaintenance.isOptimize(sql)) {
            // Trino SQL once rewritten (ALTER TABLE ... EXECUTE optimize), not Hive DDL.
            return query(statement, IcebergMaintenance.optimize(sql), database, sink);
        }
        if (isHiveDdl(sql)) {
            if (!statement.executionParameters().isEmpty()) {
                throw AthenaErrors.query("INVALID_PARAMETER_USAGE", null,
                        "Execution parameters are only supported for DML statements (SELECT, INSERT, CTAS, UNLOAD)");
            }
            return ddl.execute(DdlParser.parse(sql), database, statement.cancellation(), sink);
        }
        Optional<Unload> unload = Unload.of(sql, catalog, statement.queryExecutionId());
        if (unload.isPresent()) {
            return unload(unload.get(), statement, database, sink);
        }
        if (isProcedureCall(sql)) {
            // Athena: "Stored procedures are not supported" (Trino runs CALL).
            throw AthenaErrors.notSupported("Stored procedures (CALL) are not supported by Athena");
        }
        return query(statement, sql, database, sink);
    }

    /** Whether Trino's parser reads {@code sql} as a CALL (false if it does not parse: the engine then says why). */
    private static boolean isProcedureCall(String sql) {
        try {
            return PARSER.createStatement(sql) instanceof Call;
        } catch (ParsingException e) {
            return false;
        }
    }

    /**
     * Rejects a statement that does not parse, as Athena's StartQueryExecution does: Trino's own SQL parser (the
     * engine's, run in this process: no round trip, and no wait for an engine still starting) reports
     * {@code SYNTAX_ERROR} with line and column exactly as the engine would. Athena's Hive DDL is parsed by
     * {@link DdlParser} when it runs.
     */
    @Override
    public void checkSyntax(String sql) {
        String text = withoutTrailingSemicolons(sql);
        if (text.isBlank() || isHiveDdl(text) || IcebergMaintenance.isVacuum(text)) {
            return;
        }
        // Trino has no UNLOAD: it parses the UNLOAD's query (UNLOAD's own clauses are checked when it runs).
        text = Unload.queryInPlace(text).orElse(text);
        if (IcebergMaintenance.isOptimize(text)) {
            text = IcebergMaintenance.optimize(text);
        }
        try {
            PARSER.createStatement(text);
        } catch (ParsingException e) {
            throw TrinoErrors.toAthena(new TrinoQueryError("SYNTAX_ERROR", "USER_ERROR", e.getMessage()), catalog);
        }
    }

    /** UNLOAD: the CTAS of a transient table at the target location, then its DROP (the files stay). */
    private StatementOutcome unload(Unload unload, Statement statement, String database, ResultSink sink) {
        TrinoClient.Outcome outcome;
        try {
            outcome = runWithParameters(unload.ctas(), statement, database, unload.sessionProperties(),
                    TrinoRunner.IGNORE);
        } catch (QueryFailure e) {
            throw unload.reword(e);
        } finally {
            run(unload.drop(), database, new Cancellation(), TrinoRunner.IGNORE);
        }
        // Athena's UNLOAD returns no rows: its output is the files it wrote.
        sink.start(ResultFormat.TEXT, List.of());
        return new StatementOutcome("DML", "UNLOAD", outcome.dataScannedBytes(), 0, outcome.statistics());
    }

    private StatementOutcome query(Statement statement, String sql, String database, ResultSink sink) {
        String text = sql;
        Map<String, String> session = Map.of();
        Optional<String> icebergTable = icebergCtas.rewrite(sql, database);
        Optional<CtasProperties> ctas = icebergTable.isPresent() ? Optional.empty()
                : CtasProperties.of(sql, statement.queryExecutionId(), statement.outputLocation());
        if (icebergTable.isPresent()) {
            text = icebergTable.get();
        } else if (ctas.isPresent()) {
            text = ctas.get().sql();
            session = ctas.get().sessionProperties();
        }
        StreamingRows rows = new StreamingRows(sink);
        TrinoClient.Outcome outcome = runWithParameters(text, statement, database, session, rows);
        return outcome(outcome, rows.count);
    }

    /** Runs {@code sql} with the statement's ExecutionParameters, which Trino binds itself. */
    private TrinoClient.Outcome runWithParameters(String sql, Statement statement, String database,
                                                  Map<String, String> session, TrinoClient.Rows rows) {
        List<String> parameters = statement.executionParameters();
        String text = sql;
        Map<String, String> prepared = Map.of();
        if (!parameters.isEmpty()) {
            // Each parameter is parsed as one expression of EXECUTE ... USING, never spliced into the SQL text.
            prepared = Map.of(PREPARED, sql);
            text = "EXECUTE " + PREPARED + " USING " + String.join(", ", parameters);
        }
        return run(text, new TrinoClient.Session(catalog, database, prepared, session), statement.cancellation(),
                rows);
    }

    private static StatementOutcome outcome(TrinoClient.Outcome outcome, long rows) {
        String updateType = outcome.updateType();
        String statementType = updateType == null || List.of("INSERT", "DELETE", "UPDATE", "MERGE")
                .contains(updateType) ? "DML" : "DDL";
        String substatementType = updateType == null ? "SELECT" : switch (updateType) {
            case "CREATE TABLE" -> "CREATE_TABLE_AS_SELECT";
            default -> updateType.replace(' ', '_');
        };
        // A CTAS or DML statement's one result row holds the count; GetQueryResults' UpdateCount is Trino's count.
        boolean writes = updateType != null && List.of("CREATE TABLE", "INSERT", "DELETE", "UPDATE", "MERGE")
                .contains(updateType);
        long written = writes && outcome.updateCount() != null ? outcome.updateCount() : rows;
        return new StatementOutcome(statementType, substatementType, outcome.dataScannedBytes(), written,
                outcome.statistics());
    }

    /** Runs one Trino statement in {@code schema} of this engine's catalog (a {@link TrinoRunner}). */
    private TrinoClient.Outcome run(String sql, String schema, Cancellation cancellation, TrinoClient.Rows rows) {
        return run(sql, TrinoClient.Session.of(catalog, schema), cancellation, rows);
    }

    /** Runs one Trino statement on this engine's catalog, mapping Trino's errors to Athena's. */
    private TrinoClient.Outcome run(String sql, TrinoClient.Session session, Cancellation cancellation,
                                    TrinoClient.Rows rows) {
        ensureCatalog();
        try {
            return client.execute(sql, session, cancellation, rows);
        } catch (TrinoQueryError e) {
            throw TrinoErrors.toAthena(e, catalog);
        } catch (TrinoStartException e) {
            throw AthenaErrors.internal(e.getMessage(), e);
        }
    }

    /** Creates this engine's catalog in the engine process on first use (waiting for the process to be ready). */
    private synchronized void ensureCatalog() {
        try {
            createCatalog();
        } catch (TrinoStartException e) {
            throw AthenaErrors.internal(e.getMessage(), e);
        }
    }

    private synchronized void createCatalog() {
        if (catalogCreated) {
            return;
        }
        if (closed) {
            throw new TrinoStartException("The local Athena engine is closed");
        }
        try {
            client.execute(catalogSettings.createStatement(), TrinoClient.Session.of(null, null),
                    new Cancellation(), TrinoRunner.IGNORE);
            try {
                client.execute(catalogSettings.createIcebergStatement(), TrinoClient.Session.of(null, null),
                        new Cancellation(), TrinoRunner.IGNORE);
            } catch (TrinoQueryError e) {
                // Both or neither, so that the next attempt starts afresh.
                dropCatalogs(false);
                throw e;
            }
            client.execute("CREATE SCHEMA IF NOT EXISTS " + catalog + "." + DEFAULT_DATABASE,
                    TrinoClient.Session.of(null, null), new Cancellation(), TrinoRunner.IGNORE);
            catalogCreated = true;
        } catch (TrinoQueryError e) {
            throw new TrinoStartException("Cannot create the local Athena catalog " + catalog
                    + " in the Trino server at " + server.uri() + ": " + e.errorName() + ": " + e.getMessage()
                    + ". The server needs dynamic catalog management (catalog.management=dynamic) and the Hive "
                    + "and Iceberg plugins; see docs/local-athena.md", e);
        }
    }

    /** Whether the statement is Athena's Hive DDL (views, CTAS and queries are Trino SQL and go to Trino as is). */
    private static boolean isHiveDdl(String sql) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(sql);
        } catch (QueryFailure e) {
            return false; // Trino reports the error.
        }
        if (tokens.isEmpty() || tokens.get(0).kind() == TokenKind.EOF || !DdlParser.handles(tokens)) {
            return false;
        }
        String first = tokens.get(0).value();
        String second = tokens.size() > 1 ? tokens.get(1).value() : "";
        String third = tokens.size() > 2 ? tokens.get(2).value() : "";
        boolean view = second.equalsIgnoreCase("view") || second.equalsIgnoreCase("or")
                || second.equalsIgnoreCase("views") || third.equalsIgnoreCase("view");
        return !(view && (first.equalsIgnoreCase("create") || first.equalsIgnoreCase("drop")
                || first.equalsIgnoreCase("show")));
    }

    private static String withoutTrailingSemicolons(String sql) {
        int end = sql.length();
        while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
            end--;
        }
        return sql.substring(0, end);
    }

    @Override
    public List<Database> databases() {
        ensureCatalog();
        return metadata.databases();
    }

    @Override
    public List<Table> tables(String database) {
        ensureCatalog();
        return metadata.tables(database);
    }

    /** Drops this engine's catalog from the engine process (its metastore folder stays). */
    @Override
    public void close() {
        boolean created;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            created = catalogCreated;
            catalogCreated = false;
        }
        if (created) {
            dropCatalogs(true);
        }
        server.releaseCatalogName(catalog);
    }

    private void dropCatalogs(boolean withIceberg) {
        try {
            client.execute("DROP CATALOG IF EXISTS " + catalog, TrinoClient.Session.of(null, null),
                    new Cancellation(), TrinoRunner.IGNORE);
            if (withIceberg) {
                client.execute("DROP CATALOG IF EXISTS " + catalogSettings.icebergName(),
                        TrinoClient.Session.of(null, null), new Cancellation(), TrinoRunner.IGNORE);
            }
        } catch (RuntimeException e) {
            // The engine is gone already (JVM exit): nothing left to drop.
        }
    }

    /** Streams a query's rows to the Athena result sink as Athena renders them. */
    private static final class StreamingRows implements TrinoClient.Rows {

        private final ResultSink sink;
        private List<TrinoClient.Column> columns = List.of();
        private long count;

        StreamingRows(ResultSink sink) {
            this.sink = sink;
        }

        @Override
        public void columns(List<TrinoClient.Column> columns) {
            this.columns = columns;
            List<ResultColumn> athena = new ArrayList<>(columns.size());
            for (TrinoClient.Column c : columns) {
                athena.add(TrinoValues.column(c.name(), c.type(), c.signature()));
            }
            sink.start(ResultFormat.CSV, athena);
        }

        @Override
        public void row(List<JsonNode> values) {
            List<String> rendered = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                rendered.add(TrinoValues.render(values.get(i), columns.get(i).signature()));
            }
            sink.row(rendered);
            count++;
        }
    }
}
