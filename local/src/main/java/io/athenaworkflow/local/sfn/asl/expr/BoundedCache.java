package io.athenaworkflow.local.sfn.asl.expr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small thread-safe least-recently-used cache for compiled expressions. State machines evaluate the same few
 * expressions over and over; the bound keeps a definition that generates expressions from growing memory forever.
 */
final class BoundedCache<K, V> {

    private final Map<K, V> entries;

    BoundedCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The cached value, or the computed one (a failing computation caches nothing and propagates). */
    V get(K key, Function<K, V> compute) {
        synchronized (entries) {
            V cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // Compile outside the lock: two threads may compile the same expression once each, which is harmless.
        V computed = compute.apply(key);
        synchronized (entries) {
            entries.put(key, computed);
        }
        return computed;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
