package io.athenaworkflow.local.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JVM system properties through which the functions' AWS SDK (v2) finds the local services. They are JVM-wide,
 * so they are claimed once: runtimes with equal settings share the claim, a runtime with different settings is
 * refused, and the previous values come back when the last claim is released.
 *
 * <p>Verified against SDK 2.50.2: {@code aws.endpointUrl} is AwsClientEndpointProvider's global endpoint override
 * (a service-specific {@code aws.endpointUrl<Service>} property or {@code AWS_ENDPOINT_URL_<SERVICE>} variable would
 * take precedence); {@code aws.region}, {@code aws.accessKeyId} and {@code aws.secretAccessKey} are SdkSystemSetting's
 * region and credential properties, read before the environment variables of the same meaning. The S3 client needs
 * no path-style setting: S3's endpoint rules use path-style addressing when the endpoint host is an IP address.
 */
final class SdkSystemProperties {

    static final String ENDPOINT = "aws.endpointUrl";
    static final String REGION = "aws.region";
    static final String ACCESS_KEY_ID = "aws.accessKeyId";
    static final String SECRET_ACCESS_KEY = "aws.secretAccessKey";

    private static Map<String, String> installed;
    private static Map<String, String> previous;
    private static int claims;

    private SdkSystemProperties() {
    }

    /** Installs the properties (or joins an identical installation). Release with {@link #release()}. */
    static synchronized void claim(SdkEndpoint sdk, String region) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(ENDPOINT, sdk.endpoint().toString());
        wanted.put(REGION, region);
        wanted.put(ACCESS_KEY_ID, sdk.accessKeyId());
        wanted.put(SECRET_ACCESS_KEY, sdk.secretAccessKey());
        if (claims > 0) {
            if (!installed.equals(wanted)) {
                throw new SdkSettingsConflictException("Another local Lambda host in this JVM already points the functions'"
                        + " AWS SDK at " + installed.get(ENDPOINT) + " (region " + installed.get(REGION) + "); the SDK"
                        + " reads these from JVM-wide system properties, so close that runtime before starting one for "
                        + wanted.get(ENDPOINT) + " (region " + region + ").");
            }
            claims++;
            return;
        }
        previous = new LinkedHashMap<>();
        wanted.forEach((key, value) -> {
            previous.put(key, System.getProperty(key));
            System.setProperty(key, value);
        });
        installed = wanted;
        claims = 1;
    }

    /** Releases one claim; the last one restores the values the properties had before. */
    static synchronized void release() {
        if (claims == 0) {
            return;
        }
        if (--claims == 0) {
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
            installed = null;
            previous = null;
        }
    }
}
