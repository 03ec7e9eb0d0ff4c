package io.athenaworkflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.athenaworkflow.local.clock.RealClock;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.clock.VirtualClock;
import io.athenaworkflow.local.sfn.api.StateMachineRecord;
import io.athenaworkflow.local.sfn.api.StateMachineSpec;
import io.athenaworkflow.local.sfn.api.StepFunctionsConfig;
import io.athenaworkflow.local.sfn.api.StepFunctionsException;
import io.athenaworkflow.local.sfn.api.StepFunctionsService;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code exec}: runs one ASL definition alone on the local Step Functions service (no template, no services: a Task
 * fails with States.Runtime naming its resource) and prints one JSON object:
 * {@code {"status", "output", "error", "cause"}} plus {@code "history"} (GetExecutionHistory's events) with
 * {@code --history}. The output is the interpreter's text as it is, embedded as JSON.
 *
 * <p>Exit codes: 0 SUCCEEDED; 1 FAILED, TIMED_OUT or ABORTED; 2 when Step Functions would refuse the definition
 * (status {@code INVALID_DEFINITION}, CreateStateMachine's error) or the execution input or name (status
 * {@code INVALID_INPUT}, StartExecution's error), and for usage errors.
 */
@Command(name = "exec", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Run any Amazon States Language definition alone (no template, no services) and print"
                + " {\"status\",\"output\",\"error\",\"cause\"} as one JSON object.",
                "Time is virtual by default: Wait states and retry intervals take no real time.",
                "Exit code: 0 SUCCEEDED, 1 FAILED/TIMED_OUT/ABORTED, 2 invalid definition, input or usage."})
final class ExecCommand extends CliCommand {

    static final String ROLE_ARN = "arn:aws:iam::" + StepFunctionsConfig.DEFAULT_ACCOUNT_ID
            + ":role/athena-local-exec";

    @Option(names = "--definition", required = true, paramLabel = "FILE",
            description = "The state machine definition (ASL JSON).")
    Path definition;

    @Option(names = "--input", paramLabel = "JSON|@FILE", description = "The execution input (default: {}).")
    String input;

    @Option(names = "--history", description = "Also print the execution history (GetExecutionHistory's events).")
    boolean history;

    @Option(names = "--real-clock", description = "Run on wall-clock time instead of the virtual clock.")
    boolean realClock;

    @Option(names = "--name", paramLabel = "NAME", description = "The execution name (default: a random UUID).")
    String name;

    @Override
    protected int execute() {
        String definitionText = Arguments.read(commandLine(), "--definition", definition);
        String inputText = input == null ? "{}" : Arguments.textOrFile(commandLine(), "--input", input);
        RuntimeClock clock = realClock ? RealClock.system()
                : VirtualClock.startingAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (StepFunctionsService service = StepFunctionsService.create(StepFunctionsConfig.defaults(), clock,
                new NoServices())) {
            StateMachineRecord machine;
            try {
                machine = service.createStateMachine(StateMachineSpec.of(machineName(definition), definitionText,
                        ROLE_ARN));
            } catch (StepFunctionsException e) {
                return refused("INVALID_DEFINITION", e);
            }
            String executionArn;
            try {
                executionArn = service.startExecution(machine.arn(), name, inputText).context().executionArn();
            } catch (StepFunctionsException e) {
                return refused("INVALID_INPUT", e);
            }
            ExecutionResult result = service.awaitExecution(executionArn);
            ObjectNode report = report(result.status().name(), result.error(), result.cause());
            if (result.output() != null) {
                // The interpreter's text as it is: no number is reformatted on the way.
                report.putRawValue("output", new RawValue(result.output()));
            }
            if (history) {
                report.set("history", history(service, executionArn));
            }
            out().println(Json.compact(report));
            return result.status().name().equals("SUCCEEDED") ? 0 : 1;
        }
    }

    private int refused(String status, StepFunctionsException e) {
        ObjectNode report = report(status, e.errorType(), e.getMessage());
        if (history) {
            report.putArray("history");
        }
        out().println(Json.compact(report));
        return 2;
    }

    private static ObjectNode report(String status, String error, String cause) {
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("status", status);
        report.putNull("output");
        report.put("error", error);
        report.put("cause", cause);
        return report;
    }

    /** Every event, through the service's own GetExecutionHistory (so the shape is the API's), page by page. */
    private static ArrayNode history(StepFunctionsService service, String executionArn) {
        ArrayNode events = Json.MAPPER.createArrayNode();
        String token = null;
        do {
            ObjectNode request = Json.MAPPER.createObjectNode().put("executionArn", executionArn).put("maxResults", 1000);
            if (token != null) {
                request.put("nextToken", token);
            }
            JsonNode page = service.handle("GetExecutionHistory", request);
            page.path("events").forEach(events::add);
            token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
        } while (token != null);
        return events;
    }

    /** A valid state machine name from the file name ({@code flow.asl.json} gives {@code flow}). */
    static String machineName(Path file) {
        String base = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = base.indexOf('.');
        String stem = (dot < 0 ? base : base.substring(0, dot)).replaceAll("[^A-Za-z0-9_-]", "-");
        if (stem.isEmpty()) {
            return "exec";
        }
        return stem.length() > 80 ? stem.substring(0, 80) : stem;
    }
}
