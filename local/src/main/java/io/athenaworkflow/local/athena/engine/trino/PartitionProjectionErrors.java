package io.athenaworkflow.local.athena.engine.trino;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Athena's partition projection runs on Trino's own implementation of it (the Hive connector reads the same
 * {@code projection.*} table parameters Athena reads, with {@code hive.partition-projection-enabled}); only its
 * errors are worded differently. This class words them as Athena does.
 */
final class PartitionProjectionErrors {

    /** Trino: a query on an injected projection column without one equality predicate on it. */
    private static final Pattern INJECTED_WITHOUT_FILTER = Pattern.compile(
            "Column projection for column '([^']+)' failed\\. Injected projection requires single predicate.*",
            Pattern.DOTALL);

    private PartitionProjectionErrors() {
    }

    /** Athena's failure for {@code error}, when it is a partition projection error Athena words differently. */
    static Optional<QueryFailure> toAthena(TrinoQueryError error) {
        Matcher injected = INJECTED_WITHOUT_FILTER.matcher(error.getMessage());
        if (error.errorName().equals("INVALID_COLUMN_PROPERTY") && injected.matches()) {
            // Athena's wording, from "Use dynamic ID partitioning" in the Athena user guide.
            return Optional.of(new QueryFailure("CONSTRAINT_VIOLATION: For the injected projected partition column "
                    + injected.group(1) + ", the WHERE clause must contain only static equality conditions, and at "
                    + "least one such condition must be present.", AthenaErrors.USER, AthenaErrors.QUERY_ERROR,
                    error));
        }
        return Optional.empty();
    }
}
