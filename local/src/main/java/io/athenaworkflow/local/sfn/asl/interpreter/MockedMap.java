package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.MapState;
import java.util.ArrayList;
import java.util.List;

/**
 * A Map state under TestState: its items (ItemsPath/Items, or the ItemReader's, read from the local S3 or parsed from
 * {@code mapItemReaderData}), ItemSelector, ItemBatcher and settings are evaluated and inspected as an execution
 * would, then the mock stands in for the iterations. {@code mapIterationFailureCount} failed iterations fail the state
 * with States.ExceedToleratedFailureThreshold when they exceed a ToleratedFailureCount/Percentage the state sets (AWS
 * ignores the count for a Map that sets neither).
 */
final class MockedMap {


    private final DataFlows flows;
    private final MapSettings settings;
    private final MapItemSource itemSource;
    private final MapBatcher batcher;

    MockedMap(DataFlows flows, TaskInvoker invoker) {
        this.flows = flows;
        this.settings = new MapSettings(flows);
        this.itemSource = new MapItemSource(flows, invoker);
        this.batcher = new MapBatcher(flows, settings);
    }

    Outcome run(StateCall call, MapState map, StateTester.Mock mock, StateTester.Configuration configuration) {
        ObjectNode context = call.context();
        JsonNode effective = flows.effectiveInput(call, map.flow(), context);
        JsonNode items;
        if (map.itemReader() == null) {
            items = flows.items(call, map, effective, context);
            if (!call.jsonata()) {
                call.inspect("afterItemsPath", items);
            }
        } else if (configuration.mapItemReaderData() != null) {
            items = itemSource.fromData(call, map.itemReader(), configuration.mapItemReaderData(), context);
        } else {
            items = itemSource.read(call, map.itemReader(), effective, context);
        }
        List<JsonNode> selected = select(call, map, items, effective, context);
        if (map.itemBatcher() != null) {
            ArrayNode batches = JsonNodeFactory.instance.arrayNode();
            batcher.batch(call, map.itemBatcher(), selected, effective, context)
                    .forEach(batch -> batches.add(batch.input()));
            call.inspect("afterItemBatcher", batches);
        }
        call.inspect("maxConcurrency", IntNode.valueOf(settings.count(call, map.maxConcurrency(), context)));
        int toleratedCount = settings.count(call, map.toleratedFailureCount(), context);
        double toleratedPercentage = settings.percentage(call, map.toleratedFailurePercentage(), context);
        if (map.toleratedFailureCount() != null) {
            call.inspect("toleratedFailureCount", IntNode.valueOf(toleratedCount));
        }
        if (map.toleratedFailurePercentage() != null) {
            call.inspect("toleratedFailurePercentage", DoubleNode.valueOf(toleratedPercentage));
        }
        JsonNode result = StateTester.mockResult(mock);
        Integer failed = configuration.mapIterationFailureCount();
        boolean tolerates = map.toleratedFailureCount() != null || map.toleratedFailurePercentage() != null;
        if (failed != null && tolerates
                && MapSettings.exceeded(failed, items.size(), toleratedCount, toleratedPercentage)) {
            throw MapSettings.thresholdExceeded();
        }
        return flows.resultOutput(call, map.flow(), result, context);
    }

    /** Each item's iteration input after the ItemSelector (inspected as afterItemSelector); the items without one. */
    private List<JsonNode> select(StateCall call, MapState map, JsonNode items, JsonNode effective,
                                  ObjectNode context) {
        List<JsonNode> selected = new ArrayList<>();
        if (map.itemSelector() == null) {
            items.forEach(selected::add);
            return selected;
        }
        for (int i = 0; i < items.size(); i++) {
            ObjectNode itemContext = context.deepCopy();
            ObjectNode item = itemContext.putObject("Map").putObject("Item");
            item.put("Index", i);
            item.set("Value", items.get(i));
            selected.add(flows.selectItem(call, map.itemSelector(), effective, itemContext));
        }
        ArrayNode inspected = JsonNodeFactory.instance.arrayNode();
        inspected.addAll(selected);
        call.inspect("afterItemSelector", inspected);
        return selected;
    }
}
