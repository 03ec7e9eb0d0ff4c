package io.athenaworkflow.local;

import io.athenaworkflow.local.athena.AthenaConfig;
import io.athenaworkflow.local.clock.RealClock;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.edge.EdgeConfig;
import io.athenaworkflow.local.s3.LocalS3Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the local AWS services run.
 *
 * @param port the edge port on 127.0.0.1 (0: any free port; default 4566)
 * @param dataDir where state is kept across restarts (S3 objects under {@code <dataDir>/s3}), or null for a
 *     temporary directory deleted on close ("transient")
 * @param clock the one clock of all services (real, or virtual in tests)
 * @param accountId the 12-digit account id every resource belongs to (default 000000000000)
 * @param region the region (default us-east-1)
 * @param athenaConcurrencyQuota QUEUED+RUNNING queries allowed before TooManyRequestsException (default 20)
 * @param minimumQueryDuration every Athena query stays RUNNING at least this long on {@code clock} (default 0)
 */
public record LocalAwsConfig(int port, Path dataDir, RuntimeClock clock, String accountId, String region,
        int athenaConcurrencyQuota, Duration minimumQueryDuration) {

    public LocalAwsConfig {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(minimumQueryDuration, "minimumQueryDuration");
        // Validate eagerly with the parts' own messages.
        new EdgeConfig(port);
        new LocalS3Config(dataDir, accountId, clock);
        new AthenaConfig(accountId, region, null, athenaConcurrencyQuota, minimumQueryDuration,
                AthenaConfig.DEFAULT_TOKEN_RETENTION);
    }

    /** Port 4566, state under {@code dataDir}, wall-clock time, account 000000000000, us-east-1. */
    public static LocalAwsConfig persistent(Path dataDir) {
        return new LocalAwsConfig(EdgeConfig.DEFAULT_PORT, Objects.requireNonNull(dataDir, "dataDir"),
                RealClock.system(), LocalS3Config.DEFAULT_ACCOUNT_ID, "us-east-1",
                AthenaConfig.DEFAULT_CONCURRENCY_QUOTA, Duration.ZERO);
    }

    /** Any free port, a temporary directory, wall-clock time (tests; use {@link #withClock} for a virtual one). */
    public static LocalAwsConfig transientOnAnyPort() {
        return new LocalAwsConfig(0, null, RealClock.system(), LocalS3Config.DEFAULT_ACCOUNT_ID, "us-east-1",
                AthenaConfig.DEFAULT_CONCURRENCY_QUOTA, Duration.ZERO);
    }

    public LocalAwsConfig withPort(int newPort) {
        return new LocalAwsConfig(newPort, dataDir, clock, accountId, region, athenaConcurrencyQuota,
                minimumQueryDuration);
    }

    public LocalAwsConfig withClock(RuntimeClock newClock) {
        return new LocalAwsConfig(port, dataDir, newClock, accountId, region, athenaConcurrencyQuota,
                minimumQueryDuration);
    }

    public LocalAwsConfig withAccountId(String newAccountId) {
        return new LocalAwsConfig(port, dataDir, clock, newAccountId, region, athenaConcurrencyQuota,
                minimumQueryDuration);
    }

    public LocalAwsConfig withRegion(String newRegion) {
        return new LocalAwsConfig(port, dataDir, clock, accountId, newRegion, athenaConcurrencyQuota,
                minimumQueryDuration);
    }

    public LocalAwsConfig withAthenaConcurrencyQuota(int quota) {
        return new LocalAwsConfig(port, dataDir, clock, accountId, region, quota, minimumQueryDuration);
    }

    public LocalAwsConfig withMinimumQueryDuration(Duration duration) {
        return new LocalAwsConfig(port, dataDir, clock, accountId, region, athenaConcurrencyQuota, duration);
    }

    /** The bucket the {@code primary} workgroup writes results to: {@code athena-results-<accountId>}. */
    public String athenaResultsBucket() {
        return "athena-results-" + accountId;
    }
}
