package io.athenaworkflow.local.lambda;

import java.time.Duration;

/**
 * One execution environment's start: how long its init took and how many classes its class loader defined by the
 * end of its first invocation (the benchmark prints these).
 *
 * @param functionName the function
 * @param version the version the environment runs ({@code $LATEST} or a number)
 * @param instance 1 for the function version's first environment, 2 for the second, ...
 * @param initDuration class loading, environment install, handler construction and its SnapStart hooks (priming)
 * @param classesLoaded classes defined by the environment's own class loader by the end of the first invocation
 * @param initSucceeded false when the handler could not be created (the error went to the caller)
 */
public record ColdStart(String functionName, String version, int instance, Duration initDuration, int classesLoaded,
                        boolean initSucceeded) {
}
