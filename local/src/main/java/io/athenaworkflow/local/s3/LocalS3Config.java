package io.athenaworkflow.local.s3;

import io.athenaworkflow.local.clock.RealClock;
import io.athenaworkflow.local.clock.RuntimeClock;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the local S3 stores its objects.
 *
 * @param directory where buckets live (one sub-directory per bucket), or null for a temporary directory that is
 *     deleted when the store closes
 * @param accountId the 12-digit account that owns every bucket: requests whose {@code x-amz-expected-bucket-owner}
 *     names another account are denied, as S3 does
 * @param clock stamps the object-created notifications
 * @param region the region of the buckets (in the ARN of the account's AWS managed KMS key for S3)
 */
public record LocalS3Config(Path directory, String accountId, RuntimeClock clock, String region) {

    /** The account id used when none is configured (LocalStack's convention). */
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";
    /** The region used when none is configured. */
    public static final String DEFAULT_REGION = "us-east-1";

    public LocalS3Config {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(region, "region");
        if (!accountId.matches("[0-9]{12}")) {
            throw new IllegalArgumentException(
                    "accountId must be 12 digits like an AWS account id, was '" + accountId + "'");
        }
    }

    /** In {@link #DEFAULT_REGION}. */
    public LocalS3Config(Path directory, String accountId, RuntimeClock clock) {
        this(directory, accountId, clock, DEFAULT_REGION);
    }

    /** Objects kept under {@code directory} across restarts. */
    public static LocalS3Config persistent(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return new LocalS3Config(directory, DEFAULT_ACCOUNT_ID, RealClock.system());
    }

    /** Objects kept in a temporary directory that is deleted on close (tests). */
    public static LocalS3Config temporary() {
        return new LocalS3Config(null, DEFAULT_ACCOUNT_ID, RealClock.system());
    }

    public LocalS3Config withAccountId(String newAccountId) {
        return new LocalS3Config(directory, newAccountId, clock, region);
    }

    public LocalS3Config withClock(RuntimeClock newClock) {
        return new LocalS3Config(directory, accountId, newClock, region);
    }

    /** Whether the objects are deleted on close. */
    public boolean isTemporary() {
        return directory == null;
    }
}
