package io.athenaworkflow.local.athena.engine;

/**
 * Runs one Athena (Trino dialect) statement on the local engine (Trino), against the tables of a Glue-style catalog
 * whose data are the objects of the local S3. DDL changes the catalog; SELECT/WITH stream typed rows to a sink.
 * Implementations are thread-safe: the Athena service runs several statements at once.
 */
public interface SqlEngine extends AutoCloseable {

    /**
     * Executes {@code statement}, streaming its result to {@code sink}, and returns what Athena reports about it.
     *
     * @throws QueryFailure when Athena would end the query FAILED (syntax error, unknown table, a function that
     *     cannot be translated, a type error, ...), with the message Athena would put in StateChangeReason
     * @throws QueryCancelled when {@link Statement#cancellation()} was triggered while it ran
     */
    StatementOutcome execute(Statement statement, ResultSink sink);

    /**
     * Checks that {@code sql} parses, as Athena does before StartQueryExecution accepts a query. Engines that cannot
     * tell before running accept everything here and report the syntax error when the query runs.
     *
     * @throws QueryFailure with the engine's message ({@code line L:C: ...}) when the statement does not parse
     */
    default void checkSyntax(String sql) {
    }

    @Override
    void close();
}
