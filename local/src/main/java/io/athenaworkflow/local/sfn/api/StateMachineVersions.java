package io.athenaworkflow.local.sfn.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The published versions and the aliases of every state machine. A version is an immutable snapshot of one revision,
 * numbered from 1 ({@code ...:stateMachine:NAME:1}); an alias ({@code ...:stateMachine:NAME:ALIAS}) routes executions
 * to one or two versions by weight.
 */
final class StateMachineVersions {

    /** A published version. */
    record Version(String arn, int number, StateMachineRecord machine, String description, Instant creationDate) {
    }

    /** One route of an alias: a version and the percentage of executions it gets. */
    record Route(String versionArn, int weight) {
    }

    /** An alias. */
    record Alias(String arn, String name, String description, List<Route> routes, Instant creationDate,
                 Instant updateDate) {

        Alias {
            routes = List.copyOf(routes);
        }
    }

    /** What a StartExecution ARN resolved to: the revision to run and, when qualified, the version and alias. */
    record Target(String machineArn, StateMachineRecord machine, String versionArn, String aliasArn) {
    }

    private static final class Versions {
        final Map<Integer, Version> byNumber = new LinkedHashMap<>();
        final Map<String, Alias> aliases = new LinkedHashMap<>();
        int next = 1;
    }

    private final Map<String, Versions> byMachine = new LinkedHashMap<>();
    private final RandomGenerator random;

    StateMachineVersions(RandomGenerator random) {
        this.random = random;
    }

    /**
     * Publishes the current revision: a new version, or the latest one when it already holds this revision (as
     * AWS answers a repeated publish).
     *
     * @throws ConflictException when {@code revisionId} is given and is not the current revision
     */
    synchronized Version publish(StateMachineRecord current, String revisionId, String description, Instant now) {
        if (revisionId != null && !revisionId.equals(current.revisionId())) {
            throw new ConflictException("Failed to publish the State Machine version for revision " + revisionId
                    + ". The current State Machine revision is " + current.revisionId() + ".");
        }
        Versions versions = byMachine.computeIfAbsent(current.arn(), arn -> new Versions());
        Optional<Version> latest = versions.byNumber.values().stream().reduce((first, second) -> second);
        if (latest.isPresent() && Objects.equals(latest.get().machine().revisionId(), current.revisionId())
                && latest.get().machine().definitionText().equals(current.definitionText())) {
            return latest.get();
        }
        int number = versions.next++;
        Version version = new Version(current.arn() + ":" + number, number, current, description, now);
        versions.byNumber.put(number, version);
        return version;
    }

    /** The versions of a state machine, newest first. */
    synchronized List<Version> versions(String machineArn) {
        Versions versions = byMachine.get(machineArn);
        List<Version> all = versions == null ? new ArrayList<>() : new ArrayList<>(versions.byNumber.values());
        return all.reversed();
    }

    /** The version an ARN names, if it names one. */
    synchronized Optional<Version> version(String versionArn) {
        int colon = versionArn.lastIndexOf(':');
        String suffix = versionArn.substring(colon + 1);
        if (!suffix.matches("\\d{1,9}")) {
            return Optional.empty();
        }
        Versions versions = byMachine.get(versionArn.substring(0, colon));
        return versions == null ? Optional.empty()
                : Optional.ofNullable(versions.byNumber.get(Integer.parseInt(suffix)));
    }

    /**
     * Deletes a version; deleting one that does not exist succeeds, as on AWS.
     *
     * @throws ConflictException when an alias still routes to it
     */
    synchronized void deleteVersion(String versionArn) {
        Optional<Version> version = version(versionArn);
        if (version.isEmpty()) {
            return;
        }
        Versions versions = byMachine.get(version.get().machine().arn());
        for (Alias alias : versions.aliases.values()) {
            if (alias.routes().stream().anyMatch(route -> route.versionArn().equals(versionArn))) {
                throw new ConflictException("Version to be deleted must not be referenced by an alias. Current list"
                        + " of aliases referencing this version: [" + alias.arn() + "]");
            }
        }
        versions.byNumber.remove(version.get().number());
    }

    /**
     * Creates an alias, or returns the existing one when it is the same.
     *
     * @throws ConflictException when the name is taken with another routing or description
     */
    synchronized Alias createAlias(String machineArn, String name, String description, List<Route> routes,
                                   Instant now) {
        checkRoutes(machineArn, routes);
        Versions versions = byMachine.computeIfAbsent(machineArn, arn -> new Versions());
        Alias existing = versions.aliases.get(name);
        if (existing != null) {
            if (existing.routes().equals(routes) && Objects.equals(existing.description(), description)) {
                return existing;
            }
            throw new ConflictException("Failed to create alias because an alias with the same name and a different"
                    + " routing configuration already exists.");
        }
        Alias alias = new Alias(machineArn + ":" + name, name, description, routes, now, null);
        versions.aliases.put(name, alias);
        return alias;
    }

    /** Whether a qualified ARN names an existing version or alias. */
    synchronized boolean exists(String qualifiedArn) {
        if (version(qualifiedArn).isPresent()) {
            return true;
        }
        int colon = qualifiedArn.lastIndexOf(':');
        Versions versions = byMachine.get(qualifiedArn.substring(0, colon));
        return versions != null && versions.aliases.containsKey(qualifiedArn.substring(colon + 1));
    }

    synchronized Alias alias(String aliasArn) {
        int colon = aliasArn.lastIndexOf(':');
        Versions versions = byMachine.get(aliasArn.substring(0, colon));
        Alias alias = versions == null ? null : versions.aliases.get(aliasArn.substring(colon + 1));
        if (alias == null) {
            throw new ResourceNotFoundException("Resource not found: '" + aliasArn + "'");
        }
        return alias;
    }

    synchronized Alias updateAlias(String aliasArn, String description, List<Route> routes, Instant now) {
        Alias current = alias(aliasArn);
        String machineArn = aliasArn.substring(0, aliasArn.lastIndexOf(':'));
        if (routes != null) {
            checkRoutes(machineArn, routes);
        }
        Alias updated = new Alias(current.arn(), current.name(),
                description == null ? current.description() : description,
                routes == null ? current.routes() : routes, current.creationDate(), now);
        byMachine.get(machineArn).aliases.put(current.name(), updated);
        return updated;
    }

    /** Deletes an alias; an unknown one is ResourceNotFound. */
    synchronized void deleteAlias(String aliasArn) {
        Alias alias = alias(aliasArn);
        byMachine.get(aliasArn.substring(0, aliasArn.lastIndexOf(':'))).aliases.remove(alias.name());
    }

    synchronized List<Alias> aliases(String machineArn) {
        Versions versions = byMachine.get(machineArn);
        return versions == null ? List.of() : List.copyOf(versions.aliases.values());
    }

    /** Forgets a deleted state machine's versions and aliases. */
    synchronized void forget(String machineArn) {
        byMachine.remove(machineArn);
    }

    /** A version ARN runs that version; an alias ARN picks one of its versions by weight. */
    synchronized Target resolve(String qualifiedArn) {
        int colon = qualifiedArn.lastIndexOf(':');
        String machineArn = qualifiedArn.substring(0, colon);
        Optional<Version> version = version(qualifiedArn);
        if (version.isPresent()) {
            return new Target(machineArn, version.get().machine(), qualifiedArn, null);
        }
        Versions versions = byMachine.get(machineArn);
        Alias alias = versions == null ? null : versions.aliases.get(qualifiedArn.substring(colon + 1));
        if (alias == null) {
            throw new StateMachineDoesNotExistException("State Machine Does Not Exist: '" + qualifiedArn + "'");
        }
        int pick = random.nextInt(100);
        Route chosen = alias.routes().getLast();
        int sum = 0;
        for (Route route : alias.routes()) {
            sum += route.weight();
            if (pick < sum) {
                chosen = route;
                break;
            }
        }
        Version routed = version(chosen.versionArn()).orElseThrow();
        return new Target(machineArn, routed.machine(), routed.arn(), alias.arn());
    }

    private void checkRoutes(String machineArn, List<Route> routes) {
        if (routes.isEmpty() || routes.size() > 2) {
            throw new StepFunctionsValidationException("1 validation error detected: Value at"
                    + " 'routingConfiguration' failed to satisfy constraint: Member must have length between 1 and 2");
        }
        int total = 0;
        for (Route route : routes) {
            if (!route.versionArn().startsWith(machineArn + ":") || version(route.versionArn()).isEmpty()) {
                throw new ResourceNotFoundException("Resource not found: '" + route.versionArn() + "'");
            }
            if (route.weight() < 0 || route.weight() > 100) {
                throw new StepFunctionsValidationException("1 validation error detected: a routing weight must be"
                        + " between 0 and 100, but was " + route.weight());
            }
            total += route.weight();
        }
        if (total != 100) {
            throw new StepFunctionsValidationException("The sum of the routing weights must be 100, but was "
                    + total);
        }
        if (routes.size() == 2 && routes.get(0).versionArn().equals(routes.get(1).versionArn())) {
            throw new StepFunctionsValidationException("The routing configuration must name two different versions");
        }
    }
}
