package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;

import io.athenaworkflow.local.athena.engine.ResultColumn;
import io.athenaworkflow.local.athena.engine.ResultFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {

    @TempDir
    Path dir;

    @Test
    void csvWriter_whenValuesNeedQuoting_writesAthenasCsvAndReaderRestoresThem() throws IOException {
        ResultFileWriter writer = new ResultFileWriter();
        writer.start(ResultFormat.CSV, List.of(new ResultColumn("a", "varchar", 1, 0, "UNKNOWN"),
                new ResultColumn("b", "varchar", 1, 0, "UNKNOWN")));
        writer.row(Arrays.asList("x,\"y\"", null));
        writer.row(Arrays.asList("", "line1\nline2"));
        writer.finish();

        String written = Files.readString(writer.file());
        ResultFileReader.Page page = ResultFileReader.readCsv(writer.file(), 0, 10);
        writer.discard();

        assertThat(written).isEqualTo("\"a\",\"b\"\n\"x,\"\"y\"\"\",\n\"\",\"line1\nline2\"\n");
        assertThat(page.rows()).containsExactly(List.of("a", "b"), Arrays.asList("x,\"y\"", null),
                List.of("", "line1\nline2"));
        assertThat(page.nextOffset()).isEqualTo(ResultFileReader.END);
        assertThat(writer.file()).doesNotExist();
    }

    @Test
    void csvReader_whenPagedByOffsets_returnsEachRowOnce() throws IOException {
        Path file = dir.resolve("r.csv");
        StringBuilder csv = new StringBuilder("\"n\"\n");
        for (int i = 0; i < 25; i++) {
            csv.append('"').append("v").append(i).append("\"\n");
        }
        Files.writeString(file, csv);

        List<String> seen = new ArrayList<>();
        long offset = 0;
        int pages = 0;
        while (offset != ResultFileReader.END) {
            ResultFileReader.Page page = ResultFileReader.readCsv(file, offset, 7);
            page.rows().forEach(r -> seen.add(r.getFirst()));
            offset = page.nextOffset();
            pages++;
        }

        assertThat(seen).hasSize(26).startsWith("n", "v0").endsWith("v24");
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void textReader_whenFileEndsWithNewline_returnsTrailingEmptyRowsAsAthena() throws IOException {
        Path plan = dir.resolve("plan.txt");
        Files.writeString(plan, "Fragment 0\n\n", StandardCharsets.UTF_8);
        Path dropTable = dir.resolve("drop.txt");
        Files.writeString(dropTable, "\n", StandardCharsets.UTF_8);
        Path empty = dir.resolve("create.txt");
        Files.writeString(empty, "", StandardCharsets.UTF_8);

        assertThat(ResultFileReader.readText(plan, 0, 100).rows()).containsExactly(List.of("Fragment 0"), List.of(""),
                List.of(""));
        assertThat(ResultFileReader.readText(dropTable, 0, 100).rows()).containsExactly(List.of(""), List.of(""));
        assertThat(ResultFileReader.readText(empty, 0, 100).rows()).isEmpty();
    }

    @Test
    void textReader_whenPaged_continuesAtTheNextLine() throws IOException {
        Path file = dir.resolve("t.txt");
        Files.writeString(file, "a\nb\nc", StandardCharsets.UTF_8);

        ResultFileReader.Page first = ResultFileReader.readText(file, 0, 2);
        ResultFileReader.Page second = ResultFileReader.readText(file, first.nextOffset(), 2);

        assertThat(first.rows()).containsExactly(List.of("a"), List.of("b"));
        assertThat(second.rows()).containsExactly(List.of("c"));
        assertThat(second.nextOffset()).isEqualTo(ResultFileReader.END);
    }

    @Test
    void textWriter_whenRowsWritten_joinsThemWithoutTrailingNewline() throws IOException {
        ResultFileWriter writer = new ResultFileWriter();
        writer.start(ResultFormat.TEXT, List.of(new ResultColumn("tab_name", "string", 0, 0, "UNKNOWN")));
        writer.row(List.of("orders"));
        writer.row(List.of("customers"));
        writer.finish();

        assertThat(Files.readString(writer.file())).isEqualTo("orders\ncustomers");
        writer.discard();
    }
}
