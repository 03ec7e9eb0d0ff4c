package io.athenaworkflow.bench;

import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.Row;

import java.util.List;

/**
 * A query as an Athena user runs it with the AWS SDK: StartQueryExecution, GetQueryExecution every
 * {@value BenchRuntime#POLL_MILLIS} ms until SUCCEEDED, then GetQueryResults (the first page).
 */
final class AthenaApiQuery {

    private AthenaApiQuery() {
    }

    /** The result's data rows (the header row left out), each value as GetQueryResults gives it. */
    static List<List<String>> rows(AthenaClient athena, String sql) {
        String id = athena.startQueryExecution(r -> r.queryString(sql)
                .resultConfiguration(c -> c.outputLocation("s3://" + BenchRuntime.RESULTS_BUCKET + "/bench-g/")))
                .queryExecutionId();
        BenchRuntime.awaitSucceeded(athena, id);
        List<Row> rows = athena.getQueryResults(r -> r.queryExecutionId(id)).resultSet().rows();
        return rows.stream().skip(1).map(row -> row.data().stream().map(Datum::varCharValue).toList()).toList();
    }
}
