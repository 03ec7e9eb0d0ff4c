package io.athenaworkflow.local;

import java.util.Locale;

/** Which SQL engine the local Athena runs on. */
public enum AthenaEngine {
    /** Embedded DuckDB with a Trino-to-DuckDB translation (the default for now). */
    DUCKDB,
    /** Trino 483, Athena engine v3's own engine, in a child JVM (see docs/local-athena.md). */
    TRINO;

    /** The system property that selects the engine: {@code duckdb} or {@code trino}. */
    public static final String PROPERTY = "athena.engine";

    /**
     * The engine {@code -Dathena.engine} names, DuckDB when it names none.
     *
     * @throws IllegalArgumentException for any other value, naming the valid ones
     */
    public static AthenaEngine fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "").trim();
        if (value.isEmpty()) {
            return DUCKDB;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " names no engine; use duckdb or trino");
        }
    }
}
