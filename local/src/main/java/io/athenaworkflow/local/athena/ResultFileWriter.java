package io.athenaworkflow.local.athena;

import io.athenaworkflow.local.athena.engine.ResultColumn;
import io.athenaworkflow.local.athena.engine.ResultFormat;
import io.athenaworkflow.local.athena.engine.ResultSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams a statement's result to a temporary file in the exact bytes Athena writes, so that results of any size
 * never sit in memory. CSV ({@code <id>.csv}): a header row of quoted column names, then every value quoted with
 * {@code "} (embedded quotes doubled) and SQL NULL as an empty unquoted field, rows ending in {@code \n}. Text
 * ({@code <id>.txt}): the lines joined with {@code \n}, without a trailing newline.
 */
final class ResultFileWriter implements ResultSink {

    private final Path file;
    private OutputStream out;
    private ResultFormat format;
    private List<ResultColumn> columns = List.of();
    private long rows;

    ResultFileWriter() {
        try {
            this.file = Files.createTempFile("athena-result-", ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for a query result", e);
        }
    }

    @Override
    public void start(ResultFormat resultFormat, List<ResultColumn> resultColumns) {
        if (format != null) {
            throw new IllegalStateException("ResultSink.start called twice");
        }
        format = resultFormat;
        columns = List.copyOf(resultColumns);
        try {
            out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            if (format == ResultFormat.CSV && !columns.isEmpty()) {
                writeCsvRow(columns.stream().map(ResultColumn::name).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the query result file " + file, e);
        }
    }

    @Override
    public void row(List<String> values) {
        if (format == null) {
            throw new IllegalStateException("ResultSink.row called before start");
        }
        try {
            if (format == ResultFormat.CSV) {
                writeCsvRow(values);
            } else {
                if (rows > 0) {
                    out.write('\n');
                }
                out.write(String.join("\t", values.stream().map(v -> v == null ? "" : v).toList())
                        .getBytes(StandardCharsets.UTF_8));
            }
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the query result file " + file, e);
        }
    }

    private void writeCsvRow(List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String value = values.get(i);
            if (value != null) {
                out.write('"');
                out.write(value.replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8));
                out.write('"');
            }
        }
        out.write('\n');
    }

    /** Closes the file; a statement that never called {@link #start} is a text result without columns. */
    void finish() {
        try {
            if (out == null) {
                format = ResultFormat.TEXT;
                Files.write(file, new byte[0]);
            } else {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the query result file " + file, e);
        }
    }

    /** Deletes the temporary file. Idempotent. */
    void discard() {
        try {
            if (out != null) {
                out.close();
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.getLogger(ResultFileWriter.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot delete temporary result " + file, e);
        }
    }

    Path file() {
        return file;
    }

    ResultFormat format() {
        return format;
    }

    List<ResultColumn> columns() {
        return columns;
    }

    long rows() {
        return rows;
    }
}
