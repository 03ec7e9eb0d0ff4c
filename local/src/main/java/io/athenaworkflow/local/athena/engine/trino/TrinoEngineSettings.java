package io.athenaworkflow.local.athena.engine.trino;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the embedded Trino engine comes from and how much memory it gets.
 *
 * @param home the engine folder the build lays out like Trino's server tarball: {@code lib/} (the server's class
 *     path), {@code plugin/hive/} and {@code plugin/iceberg/} (the Hive and Iceberg connectors);
 *     {@code trino-engine/target/trino} in a checkout
 * @param java the {@code java} executable of a JDK 25 (Trino 483's minimum)
 * @param maxHeap the child JVM's {@code -Xmx}, e.g. {@code 1G}; Trino sizes its memory pools from it
 * @param jvmOptions further options of the child JVM, after the runtime's own (e.g. {@code -XX:AOTCache=FILE}, which
 *     {@code bench/run} measures); none by default
 */
public record TrinoEngineSettings(Path home, Path java, String maxHeap, List<String> jvmOptions) {

    /** The system property naming {@link #home()}; the CLI and the build set it. */
    public static final String HOME_PROPERTY = "athena.trino.home";

    public TrinoEngineSettings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(maxHeap, "maxHeap");
        jvmOptions = List.copyOf(jvmOptions);
        for (String option : jvmOptions) {
            if (!option.startsWith("-")) {
                throw new IllegalArgumentException("Invalid engine JVM option '" + option + "': JVM options start with"
                        + " '-' (e.g. -XX:AOTCache=trino.aot); the engine's class path and main class are fixed.");
            }
        }
    }

    /** These settings with {@code options} added to the engine JVM's command line (before its main class). */
    public TrinoEngineSettings withJvmOptions(List<String> options) {
        return new TrinoEngineSettings(home, java, maxHeap, options);
    }

    /**
     * The engine in {@code -Dathena.trino.home}, else in {@code trino-engine/target/trino} under
     * {@code -Dathena.project.root} or the working directory, run by this JVM's own {@code java} with a 1 GB heap.
     *
     * @throws TrinoStartException when no engine folder is there
     */
    public static TrinoEngineSettings defaults() {
        String configured = System.getProperty(HOME_PROPERTY);
        Path home;
        if (configured != null && !configured.isBlank()) {
            home = Path.of(configured);
        } else {
            String root = System.getProperty("athena.project.root", ".");
            home = Path.of(root).resolve("trino-engine/target/trino");
        }
        home = home.toAbsolutePath().normalize();
        if (!Files.isDirectory(home.resolve("lib")) || !Files.isDirectory(home.resolve("plugin/hive"))
                || !Files.isDirectory(home.resolve("plugin/iceberg"))) {
            throw new TrinoStartException("The Trino engine is not built: " + home + " lacks lib/, plugin/hive/ or "
                    + "plugin/iceberg/. Build it with "
                    + "`./mvnw -pl trino-engine,trino-engine/hive-plugin,trino-engine/iceberg-plugin package` (or set -D"
                    + HOME_PROPERTY
                    + " to a folder laid out like Trino's server tarball).");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new TrinoEngineSettings(home, java, "1G", List.of());
    }
}
