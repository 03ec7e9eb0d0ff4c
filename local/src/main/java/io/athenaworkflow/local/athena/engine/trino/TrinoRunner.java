package io.athenaworkflow.local.athena.engine.trino;

import io.athenaworkflow.local.athena.engine.Cancellation;

/** Runs one Trino statement in a schema of the engine's catalog, Trino errors already mapped to Athena's. */
@FunctionalInterface
interface TrinoRunner {

    /** Rows nobody reads (statements run for their effect). */
    TrinoClient.Rows IGNORE = new TrinoClient.Rows() {
        @Override
        public void columns(java.util.List<TrinoClient.Column> columns) {
        }

        @Override
        public void row(java.util.List<com.fasterxml.jackson.databind.JsonNode> values) {
        }
    };

    TrinoClient.Outcome run(String sql, String schema, Cancellation cancellation, TrinoClient.Rows rows);

    /** Runs {@code sql} and returns its rows as text (SQL NULL as null). */
    default java.util.List<java.util.List<String>> rows(String sql, String schema, Cancellation cancellation) {
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        run(sql, schema, cancellation, new TrinoClient.Rows() {
            @Override
            public void columns(java.util.List<TrinoClient.Column> columns) {
            }

            @Override
            public void row(java.util.List<com.fasterxml.jackson.databind.JsonNode> values) {
                rows.add(values.stream().map(v -> v == null || v.isNull() ? null : v.asText()).toList());
            }
        });
        return rows;
    }

    /** A quoted Trino identifier. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A Trino string literal. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
