package io.athenaworkflow.local.athena;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the local Athena service.
 *
 * @param accountId the account the service belongs to; an {@code ExpectedBucketOwner} naming another account makes
 *     the query fail the way S3's AccessDenied does
 * @param region the region reported in ARNs
 * @param defaultOutputLocation the {@code primary} workgroup's result location (e.g.
 *     {@code s3://athena-results-000000000000/}), or null for none (then every query must give one)
 * @param concurrencyQuota how many queries may be QUEUED or RUNNING at once before StartQueryExecution answers
 *     TooManyRequestsException (Athena's default active DML query quota is 20 in most regions)
 * @param minimumQueryDuration every query stays RUNNING at least this long on the runtime clock (0: no minimum), so
 *     that pollers see QUEUED/RUNNING; with a virtual clock it costs no real time
 * @param tokenRetention how long a ClientRequestToken keeps returning the same query execution
 */
public record AthenaConfig(
        String accountId,
        String region,
        String defaultOutputLocation,
        int concurrencyQuota,
        Duration minimumQueryDuration,
        Duration tokenRetention) {

    public static final int DEFAULT_CONCURRENCY_QUOTA = 20;
    public static final Duration DEFAULT_TOKEN_RETENTION = Duration.ofHours(24);

    public AthenaConfig {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(minimumQueryDuration, "minimumQueryDuration");
        Objects.requireNonNull(tokenRetention, "tokenRetention");
        if (concurrencyQuota < 1) {
            throw new IllegalArgumentException("concurrencyQuota must be at least 1, was " + concurrencyQuota);
        }
        if (minimumQueryDuration.isNegative()) {
            throw new IllegalArgumentException("minimumQueryDuration must not be negative: " + minimumQueryDuration);
        }
        if (defaultOutputLocation != null && S3Location.parse(defaultOutputLocation).isEmpty()) {
            throw new IllegalArgumentException("defaultOutputLocation must look like s3://bucket/prefix/, was '"
                    + defaultOutputLocation + "'");
        }
    }

    /**
     * The defaults: region us-east-1, results under {@code s3://athena-results-<account>/}, quota 20, no minimum
     * duration, tokens kept 24 hours.
     */
    public static AthenaConfig defaults(String accountId) {
        return new AthenaConfig(accountId, "us-east-1", "s3://athena-results-" + accountId + "/",
                DEFAULT_CONCURRENCY_QUOTA, Duration.ZERO, DEFAULT_TOKEN_RETENTION);
    }

    public AthenaConfig withRegion(String newRegion) {
        return new AthenaConfig(accountId, newRegion, defaultOutputLocation, concurrencyQuota, minimumQueryDuration,
                tokenRetention);
    }

    public AthenaConfig withDefaultOutputLocation(String location) {
        return new AthenaConfig(accountId, region, location, concurrencyQuota, minimumQueryDuration, tokenRetention);
    }

    public AthenaConfig withConcurrencyQuota(int quota) {
        return new AthenaConfig(accountId, region, defaultOutputLocation, quota, minimumQueryDuration, tokenRetention);
    }

    public AthenaConfig withMinimumQueryDuration(Duration duration) {
        return new AthenaConfig(accountId, region, defaultOutputLocation, concurrencyQuota, duration, tokenRetention);
    }

    public AthenaConfig withTokenRetention(Duration retention) {
        return new AthenaConfig(accountId, region, defaultOutputLocation, concurrencyQuota, minimumQueryDuration,
                retention);
    }
}
