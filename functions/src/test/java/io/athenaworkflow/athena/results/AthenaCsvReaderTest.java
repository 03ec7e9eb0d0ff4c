package io.athenaworkflow.athena.results;

import io.athenaworkflow.athena.errors.ResultUnreadableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Athena's result CSV, read through readers that hand over the text all at once, one character at a time (so
 * every field, quote and line end falls on a buffer boundary somewhere) and in odd-sized chunks.
 */
class AthenaCsvReaderTest {

    /** How the underlying Reader hands over text. */
    enum Feed {
        WHOLE(StringReader::new),
        ONE_CHAR(text -> new ChunkedReader(text, 1)),
        CHUNKS_OF_7(text -> new ChunkedReader(text, 7));

        private final Function<String, Reader> open;

        Feed(Function<String, Reader> open) {
            this.open = open;
        }

        AthenaCsvReader reader(String text) {
            return new AthenaCsvReader(open.apply(text));
        }
    }

    /** Returns at most {@code chunk} characters per read, like a slow network stream. */
    static final class ChunkedReader extends Reader {
        private final String text;
        private final int chunk;
        private int position;
        boolean closed;

        ChunkedReader(String text, int chunk) {
            this.text = text;
            this.chunk = chunk;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position >= text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(length, chunk), text.length() - position);
            text.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static List<List<String>> readAll(AthenaCsvReader csv) {
        List<List<String>> records = new ArrayList<>();
        for (List<String> record = csv.next(); record != null; record = csv.next()) {
            records.add(record);
        }
        return records;
    }

    private static List<List<String>> readAll(Feed feed, String text) {
        return readAll(feed.reader(text));
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenHeaderAndRows_returnsEachRecord(Feed feed) {
        assertThat(readAll(feed, "\"id\",\"name\"\n\"1\",\"ann\"\n\"2\",\"bob\"\n"))
                .containsExactly(row("id", "name"), row("1", "ann"), row("2", "bob"));
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenNullAndEmptyString_keepsThemApart(Feed feed) {
        // Athena writes NULL as nothing at all and the empty string as "".
        assertThat(readAll(feed, "\"1\",,\"\",\n,\"\",\n")).containsExactly(row("1", null, "", null), row(null, "", null));
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenFieldsHoldCommasAndQuotes_unquotesThem(Feed feed) {
        assertThat(readAll(feed, "\"a,b\",\"say \"\"hi\"\"\",\"\"\"\",\"\"\"\"\"\",\",\"\n"))
                .containsExactly(row("a,b", "say \"hi\"", "\"", "\"\"", ","));
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenQuotedFieldsSpanLines_keepsTheLineBreaksInTheValue(Feed feed) {
        assertThat(readAll(feed, "\"line1\nline2\",\"x\r\ny\",\"\n\"\n\"next\",\"\r\"\n"))
                .containsExactly(row("line1\nline2", "x\r\ny", "\n"), row("next", "\r"));
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenRecordsEndWithCrLf_dropsTheCarriageReturn(Feed feed) {
        assertThat(readAll(feed, "\"a\",\"b\"\r\n\"c\",\"d\"\r\n1,2\r\n"))
                .containsExactly(row("a", "b"), row("c", "d"), row("1", "2"));
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenSingleColumnRowIsNull_readsTheEmptyLineAsOneNull(Feed feed) {
        assertThat(readAll(feed, "\"h\"\n\"x\"\n\n\"y\"\n\n")).containsExactly(row("h"), row("x"), row((String) null), row("y"),
                row((String) null));
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenNullsEndCrLfRecords_keepsThemNull(Feed feed) {
        // A NULL last field (or a single-column NULL row) followed by CRLF is still NULL, not the empty string.
        assertThat(readAll(feed, "\"h\"\r\n\r\n\"y\"\r\n")).containsExactly(row("h"), row((String) null), row("y"));
        assertThat(readAll(feed, "\"a\",\r\n,\"\"\r\n")).containsExactly(row("a", null), row(null, ""));
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenLastRecordHasNoLineEnd_stillReadsIt(Feed feed) {
        assertThat(readAll(feed, "\"a\"\n\"b\"")).containsExactly(row("a"), row("b"));
        assertThat(readAll(feed, "\"a\"\n\"b\"\n")).containsExactly(row("a"), row("b"));
        assertThat(readAll(feed, "\"a\",")).containsExactly(row("a", null));
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenInputEmpty_returnsNullAtOnce(Feed feed) {
        AthenaCsvReader csv = feed.reader("");

        assertThat(csv.next()).isNull();
        assertThat(csv.next()).isNull();
        assertThat(feed.reader("").skip()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenValuesAreUnicode_keepsThemIntact(Feed feed) {
        assertThat(readAll(feed, "\"日本語\",\"😀 emoji\",\"Grüße\",\"\u0000\"\n"))
                .containsExactly(row("日本語", "😀 emoji", "Grüße", "\u0000"));
    }

    @ParameterizedTest
    @EnumSource(value = Feed.class, names = {"WHOLE", "CHUNKS_OF_7"})
    void next_whenAFieldIsLongerThanTheBuffer_readsItWhole(Feed feed) {
        String big = "ab\"c\nd,".repeat(40_000); // 280,000 characters, quotes, line breaks and commas inside
        String quoted = "\"" + big.replace("\"", "\"\"") + "\"";

        assertThat(readAll(feed, quoted + ",\"after\"\n\"next\"\n")).containsExactly(row(big, "after"), row("next"));
    }

    @Test
    void next_whenFieldsEndAroundThe64KiBBufferBoundary_readsThemExactly() {
        int buffer = 64 * 1024;
        for (int length = buffer - 6; length <= buffer + 3; length++) {
            // Every structural character (closing quote, comma, CR, LF, doubled quote) lands on the boundary for
            // one of these lengths.
            String value = "v".repeat(length);
            assertThat(readAll(Feed.WHOLE, "\"" + value + "\",\"z\"\r\n\"n\"\n"))
                    .as("field of %d characters", length)
                    .containsExactly(row(value, "z"), row("n"));
            assertThat(readAll(Feed.WHOLE, "\"" + value + "\"\"\"\r\n,\r\n"))
                    .as("field of %d characters ending in a doubled quote", length)
                    .containsExactly(row(value + "\""), row(null, null));
            assertThat(readAll(Feed.WHOLE, value + "\r\n\r\n"))
                    .as("unquoted field of %d characters", length)
                    .containsExactly(row(value), row((String) null));
        }
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenQuoteNeverCloses_throwsUnreadableNamingTheRecord(Feed feed) {
        AthenaCsvReader csv = feed.reader("\"h\"\n\"ok\"\n\"trunc");

        csv.next();
        csv.next();
        assertThatThrownBy(csv::next)
                .isInstanceOf(ResultUnreadableException.class)
                .hasMessageContaining("a quoted value that never ends")
                .hasMessageContaining("record 3");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenTextFollowsAClosingQuote_throwsUnreadable(Feed feed) {
        assertThatThrownBy(() -> readAll(feed, "\"a\"b,\"c\"\n")).isInstanceOf(ResultUnreadableException.class)
                .hasMessageContaining("text after a closing quote").hasMessageContaining("record 1");
        assertThatThrownBy(() -> readAll(feed, "\"a\" ,\"c\"\n")).isInstanceOf(ResultUnreadableException.class);
        assertThatThrownBy(() -> readAll(feed, "\"a\"\r")).isInstanceOf(ResultUnreadableException.class);
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenAQuoteAppearsInsideAnUnquotedField_throwsUnreadable(Feed feed) {
        assertThatThrownBy(() -> readAll(feed, "ab\"c\n")).isInstanceOf(ResultUnreadableException.class)
                .hasMessageContaining("a quote inside an unquoted field");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void next_whenFieldsAreUnquoted_readsThemAsText(Feed feed) {
        assertThat(readAll(feed, "1,abc,\n")).containsExactly(row("1", "abc", null));
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void skip_whenRecordsSpanLines_countsRecordsNotLines(Feed feed) {
        String text = "\"h1\",\"h2\"\n"  // header
                + "\"a\nb\",\"c\"\n"  // 1: a line break inside a value
                + "\"x\r\ny\",\"\"\"q\"\"\"\n"  // 2: CRLF inside a value, a quoted quote
                + ",\"\"\r\n"  // 3: NULL and "" with a CRLF end
                + "\n"  // 4: all NULL
                + ",\"last\"";  // 5: no line end
        AthenaCsvReader csv = feed.reader(text);

        assertThat(csv.next()).containsExactly("h1", "h2");
        int skipped = 0;
        while (csv.skip()) {
            skipped++;
        }
        assertThat(skipped).isEqualTo(5);
        assertThat(readAll(feed, text)).hasSize(6);
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void skipAndNext_whenInterleaved_stayInStep(Feed feed) {
        AthenaCsvReader csv = feed.reader("\"1\"\n\"2\nx\"\n\"3\"\n\"4,\"\"\"\n\"5\"\n");

        assertThat(csv.next()).containsExactly("1");
        assertThat(csv.skip()).isTrue();
        assertThat(csv.next()).containsExactly("3");
        assertThat(csv.skip()).isTrue();
        assertThat(csv.next()).containsExactly("5");
        assertThat(csv.skip()).isFalse();
        assertThat(csv.next()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void skip_whenQuoteNeverCloses_throwsUnreadable(Feed feed) {
        AthenaCsvReader csv = feed.reader("\"h\"\n\"unterminated\n");
        csv.next();

        assertThatThrownBy(csv::skip).isInstanceOf(ResultUnreadableException.class);
    }

    @Test
    void close_closesTheUnderlyingReader() {
        ChunkedReader underlying = new ChunkedReader("\"a\"\n", 3);

        new AthenaCsvReader(underlying).close();

        assertThat(underlying.closed).isTrue();
    }

    @Test
    void next_whenTheReaderFails_throwsUncheckedIo() {
        Reader failing = new Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> new AthenaCsvReader(failing).next()).isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("connection reset");
    }
}
