package io.athenaworkflow.handlers;

import io.athenaworkflow.priming.DryRunResponses;

/**
 * The sample payloads the handlers prime with: each is what the state machine sends the step, about the one query
 * {@link DryRunResponses} answers for, so each handler's dry-run first call takes its normal, successful path.
 */
final class PrimingPayloads {

    private static final String HANDLE = """
            {"queryExecutionId":"%s","workgroup":"primary","resultsLocation":"%s","startedAt":"2024-01-01T00:00:00Z",\
            "timeoutSeconds":900,"maxInlineRows":100,"cleanup":"ALWAYS","expectedBucketOwner":"000000000000"}\
            """.formatted(DryRunResponses.QUERY_ID, DryRunResponses.RESULTS_PREFIX);

    /** Only what every deployment accepts: the rest (workgroup, output location, cleanup, ...) from its defaults. */
    static final String START_QUERY = """
            {"request":{"sql":"SELECT ? AS n, 'a' AS s","parameters":["1"]},\
            "executionArn":"arn:aws:states:us-east-1:000000000000:execution:athena-workflow:priming",\
            "now":"2024-01-01T00:00:00Z"}""";

    static final String CHECK_STATUS = "{\"query\":" + HANDLE + ",\"now\":\"2024-01-01T00:00:01Z\"}";

    static final String FETCH_RESULTS = "{\"query\":" + HANDLE + "}";

    static final String CLEANUP = "{\"query\":" + HANDLE + ",\"succeeded\":true}";

    private PrimingPayloads() {
    }
}
