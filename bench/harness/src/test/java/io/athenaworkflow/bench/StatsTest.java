package io.athenaworkflow.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsTest {

    @Test
    void median_whenOddCount_isTheMiddleValueWhateverTheOrder() {
        assertThat(Stats.median(List.of(5.0, 1.0, 3.0, 9.0, 2.0))).isEqualTo(3.0);
    }

    @Test
    void median_whenEvenCount_isTheMeanOfTheTwoMiddleValues() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void median_whenNoSamples_failsSayingSo() {
        assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no samples");
    }

    @Test
    void secondsWithSpread_whenSeveralRuns_showsMedianRangeAndCount() {
        assertThat(Stats.secondsWithSpread(List.of(0.5, 0.4, 0.45))).isEqualTo("0.450 s (0.40–0.50, n=3)");
    }

    @Test
    void millisWithSpread_whenSeveralRuns_showsMedianRangeAndCountInMilliseconds() {
        assertThat(Stats.millisWithSpread(List.of(62.4, 18.5, 76.4))).isEqualTo("62.4 ms (18.5–76.4 ms, n=3)");
        assertThat(Stats.millisWithSpread(List.of(2017.0, 1639.8, 3771.2))).isEqualTo("2017 ms (1639.8–3771.2 ms, n=3)");
    }

    @Test
    void ratio_whenLarge_dropsDecimals() {
        assertThat(Stats.ratio(0.4567)).isEqualTo("0.46×");
        assertThat(Stats.ratio(20.84)).isEqualTo("20.8×");
        assertThat(Stats.ratio(123.4)).isEqualTo("123×");
    }
}
