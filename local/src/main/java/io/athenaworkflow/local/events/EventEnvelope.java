package io.athenaworkflow.local.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The envelope fields an AWS service event carries besides its detail.
 *
 * @param region {@code region}
 * @param account {@code account} (12 digits)
 * @param time when it happened; written as ISO-8601 in whole seconds ({@code 2021-11-12T00:00:00Z})
 */
public record EventEnvelope(String region, String account, Instant time) {

    public EventEnvelope {
        if (region == null || account == null || time == null) {
            throw new IllegalArgumentException("region, account and time are required");
        }
    }

    String timeText() {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
