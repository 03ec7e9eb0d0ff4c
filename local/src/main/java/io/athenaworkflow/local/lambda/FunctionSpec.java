package io.athenaworkflow.local.lambda;

import io.athenaworkflow.local.template.FunctionDeployment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function to deploy on the local Lambda host.
 *
 * @param name the function name (1-64 of letters, digits, '-', '_')
 * @param handler {@code package.Class::method} or {@code package.Class} (a RequestStreamHandler)
 * @param code the class path: {@link DeploymentPackage#classPath(Path)} of the function's code, or any list of
 *     folders and jars
 * @param runtime e.g. {@code java25} (shown as {@code AWS_EXECUTION_ENV})
 * @param timeoutSeconds 1-900
 * @param memoryMb 128-10240 (reported to the function; not enforced)
 * @param environment the function's own environment variables (no reserved names)
 * @param alias the alias pointing at published version 1, or null for none
 * @param reservedConcurrency the most concurrent invocations, or null for the host's default limit
 * @param logGroup the log group name the function reports, or null for {@code /aws/lambda/<name>}
 */
public record FunctionSpec(
        String name,
        String handler,
        List<Path> code,
        String runtime,
        int timeoutSeconds,
        int memoryMb,
        Map<String, String> environment,
        String alias,
        Integer reservedConcurrency,
        String logGroup) {

    public FunctionSpec {
        code = List.copyOf(code);
        environment = Map.copyOf(environment);
    }

    /**
     * A function with Lambda's defaults: java25, 3 seconds, 128 MB, no variables, no alias; {@code code} is its
     * deployment package (a {@code sam build} folder or a jar).
     */
    public static FunctionSpec of(String name, String handler, Path code) {
        return new FunctionSpec(name, handler, DeploymentPackage.classPath(code), "java25", 3, 128, Map.of(), null, null,
                null);
    }

    /** The function as the template deploys it. */
    public static FunctionSpec from(FunctionDeployment deployment) {
        return new FunctionSpec(deployment.name(), deployment.handler(),
                DeploymentPackage.classPath(deployment.code()), deployment.runtime(),
                deployment.timeoutSeconds(), deployment.memoryMb(), deployment.environment(), deployment.alias(),
                deployment.reservedConcurrency(), deployment.logGroup());
    }

    public FunctionSpec withTimeoutSeconds(int seconds) {
        return new FunctionSpec(name, handler, code, runtime, seconds, memoryMb, environment, alias, reservedConcurrency,
                logGroup);
    }

    public FunctionSpec withMemoryMb(int megabytes) {
        return new FunctionSpec(name, handler, code, runtime, timeoutSeconds, megabytes, environment, alias,
                reservedConcurrency, logGroup);
    }

    public FunctionSpec withEnvironment(Map<String, String> variables) {
        return new FunctionSpec(name, handler, code, runtime, timeoutSeconds, memoryMb, variables, alias,
                reservedConcurrency, logGroup);
    }

    /** Adds or replaces one environment variable. */
    public FunctionSpec withVariable(String variable, String value) {
        Map<String, String> next = new LinkedHashMap<>(environment);
        next.put(variable, value);
        return withEnvironment(next);
    }

    public FunctionSpec withAlias(String aliasName) {
        return new FunctionSpec(name, handler, code, runtime, timeoutSeconds, memoryMb, environment, aliasName,
                reservedConcurrency, logGroup);
    }

    public FunctionSpec withReservedConcurrency(Integer limit) {
        return new FunctionSpec(name, handler, code, runtime, timeoutSeconds, memoryMb, environment, alias, limit,
                logGroup);
    }

    public FunctionSpec withCode(List<Path> classPath) {
        return new FunctionSpec(name, handler, classPath, runtime, timeoutSeconds, memoryMb, environment, alias,
                reservedConcurrency, logGroup);
    }

    /** {@link #logGroup()}, or Lambda's default {@code /aws/lambda/<name>}. */
    public String effectiveLogGroup() {
        return logGroup != null ? logGroup : "/aws/lambda/" + name;
    }
}
