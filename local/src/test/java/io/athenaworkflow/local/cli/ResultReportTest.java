package io.athenaworkflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultReportTest {

    private static final String OUTPUT = """
            {"queryExecutionId": "q1", "statementType": "DML",
             "columns": [{"name": "region", "type": "varchar"}, {"name": "n", "type": "bigint"},
                         {"name": "n", "type": "double"}, {"name": "price", "type": "decimal"},
                         {"name": "ok", "type": "boolean"}, {"name": "tags", "type": "array"}],
             "rows": [{"region": "Europe", "n": 3, "n_2": 1.5, "price": 1234.50, "ok": true, "tags": "[a, b]"},
                      {"region": "", "n": null, "n_2": -2, "price": 0.10, "ok": false, "tags": null}],
             "rowCount": 5, "previewRowCount": 2, "truncated": true,
             "resultLocation": "s3://results/athena-workflow/q1.csv",
             "statistics": {"dataScannedBytes": 253981, "engineExecutionMillis": 12, "queueMillis": 1,
                            "totalExecutionMillis": 13, "reusedPreviousResult": false,
                            "estimatedCostUsd": 0.0000476837},
             "cleanup": {"queryExecutionId": "q1", "stateBefore": "SUCCEEDED", "stopped": false,
                         "deleted": ["s3://results/athena-workflow/q1.csv",
                                     "s3://results/athena-workflow/q1.csv.metadata"], "note": null}}
            """;

    @Test
    void render_whenPreviewOfAResult_printsTableRowCountScanCostAndDeletedObjects() {
        assertThat(ResultReport.render(Json.parse(OUTPUT))).isEqualTo("""
                 region |    n |   n |   price | ok    | tags
                --------+------+-----+---------+-------+--------
                 Europe |    3 | 1.5 | 1234.50 | true  | [a, b]
                        | NULL |  -2 |    0.10 | false | NULL
                (5 rows; the first 2 shown, all in s3://results/athena-workflow/q1.csv)
                Data scanned:   248.0 KiB (253,981 bytes)
                Estimated cost: USD 0.0000476837 (USD 5 per TB scanned, at least 10 MB per query that scans data)
                Cleanup:        deleted 2 objects
                                  s3://results/athena-workflow/q1.csv
                                  s3://results/athena-workflow/q1.csv.metadata
                """);
    }

    @Test
    void summary_whenDdlKeptItsResultAndScannedNothing_saysNothingDeletedAndWhy() {
        String output = """
                {"columns": [{"name": "result", "type": "varchar"}], "rows": [], "rowCount": 1,
                 "truncated": false, "statistics": {"dataScannedBytes": 0, "estimatedCostUsd": 0},
                 "cleanup": {"queryExecutionId": "q2", "stateBefore": "SUCCEEDED", "stopped": false, "deleted": [],
                             "note": "Result objects kept: cleanup mode NEVER."}}
                """;

        assertThat(ResultReport.summary(Json.parse(output))).isEqualTo("""
                (1 row; the first 0 shown, all in the result object)
                Data scanned:   0 B (0 bytes)
                Estimated cost: USD 0 (USD 5 per TB scanned, at least 10 MB per query that scans data)
                Cleanup:        nothing deleted (Result objects kept: cleanup mode NEVER.)
                """);
    }

    @Test
    void summary_whenCleanupStoppedTheQuery_saysSo() {
        String output = """
                {"columns": [], "rows": [], "rowCount": 0,
                 "cleanup": {"queryExecutionId": "q3", "stateBefore": "RUNNING", "stopped": true,
                             "deleted": ["s3://r/q3.csv"], "note": null}}
                """;

        assertThat(ResultReport.summary(Json.parse(output))).isEqualTo("""
                (0 rows)
                Cleanup:        deleted 1 object
                                  s3://r/q3.csv
                                the query was still running and was stopped
                """);
    }

    @Test
    void table_whenDecimalHasTrailingZerosOrExponent_printsItPlainAsWritten() {
        String output = """
                {"columns": [{"name": "d", "type": "decimal(38,10)"}],
                 "rows": [{"d": 1.5000000000}, {"d": 1E+3}, {"d": 0.000}]}
                """;

        assertThat(ResultReport.table(Json.parse(output)).render()).isEqualTo(
                "            d\n"
                + "--------------\n"
                + " 1.5000000000\n"
                + "         1000\n"
                + "        0.000\n");
    }
}
