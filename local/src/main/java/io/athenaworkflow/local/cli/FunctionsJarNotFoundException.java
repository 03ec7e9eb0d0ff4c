package io.athenaworkflow.local.cli;

/**
 * Thrown when the functions jar the template's {@code CodeUri: functions/} stands for has not been built (or the
 * system property {@code athena.functions.jar} names a file that does not exist).
 */
public final class FunctionsJarNotFoundException extends CliException {

    public FunctionsJarNotFoundException(String message) {
        super(message);
    }
}
