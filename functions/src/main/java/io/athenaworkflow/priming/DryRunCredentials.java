package io.athenaworkflow.priming;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A credentials provider that signs dry-run requests with a placeholder key and asks the real provider only outside
 * a dry run. Priming therefore loads and exercises the signer without resolving (and caching into the snapshot) the
 * function's credentials: after a SnapStart restore the real chain resolves them on the first real request.
 */
public final class DryRunCredentials implements AwsCredentialsProvider {

    private static final AwsCredentials PLACEHOLDER = AwsBasicCredentials.create("AKIDDRYRUNPRIMING000", "dry-run-priming-secret");

    private final AwsCredentialsProvider real;

    private DryRunCredentials(AwsCredentialsProvider real) {
        this.real = real;
    }

    public static AwsCredentialsProvider around(AwsCredentialsProvider real) {
        return new DryRunCredentials(real);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return DryRun.active() ? PLACEHOLDER : real.resolveCredentials();
    }
}
