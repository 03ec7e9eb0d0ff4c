package io.athenaworkflow.athena.config;

import io.athenaworkflow.athena.errors.InvalidConfigurationException;
import io.athenaworkflow.athena.errors.InvalidInputException;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The values an execution input may leave out, set per deployment through the functions' environment (the
 * template's Globals). Read once, when a handler is created.
 *
 * @param workgroup ATHENA_WORKGROUP (default {@code primary})
 * @param catalog ATHENA_CATALOG (default {@code AwsDataCatalog})
 * @param database ATHENA_DATABASE, or null
 * @param resultsLocation ATHENA_OUTPUT_LOCATION: where results go and the only place Cleanup may delete from;
 *     null means the workgroup's own output location
 * @param kmsKey ATHENA_KMS_KEY: results are encrypted with SSE-KMS under this key; null means SSE-S3
 * @param expectedBucketOwner EXPECTED_BUCKET_OWNER: the account that must own the results and trigger buckets
 * @param timeoutSeconds QUERY_TIMEOUT_SECONDS (default 900)
 * @param maxInlineRows MAX_INLINE_ROWS (default 100)
 * @param resultReuseMinutes RESULT_REUSE_MINUTES (default 0, no reuse)
 * @param cleanup CLEANUP_MODE (default NEVER)
 */
public record WorkflowDefaults(
        String workgroup,
        String catalog,
        String database,
        S3Location resultsLocation,
        String kmsKey,
        String expectedBucketOwner,
        int timeoutSeconds,
        int maxInlineRows,
        int resultReuseMinutes,
        CleanupMode cleanup) {

    public static final String DEFAULT_WORKGROUP = "primary";
    public static final String DEFAULT_CATALOG = "AwsDataCatalog";

    /** Reads the defaults from environment variables; a malformed value fails here, at cold start, by name. */
    public static WorkflowDefaults fromEnvironment(Map<String, String> env) {
        return new WorkflowDefaults(
                text(env, "ATHENA_WORKGROUP").orElse(DEFAULT_WORKGROUP),
                text(env, "ATHENA_CATALOG").orElse(DEFAULT_CATALOG),
                text(env, "ATHENA_DATABASE").orElse(null),
                text(env, "ATHENA_OUTPUT_LOCATION").map(v -> configured("ATHENA_OUTPUT_LOCATION", "ResultsBucket and"
                        + " ResultsPrefix", () -> S3Location.parse(v, "ATHENA_OUTPUT_LOCATION").asPrefix())).orElse(null),
                text(env, "ATHENA_KMS_KEY").orElse(null),
                text(env, "EXPECTED_BUCKET_OWNER").orElse(null),
                // The same ranges as the execution input's timeoutSeconds, maxInlineRows and resultReuseMinutes.
                number(env, "QUERY_TIMEOUT_SECONDS", "QueryTimeoutSeconds", 900, 1, 86_400),
                number(env, "MAX_INLINE_ROWS", "MaxInlineRows", 100, 0, 10_000),
                number(env, "RESULT_REUSE_MINUTES", null, 0, 0, 10_080),
                text(env, "CLEANUP_MODE").map(v -> configured("CLEANUP_MODE", "CleanupMode",
                        () -> CleanupMode.parse(v, "CLEANUP_MODE"))).orElse(CleanupMode.NEVER));
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static int number(Map<String, String> env, String name, String parameter, int fallback, int min, int max) {
        return text(env, name).map(v -> {
            int value;
            try {
                value = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new InvalidConfigurationException("Environment variable " + name + " must be an integer, but was '"
                        + v + "'. " + fix(name, parameter));
            }
            if (value < min || value > max) {
                throw new InvalidConfigurationException("Environment variable " + name + " must be between " + min
                        + " and " + max + ", but was '" + v + "'. " + fix(name, parameter));
            }
            return value;
        }).orElse(fallback);
    }

    /** Parses a variable with a parser made for input fields, naming the variable rather than a field on failure. */
    private static <T> T configured(String name, String parameter, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            throw new InvalidConfigurationException("Environment variable " + name + " is invalid: " + e.getMessage()
                    + " " + fix(name, parameter), e);
        }
    }

    private static String fix(String name, String parameter) {
        return parameter == null ? "Fix it in the function's environment and redeploy."
                : "Fix the template parameter " + parameter + " (it sets " + name + ") and redeploy.";
    }
}
