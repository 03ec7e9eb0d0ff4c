package io.athenaworkflow.local;

import io.athenaworkflow.local.athena.engine.trino.ExternalTrino;
import io.athenaworkflow.local.faults.FaultPlan;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the embedded runtime deploys and where.
 *
 * @param aws the local S3/Athena/edge settings (port, data directory, clock, quota, ...)
 * @param projectRoot the folder holding template.yaml and statemachine/
 * @param functionsArtifact the functions' deployment package (the {@code sam build} layout: classes + {@code lib/})
 *     that the template's {@code CodeUri: functions/} stands for
 * @param stackName the stack name the template is deployed under (names and ARNs derive from it)
 * @param parameters template parameter overrides; {@link #LOCAL_PARAMETERS} fill the ones without defaults
 * @param faults the faults the services inject ({@link FaultPlan#none()} by default)
 * @param maxEnvironmentsPerFunction at most this many invocations of one function run at once, further ones wait
 *     (each runs in its own execution environment, a class loader with its own libraries); 0: no limit, like Lambda
 * @param trinoUrl an existing Trino server the local Athena runs its statements on ({@code http://HOST:PORT}), or
 *     null to start its own engine (docs/local-athena.md, "Using an existing Trino server")
 */
public record LocalRuntimeConfig(LocalAwsConfig aws, Path projectRoot, Path functionsArtifact, String stackName,
                                 Map<String, String> parameters, FaultPlan faults, int maxEnvironmentsPerFunction,
                                 URI trinoUrl) {

    /** Local values for the template's parameters that have no default (the buckets), created at start. */
    public static final Map<String, String> LOCAL_PARAMETERS = Map.of(
            "DataBucket", "athena-workflow-data",
            "ResultsBucket", "athena-workflow-results",
            "TriggerBucket", "athena-workflow-queries");

    public static final String DEFAULT_STACK_NAME = "athena-workflow";

    public LocalRuntimeConfig {
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(functionsArtifact, "functionsArtifact");
        Objects.requireNonNull(faults, "faults");
        if (maxEnvironmentsPerFunction < 0) {
            throw new IllegalArgumentException("maxEnvironmentsPerFunction must be 0 (no limit) or more, got "
                    + maxEnvironmentsPerFunction);
        }
        if (trinoUrl != null) {
            trinoUrl = ExternalTrino.checkUrl(trinoUrl);
        }
        Map<String, String> merged = new LinkedHashMap<>(LOCAL_PARAMETERS);
        merged.putAll(parameters);
        parameters = Map.copyOf(merged);
    }

    /**
     * The project's template and functions' deployment package on a transient store, any free port and the real clock.
     */
    public static LocalRuntimeConfig of(Path projectRoot, Path functionsArtifact) {
        return new LocalRuntimeConfig(LocalAwsConfig.transientOnAnyPort(), projectRoot, functionsArtifact, DEFAULT_STACK_NAME,
                Map.of(), FaultPlan.none(), 0, null);
    }

    public LocalRuntimeConfig withAws(LocalAwsConfig newAws) {
        return new LocalRuntimeConfig(newAws, projectRoot, functionsArtifact, stackName, parameters, faults,
                maxEnvironmentsPerFunction, trinoUrl);
    }

    public LocalRuntimeConfig withParameter(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(parameters);
        next.put(name, value);
        return new LocalRuntimeConfig(aws, projectRoot, functionsArtifact, stackName, next, faults, maxEnvironmentsPerFunction,
                trinoUrl);
    }

    /** Injects {@code plan}'s faults into S3, Athena and Lambda (see {@link io.athenaworkflow.local.faults}). */
    public LocalRuntimeConfig withFaults(FaultPlan plan) {
        return new LocalRuntimeConfig(aws, projectRoot, functionsArtifact, stackName, parameters, plan,
                maxEnvironmentsPerFunction, trinoUrl);
    }

    /** Lets at most {@code limit} invocations of one function run at once (0: no limit). */
    public LocalRuntimeConfig withMaxEnvironmentsPerFunction(int limit) {
        return new LocalRuntimeConfig(aws, projectRoot, functionsArtifact, stackName, parameters, faults, limit,
                trinoUrl);
    }

    /**
     * Runs the local Athena's statements on the existing Trino server at {@code url} ({@code http://HOST:PORT})
     * instead of an engine of its own; null: its own engine again.
     *
     * @throws IllegalArgumentException when {@code url} is not a server URL
     */
    public LocalRuntimeConfig withTrinoUrl(URI url) {
        return new LocalRuntimeConfig(aws, projectRoot, functionsArtifact, stackName, parameters, faults,
                maxEnvironmentsPerFunction, url);
    }
}
