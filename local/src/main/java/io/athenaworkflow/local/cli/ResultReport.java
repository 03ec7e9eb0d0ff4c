package io.athenaworkflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The workflow's execution output (FetchResults' columns, rows and statistics plus Cleanup's report) as people read
 * it: the rows as a {@link TextTable}, then the row count, the data scanned, the estimated cost and what Cleanup
 * deleted.
 */
public final class ResultReport {

    private static final Set<String> NUMERIC_TYPES = Set.of("tinyint", "smallint", "integer", "int", "bigint", "real",
            "float", "double", "decimal");

    private ResultReport() {
    }

    /** The table and the summary lines. */
    public static String render(JsonNode output) {
        return table(output).render() + summary(output);
    }

    /**
     * The preview rows under their column names. Rows are objects keyed by column name, a repeated name taking the
     * suffix {@code _2}, {@code _3}, ... as FetchResults writes them. Numeric columns are right-aligned; NULL is shown
     * as {@code NULL}, the empty string as nothing.
     */
    public static TextTable table(JsonNode output) {
        List<String> headers = new ArrayList<>();
        List<Boolean> right = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode column : output.path("columns")) {
            String name = column.path("name").asText();
            String key = name;
            for (int n = 2; !seen.add(key); n++) {
                key = name + "_" + n;
            }
            headers.add(name);
            keys.add(key);
            right.add(isNumeric(column.path("type").asText()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : output.path("rows")) {
            rows.add(keys.stream().map(key -> cell(row.get(key))).toList());
        }
        return new TextTable(headers, right, rows);
    }

    /** The lines after the table: rows, data scanned, estimated cost, cleanup. */
    public static String summary(JsonNode output) {
        StringBuilder out = new StringBuilder();
        long rowCount = output.path("rowCount").asLong(output.path("rows").size());
        int preview = output.path("rows").size();
        out.append('(').append(Units.count(rowCount, "row", "rows"));
        if (output.path("truncated").asBoolean(false) || preview < rowCount) {
            out.append(String.format(Locale.ROOT, "; the first %,d shown, all in %s", preview,
                    output.path("resultLocation").asText("the result object")));
        }
        out.append(")\n");
        JsonNode statistics = output.path("statistics");
        if (statistics.isObject()) {
            long scanned = statistics.path("dataScannedBytes").asLong();
            out.append(String.format(Locale.ROOT, "Data scanned:   %s (%,d bytes)\n", Units.bytes(scanned),
                    scanned));
            JsonNode cost = statistics.path("estimatedCostUsd");
            if (cost.isNumber()) {
                out.append("Estimated cost: USD ").append(plain(cost.decimalValue()))
                        .append(" (USD 5 per TB scanned, at least 10 MB per query that scans data)\n");
            }
        }
        JsonNode cleanup = output.path("cleanup");
        if (cleanup.isObject()) {
            JsonNode deleted = cleanup.path("deleted");
            if (deleted.isArray() && !deleted.isEmpty()) {
                out.append("Cleanup:        deleted ").append(Units.count(deleted.size(), "object", "objects"))
                        .append('\n');
                for (JsonNode uri : deleted) {
                    out.append("                  ").append(uri.asText()).append('\n');
                }
            } else {
                out.append("Cleanup:        nothing deleted");
                if (cleanup.hasNonNull("note")) {
                    out.append(" (").append(cleanup.get("note").asText()).append(')');
                }
                out.append('\n');
            }
            if (cleanup.path("stopped").asBoolean(false)) {
                out.append("                the query was still running and was stopped\n");
            }
        }
        return out.toString();
    }

    private static boolean isNumeric(String type) {
        String base = type.toLowerCase(Locale.ROOT);
        int parenthesis = base.indexOf('(');
        return NUMERIC_TYPES.contains(parenthesis < 0 ? base.trim() : base.substring(0, parenthesis).trim());
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "NULL";
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        return value.toString();
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.toPlainString();
    }
}
