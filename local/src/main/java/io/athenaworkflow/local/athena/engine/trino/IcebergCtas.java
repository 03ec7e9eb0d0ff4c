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
 * Athena's CTAS into an Iceberg table ({@code CREATE TABLE t WITH (table_type = 'ICEBERG', location = 's3://...',
 * is_external = false, partitioning = ARRAY[...], format = ..., write_compression = ...) AS SELECT ...}, the CTAS
 * table properties of Athena's "CREATE TABLE AS") as the same CTAS in the runtime's Iceberg catalog, with the
 * Iceberg connector's properties. Athena's {@code partitioning} already uses Trino's transform syntax
 * ({@code bucket(col, n)}); the query after AS is passed on as written.
 */
final class IcebergCtas {

    private static final Set<String> FILE_FORMATS = Set.of("PARQUET", "ORC", "AVRO");
    private static final Set<String> COMPRESSIONS = Set.of("GZIP", "SNAPPY", "ZSTD", "LZ4", "NONE");

    private final IcebergTables tables;

    IcebergCtas(IcebergTables tables) {
        this.tables = tables;
    }

    /** The CTAS for Trino's Iceberg catalog, if {@code sql} is a CTAS with {@code table_type = 'ICEBERG'}. */
    Optional<String> rewrite(String sql, String database) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(sql);
        } catch (QueryFailure e) {
            return Optional.empty(); // Trino reports the error.
        }
        if (tokens.size() < 4 || !tokens.get(0).isKeyword("create") || !tokens.get(1).isKeyword("table")) {
            return Optional.empty();
        }
        int i = 2;
        boolean ifNotExists = tokens.get(i).isKeyword("if");
        if (ifNotExists) {
            i += 3;
        }
        List<String> name = new ArrayList<>();
        while (tokens.get(i).isIdentifier()) {
            name.add(tokens.get(i).value().toLowerCase(Locale.ROOT));
            i++;
            if (!tokens.get(i).isSymbol(".")) {
                break;
            }
            i++;
        }
        if (name.isEmpty() || !tokens.get(i).isKeyword("with") || !tokens.get(i + 1).isSymbol("(")) {
            return Optional.empty();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        int end = properties(sql, tokens, i + 2, properties);
        if (end < 0 || !tokens.get(end).isKeyword("as")
                || !"'ICEBERG'".equalsIgnoreCase(properties.getOrDefault("table_type", ""))) {
            return Optional.empty();
        }
        if (name.size() == 3 && !name.get(0).equals("awsdatacatalog")) {
            throw AthenaErrors.query("CATALOG_NOT_FOUND", tokens.get(2).position(), "Catalog '" + name.get(0)
                    + "' not found");
        }
        String db = name.size() >= 2 ? name.get(name.size() - 2) : database;
        return Optional.of("CREATE TABLE " + (ifNotExists ? "IF NOT EXISTS " : "")
                + tables.qualified(db, name.getLast()) + " WITH (" + String.join(", ", with(properties)) + ") "
                + sql.substring(tokens.get(end).start()));
    }

    /**
     * Reads {@code key = expression} pairs up to the closing parenthesis into {@code properties} (expressions as
     * written); the index of the token after it, or -1 when the list does not close.
     */
    private static int properties(String sql, List<Token> tokens, int from, Map<String, String> properties) {
        int i = from;
        while (i + 2 < tokens.size() && tokens.get(i).isIdentifier() && tokens.get(i + 1).isSymbol("=")) {
            String key = tokens.get(i).value().toLowerCase(Locale.ROOT);
            int start = i + 2;
            int depth = 0;
            int j = start;
            for (; j < tokens.size() && tokens.get(j).kind() != TokenKind.EOF; j++) {
                Token t = tokens.get(j);
                if (t.isSymbol("(") || t.isSymbol("[")) {
                    depth++;
                } else if ((t.isSymbol(")") || t.isSymbol("]")) && depth > 0) {
                    depth--;
                } else if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")"))) {
                    break;
                }
            }
            if (j >= tokens.size() || tokens.get(j).kind() == TokenKind.EOF) {
                return -1;
            }
            properties.put(key, sql.substring(tokens.get(start).start(), tokens.get(j).start()).trim());
            i = j + 1;
            if (tokens.get(j).isSymbol(")")) {
                return i;
            }
        }
        return -1;
    }

    /** Athena's CTAS properties for an Iceberg table as the Iceberg connector's; a named error for the rest. */
    private static List<String> with(Map<String, String> athena) {
        List<String> with = new ArrayList<>();
        if (!athena.containsKey("location")) {
            throw AthenaErrors.notSupported("A CTAS into an Iceberg table needs location = 's3://bucket/prefix/' "
                    + "locally (the local engine has no workgroup default for table locations)");
        }
        // Athena creates Iceberg v2 tables.
        with.add("format_version = 2");
        athena.forEach((key, value) -> {
            switch (key) {
                case "table_type" -> {
                }
                case "location" -> {
                    String location = unquoted(key, value);
                    if (!location.matches("(?i)s3[an]?://.+")) {
                        throw AthenaErrors.query("INVALID_TABLE_PROPERTY", null, "location must be an s3:// URI, got '"
                                + location + "'");
                    }
                    with.add("location = " + TrinoRunner.literal(location.replaceFirst("^s3[an]://", "s3://")));
                }
                case "is_external" -> {
                    if (!value.equalsIgnoreCase("false")) {
                        throw AthenaErrors.query("INVALID_TABLE_PROPERTY", null, "is_external must be false for "
                                + "table_type ICEBERG (Athena manages an Iceberg table's data)");
                    }
                }
                case "format" -> with.add("format = " + TrinoRunner.literal(oneOf(key, value, FILE_FORMATS)));
                case "write_compression" ->
                        with.add("compression_codec = " + TrinoRunner.literal(oneOf(key, value, COMPRESSIONS)));
                case "partitioning" -> with.add("partitioning = " + value);
                case "external_location" -> throw AthenaErrors.query("INVALID_TABLE_PROPERTY", null,
                        "external_location does not apply to table_type ICEBERG: use location");
                default -> {
                    if (key.startsWith("vacuum_") || key.startsWith("optimize_")) {
                        throw AthenaErrors.notSupported("Table property '" + key + "' configures OPTIMIZE or VACUUM, "
                                + "which the local Athena engine does not run; leave it out locally");
                    }
                    throw AthenaErrors.query("INVALID_TABLE_PROPERTY", null, "Unsupported table property '" + key
                            + "' for table_type ICEBERG (location, is_external, format, write_compression, "
                            + "partitioning)");
                }
            }
        });
        return with;
    }

    private static String oneOf(String key, String value, Set<String> allowed) {
        String text = unquoted(key, value).toUpperCase(Locale.ROOT);
        if (!allowed.contains(text)) {
            throw AthenaErrors.query("INVALID_TABLE_PROPERTY", null, "Unsupported value '" + text + "' for " + key
                    + " (" + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
        return text;
    }

    private static String unquoted(String key, String value) {
        if (value.length() < 2 || !value.startsWith("'") || !value.endsWith("'")) {
            throw AthenaErrors.query("INVALID_TABLE_PROPERTY", null, key + " must be a string literal, got " + value);
        }
        return value.substring(1, value.length() - 1).replace("''", "'");
    }
}
