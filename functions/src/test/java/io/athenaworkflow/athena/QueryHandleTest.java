package io.athenaworkflow.athena;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.testing.TestJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.athenaworkflow.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryHandleTest {

    private static final QueryHandle HANDLE = new QueryHandle("a7e0a001-1111-4222-8333-000000000001", "analytics",
            new S3Location("results-bucket", "athena-workflow/"), Instant.parse("2024-05-01T10:00:00.123Z"), 600, 25,
            CleanupMode.ON_SUCCESS, "111122223333");

    @Test
    void toJson_thenFromJson_givesTheSameHandle() {
        assertThat(QueryHandle.fromJson(HANDLE.toJson())).isEqualTo(HANDLE);
    }

    @Test
    void toJson_thenFromJson_whenOptionalPartsAreNull_givesTheSameHandle() {
        QueryHandle bare = new QueryHandle("q", "primary", null, Instant.EPOCH, 1, 0, CleanupMode.NEVER, null);

        assertThat(QueryHandle.fromJson(bare.toJson())).isEqualTo(bare);
    }

    @Test
    void toJson_writesTheFieldsLaterStepsRead() {
        ObjectNode json = HANDLE.toJson();

        assertThat(json.get("queryExecutionId").asText()).isEqualTo("a7e0a001-1111-4222-8333-000000000001");
        assertThat(json.get("resultsLocation").asText()).isEqualTo("s3://results-bucket/athena-workflow/");
        assertThat(json.get("startedAt").asText()).isEqualTo("2024-05-01T10:00:00.123Z");
        assertThat(json.get("timeoutSeconds").asInt()).isEqualTo(600);
        assertThat(json.get("cleanup").asText()).isEqualTo("ON_SUCCESS");
    }

    @Test
    void deadline_isStartPlusTimeout() {
        assertThat(HANDLE.deadline()).isEqualTo(Instant.parse("2024-05-01T10:10:00.123Z"));
    }

    @Test
    void fromJson_whenOnlyIdAndStartGiven_usesDefaults() {
        QueryHandle handle = QueryHandle.fromJson(json("{'queryExecutionId': 'q', 'startedAt': '2024-05-01T10:00:00Z'}"));

        assertThat(handle.workgroup()).isEqualTo("primary");
        assertThat(handle.resultsLocation()).isNull();
        assertThat(handle.timeoutSeconds()).isEqualTo(900);
        assertThat(handle.maxInlineRows()).isEqualTo(100);
        assertThat(handle.cleanup()).isEqualTo(CleanupMode.NEVER);
    }

    @Test
    void fromJson_whenNotAnObject_throwsAskingForStartQuerysObject() {
        assertThatThrownBy(() -> QueryHandle.fromJson(null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Field 'query' must be the object StartQuery returned, but was missing");
        assertThatThrownBy(() -> QueryHandle.fromJson(json("'q-1'"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("but was a string \"q-1\"");
    }

    @Test
    void fromJson_whenIdOrStartMissing_throwsNamingTheField() {
        assertThatThrownBy(() -> QueryHandle.fromJson(json("{'startedAt': '2024-05-01T10:00:00Z'}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'query.queryExecutionId' is required");
        assertThatThrownBy(() -> QueryHandle.fromJson(json("{'queryExecutionId': 'q'}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'query.startedAt' is required");
    }

    @Test
    void fromJson_whenStartNotAnInstant_throwsNamingTheField() {
        assertThatThrownBy(() -> QueryHandle.fromJson(json("{'queryExecutionId': 'q', 'startedAt': 'yesterday'}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'query.startedAt' must be an ISO-8601 instant");
    }

    @Test
    void fromJson_whenFieldsMalformed_throws() {
        ObjectNode badCleanup = HANDLE.toJson().put("cleanup", "SOMETIMES");
        ObjectNode badLocation = HANDLE.toJson().put("resultsLocation", "/tmp");
        ObjectNode badTimeout = HANDLE.toJson().put("timeoutSeconds", 0);

        assertThatThrownBy(() -> QueryHandle.fromJson(badCleanup)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'query.cleanup'");
        assertThatThrownBy(() -> QueryHandle.fromJson(badLocation)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'query.resultsLocation'");
        assertThatThrownBy(() -> QueryHandle.fromJson(badTimeout)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("timeoutSeconds");
        assertThatThrownBy(() -> QueryHandle.fromJson(TestJson.object("{'queryExecutionId': '', 'startedAt': '2024-05-01T10:00:00Z'}")))
                .isInstanceOf(InvalidInputException.class);
    }
}
