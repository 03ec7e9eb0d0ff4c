package io.athenaworkflow.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the embedded runtime deploys and where.
 *
 * @param aws the local S3/Athena/edge settings (port, data directory, clock, quota, ...)
 * @param projectRoot the folder holding template.yaml and statemachine/
 * @param functionsJar the functions jar that the template's {@code CodeUri: functions/} stands for
 * @param stackName the stack name the template is deployed under (names and ARNs derive from it)
 * @param parameters template parameter overrides; {@link #LOCAL_PARAMETERS} fill the ones without defaults
 */
public record LocalRuntimeConfig(LocalAwsConfig aws, Path projectRoot, Path functionsJar, String stackName,
                                 Map<String, String> parameters) {

    /** Local values for the template's parameters that have no default (the buckets), created at start. */
    public static final Map<String, String> LOCAL_PARAMETERS = Map.of(
            "DataBucket", "athena-workflow-data",
            "ResultsBucket", "athena-workflow-results",
            "TriggerBucket", "athena-workflow-queries");

    public static final String DEFAULT_STACK_NAME = "athena-workflow";

    public LocalRuntimeConfig {
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(functionsJar, "functionsJar");
        Map<String, String> merged = new LinkedHashMap<>(LOCAL_PARAMETERS);
        merged.putAll(parameters);
        parameters = Map.copyOf(merged);
    }

    /** The project's template and jar on a transient store, any free port and the real clock. */
    public static LocalRuntimeConfig of(Path projectRoot, Path functionsJar) {
        return new LocalRuntimeConfig(LocalAwsConfig.transientOnAnyPort(), projectRoot, functionsJar, DEFAULT_STACK_NAME,
                Map.of());
    }

    public LocalRuntimeConfig withAws(LocalAwsConfig newAws) {
        return new LocalRuntimeConfig(newAws, projectRoot, functionsJar, stackName, parameters);
    }

    public LocalRuntimeConfig withParameter(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(parameters);
        next.put(name, value);
        return new LocalRuntimeConfig(aws, projectRoot, functionsJar, stackName, next);
    }
}
