package io.athenaworkflow.local.athena.engine;

import java.util.List;

/**
 * One statement to run.
 *
 * @param queryExecutionId the Athena query execution id (names CTAS/UNLOAD output, appears in errors)
 * @param sql the query string exactly as given to StartQueryExecution
 * @param catalog QueryExecutionContext.Catalog ("AwsDataCatalog" when not given)
 * @param database QueryExecutionContext.Database, or null
 * @param executionParameters ExecutionParameters, in order, as given (SQL literals, e.g. {@code 'abc'} or {@code 42})
 * @param outputLocation the s3:// location results go to (CTAS/UNLOAD without their own location use it)
 * @param cancellation triggered by StopQueryExecution
 */
public record Statement(
        String queryExecutionId,
        String sql,
        String catalog,
        String database,
        List<String> executionParameters,
        String outputLocation,
        Cancellation cancellation) {

    public Statement {
        executionParameters = executionParameters == null ? List.of() : List.copyOf(executionParameters);
    }
}
