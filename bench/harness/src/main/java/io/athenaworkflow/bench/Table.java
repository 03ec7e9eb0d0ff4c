package io.athenaworkflow.bench;

import java.util.ArrayList;
import java.util.List;

/** The one Markdown table the benchmarks print: a row per figure, grouped by benchmark. */
final class Table {

    /**
     * @param group the benchmark, e.g. "a. Handler cold call"
     * @param measure what the row measures
     * @param product the product's figure
     * @param baseline the baseline(s), measured in the same run
     * @param ratio product relative to the baseline(s)
     * @param goal the goal, or "" when the row is informative
     * @param result "met", "missed" or "" (no goal)
     */
    record Row(String group, String measure, String product, String baseline, String ratio, String goal, String result) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    void add(String group, String measure, String product, String baseline, String ratio, String goal, Boolean met) {
        rows.add(new Row(group, measure, product, baseline, ratio, goal, met == null ? "" : met ? "met" : "**missed**"));
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| Benchmark | Measure | Product | Baseline (same run) | Ratio | Goal | Result |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        String previous = null;
        for (Row row : rows) {
            String group = row.group().equals(previous) ? "" : "**" + row.group() + "**";
            previous = row.group();
            out.append("| ").append(String.join(" | ", cell(group), cell(row.measure()), cell(row.product()),
                    cell(row.baseline()), cell(row.ratio()), cell(row.goal()), cell(row.result()))).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
