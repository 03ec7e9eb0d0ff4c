package io.athenaworkflow.local.athena.engine.trino;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import java.util.Optional;
import java.util.Set;

/**
 * Trino's query errors as Athena reports them: StateChangeReason {@code ERROR_NAME: message} (Trino's message
 * already starts with {@code line L:C: } when it knows where), AthenaError category 2 (USER) for Trino's user
 * errors and data errors, 1 (SYSTEM) for the engine's own failures.
 */
final class TrinoErrors {

    /** Trino errors about a table's files rather than the query (Athena: ErrorType 1001, "data error"). */
    private static final Set<String> DATA_ERRORS = Set.of("HIVE_BAD_DATA", "HIVE_CURSOR_ERROR",
            "HIVE_INVALID_PARTITION_VALUE", "HIVE_PARTITION_SCHEMA_MISMATCH", "HIVE_CANNOT_OPEN_SPLIT",
            "HIVE_UNSUPPORTED_FORMAT", "HIVE_INVALID_METADATA", "HIVE_FILESYSTEM_ERROR");

    private TrinoErrors() {
    }

    /**
     * The Athena failure for {@code error}; the engine's catalog names (Hive and Iceberg) read as Athena's
     * {@code awsdatacatalog}.
     */
    static QueryFailure toAthena(TrinoQueryError error, String catalog) {
        String message = error.getMessage()
                .replace("'" + TrinoCatalogSettings.icebergName(catalog) + ".", "'" + CatalogNames.ATHENA_CATALOG + ".")
                .replace("'" + catalog + ".", "'" + CatalogNames.ATHENA_CATALOG + ".");
        Optional<QueryFailure> projection = PartitionProjectionErrors.toAthena(error);
        if (projection.isPresent()) {
            return projection.get();
        }
        String reason = error.errorName() + ": " + message;
        if (DATA_ERRORS.contains(error.errorName())) {
            return new QueryFailure(reason, AthenaErrors.USER, AthenaErrors.DATA_ERROR, error);
        }
        return switch (error.errorType()) {
            case "USER_ERROR" -> new QueryFailure(reason, AthenaErrors.USER, AthenaErrors.QUERY_ERROR, error);
            default -> new QueryFailure(reason, AthenaErrors.SYSTEM, AthenaErrors.INTERNAL, error);
        };
    }
}
