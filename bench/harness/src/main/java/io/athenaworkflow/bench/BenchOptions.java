package io.athenaworkflow.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command line: {@code [--root DIR] [--runs N] [--only a,b,c,d,e,f,g] [--out FILE] [--keep]}.
 *
 * @param root the project root (default: the working directory)
 * @param runs repetitions of each timed measure (default 5; medians are reported)
 * @param only the benchmarks to run (default all: a b c d e f g)
 * @param out a file to write the table to as well, or null
 * @param keep keep the scratch folder after a successful run (it is always kept after a failure)
 */
record BenchOptions(Path root, int runs, Set<String> only, Path out, boolean keep) {

    static final List<String> ALL = List.of("a", "b", "c", "d", "e", "f", "g");

    static BenchOptions parse(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        int runs = 5;
        Set<String> only = new LinkedHashSet<>(ALL);
        Path out = null;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--keep")) {
                keep = true;
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--root" -> root = Path.of(required(args[i], value)).toAbsolutePath().normalize();
                case "--runs" -> runs = Integer.parseInt(required(args[i], value));
                case "--only" -> only = new LinkedHashSet<>(List.of(required(args[i], value).split(",")));
                case "--out" -> out = Path.of(required(args[i], value));
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; usage: [--root DIR] [--runs N] [--only a,b,c,d,e,f,g] [--out FILE] [--keep]");
            }
            i++;
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        }
        if (!ALL.containsAll(only)) {
            throw new IllegalArgumentException("--only takes letters among " + ALL + ", got " + only);
        }
        return new BenchOptions(root, runs, only, out, keep);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
