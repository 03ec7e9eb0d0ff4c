package io.athenaworkflow.local.sfn.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.history.HistoryLimitExceededException;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * RedriveExecution: refuses what AWS refuses (an execution that is running, succeeded, of an EXPRESS state machine,
 * out of its redrivable period, ...), answers a repeated {@code clientToken} with the redrive it already made (AWS
 * keeps the last 10 tokens of an execution for 15 minutes), and otherwise redrives the execution.
 */
final class RedriveApi {

    private static final int TOKENS_KEPT = 10;
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

    private final StepFunctionsService service;
    /** Per execution ARN, the latest successful redrives by client token, oldest first. */
    private final Map<String, Deque<Redrive>> tokens = new HashMap<>();

    private record Redrive(String clientToken, Instant redriveDate, Instant firstUsed) {
    }

    RedriveApi(StepFunctionsService service) {
        this.service = service;
    }

    JsonNode redriveExecution(ObjectNode request) {
        String arn = Wire.requiredString(request, "executionArn");
        String clientToken = Wire.string(request, "clientToken");
        if (clientToken != null && (clientToken.isEmpty() || clientToken.length() > 64
                || !clientToken.matches("[!-~]+"))) {
            throw new StepFunctionsValidationException("1 validation error detected: Value '" + clientToken
                    + "' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression"
                    + " pattern: [!-~]+ and have length between 1 and 64");
        }
        if (arn.matches("arn:aws[a-z-]*:states:[^:]+:\\d{12}:express:.+")) {
            throw new ExecutionNotRedrivableException("RedriveExecution is not supported by EXPRESS state machines:"
                    + " '" + arn + "'");
        }
        ExecutionEntry entry = service.describeEntry(arn);
        Execution execution = entry.execution();
        Instant redriveDate;
        synchronized (this) {
            Instant now = service.now();
            Deque<Redrive> recent = tokens.computeIfAbsent(entry.arn(), key -> new ArrayDeque<>());
            recent.removeIf(redrive -> !redrive.firstUsed().plus(TOKEN_LIFETIME).isAfter(now));
            if (clientToken != null) {
                for (Redrive redrive : recent) {
                    if (redrive.clientToken().equals(clientToken)) {
                        return response(redrive.redriveDate());
                    }
                }
            }
            Redrivability redrivability = Redrivability.of(execution, now);
            if (!redrivability.redrivable()) {
                throw notRedrivable(redrivability.reason().orElseThrow(), entry.arn());
            }
            try {
                redriveDate = execution.redrive();
            } catch (HistoryLimitExceededException e) {
                throw notRedrivable("Execution history event limit exceeded", entry.arn());
            } catch (IllegalStateException e) {
                // It was redriven or is ending meanwhile (another caller): refuse as AWS would now.
                throw notRedrivable(Redrivability.of(execution, now).reason()
                        .orElse("Execution is RUNNING and cannot be redriven"), entry.arn());
            }
            if (clientToken != null) {
                recent.addLast(new Redrive(clientToken, redriveDate, now));
                while (recent.size() > TOKENS_KEPT) {
                    recent.removeFirst();
                }
            }
        }
        return response(redriveDate);
    }

    private static ExecutionNotRedrivableException notRedrivable(String reason, String arn) {
        return new ExecutionNotRedrivableException(reason + ": '" + arn + "'");
    }

    private static ObjectNode response(Instant redriveDate) {
        ObjectNode response = Wire.JSON.createObjectNode();
        response.set("redriveDate", Wire.date(redriveDate));
        return response;
    }
}
