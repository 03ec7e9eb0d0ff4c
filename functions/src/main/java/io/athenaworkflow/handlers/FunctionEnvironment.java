package io.athenaworkflow.handlers;

import java.util.Map;

/**
 * The function's environment variables: {@code System.getenv()} on AWS Lambda. A host that runs several
 * functions in one JVM, each in its own class loader (the embedded local runtime), installs each function's
 * variables with {@link #install(Map)} before creating its handler.
 */
public final class FunctionEnvironment {

    private static volatile Map<String, String> variables = System.getenv();

    private FunctionEnvironment() {
    }

    public static Map<String, String> variables() {
        return variables;
    }

    /** Replaces the variables seen by handlers created afterwards in this class loader. */
    public static void install(Map<String, String> functionVariables) {
        variables = Map.copyOf(functionVariables);
    }
}
