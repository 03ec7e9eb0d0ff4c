package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.Value;

/**
 * A Map state's numeric settings (MaxConcurrency, ToleratedFailureCount, ToleratedFailurePercentage, the
 * ItemBatcher's MaxItemsPerBatch and MaxInputBytesPerBatch, or their Path forms read from the raw state input),
 * evaluated and checked the same way for executions and TestState.
 */
final class MapSettings {

    private final DataFlows flows;

    MapSettings(DataFlows flows) {
        this.flows = flows;
    }

    /** MaxConcurrency / ToleratedFailureCount: a non-negative integer, 0 when unset. */
    int count(StateCall call, Value setting, ObjectNode context) {
        if (setting == null) {
            return 0;
        }
        JsonNode value = flows.value(call, setting, call.input, context);
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
            throw flows.invalid(call, call.prefix() + "The " + name(setting) + " value must be a non-negative"
                    + " integer, but was " + Json.compact(value));
        }
        return value.asInt();
    }

    /** ToleratedFailurePercentage: a number from 0 to 100, 0 when unset. */
    double percentage(StateCall call, Value setting, ObjectNode context) {
        if (setting == null) {
            return 0;
        }
        JsonNode value = flows.value(call, setting, call.input, context);
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 100) {
            throw flows.invalid(call, call.prefix() + "The " + name(setting) + " value must be a number between 0"
                    + " and 100, but was " + Json.compact(value));
        }
        return value.asDouble();
    }

    /** MaxItemsPerBatch / MaxInputBytesPerBatch: an integer from 1 to {@code max}, 0 when unset. */
    int batchLimit(StateCall call, Value setting, ObjectNode context, int max) {
        if (setting == null) {
            return 0;
        }
        JsonNode value = flows.value(call, setting, call.input, context);
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > max) {
            throw flows.invalid(call, call.prefix() + "The " + name(setting) + " value must be an integer from 1 to "
                    + max + ", but was " + Json.compact(value));
        }
        return value.asInt();
    }

    /**
     * Whether {@code failed} of {@code total} items exceed the tolerance: more than the tolerated count and more than
     * the tolerated percentage (each 0 when unset).
     */
    static boolean exceeded(long failed, long total, long toleratedCount, double toleratedPercentage) {
        return failed > toleratedCount && (total == 0 || failed * 100.0 / total > toleratedPercentage);
    }

    /** The error a Map fails with once its failures exceed a tolerance it sets (AWS's name and cause). */
    static StatesError thresholdExceeded() {
        return new StatesError("States.ExceedToleratedFailureThreshold",
                "The specified tolerated failure threshold was exceeded");
    }

    private static String name(Value setting) {
        String field = setting.field();
        return field.endsWith("Path") ? field.substring(0, field.length() - 4) : field;
    }
}
