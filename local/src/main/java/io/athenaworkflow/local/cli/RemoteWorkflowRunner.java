package io.athenaworkflow.local.cli;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * Runs executions through the Step Functions API (a running {@code athena-local up}, or AWS) with the AWS SDK: starts
 * one, then polls GetExecutionHistory (newest first, only the events not yet seen) for progress, or DescribeExecution
 * when no progress is wanted, until it ends.
 */
final class RemoteWorkflowRunner implements AutoCloseable {

    /** The suffix of the template's state machine name ({@code ${AWS::StackName}-athena-query}). */
    static final String STATE_MACHINE_SUFFIX = "-athena-query";
    private static final Set<String> TERMINAL_EVENTS = Set.of("ExecutionSucceeded", "ExecutionFailed",
            "ExecutionAborted", "ExecutionTimedOut");

    private final SfnClient sfn;
    private final URI endpoint;
    private final Duration pollInterval;

    private RemoteWorkflowRunner(SfnClient sfn, URI endpoint, Duration pollInterval) {
        this.sfn = sfn;
        this.endpoint = endpoint;
        this.pollInterval = pollInterval;
    }

    /** A client of the Step Functions API at {@code endpoint} in {@code region}. */
    static RemoteWorkflowRunner connect(URI endpoint, Region region, AwsCredentialsProvider credentials,
                                        Duration pollInterval) {
        SfnClient client = SfnClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        return new RemoteWorkflowRunner(client, endpoint, pollInterval);
    }

    /** The ARN of the first state machine (by ListStateMachines' order) whose name ends with -athena-query. */
    String findStateMachine() {
        List<String> names = new ArrayList<>();
        try {
            for (StateMachineListItem item : sfn.listStateMachinesPaginator(b -> { }).stateMachines()) {
                if (item.name().endsWith(STATE_MACHINE_SUFFIX)) {
                    return item.stateMachineArn();
                }
                names.add(item.name());
            }
        } catch (SdkException e) {
            throw failure("ListStateMachines", e);
        }
        throw new StateMachineNotFoundException("No state machine at " + endpoint + " has a name ending with "
                + STATE_MACHINE_SUFFIX + " (found " + (names.isEmpty() ? "none" : String.join(", ", names))
                + "): deploy the template there, or name the state machine with --state-machine-arn.");
    }

    /**
     * Starts an execution and blocks until it ends.
     *
     * @param name the execution name, or null for a random UUID
     * @param started receives the execution ARN once StartExecution has answered
     * @param progress receives the history events in order, or null for none (then only DescribeExecution is polled)
     */
    WorkflowOutcome run(String stateMachineArn, String input, String name, Consumer<String> started,
                        Consumer<ProgressEvent> progress) {
        String executionArn;
        try {
            executionArn = sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).input(input)
                    .name(name == null ? UUID.randomUUID().toString() : name)).executionArn();
        } catch (SdkException e) {
            throw failure("StartExecution", e);
        }
        started.accept(executionArn);
        try {
            long lastSeen = 0;
            while (true) {
                if (progress != null) {
                    boolean ended = false;
                    for (HistoryEvent event : eventsAfter(executionArn, lastSeen)) {
                        progress.accept(progressEvent(event));
                        lastSeen = event.id();
                        ended |= TERMINAL_EVENTS.contains(event.typeAsString());
                    }
                    if (ended) {
                        break;
                    }
                } else if (sfn.describeExecution(b -> b.executionArn(executionArn)).status()
                        != ExecutionStatus.RUNNING) {
                    break;
                }
                pause(executionArn);
            }
            DescribeExecutionResponse done = sfn.describeExecution(b -> b.executionArn(executionArn));
            return new WorkflowOutcome(executionArn, done.statusAsString(), done.output(), done.error(), done.cause(),
                    Duration.between(done.startDate(), done.stopDate() == null ? done.startDate() : done.stopDate()));
        } catch (SdkException e) {
            throw failure("Polling " + executionArn, e);
        }
    }

    /** The events with an id above {@code lastSeen}, oldest first, read newest first so old pages are not re-read. */
    private List<HistoryEvent> eventsAfter(String executionArn, long lastSeen) {
        List<HistoryEvent> fresh = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            GetExecutionHistoryResponse response = sfn.getExecutionHistory(b -> b.executionArn(executionArn)
                    .reverseOrder(true).maxResults(100).nextToken(page));
            for (HistoryEvent event : response.events()) {
                if (event.id() <= lastSeen) {
                    return fresh.reversed();
                }
                fresh.add(event);
            }
            token = response.nextToken();
        } while (token != null);
        return fresh.reversed();
    }

    private void pause(String executionArn) {
        try {
            Thread.sleep(pollInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException("Interrupted while waiting for " + executionArn + "; the execution goes on"
                    + " (stop it with `aws stepfunctions stop-execution`).", e);
        }
    }

    /** The SDK's event as progress: the details member (whatever its type) gives name, output, error and cause. */
    static ProgressEvent progressEvent(HistoryEvent event) {
        String name = null;
        String output = null;
        String error = null;
        String cause = null;
        for (SdkField<?> field : event.sdkFields()) {
            if (field.getValueOrDefault(event) instanceof SdkPojo details) {
                for (SdkField<?> member : details.sdkFields()) {
                    Object value = member.getValueOrDefault(details);
                    if (value instanceof String text) {
                        switch (member.memberName()) {
                            case "name" -> name = text;
                            case "output" -> output = text;
                            case "error" -> error = text;
                            case "cause" -> cause = text;
                            default -> { }
                        }
                    }
                }
            }
        }
        return new ProgressEvent(event.timestamp(), event.typeAsString(), name, output, error, cause);
    }

    private EndpointException failure(String what, SdkException e) {
        if (e instanceof SdkClientException) {
            return new EndpointException(what + " failed: cannot reach Step Functions at " + endpoint + " ("
                    + e.getMessage() + "). Is `athena-local up` running there, or is the endpoint wrong?", e);
        }
        if (e instanceof SfnException service && service.awsErrorDetails() != null) {
            return new EndpointException(what + " failed at " + endpoint + ": "
                    + service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage(), e);
        }
        return new EndpointException(what + " failed at " + endpoint + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        sfn.close();
    }
}
