package io.athenaworkflow.local.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.interpreter.MapRun;

/**
 * DescribeMapRun and ListMapRuns (shapes from botocore). Each item runs as one iteration, so the execution counts
 * equal the item counts; nothing is written by a ResultWriter, so {@code resultsWritten} is 0.
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

    private static void counts(ObjectNode node, MapRun.Counts counts) {
        node.put("pending", counts.pending());
        node.put("running", counts.running());
        node.put("succeeded", counts.succeeded());
        node.put("failed", counts.failed());
        node.put("timedOut", 0);
        node.put("aborted", counts.aborted());
        node.put("total", counts.total());
        node.put("resultsWritten", 0);
        node.put("failuresNotRedrivable", 0);
        node.put("pendingRedrive", 0);
    }
}
