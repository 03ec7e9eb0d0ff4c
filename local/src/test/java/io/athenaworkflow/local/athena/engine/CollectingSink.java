package io.athenaworkflow.local.athena.engine;

import java.util.ArrayList;
import java.util.List;

/** Test sink that keeps what the engine streams (small results only). */
final class CollectingSink implements ResultSink {

    ResultFormat format;
    List<ResultColumn> columns;
    final List<List<String>> rows = new ArrayList<>();

    @Override
    public void start(ResultFormat format, List<ResultColumn> columns) {
        if (this.format != null) {
            throw new AssertionError("start called twice");
        }
        this.format = format;
        this.columns = columns;
    }

    @Override
    public void row(List<String> values) {
        if (format == null) {
            throw new AssertionError("row before start");
        }
        rows.add(values);
    }

    List<String> lines() {
        return rows.stream().map(r -> r.get(0)).toList();
    }

    List<String> names() {
        return columns.stream().map(ResultColumn::name).toList();
    }
}
