package io.athenaworkflow.local.athena.engine.trino;

import io.trino.sql.tree.Call;
import io.trino.sql.tree.CreateTable;
import io.trino.sql.tree.DescribeInput;
import io.trino.sql.tree.DescribeOutput;
import io.trino.sql.tree.LikeClause;
import io.trino.sql.tree.Statement;
import java.util.Optional;

/**
 * Statements Trino 483 runs but Athena does not, from Athena's "Considerations and limitations for SQL queries":
 * stored procedures ({@code CALL}), {@code CREATE TABLE ... (LIKE ...)}, {@code DESCRIBE INPUT} and
 * {@code DESCRIBE OUTPUT}. Athena's own wording for the failure is not documented; the local runtime fails the query
 * with NOT_SUPPORTED naming the statement. (UPDATE, DELETE and MERGE on Hive tables, which Athena also refuses, are
 * refused by Trino's Hive connector itself, in Trino's words.)
 */
final class AthenaUnsupportedStatements {

    private AthenaUnsupportedStatements() {
    }

    /** Why Athena does not run {@code statement}, or empty when it does. */
    static Optional<String> refusal(Statement statement) {
        return switch (statement) {
            case Call call -> Optional.of("Stored procedures (CALL) are not supported by Athena");
            case DescribeInput describe -> Optional.of("DESCRIBE INPUT is not supported by Athena");
            case DescribeOutput describe -> Optional.of("DESCRIBE OUTPUT is not supported by Athena");
            case CreateTable create when create.getElements().stream().anyMatch(LikeClause.class::isInstance) ->
                    Optional.of("CREATE TABLE LIKE is not supported by Athena");
            default -> Optional.empty();
        };
    }
}
