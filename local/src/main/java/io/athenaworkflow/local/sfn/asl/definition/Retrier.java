package io.athenaworkflow.local.sfn.asl.definition;

import java.util.List;

/**
 * One element of a state's {@code Retry} array, with the ASL defaults filled in: IntervalSeconds 1, MaxAttempts 3,
 * BackoffRate 2.0, no MaxDelaySeconds ({@code 0} here), JitterStrategy NONE.
 */
public record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
                      int maxDelaySeconds, JitterStrategy jitterStrategy) {

    public Retrier {
        errorEquals = List.copyOf(errorEquals);
    }

    /** Whether MaxDelaySeconds caps the interval. */
    public boolean hasMaxDelay() {
        return maxDelaySeconds > 0;
    }
}
