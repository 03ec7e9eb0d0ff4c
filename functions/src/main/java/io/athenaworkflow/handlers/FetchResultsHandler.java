package io.athenaworkflow.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.results.QueryResults;
import io.athenaworkflow.athena.results.ResultFetcher;
import io.athenaworkflow.priming.HandlerPriming;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * FetchResults: {@code {"query": <handle>}} → columns, a bounded preview of typed rows, the row count, the result's
 * S3 location and the statistics with the estimated cost.
 */
public final class FetchResultsHandler implements RequestStreamHandler, Resource {

    private final ResultFetcher fetcher;

    public FetchResultsHandler() {
        this(AwsClients.athena(), AwsClients.s3());
        Core.getGlobalContext().register(this);
    }

    FetchResultsHandler(AthenaClient athena, S3Client s3) {
        this.fetcher = new ResultFetcher(athena, s3, Json.MAPPER);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Json.write(output, fetch(Json.read(input)).toJson());
    }

    QueryResults fetch(JsonNode payload) {
        return fetcher.fetch(StepPayload.query(payload));
    }

    /** SnapStart priming: this handler's first call, dry-run (see {@link HandlerPriming}). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        HandlerPriming.prime(this, PrimingPayloads.FETCH_RESULTS);
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
