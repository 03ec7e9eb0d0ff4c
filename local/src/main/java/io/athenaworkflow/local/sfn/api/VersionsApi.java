package io.athenaworkflow.local.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * State machine versions and aliases (PublishStateMachineVersion, ListStateMachineVersions,
 * DeleteStateMachineVersion, Create/Describe/Update/Delete/ListStateMachineAliases; shapes from botocore).
 */
final class VersionsApi {

    private final StepFunctionsService service;

    VersionsApi(StepFunctionsService service) {
        this.service = service;
    }

    JsonNode publishVersion(ObjectNode request) {
        StateMachineVersions.Version version = service.publishVersion(
                Wire.requiredString(request, "stateMachineArn"), Wire.string(request, "revisionId"),
                Wire.string(request, "description"));
        ObjectNode response = Wire.JSON.createObjectNode();
        response.set("creationDate", Wire.date(version.creationDate()));
        response.put("stateMachineVersionArn", version.arn());
        return response;
    }

    JsonNode listVersions(ObjectNode request) {
        String arn = Wire.requiredString(request, "stateMachineArn");
        service.requireMachine(arn);
        ObjectNode response = Wire.JSON.createObjectNode();
        ArrayNode items = response.putArray("stateMachineVersions");
        for (StateMachineVersions.Version version : service.versions().versions(arn)) {
            ObjectNode item = items.addObject();
            item.put("stateMachineVersionArn", version.arn());
            item.set("creationDate", Wire.date(version.creationDate()));
        }
        return response;
    }

    JsonNode deleteVersion(ObjectNode request) {
        String arn = Wire.requiredString(request, "stateMachineVersionArn");
        requireQualified(arn);
        service.versions().deleteVersion(arn);
        return Wire.JSON.createObjectNode();
    }

    JsonNode createAlias(ObjectNode request) {
        String name = Names.valid(Wire.requiredString(request, "name"));
        if (name.matches("\\d+")) {
            throw new InvalidNameException("Invalid Name: '" + name + "' (an alias name cannot be only digits)");
        }
        List<StateMachineVersions.Route> routes = routes(request.get("routingConfiguration"));
        if (routes == null) {
            throw new StepFunctionsValidationException("1 validation error detected: Value null at"
                    + " 'routingConfiguration' failed to satisfy constraint: Member must not be null");
        }
        String first = routes.getFirst().versionArn();
        requireQualified(first);
        String machineArn = first.substring(0, first.lastIndexOf(':'));
        service.requireMachine(machineArn);
        StateMachineVersions.Alias alias = service.versions().createAlias(machineArn, name,
                Wire.string(request, "description"), routes, service.now());
        ObjectNode response = Wire.JSON.createObjectNode();
        response.put("stateMachineAliasArn", alias.arn());
        response.set("creationDate", Wire.date(alias.creationDate()));
        return response;
    }

    JsonNode describeAlias(ObjectNode request) {
        String arn = Wire.requiredString(request, "stateMachineAliasArn");
        requireQualified(arn);
        StateMachineVersions.Alias alias = service.versions().alias(arn);
        ObjectNode response = Wire.JSON.createObjectNode();
        response.put("stateMachineAliasArn", alias.arn());
        response.put("name", alias.name());
        if (alias.description() != null) {
            response.put("description", alias.description());
        }
        ArrayNode routing = response.putArray("routingConfiguration");
        alias.routes().forEach(route -> routing.addObject().put("stateMachineVersionArn", route.versionArn())
                .put("weight", route.weight()));
        response.set("creationDate", Wire.date(alias.creationDate()));
        if (alias.updateDate() != null) {
            response.set("updateDate", Wire.date(alias.updateDate()));
        }
        return response;
    }

    JsonNode updateAlias(ObjectNode request) {
        String arn = Wire.requiredString(request, "stateMachineAliasArn");
        requireQualified(arn);
        String description = Wire.string(request, "description");
        List<StateMachineVersions.Route> routes = routes(request.get("routingConfiguration"));
        if (description == null && routes == null) {
            throw new StepFunctionsValidationException("Either the description or the routingConfiguration must be"
                    + " specified");
        }
        StateMachineVersions.Alias updated = service.versions().updateAlias(arn, description, routes, service.now());
        ObjectNode response = Wire.JSON.createObjectNode();
        response.set("updateDate", Wire.date(updated.updateDate()));
        return response;
    }

    JsonNode deleteAlias(ObjectNode request) {
        String arn = Wire.requiredString(request, "stateMachineAliasArn");
        requireQualified(arn);
        service.versions().deleteAlias(arn);
        return Wire.JSON.createObjectNode();
    }

    JsonNode listAliases(ObjectNode request) {
        String arn = Wire.requiredString(request, "stateMachineArn");
        service.requireMachine(arn);
        ObjectNode response = Wire.JSON.createObjectNode();
        ArrayNode items = response.putArray("stateMachineAliases");
        for (StateMachineVersions.Alias alias : service.versions().aliases(arn)) {
            ObjectNode item = items.addObject();
            item.put("stateMachineAliasArn", alias.arn());
            item.set("creationDate", Wire.date(alias.creationDate()));
        }
        return response;
    }

    private static void requireQualified(String arn) {
        if (!Arns.qualified(Arns.stateMachineOrQualified(arn))) {
            throw new InvalidArnException("Invalid Arn: '" + arn + "' (expected a state machine ARN qualified with a"
                    + " version number or an alias name)");
        }
    }

    private static List<StateMachineVersions.Route> routes(JsonNode list) {
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray()) {
            throw new StepFunctionsValidationException("routingConfiguration must be a list");
        }
        List<StateMachineVersions.Route> routes = new ArrayList<>();
        for (JsonNode item : list) {
            JsonNode version = item.get("stateMachineVersionArn");
            JsonNode weight = item.get("weight");
            if (version == null || !version.isTextual() || weight == null || !weight.isIntegralNumber()) {
                throw new StepFunctionsValidationException("Each routingConfiguration item needs a"
                        + " stateMachineVersionArn and an integer weight");
            }
            routes.add(new StateMachineVersions.Route(version.asText(), weight.asInt()));
        }
        return routes;
    }
}
