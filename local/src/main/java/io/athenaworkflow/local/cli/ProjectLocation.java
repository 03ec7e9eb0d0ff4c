package io.athenaworkflow.local.cli;

import io.athenaworkflow.local.template.ProjectRoot;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the template and the functions jar are: the project folder from {@link ProjectRoot#locate()} (the
 * {@code athena.project.root} property the launcher sets, else the working directory or a folder above it), and the
 * jar from the {@code athena.functions.jar} property, else {@code functions/target/athena-workflow-functions.jar}.
 *
 * @param projectRoot the folder holding template.yaml
 * @param functionsJar the built functions jar
 */
record ProjectLocation(Path projectRoot, Path functionsJar) {

    static final String FUNCTIONS_JAR_PROPERTY = "athena.functions.jar";

    /**
     * @throws ProjectNotFoundException when no project folder is found
     * @throws FunctionsJarNotFoundException when the functions jar does not exist
     */
    static ProjectLocation locate() {
        Path root = ProjectRoot.locate().orElseThrow(() -> new ProjectNotFoundException(
                "Cannot find the athena-workflow project (a folder with " + ProjectRoot.TEMPLATE + ")"
                        + (System.getProperty(ProjectRoot.PROPERTY) != null
                        ? " at " + ProjectRoot.PROPERTY + "=" + System.getProperty(ProjectRoot.PROPERTY)
                        : " in " + Path.of("").toAbsolutePath() + " or above it")
                        + ": run athena-local through the project's ./athena-local launcher, or from inside the"
                        + " project folder."));
        String explicit = System.getProperty(FUNCTIONS_JAR_PROPERTY);
        Path jar = explicit != null && !explicit.isBlank() ? Path.of(explicit).toAbsolutePath()
                : root.resolve("functions/target/athena-workflow-functions.jar");
        if (!Files.isRegularFile(jar)) {
            throw new FunctionsJarNotFoundException("The functions jar " + jar + " does not exist: build it with"
                    + " `./mvnw -B -q -DskipTests -pl functions,local install` in " + root
                    + " (the ./athena-local launcher does this by itself).");
        }
        return new ProjectLocation(root, jar);
    }
}
