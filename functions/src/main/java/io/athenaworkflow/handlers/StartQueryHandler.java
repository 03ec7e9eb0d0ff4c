package io.athenaworkflow.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.config.JsonFields;
import io.athenaworkflow.athena.config.WorkflowDefaults;
import io.athenaworkflow.athena.start.QueryStarter;
import io.athenaworkflow.athena.start.TriggerEvents;
import io.athenaworkflow.priming.HandlerPriming;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * StartQuery: validates the execution input (a request, or an S3 "Object Created" event naming a .sql or .json
 * object) and starts the query, idempotently per execution. Payload: {@code {"request": <execution input>,
 * "executionArn": "...", "now": "..."}} or the request alone. Returns the query handle.
 */
public final class StartQueryHandler implements RequestStreamHandler, Resource {

    private final TriggerEvents requests;
    private final QueryStarter starter;
    private final Clock clock;

    public StartQueryHandler() {
        this(AwsClients.athena(), AwsClients.s3(), WorkflowDefaults.fromEnvironment(FunctionEnvironment.variables()),
                Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    StartQueryHandler(AthenaClient athena, S3Client s3, WorkflowDefaults defaults, Clock clock) {
        this.requests = new TriggerEvents(s3, Json.MAPPER, defaults);
        this.starter = new QueryStarter(athena);
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Json.write(output, start(Json.read(input)).toJson());
    }

    QueryHandle start(JsonNode payload) {
        boolean envelope = StepPayload.isEnvelope(payload);
        JsonNode request = envelope ? payload.get("request") : payload;
        String executionArn = envelope ? JsonFields.text(payload, "executionArn").orElse(null) : null;
        return starter.start(requests.read(request), executionArn, StepPayload.now(payload, clock));
    }

    /** SnapStart priming: this handler's first call, dry-run (see {@link HandlerPriming}). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        HandlerPriming.prime(this, PrimingPayloads.START_QUERY);
    }

    /**
     * Nothing to re-seed: the handlers keep no per-environment unique state (StartQuery's ClientRequestToken comes
     * from the execution ARN, the SDK draws its invocation ids per call), priming resolved no credentials and opened
     * no connection (see docs/cold-start.md).
     */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
