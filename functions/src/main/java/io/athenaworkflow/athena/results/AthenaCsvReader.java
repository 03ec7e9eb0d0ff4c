package io.athenaworkflow.athena.results;

import io.athenaworkflow.athena.errors.ResultUnreadableException;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Athena's result CSV one record at a time, streaming: every value is quoted with {@code "} (a quote inside
 * is doubled), a field may span lines, and a NULL is an empty field WITHOUT quotes, so {@code ,,} is NULL while
 * {@code ,"",} is the empty string. Records end at {@code \n} (a preceding {@code \r} is dropped). Unquoted
 * non-empty fields, which Athena does not write, are read as text.
 */
public final class AthenaCsvReader implements AutoCloseable {

    private static final int EOF = -1;
    private final Reader reader;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long record;
    private final StringBuilder field = new StringBuilder();

    public AthenaCsvReader(Reader reader) {
        this.reader = reader;
    }

    /** The next record's fields ({@code null} for NULL), or {@code null} at the end of the input. */
    public List<String> next() {
        int c = read();
        if (c == EOF) {
            return null;
        }
        record++;
        List<String> fields = new ArrayList<>();
        while (true) {
            if (c == '"') {
                c = quoted(true);
                fields.add(field.toString());
            } else {
                field.setLength(0);
                boolean any = false;
                while (c != ',' && c != '\n' && c != EOF) {
                    if (c == '"') {
                        throw unreadable("a quote inside an unquoted field");
                    }
                    // A '\r' ending the record is not content: ",\r\n" ends with a NULL, not an empty string.
                    if (c != '\r' || peek() != '\n') {
                        field.append((char) c);
                        any = true;
                    }
                    c = read();
                }
                fields.add(any ? field.toString() : null);
            }
            if (c == ',') {
                c = read();
                continue;
            }
            return fields; // '\n' or EOF
        }
    }

    /**
     * Skips the next record without building its values (counting rows past the preview).
     *
     * @return false at the end of the input
     */
    public boolean skip() {
        int c = read();
        if (c == EOF) {
            return false;
        }
        record++;
        while (true) {
            if (c == '"') {
                c = quoted(false);
            } else {
                while (c != ',' && c != '\n' && c != EOF) {
                    c = read();
                }
            }
            if (c == ',') {
                c = read();
                continue;
            }
            return true;
        }
    }

    /** Reads a quoted field whose opening quote was consumed; returns the character after the closing quote. */
    private int quoted(boolean keep) {
        field.setLength(0);
        while (true) {
            int c = read();
            if (c == EOF) {
                throw unreadable("a quoted value that never ends (the file is truncated)");
            }
            if (c == '"') {
                int next = read();
                if (next == '"') {
                    if (keep) {
                        field.append('"');
                    }
                    continue;
                }
                if (next == '\r' && peek() == '\n') {
                    next = read();
                }
                if (next != ',' && next != '\n' && next != EOF) {
                    throw unreadable("text after a closing quote");
                }
                return next;
            }
            if (keep) {
                field.append((char) c);
            }
        }
    }

    private ResultUnreadableException unreadable(String what) {
        return new ResultUnreadableException("The result file is not in Athena's CSV format: " + what + " in record "
                + record + ".");
    }

    private int read() {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private int peek() {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private boolean fill() {
        try {
            int n = reader.read(buffer);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the result file failed", e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
