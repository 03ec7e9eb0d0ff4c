package io.athenaworkflow.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    @Test
    void markdown_whenRowsShareAGroup_namesTheGroupOnceAndMarksMissedGoals() {
        Table table = new Table();
        table.add("b. Results", "fetch vs pages", "0.4 s", "9 s", "22×", "≥ 20×", true);
        table.add("b. Results", "fetch vs floor", "0.4 s", "0.1 s", "4×", "≥ 20×", false);
        table.add("c. Polling", "info", "1", "2", "", "", null);

        String[] lines = table.markdown().split("\n");

        assertThat(lines[0]).isEqualTo("| Benchmark | Measure | Product | Baseline (same run) | Ratio | Goal | Result |");
        assertThat(lines[2]).isEqualTo("| **b. Results** | fetch vs pages | 0.4 s | 9 s | 22× | ≥ 20× | met |");
        assertThat(lines[3]).isEqualTo("|  | fetch vs floor | 0.4 s | 0.1 s | 4× | ≥ 20× | **missed** |");
        assertThat(lines[4]).isEqualTo("| **c. Polling** | info | 1 | 2 |  |  |  |");
    }

    @Test
    void markdown_whenACellHasAPipe_escapesIt() {
        Table table = new Table();
        table.add("g", "a|b", "1", "2", "", "", null);

        assertThat(table.markdown()).contains("| a\\|b |");
    }
}
