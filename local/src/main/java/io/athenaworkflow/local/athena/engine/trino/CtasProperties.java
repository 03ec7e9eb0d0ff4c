package io.athenaworkflow.local.athena.engine.trino;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.sql.Lexer;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Athena's CTAS table properties ({@code CREATE TABLE t WITH (format = ..., write_compression = ...) AS SELECT}) as
 * Trino's Hive connector takes them: table properties of its own name, and the write compression as the catalog's
 * {@code compression_codec} session property. Athena's defaults apply when a property is missing: Parquet, and the
 * table's files under {@code tables/<query id>/} of the query result location.
 *
 * @param sql the CTAS as Trino runs it
 * @param sessionProperties catalog session properties (unqualified names) the statement needs
 */
record CtasProperties(String sql, Map<String, String> sessionProperties) {

    /** Athena's Iceberg-only CTAS properties (the Hive table of a CTAS without table_type has none of them). */
    private static final Set<String> ICEBERG_ONLY = Set.of("location", "partitioning", "vacuum_min_snapshots_to_keep",
            "vacuum_max_snapshot_age_seconds", "optimize_rewrite_delete_file_threshold",
            "optimize_rewrite_data_file_threshold", "compression_level");

    /** Athena's write compressions and the Trino codec that writes each (Trino's ORC writer writes GZIP as ZLIB). */
    private static final Map<String, String> CODECS = Map.of("NONE", "NONE", "SNAPPY", "SNAPPY", "LZ4", "LZ4",
            "ZSTD", "ZSTD", "GZIP", "GZIP", "ZLIB", "GZIP");

    CtasProperties {
        sessionProperties = Map.copyOf(sessionProperties);
    }

    /**
     * The Trino form of {@code sql} when it is a CTAS of a Hive table; empty for any other statement (and for an
     * Iceberg CTAS, {@code table_type = 'ICEBERG'}, which is not a Hive table).
     *
     * @param queryExecutionId names the default location, as Athena does
     * @param outputLocation the query result location ({@code s3://bucket/prefix/})
     * @throws QueryFailure INVALID_TABLE_PROPERTY for a property Athena's CTAS does not take, or a bad value
     */
    static Optional<CtasProperties> of(String sql, String queryExecutionId, String outputLocation) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(sql);
        } catch (QueryFailure e) {
            return Optional.empty(); // Trino reports it.
        }
        int i = nameEnd(tokens);
        if (i < 0) {
            return Optional.empty();
        }
        Map<String, Property> given = new LinkedHashMap<>();
        int withStart = -1;
        if (tokens.get(i).isKeyword("with") && tokens.get(i + 1).isSymbol("(")) {
            withStart = tokens.get(i).start();
            i = properties(tokens, i + 2, sql, given);
        }
        if (!tokens.get(i).isKeyword("as")) {
            return Optional.empty();
        }
        Property tableType = given.get("table_type");
        if (tableType != null && !tableType.string().equalsIgnoreCase("HIVE")) {
            return Optional.empty();
        }
        int asStart = tokens.get(i).start();
        Map<String, String> session = new LinkedHashMap<>();
        Map<String, String> with = trinoProperties(given, session, queryExecutionId, outputLocation);
        List<String> assignments = new ArrayList<>();
        with.forEach((k, v) -> assignments.add(k + " = " + v));
        String head = sql.substring(0, withStart >= 0 ? withStart : asStart);
        return Optional.of(new CtasProperties(head.stripTrailing() + " WITH (" + String.join(", ", assignments) + ") "
                + sql.substring(asStart), session));
    }

    private static Map<String, String> trinoProperties(Map<String, Property> given, Map<String, String> session,
                                                       String queryExecutionId, String outputLocation) {
        Map<String, String> with = new LinkedHashMap<>();
        String format = given.containsKey("format") ? given.get("format").string().toUpperCase(Locale.ROOT)
                : "PARQUET";
        with.put("format", TrinoRunner.literal(format));
        String location = given.containsKey("external_location") ? given.get("external_location").string()
                : outputLocation + (outputLocation.endsWith("/") ? "" : "/") + "tables/" + queryExecutionId + "/";
        with.put("external_location", TrinoRunner.literal(location.replaceFirst("^s3[an]://", "s3://")));
        for (Property p : given.values()) {
            switch (p.name()) {
                case "format", "external_location", "table_type" -> {
                }
                case "partitioned_by", "bucketed_by", "bucket_count" -> with.put(p.name(), p.expression());
                case "field_delimiter" -> with.put("textfile_field_separator", TrinoRunner.literal(p.string()));
                case "is_external" -> {
                    if (!p.expression().equalsIgnoreCase("true")) {
                        throw invalid(p, "Hive tables are external: 'is_external' = false applies to Iceberg "
                                + "tables only (table_type = 'ICEBERG')");
                    }
                }
                case "write_compression", "parquet_compression", "orc_compression" -> {
                    String codec = CODECS.get(p.string().toUpperCase(Locale.ROOT));
                    if (codec == null) {
                        throw invalid(p, "The local engine cannot write '" + p.string() + "' compression; use one "
                                + "of " + new java.util.TreeSet<>(CODECS.keySet()));
                    }
                    session.put("compression_codec", codec);
                }
                default -> throw invalid(p, ICEBERG_ONLY.contains(p.name())
                        ? "'" + p.name() + "' applies to Iceberg tables only (table_type = 'ICEBERG')"
                        : "Athena's CTAS properties are table_type, external_location, is_external, format, "
                                + "partitioned_by, bucketed_by, bucket_count, field_delimiter, write_compression "
                                + "(and orc_compression, parquet_compression), and for Iceberg tables location, "
                                + "partitioning, vacuum_* and optimize_*");
            }
        }
        // Athena writes GZIP unless told otherwise (ZLIB for ORC, which is Trino's GZIP for ORC).
        session.putIfAbsent("compression_codec", "GZIP");
        return with;
    }

    private static QueryFailure invalid(Property p, String why) {
        return AthenaErrors.query("INVALID_TABLE_PROPERTY", p.position(), "Table property '" + p.name()
                + "' = " + p.expression() + " is not valid: " + why);
    }

    /** The index of the token after {@code CREATE TABLE [IF NOT EXISTS] name}, or -1 when not such a statement. */
    private static int nameEnd(List<Token> tokens) {
        if (tokens.size() < 4 || !tokens.get(0).isKeyword("create") || !tokens.get(1).isKeyword("table")) {
            return -1;
        }
        int i = 2;
        if (tokens.get(i).isKeyword("if")) {
            i += 3;
        }
        if (i >= tokens.size() || !tokens.get(i).isIdentifier()) {
            return -1;
        }
        i++;
        while (i + 1 < tokens.size() && tokens.get(i).isSymbol(".") && tokens.get(i + 1).isIdentifier()) {
            i += 2;
        }
        return i < tokens.size() - 1 ? i : -1;
    }

    /** Reads {@code name = expression, ...)} from {@code i}; returns the index after the closing parenthesis. */
    private static int properties(List<Token> tokens, int i, String sql, Map<String, Property> into) {
        while (true) {
            Token name = tokens.get(i);
            if (!name.isIdentifier() || !tokens.get(i + 1).isSymbol("=")) {
                throw AthenaErrors.syntax(name.line(), name.column(), "expected a table property 'name = value' "
                        + "but found '" + name.text() + "'");
            }
            int first = i + 2;
            int end = first;
            int depth = 0;
            while (tokens.get(end).kind() != TokenKind.EOF) {
                Token t = tokens.get(end);
                if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")"))) {
                    break;
                }
                depth += t.isSymbol("(") || t.isSymbol("[") ? 1 : t.isSymbol(")") || t.isSymbol("]") ? -1 : 0;
                end++;
            }
            Token stop = tokens.get(end);
            if (end == first || stop.kind() == TokenKind.EOF) {
                throw AthenaErrors.syntax(stop.line(), stop.column(), "expected a value for table property '"
                        + name.value() + "'");
            }
            String expression = sql.substring(tokens.get(first).start(), stop.start()).strip();
            Token only = end == first + 1 ? tokens.get(first) : null;
            into.put(name.name(), new Property(name.name(), expression,
                    only != null && only.kind() == TokenKind.STRING ? only.value() : null, name.position()));
            i = end + 1;
            if (stop.isSymbol(")")) {
                return i;
            }
        }
    }

    /** One {@code name = expression}; {@code text} is a string literal's content (null for other expressions). */
    private record Property(String name, String expression, String text, String position) {
        /** The value as a string literal's content. */
        String string() {
            if (text == null) {
                throw invalid(this, "expected a string literal");
            }
            return text;
        }
    }
}
