package io.athenaworkflow.local.lambda;

/**
 * Thrown when a {@link LocalLambda} is started with SDK settings (endpoint, region, credentials) while another one
 * in the same JVM holds different ones: the functions' AWS SDK reads them from JVM-wide system properties, so one
 * JVM runs one set at a time. Close the other runtime first, or give both the same settings.
 */
public final class SdkSettingsConflictException extends IllegalStateException {

    public SdkSettingsConflictException(String message) {
        super(message);
    }
}
