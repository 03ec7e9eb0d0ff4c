package io.athenaworkflow.local.sfn.asl.expr;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The timestamps of the States Language: RFC 3339 date-times with an uppercase {@code T} between date and time, and
 * an uppercase {@code Z} or a numeric offset ({@code 2016-03-14T01:59:00Z}, {@code 2016-03-14T01:59:00.123+02:00}).
 */
public final class Timestamps {

    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private Timestamps() {
    }

    /** The instant {@code text} names, or empty when it is not a States Language timestamp. */
    public static Optional<Instant> parse(String text) {
        if (text == null || !RFC3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            // Matches the shape but not the calendar (month 13, February 30, hour 25).
            return Optional.empty();
        }
    }
}
