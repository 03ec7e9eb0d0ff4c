package io.athenaworkflow.local.cli;

/**
 * Thrown when the functions' deployment package (the {@code sam build} layout in {@code functions/target/lambda/})
 * that the template's {@code CodeUri: functions/} stands for has not been built, or the system property
 * {@code athena.functions.artifact} names a folder that does not exist.
 */
public final class FunctionsArtifactNotFoundException extends CliException {

    public FunctionsArtifactNotFoundException(String message) {
        super(message);
    }
}
