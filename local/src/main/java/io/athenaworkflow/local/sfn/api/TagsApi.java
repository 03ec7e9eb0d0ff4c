package io.athenaworkflow.local.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TagResource, UntagResource and ListTagsForResource on state machines (shapes from botocore). */
final class TagsApi {

    private final StepFunctionsService service;

    TagsApi(StepFunctionsService service) {
        this.service = service;
    }

    JsonNode tagResource(ObjectNode request) {
        String arn = Wire.requiredString(request, "resourceArn");
        JsonNode list = request.get("tags");
        if (list == null || !list.isArray()) {
            throw new StepFunctionsValidationException("1 validation error detected: Value null at 'tags' failed to"
                    + " satisfy constraint: Member must not be null");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : list) {
            String key = tag.path("key").asText("");
            if (key.isEmpty() || key.length() > 128 || tag.path("value").asText("").length() > 256) {
                throw new StepFunctionsValidationException("1 validation error detected: a tag key must be 1 to 128"
                        + " characters and a value at most 256 characters, but got key '" + key + "'");
            }
            tags.put(key, tag.path("value").asText(""));
        }
        service.tagResource(arn, tags);
        return Wire.JSON.createObjectNode();
    }

    JsonNode untagResource(ObjectNode request) {
        String arn = Wire.requiredString(request, "resourceArn");
        JsonNode keys = request.get("tagKeys");
        if (keys == null || !keys.isArray()) {
            throw new StepFunctionsValidationException("1 validation error detected: Value null at 'tagKeys' failed"
                    + " to satisfy constraint: Member must not be null");
        }
        List<String> names = new ArrayList<>();
        keys.forEach(key -> names.add(key.asText()));
        service.untagResource(arn, names);
        return Wire.JSON.createObjectNode();
    }

    JsonNode listTagsForResource(ObjectNode request) {
        String arn = Wire.requiredString(request, "resourceArn");
        ObjectNode response = Wire.JSON.createObjectNode();
        ArrayNode tags = response.putArray("tags");
        service.tags(arn).forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        return response;
    }
}
