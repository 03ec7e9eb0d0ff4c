package io.athenaworkflow.local.athena.engine.trino;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.sql.Lexer;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import java.util.List;
import java.util.Locale;

/**
 * Athena's Iceberg maintenance statements, which are not Trino SQL: {@code OPTIMIZE t REWRITE DATA USING BIN_PACK
 * [WHERE predicate]} is Trino's {@code ALTER TABLE t EXECUTE optimize [WHERE predicate]} (bin-packing compaction,
 * deletes merged into the data files); {@code VACUUM t} (snapshot expiry and orphan-file removal driven by the
 * table's vacuum_* properties) fails with a named error.
 */
final class IcebergMaintenance {

    private IcebergMaintenance() {
    }

    /** Whether {@code sql} is Athena's OPTIMIZE (which Trino's parser would reject). */
    static boolean isOptimize(String sql) {
        return startsWith(sql, "optimize");
    }

    /** Whether {@code sql} is Athena's VACUUM. */
    static boolean isVacuum(String sql) {
        return startsWith(sql, "vacuum");
    }

    /** VACUUM's named error. */
    static QueryFailure vacuumNotSupported() {
        return AthenaErrors.notSupported("VACUUM is not supported by the local Athena engine (it would expire "
                + "snapshots and remove orphan files by the table's vacuum_* properties); Trino's ALTER TABLE t "
                + "EXECUTE expire_snapshots(retention_threshold => '7d') runs as written");
    }

    /**
     * The Trino statement for an OPTIMIZE.
     *
     * @throws QueryFailure SYNTAX_ERROR for an OPTIMIZE Athena would not parse
     */
    static String optimize(String sql) {
        List<Token> tokens = tokens(sql);
        int i = 1;
        while (tokens.get(i).isIdentifier() && tokens.get(i + 1).isSymbol(".")) {
            i += 2;
        }
        if (!tokens.get(i).isIdentifier()) {
            throw syntax(tokens.get(i), "a table name");
        }
        Token table = tokens.get(i);
        String name = sql.substring(tokens.get(1).start(), table.start() + table.text().length());
        String[] expected = {"rewrite", "data", "using", "bin_pack"};
        for (String keyword : expected) {
            i++;
            if (!tokens.get(i).isKeyword(keyword)) {
                throw syntax(tokens.get(i), "'" + keyword.toUpperCase(Locale.ROOT) + "'");
            }
        }
        Token after = tokens.get(i + 1);
        String where = "";
        if (after.isKeyword("where")) {
            where = " " + sql.substring(after.start());
        } else if (after.kind() != TokenKind.EOF) {
            throw syntax(after, "'WHERE', <EOF>");
        }
        return "ALTER TABLE " + name + " EXECUTE optimize" + where;
    }

    private static QueryFailure syntax(Token at, String expected) {
        String found = at.kind() == TokenKind.EOF ? "<EOF>" : at.text();
        return AthenaErrors.syntax(at.line(), at.column(), "mismatched input '" + found + "'. Expecting: "
                + expected);
    }

    private static boolean startsWith(String sql, String keyword) {
        List<Token> tokens = tokens(sql);
        return !tokens.isEmpty() && tokens.get(0).isKeyword(keyword);
    }

    private static List<Token> tokens(String sql) {
        try {
            return Lexer.tokenize(sql);
        } catch (QueryFailure e) {
            return List.of();
        }
    }
}
