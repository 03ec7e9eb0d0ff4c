package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Distributed Map's {@code ItemBatcher}: each child execution receives a batch {@code {"Items": [...],
 * "BatchInput": ...}} instead of one item. {@code maxItemsPerBatch} is {@code MaxItemsPerBatch} (a literal or JSONata
 * template) or {@code MaxItemsPerBatchPath}, {@code maxInputBytesPerBatch} likewise (each {@code null} when absent, at
 * least one is set); {@code batchInput} is the {@code BatchInput} template ({@code null} when absent).
 */
public record ItemBatcher(Value maxItemsPerBatch, Value maxInputBytesPerBatch, JsonNode batchInput) {

    /** The largest batch AWS passes to a child execution (and the largest MaxInputBytesPerBatch): 256 KiB. */
    public static final int MAX_BATCH_BYTES = 256 * 1024;
}
