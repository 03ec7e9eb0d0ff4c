package io.athenaworkflow.handlers;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import io.athenaworkflow.priming.DryRunCredentials;
import io.athenaworkflow.priming.DryRunHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Builds the SDK clients once per handler instance, from the environment: the region from {@code AWS_REGION}
 * (no region lookup chain), the JDK's HttpURLConnection (no extra HTTP stack to load), and the default credential
 * chain, which SnapStart restores correctly. Endpoints are the SDK's own business ({@code AWS_ENDPOINT_URL} and
 * friends), so the same jar runs on AWS and against the embedded runtime. The HTTP client and the credentials are
 * wrapped for priming: inside a {@link io.athenaworkflow.priming.DryRun} they answer in memory and sign with a
 * placeholder key; outside it they are the real ones, untouched.
 */
final class AwsClients {

    private AwsClients() {
    }

    static AthenaClient athena() {
        return configure(AthenaClient.builder()).build();
    }

    static S3Client s3() {
        return configure(S3Client.builder()).build();
    }

    static SfnClient stepFunctions() {
        return configure(SfnClient.builder()).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        String region = FunctionEnvironment.variables().get("AWS_REGION");
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        return builder
                .credentialsProvider(DryRunCredentials.around(DefaultCredentialsProvider.builder().build()))
                .httpClientBuilder(DryRunHttpClient.around(UrlConnectionHttpClient.builder()));
    }
}
