package io.athenaworkflow.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.status.QueryStatus;
import io.athenaworkflow.athena.status.StatusChecker;
import io.athenaworkflow.priming.HandlerPriming;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.athena.AthenaClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * CheckStatus: {@code {"query": <handle>, "now": "..."}} → the query's state, statistics and the seconds to wait
 * before the next check; FAILED, CANCELLED and timed-out queries are thrown as named errors.
 */
public final class CheckStatusHandler implements RequestStreamHandler, Resource {

    private final StatusChecker checker;
    private final Clock clock;

    public CheckStatusHandler() {
        this(AwsClients.athena(), Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    CheckStatusHandler(AthenaClient athena, Clock clock) {
        this.checker = new StatusChecker(athena);
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Json.write(output, check(Json.read(input)).toJson());
    }

    QueryStatus check(JsonNode payload) {
        return checker.check(StepPayload.query(payload), StepPayload.now(payload, clock));
    }

    /** SnapStart priming: this handler's first call, dry-run (see {@link HandlerPriming}). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        HandlerPriming.prime(this, PrimingPayloads.CHECK_STATUS);
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
