package io.athenaworkflow.local.cli;

import io.athenaworkflow.local.LocalRuntime;
import io.athenaworkflow.local.sfn.api.StepFunctionsService;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionContext;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionListener;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs executions of the template's state machine on an in-process {@link LocalRuntime} and reports their history
 * events as they are recorded (the runtime's Step Functions service calls its listeners on the execution's threads).
 */
final class LocalWorkflowRunner {

    private final LocalRuntime runtime;

    LocalWorkflowRunner(LocalRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /** How long to let EventBridge finish what an execution's end set off before the runtime may close. */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    /**
     * Starts an execution named {@code name} (a random UUID when null) with {@code input} and blocks until it ends.
     *
     * @param started receives the execution ARN just before the execution starts
     * @param progress receives the execution's history events in order, on the execution's threads
     * @throws io.athenaworkflow.local.sfn.api.StepFunctionsException when StartExecution refuses the input or name
     */
    WorkflowOutcome run(String input, String name, Consumer<String> started, Consumer<ProgressEvent> progress) {
        StepFunctionsService service = runtime.stepFunctions();
        String machine = runtime.stateMachineArn();
        String executionName = name == null ? UUID.randomUUID().toString() : name;
        // Known before the start, so that the listener sees ExecutionStarted (recorded inside startExecution).
        String executionArn = ExecutionContext.of(machine, executionName, null, null).executionArn();
        StepFunctionsService.Subscription subscription = service.addListener(new ExecutionListener() {
            @Override
            public void onEvent(Execution execution, HistoryEvent event) {
                if (execution.context().executionArn().equals(executionArn)) {
                    progress.accept(ProgressEvent.of(event));
                }
            }
        });
        try {
            started.accept(executionArn);
            Execution execution = service.startExecution(machine, executionName, input);
            ExecutionResult result = execution.await();
            settle();
            return new WorkflowOutcome(execution.context().executionArn(), result.status().name(), result.output(),
                    result.error(), result.cause(), Duration.between(result.startDate(), result.stopDate()));
        } finally {
            subscription.close();
        }
    }

    /**
     * Waits (bounded) until EventBridge has delivered what the execution's end set off, e.g. the template's cleanup
     * rule for a failed execution, so closing the runtime right after does not cut it off.
     */
    private void settle() {
        try {
            runtime.events().awaitQuiet(SETTLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
