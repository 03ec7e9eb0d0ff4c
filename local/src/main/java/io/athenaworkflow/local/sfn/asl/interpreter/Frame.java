package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.BooleanSupplier;

/**
 * Where a graph runs: its variable scope, the Map item it processes (if any), whether it was cancelled, and the id of
 * the last event on its own line of history (the next event's previousEventId), and how far its graph got.
 */
final class Frame {

    final Scope scope;
    final Integer mapIndex;
    final JsonNode mapValue;
    final BooleanSupplier cancelled;
    /** How far this frame's graph has got, for a redrive of the execution. */
    final Checkpoint progress = new Checkpoint();
    long cursor;

    Frame(Scope scope, Integer mapIndex, JsonNode mapValue, BooleanSupplier cancelled, long cursor) {
        this.scope = scope;
        this.mapIndex = mapIndex;
        this.mapValue = mapValue;
        this.cancelled = cancelled;
        this.cursor = cursor;
    }
}
