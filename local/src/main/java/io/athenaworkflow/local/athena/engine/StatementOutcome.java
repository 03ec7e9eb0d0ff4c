package io.athenaworkflow.local.athena.engine;

/**
 * What Athena reports about a statement that succeeded.
 *
 * @param statementType Athena's StatementType: "DDL", "DML" or "UTILITY"
 * @param substatementType e.g. "SELECT", "CREATE_TABLE", "SHOW_TABLES" (Athena's SubstatementType)
 * @param dataScannedBytes bytes of table data read (the sizes of the files scanned)
 * @param rowCount rows written to the sink (excluding a header); for CTAS and DML the rows the statement wrote
 *     (GetQueryResults' UpdateCount)
 * @param engineStatistics what the engine measured, or null when it reports nothing
 */
public record StatementOutcome(String statementType, String substatementType, long dataScannedBytes, long rowCount,
                               EngineStatistics engineStatistics) {

    /** An outcome without engine statistics. */
    public StatementOutcome(String statementType, String substatementType, long dataScannedBytes, long rowCount) {
        this(statementType, substatementType, dataScannedBytes, rowCount, null);
    }
}
