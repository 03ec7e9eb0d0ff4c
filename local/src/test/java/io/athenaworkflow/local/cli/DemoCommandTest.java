package io.athenaworkflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo end to end: the real template, functions package, dataset and query. */
class DemoCommandTest {

    @Test
    void demo_whenRun_printsOnlyTheResultSectionOnStdoutAndExitsZero() {
        Cli.Result result = Cli.run("demo");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String[] lines = result.out().split("\n");
        assertThat(lines[0]).isEqualTo(" region        | year | orders | units |   revenue | customers");
        assertThat(lines[1]).isEqualTo("---------------+------+--------+-------+-----------+-----------");
        // 4 regions x 2 years, revenue descending; numbers right-aligned under their headers.
        assertThat(lines).hasSize(2 + 8 + 6);
        for (int i = 2; i < 10; i++) {
            assertThat(lines[i]).matches(" (Europe|Asia Pacific|Latin America|North America) +\\| 202[45] \\| +\\d+ \\|"
                    + " +\\d+ \\| +\\d+\\.\\d\\d \\| +\\d+");
        }
        assertThat(lines[10]).isEqualTo("(8 rows)");
        assertThat(lines[11]).matches("Data scanned:   \\d+\\.\\d KiB \\([\\d,]+ bytes\\)");
        assertThat(lines[12]).isEqualTo("Estimated cost: USD 0.0000476837 (USD 5 per TB scanned, at least 10 MB per"
                + " query that scans data)");
        assertThat(lines[13]).isEqualTo("Cleanup:        deleted 2 objects");
        assertThat(lines[14]).matches(" {18}s3://athena-workflow-results/athena-workflow/[0-9a-f-]{36}\\.csv");
        assertThat(lines[15]).isEqualTo(lines[14] + ".metadata");
        assertThat(revenues(lines)).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        // Orders on or after 2024-07-01: the whole of 2025 (1,500) plus part of 2024.
        int orders2025 = 0;
        for (int i = 2; i < 10; i++) {
            if (lines[i].contains("| 2025 |")) {
                orders2025 += Integer.parseInt(lines[i].split("\\|")[2].strip());
            }
        }
        assertThat(orders2025).isEqualTo(1500);

        assertThat(result.err())
                .contains("Loaded the sample dataset into s3://athena-workflow-data/demo/: 2 files, ")
                .containsPattern("create-database\\.sql +CREATE DATABASE IF NOT EXISTS demo .* SUCCEEDED in ")
                .containsPattern("create-table\\.sql +CREATE EXTERNAL TABLE IF NOT EXISTS demo\\.orders .*SUCCEEDED in")
                .containsPattern("load-partitions\\.sql +MSCK REPAIR TABLE demo\\.orders +SUCCEEDED in ")
                .contains("with parameters [\"'2024-07-01'\"] and cleanup ALWAYS")
                .containsPattern("Console http://127\\.0\\.0\\.1:\\d+/console/#/executions/arn%3Aaws%3Astates%3Aus-east-1"
                        + "%3A000000000000%3Aexecution%3Aathena-workflow-athena-query%3Ademo-\\d+-query  \\(while the demo"
                        + " runs\\)\n")
                .containsPattern("CheckStatus +\\d+\\.\\d\\ds  query SUCCEEDED, \\d+\\.\\d KiB scanned")
                .containsPattern("Cleanup +\\d+\\.\\d\\ds  deleted 2 objects")
                .contains("execution SUCCEEDED")
                .endsWith("Done: the runtime is stopped and its temporary data are deleted.\n");
    }

    @Test
    void demo_whenSinceIsNotADate_isAUsageError() {
        Cli.Result result = Cli.run("demo", "--since", "yesterday");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--since must be a date like 2024-07-01, got 'yesterday'");
        assertThat(result.out()).isEmpty();
    }

    private static java.util.List<Double> revenues(String[] lines) {
        java.util.List<Double> revenues = new java.util.ArrayList<>();
        for (int i = 2; i < 10; i++) {
            revenues.add(Double.parseDouble(lines[i].split("\\|")[4].strip()));
        }
        return revenues;
    }
}
