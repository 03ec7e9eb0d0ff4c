package io.athenaworkflow.local.lambda;

import java.net.URI;

/**
 * Where the functions' AWS SDK sends its requests, and the credentials it signs them with. The local Lambda host
 * installs these as the JVM system properties the AWS SDK for Java 2.x reads ({@code aws.endpointUrl},
 * {@code aws.region}, {@code aws.accessKeyId}, {@code aws.secretAccessKey}) and also gives the credentials to the
 * functions as {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, as Lambda does.
 *
 * @param endpoint the edge endpoint, e.g. {@code http://127.0.0.1:4566}; an IP address makes the S3 client use
 *     path-style requests
 * @param accessKeyId any non-empty key id (the local services do not check signatures)
 * @param secretAccessKey any non-empty secret
 */
public record SdkEndpoint(URI endpoint, String accessKeyId, String secretAccessKey) {

    public SdkEndpoint {
        if (endpoint == null || endpoint.getScheme() == null || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an absolute URL such as http://127.0.0.1:4566, not "
                    + endpoint);
        }
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("accessKeyId and secretAccessKey must not be empty (any value works"
                    + " locally, e.g. test/test)");
        }
    }

    /** The endpoint with the conventional local credentials {@code test}/{@code test}. */
    public static SdkEndpoint of(URI endpoint) {
        return new SdkEndpoint(endpoint, "test", "test");
    }
}
