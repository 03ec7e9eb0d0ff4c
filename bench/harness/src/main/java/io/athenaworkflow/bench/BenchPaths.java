package io.athenaworkflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the built artifacts are (all under the project root, as {@code bench/run} leaves them) and the scratch folder
 * of this run.
 *
 * @param root the project root (template.yaml, statemachine/)
 * @param functionsArtifact the Lambda artifact: the functions' deployment package in the {@code sam build} layout
 *     (classes at the root, dependency jars under {@code lib/})
 * @param functionsClassesJar the functions module's own classes as one jar (the product and naive class paths use it:
 *     an AOT cache accepts jars only, not the layout's classes folder)
 * @param driverJar the cold-call driver
 * @param naiveJar the naive handlers
 * @param naiveLib the naive handlers' dependencies (SDK defaults)
 * @param harnessClassPath this harness's own class path (for the runtime start probe)
 * @param localJar the local runtime jar (to see whether the CLI is in this build)
 * @param python the Python baseline script
 * @param work the scratch folder (payloads, AOT caches, logs)
 */
record BenchPaths(Path root, Path functionsArtifact, Path functionsClassesJar, Path driverJar, Path naiveJar, Path naiveLib,
                  String harnessClassPath, Path localJar, Path python, Path work) {

    static BenchPaths of(Path root, Path work) {
        Path bench = root.resolve("bench");
        BenchPaths paths = new BenchPaths(root,
                root.resolve("functions/target/lambda"),
                bench.resolve("naive/target/product-classes.jar"),
                bench.resolve("driver/target/bench-driver.jar"),
                bench.resolve("naive/target/bench-naive.jar"),
                bench.resolve("naive/target/lib"),
                System.getProperty("java.class.path"),
                root.resolve("local/target/athena-workflow-local.jar"),
                bench.resolve("python/cold_call.py"),
                work);
        for (Path required : List.of(paths.functionsArtifact, paths.functionsClassesJar, paths.driverJar, paths.naiveJar,
                paths.naiveLib, paths.python, root.resolve("template.yaml"))) {
            if (!Files.exists(required)) {
                throw new IllegalStateException(required + " is missing: run bench/run (it builds the product and the"
                        + " benchmark modules first).");
            }
        }
        return paths;
    }

    /** The JDK running this harness: every child JVM uses the same one. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The product cold-call class path: the deployment package as the Lambda Java runtime orders it (its classes, then
     * {@code lib/*.jar} by name), then the driver; jars only, as an AOT cache requires, so the classes come packed.
     */
    String productClassPath() {
        List<String> entries = new ArrayList<>(List.of(functionsClassesJar.toString()));
        entries.addAll(functionsLibJars().stream().map(Path::toString).toList());
        entries.add(driverJar.toString());
        return String.join(":", entries);
    }

    /** The deployment package's {@code lib/} jars in name order. */
    List<Path> functionsLibJars() {
        return jars(functionsArtifact.resolve("lib"));
    }

    /** Every byte of the deployment package (classes and {@code lib/}), as {@code sam build} deploys it. */
    long functionsArtifactBytes() {
        try (Stream<Path> files = Files.walk(functionsArtifact)) {
            return files.filter(Files::isRegularFile).mapToLong(BenchPaths::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The naive class path: product classes, naive handlers, driver, and the SDK with its defaults. */
    String naiveClassPath() {
        List<String> entries = new ArrayList<>(List.of(functionsClassesJar.toString(), naiveJar.toString(),
                driverJar.toString()));
        entries.addAll(naiveLibJars().stream().map(Path::toString).toList());
        return String.join(":", entries);
    }

    List<Path> naiveLibJars() {
        return jars(naiveLib);
    }

    private static List<Path> jars(Path folder) {
        try (Stream<Path> jars = Files.list(folder)) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
