package io.athenaworkflow.local.sfn.api;

import java.util.List;
import java.util.Objects;

/**
 * A state machine's {@code loggingConfiguration}, kept and reported as given (the local runtime writes no CloudWatch
 * logs).
 *
 * @param level ALL, ERROR, FATAL or OFF
 * @param includeExecutionData whether logs would carry execution data
 * @param logGroupArns the {@code destinations[].cloudWatchLogsLogGroup.logGroupArn} values
 */
public record LoggingConfiguration(String level, boolean includeExecutionData, List<String> logGroupArns) {

    public LoggingConfiguration {
        Objects.requireNonNull(level, "level");
        logGroupArns = List.copyOf(logGroupArns);
    }

    /** What AWS reports when none was given: level OFF, no execution data. */
    public static LoggingConfiguration off() {
        return new LoggingConfiguration("OFF", false, List.of());
    }
}
