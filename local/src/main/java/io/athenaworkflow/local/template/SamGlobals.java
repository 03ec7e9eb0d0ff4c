package io.athenaworkflow.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * SAM's Globals section merged into resources the way the SAM translator does it: a property only in Globals is
 * copied; mappings are merged key by key (the resource's value wins); lists are concatenated (Globals' entries
 * first); anything else, and any intrinsic function, is replaced by the resource's value.
 */
final class SamGlobals {

    /** Globals sections and the resource types they apply to. */
    static final Map<String, String> SECTIONS = Map.of(
            "Function", "AWS::Serverless::Function",
            "StateMachine", "AWS::Serverless::StateMachine");

    private SamGlobals() {
    }

    static ObjectNode merge(JsonNode globals, JsonNode properties) {
        ObjectNode merged = properties != null && properties.isObject()
                ? ((ObjectNode) properties).deepCopy()
                : TemplateFiles.JSON.createObjectNode();
        if (globals == null || !globals.isObject()) {
            return merged;
        }
        for (Map.Entry<String, JsonNode> global : globals.properties()) {
            JsonNode local = merged.get(global.getKey());
            merged.set(global.getKey(), local == null ? global.getValue().deepCopy() : mergeValue(global.getValue(), local));
        }
        return merged;
    }

    private static JsonNode mergeValue(JsonNode global, JsonNode local) {
        boolean intrinsic = Intrinsics.functionName(global) != null || Intrinsics.functionName(local) != null;
        if (!intrinsic && global.isObject() && local.isObject()) {
            ObjectNode merged = ((ObjectNode) global).deepCopy();
            for (Map.Entry<String, JsonNode> field : local.properties()) {
                JsonNode fromGlobal = merged.get(field.getKey());
                merged.set(field.getKey(), fromGlobal == null ? field.getValue().deepCopy()
                        : mergeValue(fromGlobal, field.getValue()));
            }
            return merged;
        }
        if (!intrinsic && global.isArray() && local.isArray()) {
            ArrayNode merged = ((ArrayNode) global).deepCopy();
            local.forEach(item -> merged.add(item.deepCopy()));
            return merged;
        }
        return local.deepCopy();
    }
}
