package io.athenaworkflow.local.athena.engine;

/**
 * Builds {@link QueryFailure}s shaped like Athena's: a Trino error name, the position Trino reports and the
 * message, with Athena's AthenaError category and type (see the Athena error catalog: category 1 system,
 * 2 user; type 1003 "DDL task failed", 1001 "data error", 1100 the engine's user errors).
 */
public final class AthenaErrors {

    /** AthenaError.ErrorCategory for errors in the query or its data. */
    public static final int USER = 2;
    /** AthenaError.ErrorCategory for failures of the engine itself. */
    public static final int SYSTEM = 1;
    /** ErrorType for query (Trino) analysis and syntax errors. */
    public static final int QUERY_ERROR = 1100;
    /** ErrorType "DDL task failed". */
    public static final int DDL_FAILED = 1003;
    /** ErrorType "Data error": the table's files do not match its definition. */
    public static final int DATA_ERROR = 1001;
    /** ErrorType "Query engine had an internal error". */
    public static final int INTERNAL = 200;

    private AthenaErrors() {
    }

    /** {@code SYNTAX_ERROR: line L:C: message}: the statement does not parse. */
    public static QueryFailure syntax(int line, int column, String message) {
        return new QueryFailure("SYNTAX_ERROR: line " + line + ":" + column + ": " + message, USER, QUERY_ERROR);
    }

    /** {@code NAME: line L:C: message}, e.g. TABLE_NOT_FOUND, COLUMN_NOT_FOUND, FUNCTION_NOT_FOUND. */
    public static QueryFailure query(String errorName, String position, String message) {
        String where = position == null ? "" : position + ": ";
        return new QueryFailure(errorName + ": " + where + message, USER, QUERY_ERROR);
    }

    /** {@code NOT_SUPPORTED: message}: valid Athena SQL that the local engine cannot run. */
    public static QueryFailure notSupported(String message) {
        return new QueryFailure("NOT_SUPPORTED: " + message, USER, QUERY_ERROR);
    }

    /** A failed DDL statement, worded as Athena's Hive DDL reports it. */
    public static QueryFailure ddl(String message) {
        return new QueryFailure(message, USER, DDL_FAILED);
    }

    /** {@code HIVE_BAD_DATA: ...}: a table file holds a value its declared type cannot read. */
    public static QueryFailure badData(String message, Throwable cause) {
        return new QueryFailure(message.startsWith("HIVE_") ? message : "HIVE_BAD_DATA: " + message, USER, DATA_ERROR, cause);
    }

    /** A failure of the local engine itself (category SYSTEM). */
    public static QueryFailure internal(String message, Throwable cause) {
        return new QueryFailure("GENERIC_INTERNAL_ERROR: " + message, SYSTEM, INTERNAL, cause);
    }
}
