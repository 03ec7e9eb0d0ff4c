package io.athenaworkflow.local.athena.engine.trino;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A statement's {@code WITH (name = expression, ...)} list, as CTAS and UNLOAD write it, parsed from its tokens, and
 * the Trino Hive properties the ones CTAS and UNLOAD share become.
 */
final class WithProperties {

    /** Athena's write compressions and the Trino codec that writes each (Trino's ORC writer writes GZIP as ZLIB). */
    private static final Map<String, String> CODECS = Map.of("NONE", "NONE", "SNAPPY", "SNAPPY", "LZ4", "LZ4",
            "ZSTD", "ZSTD", "GZIP", "GZIP", "ZLIB", "GZIP");

    /** One {@code name = expression}; {@code text} is a string literal's content (null for other expressions). */
    record Property(String name, String expression, String text, String position) {

        /** The value as a string literal's content. */
        String string() {
            if (text == null) {
                throw invalid(this, "expected a string literal");
            }
            return text;
        }
    }

    /** The properties and the index of the token after the list. */
    record Parsed(Map<String, Property> properties, int next) {
    }

    private WithProperties() {
    }

    /** Reads {@code name = expression, ...)} starting at token {@code i} (just after the opening parenthesis). */
    static Parsed parse(List<Token> tokens, int i, String sql) {
        Map<String, Property> properties = new LinkedHashMap<>();
        while (true) {
            Token name = tokens.get(i);
            if (!name.isIdentifier() || !tokens.get(i + 1).isSymbol("=")) {
                throw AthenaErrors.syntax(name.line(), name.column(), "expected a property 'name = value' but found '"
                        + name.text() + "'");
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
                throw AthenaErrors.syntax(stop.line(), stop.column(), "expected a value for property '"
                        + name.value() + "'");
            }
            Token only = end == first + 1 ? tokens.get(first) : null;
            properties.put(name.name(), new Property(name.name(),
                    sql.substring(tokens.get(first).start(), stop.start()).strip(),
                    only != null && only.kind() == TokenKind.STRING ? only.value() : null, name.position()));
            i = end + 1;
            if (stop.isSymbol(")")) {
                return new Parsed(properties, i);
            }
        }
    }

    /** The Trino codec ({@code compression_codec} session property) that writes {@code p}'s compression. */
    static String codec(Property p) {
        String codec = CODECS.get(p.string().toUpperCase(Locale.ROOT));
        if (codec == null) {
            throw invalid(p, "The local engine cannot write '" + p.string() + "' compression; use one of "
                    + new TreeSet<>(CODECS.keySet()));
        }
        return codec;
    }

    /** {@code format}'s value, upper-cased, as Trino's {@code format} table property. */
    static String format(Property p) {
        return TrinoRunner.literal(p.string().toUpperCase(Locale.ROOT));
    }

    /** An S3 location as Trino's native S3 file system takes it ({@code s3a://}, {@code s3n://} as {@code s3://}). */
    static String location(String location) {
        return TrinoRunner.literal(location.replaceFirst("^s3[an]://", "s3://"));
    }

    static QueryFailure invalid(Property p, String why) {
        return AthenaErrors.query("INVALID_TABLE_PROPERTY", p.position(), "Property '" + p.name() + "' = "
                + p.expression() + " is not valid: " + why);
    }
}
