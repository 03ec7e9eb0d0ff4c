package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.ItemBatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A Distributed Map's ItemBatcher: groups the (already selected) items, in order, into child inputs
 * {@code {"Items": [...], "BatchInput": ...}} of at most MaxItemsPerBatch items and at most MaxInputBytesPerBatch
 * bytes (the child input as compact UTF-8 JSON, BatchInput included; never more than 256 KiB).
 */
final class MapBatcher {

    /** One child execution's input and how many items it holds (a failed batch fails all of them). */
    record Batch(ObjectNode input, int size) {
    }

    private final DataFlows flows;
    private final MapSettings settings;

    MapBatcher(DataFlows flows, MapSettings settings) {
        this.flows = flows;
        this.settings = settings;
    }

    List<Batch> batch(StateCall call, ItemBatcher batcher, List<JsonNode> items, JsonNode effective,
                      ObjectNode context) {
        int maxItems = settings.batchLimit(call, batcher.maxItemsPerBatch(), context, Integer.MAX_VALUE);
        int maxBytes = settings.batchLimit(call, batcher.maxInputBytesPerBatch(), context, ItemBatcher.MAX_BATCH_BYTES);
        if (maxBytes == 0) {
            maxBytes = ItemBatcher.MAX_BATCH_BYTES;
        }
        JsonNode batchInput = batcher.batchInput() == null ? null
                : flows.selectItem(call, batcher.batchInput(), effective, context);
        int emptySize = Json.utf8Size(Json.compact(input(JsonNodeFactory.instance.arrayNode(), batchInput)));
        List<Batch> batches = new ArrayList<>();
        ArrayNode current = JsonNodeFactory.instance.arrayNode();
        int currentSize = emptySize;
        for (int i = 0; i < items.size(); i++) {
            int itemSize = Json.utf8Size(Json.compact(items.get(i)));
            if (emptySize + itemSize > maxBytes) {
                throw StatesError.runtime(call.prefix() + "Item " + i + " is " + itemSize + " bytes, which with the"
                        + " batch's Items and BatchInput exceeds the MaxInputBytesPerBatch of " + maxBytes
                        + " bytes; raise MaxInputBytesPerBatch (at most " + ItemBatcher.MAX_BATCH_BYTES
                        + ") or make the items smaller with an ItemSelector");
            }
            boolean full = !current.isEmpty() && ((maxItems > 0 && current.size() == maxItems)
                    || currentSize + 1 + itemSize > maxBytes);
            if (full) {
                batches.add(new Batch(input(current, batchInput), current.size()));
                current = JsonNodeFactory.instance.arrayNode();
                currentSize = emptySize;
            }
            currentSize += (current.isEmpty() ? 0 : 1) + itemSize;
            current.add(items.get(i));
        }
        if (!current.isEmpty()) {
            batches.add(new Batch(input(current, batchInput), current.size()));
        }
        return batches;
    }

    private static ObjectNode input(ArrayNode items, JsonNode batchInput) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.set("Items", items);
        if (batchInput != null) {
            input.set("BatchInput", batchInput);
        }
        return input;
    }
}
