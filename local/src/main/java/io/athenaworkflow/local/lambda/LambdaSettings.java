package io.athenaworkflow.local.lambda;

import io.athenaworkflow.local.clock.RealClock;
import io.athenaworkflow.local.clock.RuntimeClock;

import java.time.Duration;

/**
 * Configuration of a {@link LocalLambda}.
 *
 * @param region the region in ARNs and {@code AWS_REGION}
 * @param accountId the account in ARNs
 * @param sdk where the functions' SDK calls go, or null to leave the JVM's SDK settings alone
 * @param clock the runtime clock: invocations register with it as busy work (timeouts use real time)
 * @param initTimeout the longest a handler's init (class loading + constructor) may take; Lambda allows 10 s
 * @param defaultConcurrency the concurrency limit of a function without reserved concurrency
 */
public record LambdaSettings(String region, String accountId, SdkEndpoint sdk, RuntimeClock clock,
                             Duration initTimeout, int defaultConcurrency) {

    public LambdaSettings {
        if (region == null || region.isBlank() || accountId == null || !accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("region must be set and accountId must be 12 digits, got " + region
                    + " / " + accountId);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null: pass RealClock.system() or the runtime's clock");
        }
        if (initTimeout == null || initTimeout.isNegative() || initTimeout.isZero()) {
            throw new IllegalArgumentException("initTimeout must be positive, got " + initTimeout);
        }
        if (defaultConcurrency < 1) {
            throw new IllegalArgumentException("defaultConcurrency must be at least 1, got " + defaultConcurrency);
        }
    }

    /** us-east-1, account 000000000000, no SDK settings, the real clock, 10 s init, 1000 concurrent per function. */
    public static LambdaSettings defaults() {
        return new LambdaSettings("us-east-1", "000000000000", null, RealClock.system(), Duration.ofSeconds(10), 1000);
    }

    public LambdaSettings withRegion(String newRegion) {
        return new LambdaSettings(newRegion, accountId, sdk, clock, initTimeout, defaultConcurrency);
    }

    public LambdaSettings withAccountId(String newAccountId) {
        return new LambdaSettings(region, newAccountId, sdk, clock, initTimeout, defaultConcurrency);
    }

    public LambdaSettings withSdk(SdkEndpoint endpoint) {
        return new LambdaSettings(region, accountId, endpoint, clock, initTimeout, defaultConcurrency);
    }

    public LambdaSettings withClock(RuntimeClock runtimeClock) {
        return new LambdaSettings(region, accountId, sdk, runtimeClock, initTimeout, defaultConcurrency);
    }

    public LambdaSettings withInitTimeout(Duration timeout) {
        return new LambdaSettings(region, accountId, sdk, clock, timeout, defaultConcurrency);
    }

    public LambdaSettings withDefaultConcurrency(int limit) {
        return new LambdaSettings(region, accountId, sdk, clock, initTimeout, limit);
    }
}
