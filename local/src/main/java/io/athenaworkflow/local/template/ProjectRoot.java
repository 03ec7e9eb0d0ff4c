package io.athenaworkflow.local.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the athena-workflow project folder: the one holding {@code template.yaml}. */
public final class ProjectRoot {

    /** System property naming the project folder explicitly. */
    public static final String PROPERTY = "athena.project.root";
    public static final String TEMPLATE = "template.yaml";

    private ProjectRoot() {
    }

    /**
     * The folder named by the system property {@value #PROPERTY} when set, else the nearest folder at or above the
     * working directory that holds {@value #TEMPLATE}.
     */
    public static Optional<Path> locate() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path root = Path.of(explicit).toAbsolutePath().normalize();
            return Files.isRegularFile(root.resolve(TEMPLATE)) ? Optional.of(root) : Optional.empty();
        }
        return above(Path.of("").toAbsolutePath());
    }

    /** The nearest folder at or above {@code start} that holds {@value #TEMPLATE}. */
    public static Optional<Path> above(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(TEMPLATE))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
