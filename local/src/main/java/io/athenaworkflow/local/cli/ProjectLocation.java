package io.athenaworkflow.local.cli;

import io.athenaworkflow.local.template.ProjectRoot;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the template and the functions' deployment package are: the project folder from {@link ProjectRoot#locate()}
 * (the {@code athena.project.root} property the launcher sets, else the working directory or a folder above it), and
 * the package from the {@code athena.functions.artifact} property, else {@code functions/target/lambda} (the
 * {@code sam build} layout the functions module's {@code package} phase lays out).
 *
 * @param projectRoot the folder holding template.yaml
 * @param functionsArtifact the built deployment package: classes at its root, dependency jars under {@code lib/}
 */
record ProjectLocation(Path projectRoot, Path functionsArtifact) {

    static final String FUNCTIONS_ARTIFACT_PROPERTY = "athena.functions.artifact";

    /**
     * @throws ProjectNotFoundException when no project folder is found
     * @throws FunctionsArtifactNotFoundException when the deployment package does not exist
     */
    static ProjectLocation locate() {
        Path root = ProjectRoot.locate().orElseThrow(() -> new ProjectNotFoundException(
                "Cannot find the athena-workflow project (a folder with " + ProjectRoot.TEMPLATE + ")"
                        + (System.getProperty(ProjectRoot.PROPERTY) != null
                        ? " at " + ProjectRoot.PROPERTY + "=" + System.getProperty(ProjectRoot.PROPERTY)
                        : " in " + Path.of("").toAbsolutePath() + " or above it")
                        + ": run athena-local through the project's ./athena-local launcher, or from inside the"
                        + " project folder."));
        String explicit = System.getProperty(FUNCTIONS_ARTIFACT_PROPERTY);
        Path artifact = explicit != null && !explicit.isBlank() ? Path.of(explicit).toAbsolutePath()
                : root.resolve("functions/target/lambda");
        if (!Files.isDirectory(artifact.resolve("lib"))) {
            throw new FunctionsArtifactNotFoundException("The functions' deployment package " + artifact
                    + " (classes + lib/) does not exist: build it with"
                    + " `./mvnw -B -q -DskipTests -pl functions,local install` in " + root
                    + " (the ./athena-local launcher does this by itself).");
        }
        return new ProjectLocation(root, artifact);
    }
}
