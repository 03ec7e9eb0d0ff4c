package io.athenaworkflow.local.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.edge.AwsServiceError;
import io.athenaworkflow.local.sfn.asl.definition.InvalidDefinitionException;
import io.athenaworkflow.local.sfn.asl.definition.StateMachineDefinition;
import io.athenaworkflow.local.sfn.asl.definition.UnsupportedFeatureException;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus;
import io.athenaworkflow.local.sfn.asl.interpreter.MapRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The AWSStepFunctions JSON 1.0 operations: request members in, AWS-shaped responses and errors out. */
final class JsonApi {

    private final StepFunctionsService service;
    private final TagsApi tags;
    private final MapRunsApi mapRuns;
    private final VersionsApi versions;
    private final TestStateApi testStates;
    private final RedriveApi redrives;

    JsonApi(StepFunctionsService service) {
        this.service = service;
        this.tags = new TagsApi(service);
        this.mapRuns = new MapRunsApi(service);
        this.versions = new VersionsApi(service);
        this.testStates = new TestStateApi(service.stateTester());
        this.redrives = new RedriveApi(service);
    }

    JsonNode handle(String operation, ObjectNode request) {
        try {
            return switch (operation) {
                case "CreateStateMachine" -> createStateMachine(request);
                case "DescribeStateMachine" -> describeStateMachine(request);
                case "UpdateStateMachine" -> updateStateMachine(request);
                case "DeleteStateMachine" -> deleteStateMachine(request);
                case "ListStateMachines" -> listStateMachines(request);
                case "StartExecution" -> startExecution(request);
                case "StartSyncExecution" -> startSyncExecution(request);
                case "DescribeExecution" -> describeExecution(request);
                case "GetExecutionHistory" -> getExecutionHistory(request);
                case "StopExecution" -> stopExecution(request);
                case "ListExecutions" -> listExecutions(request);
                case "DescribeStateMachineForExecution" -> describeStateMachineForExecution(request);
                case "ValidateStateMachineDefinition" -> validateStateMachineDefinition(request);
                case "TestState" -> testStates.testState(request);
                case "DescribeMapRun" -> mapRuns.describeMapRun(request);
                case "ListMapRuns" -> mapRuns.listMapRuns(request);
                case "UpdateMapRun" -> mapRuns.updateMapRun(request);
                case "TagResource" -> tags.tagResource(request);
                case "UntagResource" -> tags.untagResource(request);
                case "ListTagsForResource" -> tags.listTagsForResource(request);
                case "RedriveExecution" -> redrives.redriveExecution(request);
                case "PublishStateMachineVersion" -> versions.publishVersion(request);
                case "ListStateMachineVersions" -> versions.listVersions(request);
                case "DeleteStateMachineVersion" -> versions.deleteVersion(request);
                case "CreateStateMachineAlias" -> versions.createAlias(request);
                case "DescribeStateMachineAlias" -> versions.describeAlias(request);
                case "UpdateStateMachineAlias" -> versions.updateAlias(request);
                case "DeleteStateMachineAlias" -> versions.deleteAlias(request);
                case "ListStateMachineAliases" -> versions.listAliases(request);
                default -> throw AwsServiceError.client("UnknownOperationException", null);
            };
        } catch (StepFunctionsException e) {
            throw AwsServiceError.client(e.errorType(), e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------- state machines

    private JsonNode createStateMachine(ObjectNode request) {
        String name = Wire.requiredString(request, "name");
        String definition = Wire.requiredString(request, "definition");
        String roleArn = Wire.requiredString(request, "roleArn");
        String typeName = Wire.string(request, "type");
        StateMachineType type;
        if (typeName == null) {
            type = StateMachineType.STANDARD;
        } else if (typeName.equals("STANDARD") || typeName.equals("EXPRESS")) {
            type = StateMachineType.valueOf(typeName);
        } else {
            throw new StepFunctionsValidationException("1 validation error detected: Value '" + typeName
                    + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD,"
                    + " EXPRESS]");
        }
        if (Wire.string(request, "versionDescription") != null && !Boolean.TRUE.equals(Wire.bool(request, "publish"))) {
            throw new StepFunctionsValidationException("Version description can only be set when publish is true");
        }
        LoggingConfiguration logging = logging(Wire.object(request, "loggingConfiguration"));
        Boolean tracing = tracing(Wire.object(request, "tracingConfiguration"));
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode tagList = request.get("tags");
        if (tagList != null && tagList.isArray()) {
            for (JsonNode tag : tagList) {
                tags.put(tag.path("key").asText(), tag.path("value").asText());
            }
        }
        StateMachineRecord created = service.createStateMachine(new StateMachineSpec(name, definition, roleArn, type,
                logging == null ? LoggingConfiguration.off() : logging, Boolean.TRUE.equals(tracing), tags));
        ObjectNode response = Wire.JSON.createObjectNode();
        response.put("stateMachineArn", created.arn());
        response.set("creationDate", Wire.date(created.creationDate()));
        publishIfAsked(request, created.arn(), response);
        return response;
    }

    private JsonNode describeStateMachine(ObjectNode request) {
        StateMachineRecord machine = service.describeStateMachine(Wire.requiredString(request, "stateMachineArn"));
        ObjectNode response = Wire.JSON.createObjectNode();
        response.put("stateMachineArn", machine.arn());
        response.put("name", machine.name());
        response.put("status", "ACTIVE");
        response.put("definition", machine.definitionText());
        response.put("roleArn", machine.roleArn());
        response.put("type", machine.type().name());
        response.set("creationDate", Wire.date(machine.creationDate()));
        response.set("loggingConfiguration", render(machine.logging()));
        response.putObject("tracingConfiguration").put("enabled", machine.tracingEnabled());
        machine.revision().ifPresent(revision -> response.put("revisionId", revision));
        response.putObject("encryptionConfiguration").put("type", "AWS_OWNED_KEY");
        return response;
    }

    private JsonNode updateStateMachine(ObjectNode request) {
        String arn = Wire.requiredString(request, "stateMachineArn");
        StateMachineRecord updated = service.updateStateMachine(arn, Wire.string(request, "definition"),
                Wire.string(request, "roleArn"), logging(Wire.object(request, "loggingConfiguration")),
                tracing(Wire.object(request, "tracingConfiguration")));
        ObjectNode response = Wire.JSON.createObjectNode();
        response.set("updateDate", Wire.date(updated.updateDate()));
        response.put("revisionId", updated.revisionId());
        publishIfAsked(request, arn, response);
        return response;
    }

    /** CreateStateMachine / UpdateStateMachine with {@code publish: true} also publish a version. */
    private void publishIfAsked(ObjectNode request, String arn, ObjectNode response) {
        if (Boolean.TRUE.equals(Wire.bool(request, "publish"))) {
            response.put("stateMachineVersionArn", service.publishVersion(arn, null,
                    Wire.string(request, "versionDescription")).arn());
        }
    }

    private JsonNode deleteStateMachine(ObjectNode request) {
        service.deleteStateMachine(Wire.requiredString(request, "stateMachineArn"));
        return Wire.JSON.createObjectNode();
    }

    private JsonNode listStateMachines(ObjectNode request) {
        int max = Wire.maxResults(request);
        String after = PageToken.decode(Wire.string(request, "nextToken"), "stateMachines");
        List<StateMachineRecord> all = service.listStateMachines();
        ObjectNode response = Wire.JSON.createObjectNode();
        ArrayNode items = response.putArray("stateMachines");
        StateMachineRecord last = null;
        boolean more = false;
        for (StateMachineRecord machine : all) {
            if (after != null && machine.name().compareTo(after) <= 0) {
                continue;
            }
            if (items.size() == max) {
                more = true;
                break;
            }
            ObjectNode item = items.addObject();
            item.put("stateMachineArn", machine.arn());
            item.put("name", machine.name());
            item.put("type", machine.type().name());
            item.set("creationDate", Wire.date(machine.creationDate()));
            last = machine;
        }
        if (more) {
            response.put("nextToken", new PageToken("stateMachines", last.name()).encode());
        }
        return response;
    }

    // ------------------------------------------------------------------------------------------- executions

    private JsonNode startExecution(ObjectNode request) {
        ExecutionEntry entry = service.start(Wire.requiredString(request, "stateMachineArn"),
                Wire.string(request, "name"), Wire.string(request, "input"), Wire.string(request, "traceHeader"));
        ObjectNode response = Wire.JSON.createObjectNode();
        response.put("executionArn", entry.arn());
        response.set("startDate", Wire.date(entry.execution().startDate()));
        return response;
    }

    private JsonNode startSyncExecution(ObjectNode request) {
        String input = Wire.string(request, "input");
        Execution execution = service.startUnregistered(Wire.requiredString(request, "stateMachineArn"),
                Wire.string(request, "name"), input);
        ExecutionResult result = execution.await();
        ObjectNode response = Wire.JSON.createObjectNode();
        response.put("executionArn", execution.context().executionArn());
        response.put("stateMachineArn", execution.context().stateMachineArn());
        response.put("name", execution.context().name());
        response.set("startDate", Wire.date(result.startDate()));
        response.set("stopDate", Wire.date(result.stopDate()));
        // A synchronous execution cannot be stopped, so it ends SUCCEEDED, FAILED or TIMED_OUT.
        response.put("status", result.status() == ExecutionStatus.ABORTED ? "FAILED" : result.status().name());
        putIfNotNull(response, "error", result.error());
        putIfNotNull(response, "cause", result.cause());
        response.put("input", input == null ? "{}" : input);
        response.putObject("inputDetails").put("included", true);
        if (result.output() != null) {
            response.put("output", result.output());
            response.putObject("outputDetails").put("included", true);
        }
        putIfNotNull(response, "traceHeader", Wire.string(request, "traceHeader"));
        long millis = Duration.between(result.startDate(), result.stopDate()).toMillis();
        ObjectNode billing = response.putObject("billingDetails");
        billing.put("billedMemoryUsedInMB", 64);
        billing.put("billedDurationInMilliseconds", Math.max(100, (millis + 99) / 100 * 100));
        return response;
    }

    private JsonNode describeExecution(ObjectNode request) {
        ExecutionEntry entry = service.describeEntry(Wire.requiredString(request, "executionArn"));
        Execution execution = entry.execution();
        ExecutionStatus status = execution.status();
        ExecutionResult result = execution.result().orElse(null);
        ObjectNode response = Wire.JSON.createObjectNode();
        response.put("executionArn", entry.arn());
        response.put("stateMachineArn", entry.stateMachineArn());
        execution.mapRunArn().ifPresent(mapRun -> response.put("mapRunArn", mapRun));
        if (entry.versionArn() != null) {
            response.put("stateMachineVersionArn", entry.versionArn());
        }
        if (entry.aliasArn() != null) {
            response.put("stateMachineAliasArn", entry.aliasArn());
        }
        response.put("name", execution.context().name());
        response.put("status", result == null ? status.name() : result.status().name());
        response.set("startDate", Wire.date(execution.startDate()));
        if (result != null) {
            response.set("stopDate", Wire.date(result.stopDate()));
        }
        response.put("input", entry.input());
        response.putObject("inputDetails").put("included", true);
        if (result != null && result.output() != null) {
            response.put("output", result.output());
            response.putObject("outputDetails").put("included", true);
        }
        putIfNotNull(response, "traceHeader", entry.traceHeader());
        if (result != null) {
            putIfNotNull(response, "error", result.error());
            putIfNotNull(response, "cause", result.cause());
        }
        response.put("redriveCount", execution.redriveCount());
        execution.redriveDate().ifPresent(date -> response.set("redriveDate", Wire.date(date)));
        Redrivability redrivability = Redrivability.of(execution, service.now());
        response.put("redriveStatus", redrivability.status());
        redrivability.reason().ifPresent(reason -> response.put("redriveStatusReason", reason));
        return response;
    }

    private JsonNode getExecutionHistory(ObjectNode request) {
        String arn = Wire.requiredString(request, "executionArn");
        int max = Wire.maxResults(request);
        boolean reverse = Boolean.TRUE.equals(Wire.bool(request, "reverseOrder"));
        Boolean includeData = Wire.bool(request, "includeExecutionData");
        Long after = PageToken.decodeLong(Wire.string(request, "nextToken"), "history:" + arn);
        List<HistoryEvent> events = new ArrayList<>(service.describeExecution(arn).history());
        if (reverse) {
            java.util.Collections.reverse(events);
        }
        ObjectNode response = Wire.JSON.createObjectNode();
        ArrayNode page = response.putArray("events");
        long last = 0;
        boolean more = false;
        for (HistoryEvent event : events) {
            if (after != null && (reverse ? event.id() >= after : event.id() <= after)) {
                continue;
            }
            if (page.size() == max) {
                more = true;
                break;
            }
            page.add(Wire.historyEvent(event, includeData == null || includeData));
            last = event.id();
        }
        if (more) {
            response.put("nextToken", new PageToken("history:" + arn, Long.toString(last)).encode());
        }
        return response;
    }

    private JsonNode stopExecution(ObjectNode request) {
        ExecutionResult result = service.stopExecution(Wire.requiredString(request, "executionArn"),
                Wire.string(request, "error"), Wire.string(request, "cause"));
        ObjectNode response = Wire.JSON.createObjectNode();
        response.set("stopDate", Wire.date(result.stopDate()));
        return response;
    }

    private JsonNode listExecutions(ObjectNode request) {
        String machineArn = Wire.string(request, "stateMachineArn");
        String mapRunArn = Wire.string(request, "mapRunArn");
        String filter = Wire.string(request, "statusFilter");
        String redriveFilter = Wire.string(request, "redriveFilter");
        if (redriveFilter != null && !redriveFilter.equals("REDRIVEN") && !redriveFilter.equals("NOT_REDRIVEN")) {
            throw new StepFunctionsValidationException("1 validation error detected: Value '" + redriveFilter
                    + "' at 'redriveFilter' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [REDRIVEN, NOT_REDRIVEN]");
        }
        if (machineArn == null && mapRunArn == null) {
            throw new StepFunctionsValidationException("Must provide a StateMachine ARN or MapRun ARN");
        }
        if (machineArn != null && mapRunArn != null) {
            throw new StepFunctionsValidationException("Must provide either a StateMachine ARN or a MapRun ARN, not"
                    + " both");
        }
        String arn = machineArn == null ? mapRunArn : machineArn;
        ExecutionStatus status = null;
        if ("PENDING_REDRIVE".equals(filter)) {
            // Only child executions of a Map Run can be pending a redrive; AWS refuses the filter with a state machine.
            if (mapRunArn == null) {
                throw new StepFunctionsValidationException("The PENDING_REDRIVE statusFilter requires a mapRunArn;"
                        + " it cannot be used with a stateMachineArn");
            }
            // Map Runs are not redriven here (docs/local-step-functions.md), so no child is ever pending a redrive.
            service.describeMapRun(mapRunArn);
            ObjectNode none = Wire.JSON.createObjectNode();
            none.putArray("executions");
            return none;
        }
        if (filter != null) {
            try {
                status = ExecutionStatus.valueOf(filter);
            } catch (IllegalArgumentException e) {
                throw new StepFunctionsValidationException("1 validation error detected: Value '" + filter
                        + "' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]");
            }
        }
        int max = Wire.maxResults(request);
        Long before = PageToken.decodeLong(Wire.string(request, "nextToken"), "executions:" + arn);
        ObjectNode response = Wire.JSON.createObjectNode();
        ArrayNode items = response.putArray("executions");
        long last = 0;
        boolean more = false;
        List<ExecutionEntry> entries = mapRunArn == null ? service.listEntries(arn, status)
                : service.listChildEntries(mapRunArn, status);
        MapRun mapRun = mapRunArn == null ? null : service.describeMapRun(mapRunArn);
        for (ExecutionEntry entry : entries) {
            if (before != null && entry.sequence() >= before) {
                continue;
            }
            if (redriveFilter != null
                    && (entry.execution().redriveCount() > 0) != redriveFilter.equals("REDRIVEN")) {
                continue;
            }
            if (items.size() == max) {
                more = true;
                break;
            }
            Execution execution = entry.execution();
            ExecutionResult result = execution.result().orElse(null);
            ObjectNode item = items.addObject();
            item.put("executionArn", entry.arn());
            item.put("stateMachineArn", entry.stateMachineArn());
            item.put("name", execution.context().name());
            if (mapRun != null) {
                item.put("mapRunArn", mapRun.arn());
                item.put("itemCount", mapRun.itemCount(execution));
            }
            item.put("status", result == null ? execution.status().name() : result.status().name());
            item.set("startDate", Wire.date(execution.startDate()));
            if (result != null) {
                item.set("stopDate", Wire.date(result.stopDate()));
            }
            item.put("redriveCount", execution.redriveCount());
            execution.redriveDate().ifPresent(date -> item.set("redriveDate", Wire.date(date)));
            last = entry.sequence();
        }
        if (more) {
            response.put("nextToken", new PageToken("executions:" + arn, Long.toString(last)).encode());
        }
        return response;
    }

    private JsonNode describeStateMachineForExecution(ObjectNode request) {
        StateMachineRecord machine = service.stateMachineForExecution(Wire.requiredString(request, "executionArn"));
        ObjectNode response = Wire.JSON.createObjectNode();
        response.put("stateMachineArn", machine.arn());
        response.put("name", machine.name());
        response.put("definition", machine.definitionText());
        response.put("roleArn", machine.roleArn());
        response.set("updateDate", Wire.date(machine.revisionDate()));
        response.set("loggingConfiguration", render(machine.logging()));
        response.putObject("tracingConfiguration").put("enabled", machine.tracingEnabled());
        machine.revision().ifPresent(revision -> response.put("revisionId", revision));
        response.putObject("encryptionConfiguration").put("type", "AWS_OWNED_KEY");
        return response;
    }

    private JsonNode validateStateMachineDefinition(ObjectNode request) {
        String definition = Wire.requiredString(request, "definition");
        String severity = Wire.string(request, "severity");
        if (severity != null && !severity.equals("ERROR") && !severity.equals("WARNING")) {
            throw new StepFunctionsValidationException("1 validation error detected: Value '" + severity
                    + "' at 'severity' failed to satisfy constraint: Member must satisfy enum value set: [ERROR,"
                    + " WARNING]");
        }
        Integer maxResults = Wire.integer(request, "maxResults");
        int max = maxResults == null || maxResults == 0 ? 100 : maxResults;
        ArrayNode diagnostics = Wire.JSON.createArrayNode();
        boolean failed = false;
        try {
            StateMachineDefinition.parse(definition);
        } catch (InvalidDefinitionException e) {
            failed = true;
            for (String problem : e.problems()) {
                diagnostics.add(diagnostic("ERROR", problem));
            }
        } catch (UnsupportedFeatureException e) {
            if ("WARNING".equals(severity)) {
                ObjectNode warning = diagnostics.addObject();
                warning.put("severity", "WARNING");
                warning.put("code", "UNSUPPORTED_BY_LOCAL_RUNTIME");
                warning.put("message", e.getMessage());
            }
        }
        ObjectNode response = Wire.JSON.createObjectNode();
        response.put("result", failed ? "FAIL" : "OK");
        ArrayNode page = response.putArray("diagnostics");
        for (int i = 0; i < diagnostics.size() && i < max; i++) {
            page.add(diagnostics.get(i));
        }
        response.put("truncated", diagnostics.size() > max);
        return response;
    }

    /** {@code "CODE: description at /pointer"} (the interpreter's problem format) → a diagnostic. */
    private static ObjectNode diagnostic(String severity, String problem) {
        ObjectNode diagnostic = Wire.JSON.createObjectNode();
        diagnostic.put("severity", severity);
        String code = "SCHEMA_VALIDATION_FAILED";
        String message = problem;
        int colon = problem.indexOf(": ");
        if (colon > 0 && problem.substring(0, colon).matches("[A-Z_]+")) {
            code = problem.substring(0, colon);
            message = problem.substring(colon + 2);
        }
        int at = message.lastIndexOf(" at /");
        String location = null;
        if (at >= 0) {
            location = message.substring(at + 4);
            message = message.substring(0, at);
        }
        diagnostic.put("code", code);
        diagnostic.put("message", message);
        if (location != null) {
            diagnostic.put("location", location);
        }
        return diagnostic;
    }

    // ------------------------------------------------------------------------------------------- members

    private static LoggingConfiguration logging(ObjectNode node) {
        if (node == null) {
            return null;
        }
        String level = node.hasNonNull("level") ? node.get("level").asText() : "OFF";
        boolean include = node.path("includeExecutionData").asBoolean(false);
        List<String> groups = new ArrayList<>();
        for (JsonNode destination : node.path("destinations")) {
            groups.add(destination.path("cloudWatchLogsLogGroup").path("logGroupArn").asText());
        }
        return new LoggingConfiguration(level, include, groups);
    }

    private static Boolean tracing(ObjectNode node) {
        return node == null ? null : node.path("enabled").asBoolean(false);
    }

    private static ObjectNode render(LoggingConfiguration logging) {
        ObjectNode node = Wire.JSON.createObjectNode();
        node.put("level", logging.level());
        node.put("includeExecutionData", logging.includeExecutionData());
        if (!logging.logGroupArns().isEmpty()) {
            ArrayNode destinations = node.putArray("destinations");
            logging.logGroupArns().forEach(arn -> destinations.addObject().putObject("cloudWatchLogsLogGroup")
                    .put("logGroupArn", arn));
        }
        return node;
    }

    private static void putIfNotNull(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
