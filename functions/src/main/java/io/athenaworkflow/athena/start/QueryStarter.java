package io.athenaworkflow.athena.start;

import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.errors.AwsErrors;
import io.athenaworkflow.athena.errors.AwsService;
import io.athenaworkflow.athena.errors.QueryRejectedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.EncryptionConfiguration;
import software.amazon.awssdk.services.athena.model.EncryptionOption;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.ResultReuseConfiguration;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** Starts a query; starting it again for the same execution returns the same query (ClientRequestToken). */
public final class QueryStarter {

    private final AthenaClient athena;

    public QueryStarter(AthenaClient athena) {
        this.athena = athena;
    }

    /**
     * @param executionArn the Step Functions execution this query belongs to, or null for a one-off start (then
     *     the token is random and a retry would start a second query)
     * @param now the state machine's current time, which the timeout counts from
     * @throws QueryRejectedException when Athena refuses the request
     */
    public QueryHandle start(QueryRequest request, String executionArn, Instant now) {
        StartQueryExecutionRequest.Builder start = StartQueryExecutionRequest.builder()
                .queryString(request.sql())
                .workGroup(request.workgroup())
                .clientRequestToken(clientRequestToken(executionArn))
                .queryExecutionContext(c -> c.catalog(request.catalog()).database(request.database()))
                .resultConfiguration(resultConfiguration(request));
        if (!request.parameters().isEmpty()) {
            start.executionParameters(request.parameters());
        }
        if (request.resultReuseMinutes() > 0) {
            start.resultReuseConfiguration(ResultReuseConfiguration.builder()
                    .resultReuseByAgeConfiguration(r -> r.enabled(true).maxAgeInMinutes(request.resultReuseMinutes()))
                    .build());
        }
        String id;
        try {
            id = athena.startQueryExecution(start.build()).queryExecutionId();
        } catch (InvalidRequestException e) {
            throw new QueryRejectedException("Athena refused to start the query in workgroup '" + request.workgroup()
                    + "' (" + e.athenaErrorCode() + "): "
                    + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, AwsService.ATHENA, "StartQueryExecution");
        }
        return new QueryHandle(id, request.workgroup(), request.outputLocation(), now, request.timeoutSeconds(),
                request.maxInlineRows(), request.cleanup(), request.expectedBucketOwner());
    }

    private static ResultConfiguration resultConfiguration(QueryRequest request) {
        EncryptionConfiguration encryption = request.kmsKey() == null
                ? EncryptionConfiguration.builder().encryptionOption(EncryptionOption.SSE_S3).build()
                : EncryptionConfiguration.builder().encryptionOption(EncryptionOption.SSE_KMS).kmsKey(request.kmsKey()).build();
        return ResultConfiguration.builder()
                .outputLocation(request.outputLocation() == null ? null : request.outputLocation().toString())
                .encryptionConfiguration(encryption)
                .expectedBucketOwner(request.expectedBucketOwner())
                .build();
    }

    /**
     * A token Athena accepts (32-128 characters) that is the same every time for one execution, so that
     * StartQuery retried by the state machine finds the query it already started instead of starting another.
     */
    static String clientRequestToken(String executionArn) {
        if (executionArn == null || executionArn.isBlank()) {
            return UUID.randomUUID().toString();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(executionArn.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
