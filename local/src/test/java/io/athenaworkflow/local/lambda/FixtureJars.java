package io.athenaworkflow.local.lambda;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The test handlers under {@code src/test/resources/lambda-fixtures}, compiled at test time (javax.tools) against the
 * real functions' deployment package (whose {@code lib/} brings aws-lambda-java-core and Jackson) and packed into a jar
 * of their own. A function built from them runs with the class path {@code [fixtures.jar]} followed by the package's
 * ({@code root, lib/*.jar}).
 */
final class FixtureJars {

    private static Path fixtures;

    private FixtureJars() {
    }

    /**
     * The functions' deployment package the build laid out ({@code -Dathena.functions.artifact}, set by surefire): the
     * {@code sam build} layout, classes at the root and the dependency jars under {@code lib/}.
     */
    static Path functionsArtifact() {
        String configured = System.getProperty("athena.functions.artifact");
        Path artifact = configured != null ? Path.of(configured) : Path.of("../functions/target/lambda");
        if (!Files.isDirectory(artifact.resolve("lib"))) {
            throw new IllegalStateException("The functions' deployment package " + artifact.toAbsolutePath()
                    + " is missing: build it with ./mvnw -f functions/pom.xml package -DskipTests");
        }
        return artifact;
    }

    /** The class path of a fixture function. */
    static List<Path> classPath() {
        List<Path> path = new ArrayList<>();
        path.add(fixturesJar());
        path.addAll(DeploymentPackage.classPath(functionsArtifact()));
        return List.copyOf(path);
    }

    static synchronized Path fixturesJar() {
        if (fixtures != null) {
            return fixtures;
        }
        try {
            Path sources = sourceFolder();
            Path work = Files.createTempDirectory("lambda-fixtures");
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> arguments = new ArrayList<>(List.of("--release", "25", "-nowarn", "-proc:none",
                    "-cp", classPathText(DeploymentPackage.classPath(functionsArtifact())), "-d", classes.toString()));
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(p -> arguments.add(p.toString()));
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int status = compiler.run(null, errors, errors, arguments.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("Compiling the Lambda fixtures failed:\n" + errors);
            }
            Path jar = work.resolve("fixtures.jar");
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                 Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    zip.write(Files.readAllBytes(file));
                    zip.closeEntry();
                }
            }
            fixtures = jar;
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sourceFolder() {
        URL url = FixtureJars.class.getResource("/lambda-fixtures/fixture/EchoHandler.java");
        if (url == null) {
            throw new IllegalStateException("src/test/resources/lambda-fixtures is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String classPathText(List<Path> path) {
        return String.join(java.io.File.pathSeparator, path.stream().map(Path::toString).toList());
    }
}
