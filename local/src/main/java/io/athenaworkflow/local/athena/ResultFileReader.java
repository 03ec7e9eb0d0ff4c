package io.athenaworkflow.local.athena;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a page of rows from a result file the way GetQueryResults does, starting at a byte offset so that paging
 * through a large result never re-reads it from the start. CSV rows follow Athena's quoting (an empty unquoted field
 * is NULL); a text result has one value per line.
 */
final class ResultFileReader {

    /** Offset meaning "no rows left". */
    static final long END = -1;

    /**
     * A page.
     *
     * @param rows the rows; a null value is SQL NULL
     * @param nextOffset where the next page starts, or {@link #END}
     */
    record Page(List<List<String>> rows, long nextOffset) {
    }

    private ResultFileReader() {
    }

    static Page readCsv(Path file, long offset, int maxRows) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file)) {
            if (offset == END || offset >= channel.size()) {
                return new Page(rows, END);
            }
            channel.position(offset);
            CountingInput in = new CountingInput(Channels.newInputStream(channel), offset);
            while (rows.size() < maxRows) {
                List<String> row = csvRow(in);
                if (row == null) {
                    return new Page(rows, END);
                }
                rows.add(row);
            }
            return new Page(rows, in.peek() < 0 ? END : in.position());
        }
    }

    static Page readText(Path file, long offset, int maxRows) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (offset == END || size == 0 || offset > size) {
                return new Page(rows, END);
            }
            channel.position(offset);
            CountingInput in = new CountingInput(Channels.newInputStream(channel), offset);
            long next = offset;
            while (rows.size() < maxRows && next != END) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    line.write(b);
                }
                rows.add(List.of(line.toString(StandardCharsets.UTF_8)));
                // After a newline another (possibly empty) line follows; at the end of the file nothing does.
                next = b == '\n' ? in.position() : END;
            }
            return new Page(rows, next);
        }
    }

    private static List<String> csvRow(CountingInput in) throws IOException {
        if (in.peek() < 0) {
            return null;
        }
        List<String> values = new ArrayList<>();
        while (true) {
            int first = in.peek();
            String value;
            if (first == '"') {
                in.read();
                ByteArrayOutputStream field = new ByteArrayOutputStream();
                while (true) {
                    int b = in.read();
                    if (b < 0) {
                        throw new IOException("unterminated quoted field in result file");
                    }
                    if (b == '"') {
                        if (in.peek() == '"') {
                            in.read();
                            field.write('"');
                        } else {
                            break;
                        }
                    } else {
                        field.write(b);
                    }
                }
                value = field.toString(StandardCharsets.UTF_8);
            } else {
                ByteArrayOutputStream field = new ByteArrayOutputStream();
                while (in.peek() >= 0 && in.peek() != ',' && in.peek() != '\n') {
                    field.write(in.read());
                }
                value = field.size() == 0 ? null : field.toString(StandardCharsets.UTF_8);
            }
            values.add(value);
            int separator = in.read();
            if (separator == ',') {
                continue;
            }
            if (separator == '\n' || separator < 0) {
                return values;
            }
            throw new IOException("unexpected character after a quoted field in result file");
        }
    }

    /** A buffered stream that knows its position in the file and can look one byte ahead. */
    private static final class CountingInput {
        private final InputStream in;
        private long position;
        private int peeked = -2;

        CountingInput(InputStream in, long position) {
            this.in = new BufferedInputStream(in, 1 << 16);
            this.position = position;
        }

        int peek() throws IOException {
            if (peeked == -2) {
                peeked = in.read();
            }
            return peeked;
        }

        int read() throws IOException {
            int b = peek();
            peeked = -2;
            if (b >= 0) {
                position++;
            }
            return b;
        }

        long position() {
            return position;
        }
    }
}
