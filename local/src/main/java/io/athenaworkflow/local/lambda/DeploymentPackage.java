package io.athenaworkflow.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A function's code as Lambda unpacks it into {@code /var/task}, and the class path the Lambda Java runtime builds
 * from it (aws-lambda-java-runtime-interface-client's CustomerClassLoader): the root folder first, then the
 * {@code lib/*.jar} files in name order. {@code sam build} (aws-lambda-builders, workflow java_maven) lays a Maven
 * function out exactly so: {@code target/classes} at the root, the runtime dependencies under {@code lib/}.
 */
public final class DeploymentPackage {

    private DeploymentPackage() {
    }

    /**
     * The class path of the package at {@code code}: a folder in the {@code sam build} layout, or a single jar (a
     * jar holding its classes at its root, which is what Lambda's runtime sees once it unzips it).
     *
     * @throws UncheckedIOException when the {@code lib/} folder cannot be listed
     */
    public static List<Path> classPath(Path code) {
        List<Path> path = new ArrayList<>();
        path.add(code);
        Path lib = code.resolve("lib");
        if (Files.isDirectory(code) && Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                // Lexical order of the names, as the runtime sorts them: the class path must not depend on the disk.
                jars.filter(jar -> jar.getFileName().toString().endsWith(".jar") && Files.isRegularFile(jar))
                        .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                        .forEach(path::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the deployment package's libraries in " + lib, e);
            }
        }
        return List.copyOf(path);
    }
}
