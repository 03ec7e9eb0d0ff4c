package io.athenaworkflow.local.sfn.asl.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void get_whenKeyCached_doesNotComputeAgain() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(4);
        AtomicInteger computations = new AtomicInteger();

        cache.get("a", key -> computations.incrementAndGet());
        cache.get("a", key -> computations.incrementAndGet());

        assertThat(computations).hasValue(1);
    }

    @Test
    void get_whenFull_evictsTheLeastRecentlyUsedEntry() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);
        cache.get("a", key -> "A");
        cache.get("b", key -> "B");
        cache.get("a", key -> "recomputed");

        cache.get("c", key -> "C");

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("a", key -> "recomputed")).isEqualTo("A");
        assertThat(cache.get("b", key -> "recomputed")).isEqualTo("recomputed");
    }

    @Test
    void get_whenComputationFails_cachesNothing() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);

        assertThatThrownBy(() -> cache.get("bad", key -> {
            throw new IllegalArgumentException("no");
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(cache.size()).isZero();
    }
}
