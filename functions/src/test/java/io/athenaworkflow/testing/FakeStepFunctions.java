package io.athenaworkflow.testing;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStartedEventDetails;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.LambdaFunctionSucceededEventDetails;
import software.amazon.awssdk.services.sfn.model.StateEnteredEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskFailedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskScheduledEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskSucceededEventDetails;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory Step Functions behind the real {@link SfnClient} interface, serving GetExecutionHistory in pages
 * (NextToken), in reverse order on request, and without input/output unless {@code includeExecutionData} is true,
 * as the service does. Build histories with {@link History}.
 */
public final class FakeStepFunctions implements SfnClient {

    private final Map<String, List<HistoryEvent>> histories = new HashMap<>();
    private final List<GetExecutionHistoryRequest> requests = new ArrayList<>();
    private final Deque<AwsServiceException> failures = new ArrayDeque<>();
    private int pageSize = 1000;

    public FakeStepFunctions history(String executionArn, History history) {
        histories.put(executionArn, history.events());
        return this;
    }

    /** The most events one page returns, whatever maxResults asks. */
    public FakeStepFunctions pageSize(int pageSize) {
        this.pageSize = pageSize;
        return this;
    }

    public FakeStepFunctions failNext(AwsServiceException failure) {
        failures.add(failure);
        return this;
    }

    public List<GetExecutionHistoryRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public GetExecutionHistoryResponse getExecutionHistory(GetExecutionHistoryRequest request) {
        requests.add(request);
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
        List<HistoryEvent> events = histories.get(request.executionArn());
        if (events == null) {
            throw ExecutionDoesNotExistException.builder()
                    .message("Execution Does Not Exist: '" + request.executionArn() + "'")
                    .statusCode(400)
                    .awsErrorDetails(details("ExecutionDoesNotExist", "Execution Does Not Exist: '" + request.executionArn() + "'"))
                    .build();
        }
        List<HistoryEvent> ordered = new ArrayList<>(events);
        if (Boolean.TRUE.equals(request.reverseOrder())) {
            ordered = ordered.reversed();
        }
        int start = 0;
        if (request.nextToken() != null) {
            try {
                start = Integer.parseInt(request.nextToken().substring("page-".length()));
            } catch (RuntimeException e) {
                throw InvalidTokenException.builder().message("Invalid Token: '" + request.nextToken() + "'").statusCode(400)
                        .awsErrorDetails(details("InvalidToken", "Invalid Token")).build();
            }
        }
        int max = Math.min(request.maxResults() == null || request.maxResults() == 0 ? 100 : request.maxResults(), pageSize);
        int end = Math.min(ordered.size(), start + max);
        boolean withData = Boolean.TRUE.equals(request.includeExecutionData());
        List<HistoryEvent> page = ordered.subList(start, end).stream().map(e -> withData ? e : withoutData(e)).toList();
        return GetExecutionHistoryResponse.builder()
                .events(page)
                .nextToken(end < ordered.size() ? "page-" + end : null)
                .build();
    }

    private static HistoryEvent withoutData(HistoryEvent event) {
        HistoryEvent.Builder builder = event.toBuilder();
        if (event.taskSucceededEventDetails() != null) {
            builder.taskSucceededEventDetails(event.taskSucceededEventDetails().toBuilder().output(null).build());
        }
        if (event.lambdaFunctionSucceededEventDetails() != null) {
            builder.lambdaFunctionSucceededEventDetails(event.lambdaFunctionSucceededEventDetails().toBuilder().output(null).build());
        }
        if (event.executionStartedEventDetails() != null) {
            builder.executionStartedEventDetails(event.executionStartedEventDetails().toBuilder().input(null).build());
        }
        return builder.build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SFN")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build()).build();
    }

    /** Any Step Functions error by HTTP status and code. */
    public static AwsServiceException error(int status, String code, String message) {
        return software.amazon.awssdk.services.sfn.model.SfnException.builder().message(message).statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SFN")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build())
                .build();
    }

    /** Builds an execution history the way Step Functions numbers it (ids from 1, each pointing at the one before). */
    public static final class History {
        private final List<HistoryEvent> events = new ArrayList<>();
        private Instant time = Instant.parse("2024-05-01T10:00:00Z");

        public History executionStarted(String inputJson) {
            return add(HistoryEventType.EXECUTION_STARTED, b -> b.executionStartedEventDetails(
                    ExecutionStartedEventDetails.builder().input(inputJson).roleArn("arn:aws:iam::111122223333:role/sfn").build()));
        }

        public History stateEntered(String name, String inputJson) {
            return add(HistoryEventType.TASK_STATE_ENTERED, b -> b.stateEnteredEventDetails(
                    StateEnteredEventDetails.builder().name(name).input(inputJson).build()));
        }

        /** An {@code arn:aws:states:::lambda:invoke} task that succeeded: the output wraps the function's Payload. */
        public History lambdaInvokeSucceeded(String payloadJson) {
            add(HistoryEventType.TASK_SCHEDULED, b -> b.taskScheduledEventDetails(TaskScheduledEventDetails.builder()
                    .resource("invoke").resourceType("lambda").region("eu-west-1").parameters("{}").build()));
            String output = "{\"ExecutedVersion\":\"1\",\"Payload\":" + payloadJson + ",\"SdkHttpMetadata\":{\"HttpStatusCode\":200},"
                    + "\"SdkResponseMetadata\":{\"RequestId\":\"r-1\"},\"StatusCode\":200}";
            return add(HistoryEventType.TASK_SUCCEEDED, b -> b.taskSucceededEventDetails(TaskSucceededEventDetails.builder()
                    .resource("invoke").resourceType("lambda").output(output).build()));
        }

        /** A task that succeeded with this raw output (another service integration). */
        public History taskSucceeded(String outputJson) {
            return add(HistoryEventType.TASK_SUCCEEDED, b -> b.taskSucceededEventDetails(TaskSucceededEventDetails.builder()
                    .resource("invoke").resourceType("lambda").output(outputJson).build()));
        }

        /** A direct Lambda task ({@code "Resource": "arn:aws:lambda:..."}) that returned this output. */
        public History lambdaFunctionSucceeded(String outputJson) {
            return add(HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED, b -> b.lambdaFunctionSucceededEventDetails(
                    LambdaFunctionSucceededEventDetails.builder().output(outputJson).build()));
        }

        public History taskFailed(String error, String cause) {
            return add(HistoryEventType.TASK_FAILED, b -> b.taskFailedEventDetails(TaskFailedEventDetails.builder()
                    .resource("invoke").resourceType("lambda").error(error).cause(cause).build()));
        }

        public History event(HistoryEventType type) {
            return add(type, b -> { });
        }

        List<HistoryEvent> events() {
            return List.copyOf(events);
        }

        public int size() {
            return events.size();
        }

        private History add(HistoryEventType type, java.util.function.Consumer<HistoryEvent.Builder> details) {
            long id = events.size() + 1L;
            time = time.plusMillis(250);
            HistoryEvent.Builder builder = HistoryEvent.builder().id(id).previousEventId(id - 1).timestamp(time).type(type);
            details.accept(builder);
            events.add(builder.build());
            return this;
        }
    }
}
