package io.athenaworkflow.local.athena.engine;

import java.util.List;

/** Receives a statement's result as the engine produces it, so results of any size stream to S3. */
public interface ResultSink {

    /** Called once, before any row. */
    void start(ResultFormat format, List<ResultColumn> columns);

    /**
     * One row. Values are rendered as Athena writes them in its result file (e.g. {@code 2024-01-02 03:04:05.000}
     * for a timestamp, {@code [1, 2]} for an array, {@code {a=1}} for a map); {@code null} is SQL NULL.
     * For {@link ResultFormat#TEXT} results each row has one value: the line.
     */
    void row(List<String> values);
}
