package io.athenaworkflow.local.athena.engine;

/** How Athena writes a statement's result at the OutputLocation. */
public enum ResultFormat {
    /** {@code <id>.csv} + {@code <id>.csv.metadata}: SELECT, WITH, and the other statements that return rows. */
    CSV,
    /** {@code <id>.txt} (+ {@code .txt.metadata}): DDL and utility statements (SHOW, DESCRIBE, CREATE, DROP, ...). */
    TEXT
}
