package io.athenaworkflow.athena.config;

import io.athenaworkflow.athena.errors.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/**
 * When Cleanup deletes the query's own result objects. A query still QUEUED or RUNNING is stopped in every mode:
 * stopping loses no data, and an abandoned query would go on costing money.
 */
public enum CleanupMode {
    /** Delete the query's result objects whatever the outcome. */
    ALWAYS,
    /** Delete them only when the workflow succeeded; keep a failed query's output for investigation. */
    ON_SUCCESS,
    /** Never delete anything (the default: the result file stays for downstream readers). */
    NEVER;

    /** Whether a run that ended with {@code succeeded} deletes its result objects. */
    public boolean deletes(boolean succeeded) {
        return this == ALWAYS || (this == ON_SUCCESS && succeeded);
    }

    /** Parses a mode name (case-insensitive); {@code field} names the input field in the error. */
    public static CleanupMode parse(String value, String field) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Field '" + field + "' must be one of " + Arrays.toString(values())
                    + ", but was '" + value + "'.");
        }
    }
}
