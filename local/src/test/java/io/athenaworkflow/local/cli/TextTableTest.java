package io.athenaworkflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void render_whenTextAndNumbers_alignsTextLeftAndNumbersRight() {
        TextTable table = new TextTable(List.of("region", "orders", "revenue"), List.of(false, true, true), List.of(
                List.of("Europe", "365", "145501.68"),
                List.of("Latin America", "7", "9.5")));

        assertThat(table.render()).isEqualTo("""
                 region        | orders |   revenue
                ---------------+--------+-----------
                 Europe        |    365 | 145501.68
                 Latin America |      7 |       9.5
                """);
    }

    @Test
    void render_whenHeaderIsWiderThanValues_columnTakesTheHeaderWidth() {
        TextTable table = new TextTable(List.of("n", "a_long_title"), List.of(true, false),
                List.of(List.of("12345", "x")));

        assertThat(table.render()).isEqualTo("""
                     n | a_long_title
                -------+--------------
                 12345 | x
                """);
    }

    @Test
    void render_whenNoRows_printsHeaderAndSeparatorOnly() {
        TextTable table = new TextTable(List.of("one"), List.of(true), List.of());

        assertThat(table.render()).isEqualTo(" one\n-----\n");
    }

    @Test
    void render_whenCellsHoldLineBreaksTabsAndEmptyText_keepsEachRowOnOneLine() {
        TextTable table = new TextTable(List.of("note", "x"), List.of(false, false), List.of(
                List.of("line 1\nline 2\ttab", ""),
                List.of("", "ü€")));

        assertThat(table.render()).isEqualTo("""
                 note                | x
                ---------------------+----
                 line 1\\nline 2\\ttab |
                                     | ü€
                """);
    }

    @Test
    void render_whenNoColumns_isEmpty() {
        assertThat(new TextTable(List.of(), List.of(), List.of()).render()).isEmpty();
    }

    @Test
    void constructor_whenRowHasWrongWidth_saysSo() {
        assertThatThrownBy(() -> new TextTable(List.of("a", "b"), List.of(false, false), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a row has 1 cells for 2 headers: give one cell per column");
    }

    @Test
    void constructor_whenAlignmentsMissing_saysSo() {
        assertThatThrownBy(() -> new TextTable(List.of("a", "b"), List.of(false), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rightAligned has 1 entries for 2 headers: give one per column");
    }
}
