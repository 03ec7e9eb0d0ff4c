package io.athenaworkflow.local.athena.engine.trino;

import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.sql.Lexer;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.trino.WithProperties.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Athena's CTAS table properties ({@code CREATE TABLE t WITH (format = ..., write_compression = ...) AS SELECT}) as
 * Trino's Hive connector takes them: table properties of its own name, and the write compression as the catalog's
 * {@code compression_codec} session property. Athena's defaults apply when a property is missing: Parquet, GZIP, and
 * the table's files under {@code tables/<query id>/} of the query result location.
 *
 * @param sql the CTAS as Trino runs it
 * @param sessionProperties catalog session properties (unqualified names) the statement needs
 */
record CtasProperties(String sql, Map<String, String> sessionProperties) {

    /** Athena's Iceberg-only CTAS properties (the Hive table of a CTAS without table_type has none of them). */
    private static final Set<String> ICEBERG_ONLY = Set.of("location", "partitioning", "vacuum_min_snapshots_to_keep",
            "vacuum_max_snapshot_age_seconds", "optimize_rewrite_delete_file_threshold",
            "optimize_rewrite_data_file_threshold", "compression_level");

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
        Map<String, Property> given = Map.of();
        int withStart = -1;
        if (tokens.get(i).isKeyword("with") && tokens.get(i + 1).isSymbol("(")) {
            withStart = tokens.get(i).start();
            WithProperties.Parsed parsed = WithProperties.parse(tokens, i + 2, sql);
            given = parsed.properties();
            i = parsed.next();
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
        String location = outputLocation + (outputLocation.endsWith("/") ? "" : "/") + "tables/" + queryExecutionId
                + "/";
        List<String> assignments = new ArrayList<>();
        trinoProperties(given, session, location).forEach((k, v) -> assignments.add(k + " = " + v));
        String head = sql.substring(0, withStart >= 0 ? withStart : asStart);
        return Optional.of(new CtasProperties(head.stripTrailing() + " WITH (" + String.join(", ", assignments) + ") "
                + sql.substring(asStart), session));
    }

    private static Map<String, String> trinoProperties(Map<String, Property> given, Map<String, String> session,
                                                       String defaultLocation) {
        Map<String, String> with = new LinkedHashMap<>();
        with.put("format", given.containsKey("format") ? WithProperties.format(given.get("format")) : "'PARQUET'");
        with.put("external_location", WithProperties.location(given.containsKey("external_location")
                ? given.get("external_location").string() : defaultLocation));
        // Athena writes GZIP unless told otherwise (ZLIB for ORC, which is Trino's GZIP for ORC).
        session.put("compression_codec", "GZIP");
        for (Property p : given.values()) {
            switch (p.name()) {
                case "format", "external_location", "table_type" -> {
                }
                case "partitioned_by", "bucketed_by", "bucket_count" -> with.put(p.name(), p.expression());
                case "field_delimiter" -> with.put("textfile_field_separator", TrinoRunner.literal(p.string()));
                case "is_external" -> {
                    if (!p.expression().equalsIgnoreCase("true")) {
                        throw WithProperties.invalid(p, "Hive tables are external: 'is_external' = false applies to "
                                + "Iceberg tables only (table_type = 'ICEBERG')");
                    }
                }
                case "write_compression", "parquet_compression", "orc_compression" ->
                        session.put("compression_codec", WithProperties.codec(p));
                default -> throw WithProperties.invalid(p, ICEBERG_ONLY.contains(p.name())
                        ? "'" + p.name() + "' applies to Iceberg tables only (table_type = 'ICEBERG')"
                        : "Athena's CTAS properties are table_type, external_location, is_external, format, "
                                + "partitioned_by, bucketed_by, bucket_count, field_delimiter, write_compression "
                                + "(and orc_compression, parquet_compression), and for Iceberg tables location, "
                                + "partitioning, vacuum_* and optimize_*");
            }
        }
        return with;
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
}
