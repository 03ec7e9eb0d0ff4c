package io.athenaworkflow.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.edge.AwsJsonService;
import io.athenaworkflow.local.edge.AwsServiceError;

import java.util.Optional;

/**
 * The Athena API behind a fault plan: a selected call is answered with the rule's Athena error, either instead of
 * being carried out or, for a lost response, after it was carried out.
 */
final class FaultyAthena implements AwsJsonService {

    private final AwsJsonService athena;
    private final Faults faults;

    FaultyAthena(AwsJsonService athena, Faults faults) {
        this.athena = athena;
        this.faults = faults;
    }

    @Override
    public String targetPrefix() {
        return athena.targetPrefix();
    }

    @Override
    public String jsonVersion() {
        return athena.jsonVersion();
    }

    @Override
    public String messageField() {
        return athena.messageField();
    }

    @Override
    public String internalErrorType() {
        return athena.internalErrorType();
    }

    @Override
    public JsonNode handle(String operation, ObjectNode request) {
        Optional<AthenaFault> fault = faults.athenaFault(operation);
        if (fault.isEmpty()) {
            return athena.handle(operation, request);
        }
        AthenaFault rule = fault.get();
        if (rule.kind() == AthenaFault.Kind.RESPONSE_LOST) {
            // Carried out for real; only the answer is replaced. A modeled error of the call itself still wins.
            athena.handle(operation, request);
        }
        throw rule.httpStatus() == 400 ? AwsServiceError.client(rule.errorType(), rule.message())
                : AwsServiceError.withStatus(rule.errorType(), rule.message(), rule.httpStatus());
    }
}
