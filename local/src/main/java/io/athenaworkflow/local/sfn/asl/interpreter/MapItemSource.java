package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.ItemReader;

/**
 * A Distributed Map's items from its ItemReader: the reader's Parameters/Arguments evaluated, the items read through
 * the {@link TaskInvoker} (or, under TestState, parsed from the given {@code mapItemReaderData}), cut to MaxItems
 * (or what MaxItemsPath or a JSONata MaxItems names). A read that fails (other than with States.Runtime, which always
 * ends the execution) fails the state with States.ItemReaderFailed naming the service's error.
 */
final class MapItemSource {

    /** The most items an ItemReader passes to a Map. */
    private static final long MAX_ITEMS = 100_000_000;

    /** How a listing given as text is read: the JSON array of the {Etag, Key, ...} items the listing yields. */
    private static final ItemReader LISTING_AS_JSON = new ItemReader(ItemReader.GET_OBJECT, null,
            ItemReader.InputType.JSON, null, null, null, null);

    private final DataFlows flows;
    private final TaskInvoker invoker;

    MapItemSource(DataFlows flows, TaskInvoker invoker) {
        this.flows = flows;
        this.invoker = invoker;
    }

    /** The ItemReader's items: its Parameters/Arguments evaluated like an ItemSelector, read, cut to MaxItems. */
    JsonNode read(StateCall call, ItemReader reader, JsonNode effective, ObjectNode context) {
        JsonNode arguments = reader.arguments() == null ? JsonNodeFactory.instance.objectNode()
                : flows.selectItem(call, reader.arguments(), effective, context);
        JsonNode items;
        try {
            items = invoker.readItems(reader, arguments);
        } catch (StatesError e) {
            if (ErrorNames.RUNTIME.equals(e.error()) || "States.ItemReaderFailed".equals(e.error())) {
                throw e;
            }
            throw new StatesError("States.ItemReaderFailed", call.prefix() + e.error() + ": " + e.cause());
        }
        return limited(items, maxItems(call, reader, context));
    }

    /**
     * The items TestState's {@code mapItemReaderData} stands for: the text the reader would have read, parsed per
     * its ReaderConfig (a {@code s3:listObjectsV2} reader's data is the JSON array of its items), cut to MaxItems.
     */
    JsonNode fromData(StateCall call, ItemReader reader, String data, ObjectNode context) {
        String source = call.prefix() + "The mapItemReaderData";
        ItemReader format = reader.listsObjects() ? LISTING_AS_JSON : reader;
        return limited(ItemReaderContent.parse(format, data, source), maxItems(call, reader, context));
    }

    private static JsonNode limited(JsonNode items, int maxItems) {
        if (maxItems > 0 && items.size() > maxItems) {
            ArrayNode limited = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < maxItems; i++) {
                limited.add(items.get(i));
            }
            return limited;
        }
        return items;
    }

    /**
     * MaxItems, 0 (all items) when unset; the Path and JSONata forms are read from the raw state input. A value that
     * is not a non-negative integer fails with States.ItemReaderFailed; one over 100,000,000 counts as that limit.
     */
    private int maxItems(StateCall call, ItemReader reader, ObjectNode context) {
        if (reader.maxItems() == null) {
            return 0;
        }
        JsonNode value = flows.value(call, reader.maxItems(), call.input, context);
        if (!value.isIntegralNumber()) {
            throw new StatesError("States.ItemReaderFailed", call.prefix() + "The " + reader.maxItems().field()
                    + " field refers to value '" + Json.compact(value) + "' which is not a valid integer");
        }
        if (value.asLong() < 0) {
            throw new StatesError("States.ItemReaderFailed", call.prefix() + "The " + reader.maxItems().field()
                    + " value must not be negative, but was " + value.asLong());
        }
        return (int) Math.min(value.asLong(), MAX_ITEMS);
    }
}
