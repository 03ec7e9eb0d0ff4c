package io.athenaworkflow.local.athena.engine.trino;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.sql.Lexer;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import io.athenaworkflow.local.athena.engine.trino.WithProperties.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Athena's {@code UNLOAD (SELECT ...) TO 's3://bucket/prefix/' WITH (format = ..., compression = ...,
 * field_delimiter = ..., partitioned_by = ARRAY[...])} on Trino, which has no UNLOAD: a CTAS of a transient external
 * table at the target location, dropped right after (dropping an external table keeps its files), so the files are
 * written as Trino's Hive writer writes a table's, and no table stays in the catalog. Trino's CTAS refuses a target
 * directory that holds objects, as Athena's UNLOAD does.
 *
 * @param ctas the CTAS that writes the files
 * @param drop the DROP TABLE that removes the transient table
 * @param table the transient table's {@code schema.table} name, as Trino's errors quote it
 * @param target the TO location
 * @param sessionProperties catalog session properties (unqualified names) the CTAS needs
 */
record Unload(String ctas, String drop, String table, String target, Map<String, String> sessionProperties) {

    private static final String SCHEMA = "default";

    Unload {
        sessionProperties = Map.copyOf(sessionProperties);
    }

    /**
     * The Trino statements of {@code sql} when it is an UNLOAD; empty for any other statement.
     *
     * @param catalog the engine's catalog the transient table goes in
     * @param queryExecutionId names the transient table
     * @throws QueryFailure SYNTAX_ERROR for a malformed UNLOAD, INVALID_TABLE_PROPERTY for a property UNLOAD does not
     *     take, a bad value, or a missing format
     */
    static Optional<Unload> of(String sql, String catalog, String queryExecutionId) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(sql);
        } catch (QueryFailure e) {
            return Optional.empty(); // Trino reports it.
        }
        if (tokens.size() < 2 || !tokens.get(0).isKeyword("unload")) {
            return Optional.empty();
        }
        expect(tokens.get(1), "(");
        int close = closing(tokens, 1);
        String query = sql.substring(tokens.get(2).start(), tokens.get(close).start()).strip();
        Token to = tokens.get(close + 1);
        Token location = tokens.get(close + 2);
        if (!to.isKeyword("to") || location.kind() != TokenKind.STRING) {
            throw AthenaErrors.syntax(to.line(), to.column(), "expected TO 's3://bucket/prefix/' after UNLOAD's query");
        }
        int i = close + 3;
        Map<String, Property> given = Map.of();
        if (tokens.get(i).isKeyword("with")) {
            expect(tokens.get(i + 1), "(");
            WithProperties.Parsed parsed = WithProperties.parse(tokens, i + 2, sql);
            given = parsed.properties();
            i = parsed.next();
        }
        Token end = tokens.get(i);
        if (end.kind() != TokenKind.EOF && !end.isSymbol(";")) {
            throw AthenaErrors.syntax(end.line(), end.column(), "unexpected '" + end.text() + "' after UNLOAD");
        }
        Map<String, String> session = new LinkedHashMap<>();
        Map<String, String> with = trinoProperties(given, location, session);
        String table = "athena_unload__" + queryExecutionId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        String name = TrinoRunner.quote(catalog) + "." + TrinoRunner.quote(SCHEMA) + "." + TrinoRunner.quote(table);
        List<String> assignments = new ArrayList<>();
        with.forEach((k, v) -> assignments.add(k + " = " + v));
        return Optional.of(new Unload("CREATE TABLE " + name + " WITH (" + String.join(", ", assignments) + ") AS "
                + query, "DROP TABLE IF EXISTS " + name, SCHEMA + "." + table, location.value(), session));
    }

    /**
     * For the syntax check at StartQueryExecution (Trino has no UNLOAD): {@code sql} with everything but the UNLOAD's
     * query blanked out, so that Trino's {@code line:column} point into the statement as written; empty when
     * {@code sql} is not an UNLOAD with a parenthesised query.
     */
    static Optional<String> queryInPlace(String sql) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(sql);
        } catch (QueryFailure e) {
            return Optional.empty();
        }
        if (tokens.size() < 3 || !tokens.get(0).isKeyword("unload") || !tokens.get(1).isSymbol("(")) {
            return Optional.empty();
        }
        int close;
        try {
            close = closing(tokens, 1);
        } catch (QueryFailure unclosed) {
            return Optional.empty();
        }
        int start = tokens.get(2).start();
        int end = tokens.get(close).start();
        return Optional.of(blank(sql.substring(0, start)) + sql.substring(start, end) + blank(sql.substring(end)));
    }

    /** {@code text} as spaces, its line breaks kept. */
    private static String blank(String text) {
        return text.replaceAll("[^\\r\\n]", " ");
    }

    /** Athena's UNLOAD properties as Trino's Hive table properties. */
    private static Map<String, String> trinoProperties(Map<String, Property> given, Token location,
                                                       Map<String, String> session) {
        Property format = given.get("format");
        if (format == null) {
            throw AthenaErrors.query("INVALID_TABLE_PROPERTY", location.position(), "UNLOAD needs the format "
                    + "property: WITH (format = 'PARQUET' | 'ORC' | 'AVRO' | 'JSON' | 'TEXTFILE')");
        }
        Map<String, String> with = new LinkedHashMap<>();
        with.put("format", WithProperties.format(format));
        with.put("external_location", WithProperties.location(location.value()));
        session.put("compression_codec", "GZIP"); // Athena's default write compression (ZLIB for ORC)
        for (Property p : given.values()) {
            switch (p.name()) {
                case "format" -> {
                }
                case "compression" -> session.put("compression_codec", WithProperties.codec(p));
                case "field_delimiter" -> with.put("textfile_field_separator", TrinoRunner.literal(p.string()));
                case "partitioned_by" -> with.put("partitioned_by", p.expression());
                default -> throw WithProperties.invalid(p, "UNLOAD's properties are format, compression, "
                        + "field_delimiter and partitioned_by");
            }
        }
        return with;
    }

    /** Trino's failure of the CTAS, worded for the UNLOAD it stands for (its table is not the user's). */
    QueryFailure reword(QueryFailure failure) {
        if (!failure.getMessage().contains(table)) {
            return failure;
        }
        String message = failure.getMessage().startsWith("HIVE_PATH_ALREADY_EXISTS")
                ? "HIVE_PATH_ALREADY_EXISTS: UNLOAD's target location " + target + " is not empty. UNLOAD writes to "
                        + "an empty location only; Athena will not delete data in your account"
                : failure.getMessage().replace("'" + table + "'", "UNLOAD");
        return new QueryFailure(message, failure.errorCategory(), failure.errorType(), failure);
    }

    private static void expect(Token token, String symbol) {
        if (!token.isSymbol(symbol)) {
            throw AthenaErrors.syntax(token.line(), token.column(), "expected '" + symbol + "' but found '"
                    + token.text() + "'");
        }
    }

    /** The index of the parenthesis closing the one at {@code open}. */
    private static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")") && --depth == 0) {
                return i;
            } else if (t.kind() == TokenKind.EOF) {
                throw AthenaErrors.syntax(t.line(), t.column(), "UNLOAD's query is missing its closing ')'");
            }
        }
        throw new IllegalStateException("Lexer output ends without EOF");
    }
}
