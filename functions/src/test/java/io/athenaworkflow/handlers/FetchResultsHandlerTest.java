package io.athenaworkflow.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.QueryHandle;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.athena.errors.ResultNotFoundException;
import io.athenaworkflow.testing.FakeAthena;
import io.athenaworkflow.testing.FakeContext;
import io.athenaworkflow.testing.FakeS3;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.time.Instant;

import static io.athenaworkflow.handlers.Invocation.invoke;
import static io.athenaworkflow.testing.TestJson.strict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FetchResultsHandlerTest {

    private static final String ID = "a7e0a001-1111-4222-8333-000000000001";
    private static final String RESULT = "s3://results-bucket/athena-workflow/" + ID + ".csv";

    private final FakeAthena athena = new FakeAthena();
    private final FakeS3 s3 = new FakeS3().bucket("results-bucket");
    private final FetchResultsHandler handler = new FetchResultsHandler(athena, s3);
    private final FakeAthena.Query query = athena.addQuery(ID, RESULT).succeed();

    private static String payload(int maxInlineRows) {
        QueryHandle handle = new QueryHandle(ID, "primary", new S3Location("results-bucket", "athena-workflow/"),
                Instant.parse("2024-05-01T10:00:00Z"), 900, maxInlineRows, CleanupMode.NEVER, FakeS3.OWNER);
        return "{\"query\": " + handle.toJson() + "}";
    }

    @Test
    void handleRequest_whenSucceeded_returnsColumnsTypedRowsCountLocationAndStatistics() {
        query.columns("id", "bigint", "city", "varchar", "amount", "decimal(12,2)").scanned(20L * 1024 * 1024);
        s3.put(RESULT, "\"id\",\"city\",\"amount\"\n\"1\",\"Lyon\",\"12.30\"\n\"2\",,\"0.05\"\n\"3\",\"Graz\",\n");

        JsonNode results = invoke(handler, payload(2), new FakeContext("FetchResults"));

        assertThat(results).isEqualTo(strict("""
                {"queryExecutionId": "%s", "statementType": "DML",
                 "columns": [{"name": "id", "type": "bigint"}, {"name": "city", "type": "varchar"},
                             {"name": "amount", "type": "decimal(12,2)"}],
                 "rows": [{"id": 1, "city": "Lyon", "amount": 12.30}, {"id": 2, "city": null, "amount": 0.05}],
                 "rowCount": 3, "previewRowCount": 2, "truncated": true, "resultLocation": "%s",
                 "statistics": {"dataScannedBytes": 20971520, "engineExecutionMillis": 1200, "queueMillis": 150,
                                "totalExecutionMillis": 1400, "reusedPreviousResult": false,
                                "estimatedCostUsd": 0.0000953674}}
                """.formatted(ID, RESULT)));
    }

    @Test
    void handleRequest_whenDecimalsAreExact_writesEveryDigit() {
        query.columns("big", "decimal(38,2)");
        s3.put(RESULT, "\"big\"\n\"123456789012345678901234567890123456.78\"\n");

        String raw = Invocation.raw(handler, payload(10), null);

        assertThat(raw).contains("\"rows\":[{\"big\":123456789012345678901234567890123456.78}]");
    }

    @Test
    void handleRequest_whenQueryNotSucceeded_throwsInvalidInput() {
        query.state(QueryExecutionState.RUNNING);

        assertThatThrownBy(() -> invoke(handler, payload(10))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void handleRequest_whenResultDeleted_throwsResultNotFound() {
        assertThatThrownBy(() -> invoke(handler, payload(10))).isInstanceOf(ResultNotFoundException.class);
    }

    @Test
    void handleRequest_whenQueryMissingOrPayloadBad_throwsInvalidInput() {
        assertThatThrownBy(() -> invoke(handler, "{}")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> invoke(handler, "{\"query\": \"" + ID + "\"}")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> invoke(handler, "[")).isInstanceOf(InvalidInputException.class);
    }
}
