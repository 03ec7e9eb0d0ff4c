package io.athenaworkflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Medians and the number formats of the table. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no samples: the benchmark ran no repetition");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double min(List<Double> values) {
        return Collections.min(values);
    }

    static double max(List<Double> values) {
        return Collections.max(values);
    }

    /** "0.412 s" for seconds. */
    static String seconds(double seconds) {
        return String.format(Locale.ROOT, seconds >= 100 ? "%.0f s" : seconds >= 10 ? "%.1f s" : "%.3f s", seconds);
    }

    /** Median with the spread: "0.412 s (0.40–0.45, n=5)". */
    static String secondsWithSpread(List<Double> values) {
        return seconds(median(values)) + String.format(Locale.ROOT, " (%.2f–%.2f, n=%d)", min(values), max(values),
                values.size());
    }

    static String millis(double millis) {
        return String.format(Locale.ROOT, millis >= 100 ? "%.0f ms" : "%.1f ms", millis);
    }

    /** Median with the spread: "41.2 ms (39.0–45.1 ms, n=5)". */
    static String millisWithSpread(List<Double> values) {
        return millis(median(values)) + String.format(Locale.ROOT, " (%.1f–%.1f ms, n=%d)", min(values), max(values),
                values.size());
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f×" : value >= 10 ? "%.1f×" : "%.2f×", value);
    }

    static String bytes(long bytes) {
        if (bytes >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f kB", bytes / 1e3);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
