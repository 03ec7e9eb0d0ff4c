package io.athenaworkflow.local.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table of text cells rendered with aligned columns, in the style of {@code psql}: a header row, a separator, one
 * line per row, columns separated by {@code |}. Numbers (columns marked right-aligned) line up on their last digit.
 * Line breaks and tabs inside a cell are shown as {@code \n}, {@code \r} and {@code \t} so a row stays on one line.
 *
 * @param headers the column titles
 * @param rightAligned for each column, whether its cells (and title) are right-aligned
 * @param rows the cells, one list per row, as many as there are headers
 */
public record TextTable(List<String> headers, List<Boolean> rightAligned, List<List<String>> rows) {

    public TextTable {
        headers = List.copyOf(headers);
        rightAligned = List.copyOf(rightAligned);
        if (rightAligned.size() != headers.size()) {
            throw new IllegalArgumentException("rightAligned has " + rightAligned.size() + " entries for "
                    + headers.size() + " headers: give one per column");
        }
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " cells for " + headers.size()
                        + " headers: give one cell per column");
            }
            copy.add(row.stream().map(cell -> Objects.requireNonNull(cell, "cell")).toList());
        }
        rows = List.copyOf(copy);
    }

    /** The table as lines joined by {@code \n}, ending with one. A table without columns renders as nothing. */
    public String render() {
        int columns = headers.size();
        if (columns == 0) {
            return "";
        }
        List<String> titles = headers.stream().map(TextTable::visible).toList();
        List<List<String>> cells = rows.stream().map(row -> row.stream().map(TextTable::visible).toList()).toList();
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = width(titles.get(c));
            for (List<String> row : cells) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, titles, widths);
        for (int c = 0; c < columns; c++) {
            out.append(c == 0 ? "" : "+").append("-".repeat(widths[c] + 2));
        }
        out.append('\n');
        for (List<String> row : cells) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String padding = " ".repeat(widths[c] - width(cell));
            line.append(c == 0 ? " " : " | ");
            line.append(rightAligned.get(c) ? padding + cell : cell + padding);
        }
        // No trailing blanks: the last column is left-aligned text more often than not.
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String visible(String cell) {
        return cell.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
