package io.athenaworkflow.local.faults;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallsTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(1);

    @Test
    void first_whenCounted_selectsOnlyTheFirstCalls() {
        assertThat(selected(Calls.first(3), 6)).containsExactly(1, 2, 3);
    }

    @Test
    void range_whenCounted_selectsBothEnds() {
        assertThat(selected(Calls.range(2, 4), 6)).containsExactly(2, 3, 4);
        assertThat(selected(Calls.only(5), 6)).containsExactly(5);
    }

    @Test
    void everyKth_whenCounted_selectsMultiplesOfK() {
        assertThat(selected(Calls.everyKth(3), 10)).containsExactly(3, 6, 9);
    }

    @Test
    void all_whenCounted_selectsEveryCall() {
        assertThat(selected(Calls.all(), 4)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void withProbability_whenSeeded_repeatsAndHitsAboutThatShare() {
        Calls half = Calls.withProbability(0.5);
        SplittableRandom first = new SplittableRandom(42);
        SplittableRandom second = new SplittableRandom(42);
        long[] one = LongStream.rangeClosed(1, 1000).filter(call -> half.includes(call, first)).toArray();
        long[] two = LongStream.rangeClosed(1, 1000).filter(call -> half.includes(call, second)).toArray();
        assertThat(one).isEqualTo(two);
        assertThat(one.length).isBetween(400, 600);
        assertThat(selected(Calls.withProbability(0), 100)).isEmpty();
        assertThat(selected(Calls.withProbability(1), 100)).hasSize(100);
    }

    @Test
    void constructors_whenOutOfRange_sayWhatIsAllowed() {
        assertThatThrownBy(() -> Calls.range(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calls count from 1");
        assertThatThrownBy(() -> Calls.range(4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Calls.everyKth(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k >= 1");
        assertThatThrownBy(() -> Calls.withProbability(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> Calls.withProbability(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long[] selected(Calls calls, long count) {
        return LongStream.rangeClosed(1, count).filter(call -> calls.includes(call, RANDOM)).toArray();
    }
}
