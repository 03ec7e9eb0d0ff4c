package io.athenaworkflow.local.cli;

/**
 * Thrown when the commands that deploy the template ({@code demo}, {@code up}, {@code run} without
 * {@code --endpoint}) find no athena-workflow project folder: neither the system property
 * {@code athena.project.root} nor the working directory or one above it holds {@code template.yaml}.
 */
public final class ProjectNotFoundException extends CliException {

    public ProjectNotFoundException(String message) {
        super(message);
    }
}
