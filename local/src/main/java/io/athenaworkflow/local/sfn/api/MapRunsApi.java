package io.athenaworkflow.local.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.interpreter.MapRun;
import java.util.ArrayList;
import java.util.List;

/**
 * DescribeMapRun, ListMapRuns and UpdateMapRun (shapes and constraints from botocore). The execution counts count
 * the child executions (one per item, or per batch with an ItemBatcher).
 */
final class MapRunsApi {

    private final StepFunctionsService service;

    MapRunsApi(StepFunctionsService service) {
        this.service = service;
    }

    JsonNode describeMapRun(ObjectNode request) {
        MapRun run = service.describeMapRun(Wire.requiredString(request, "mapRunArn"));
        ObjectNode response = Wire.JSON.createObjectNode();
        response.put("mapRunArn", run.arn());
        response.put("executionArn", run.executionArn());
        response.put("status", run.status());
        response.set("startDate", Wire.date(run.startDate()));
        run.stopDate().ifPresent(stop -> response.set("stopDate", Wire.date(stop)));
        response.put("maxConcurrency", run.maxConcurrency());
        response.put("toleratedFailurePercentage", (float) run.toleratedFailurePercentage());
        response.put("toleratedFailureCount", run.toleratedFailureCount());
        counts(response.putObject("itemCounts"), run.counts());
        counts(response.putObject("executionCounts"), run.executionCounts());
        response.put("redriveCount", 0);
        return response;
    }

    JsonNode listMapRuns(ObjectNode request) {
        String executionArn = Wire.requiredString(request, "executionArn");
        ObjectNode response = Wire.JSON.createObjectNode();
        ArrayNode items = response.putArray("mapRuns");
        String stateMachineArn = service.stateMachineForExecution(executionArn).arn();
        for (MapRun run : service.listMapRuns(executionArn)) {
            ObjectNode item = items.addObject();
            item.put("executionArn", run.executionArn());
            item.put("mapRunArn", run.arn());
            item.put("stateMachineArn", stateMachineArn);
            item.set("startDate", Wire.date(run.startDate()));
            run.stopDate().ifPresent(stop -> item.set("stopDate", Wire.date(stop)));
        }
        return response;
    }

    JsonNode updateMapRun(ObjectNode request) {
        String arn = Wire.requiredString(request, "mapRunArn");
        Integer maxConcurrency = Wire.integer(request, "maxConcurrency");
        Long toleratedCount = Wire.longInteger(request, "toleratedFailureCount");
        Double toleratedPercentage = Wire.number(request, "toleratedFailurePercentage");
        List<String> problems = new ArrayList<>();
        if (maxConcurrency != null && maxConcurrency < 0) {
            problems.add(atLeastZero(maxConcurrency, "maxConcurrency"));
        }
        if (toleratedCount != null && toleratedCount < 0) {
            problems.add(atLeastZero(toleratedCount, "toleratedFailureCount"));
        }
        if (toleratedPercentage != null && toleratedPercentage < 0) {
            problems.add(atLeastZero(toleratedPercentage.floatValue(), "toleratedFailurePercentage"));
        }
        if (toleratedPercentage != null && toleratedPercentage > 100) {
            problems.add("Value '" + toleratedPercentage.floatValue() + "' at 'toleratedFailurePercentage' failed to"
                    + " satisfy constraint: Member must have value less than or equal to 100");
        }
        if (!problems.isEmpty()) {
            throw new StepFunctionsValidationException(problems.size() + " validation error"
                    + (problems.size() == 1 ? "" : "s") + " detected: " + String.join("; ", problems));
        }
        MapRun run = service.describeMapRun(arn);
        try {
            run.update(maxConcurrency, toleratedCount,
                    toleratedPercentage == null ? null : (double) toleratedPercentage.floatValue());
        } catch (IllegalStateException e) {
            throw new StepFunctionsValidationException("Map Run '" + run.arn() + "' is " + run.status()
                    + ": only a RUNNING Map Run can be updated");
        }
        return Wire.JSON.createObjectNode();
    }

    private static String atLeastZero(Object value, String member) {
        return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: Member must have value"
                + " greater than or equal to 0";
    }

    private static void counts(ObjectNode node, MapRun.Counts counts) {
        node.put("pending", counts.pending());
        node.put("running", counts.running());
        node.put("succeeded", counts.succeeded());
        node.put("failed", counts.failed());
        node.put("timedOut", 0);
        node.put("aborted", counts.aborted());
        node.put("total", counts.total());
        node.put("resultsWritten", counts.resultsWritten());
        node.put("failuresNotRedrivable", 0);
        node.put("pendingRedrive", 0);
    }
}
