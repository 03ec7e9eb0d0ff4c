package io.athenaworkflow.local.faults;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.athenaworkflow.local.edge.AwsJsonService;
import io.athenaworkflow.local.edge.AwsServiceError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FaultyAthenaTest {

    @Test
    void handle_whenThrottled_answersTooManyRequestsWithoutCallingAthena() {
        FaultsTest.RecordingAthena athena = new FaultsTest.RecordingAthena();
        AthenaFault rule = AthenaFault.throttling("StartQueryExecution", Calls.first(2));
        Faults faults = Faults.of(FaultPlan.none().with(rule));
        AwsJsonService faulty = faults.athena(athena);

        AwsServiceError first = catchThrowableOfType(AwsServiceError.class, () -> start(faulty));
        AwsServiceError second = catchThrowableOfType(AwsServiceError.class, () -> start(faulty));
        String third = start(faulty);

        assertThat(first.type()).isEqualTo("TooManyRequestsException");
        assertThat(first.httpStatus()).isEqualTo(400);
        assertThat(first.getMessage()).isEqualTo("Rate exceeded");
        assertThat(second).isNotNull();
        assertThat(third).isEqualTo("q-1");
        assertThat(athena.handled).containsExactly("StartQueryExecution");
        assertThat(faults.injected(rule)).isEqualTo(2);
        assertThat(faulty.targetPrefix()).isEqualTo("AmazonAthena");
        assertThat(faulty.internalErrorType()).isEqualTo(athena.internalErrorType());
    }

    @Test
    void handle_whenResponseIsLost_carriesTheCallOutThenAnswersInternalServerException() {
        FaultsTest.RecordingAthena athena = new FaultsTest.RecordingAthena();
        Faults faults = Faults.of(FaultPlan.none().with(AthenaFault.responseLost("StartQueryExecution", Calls.only(1))));
        AwsJsonService faulty = faults.athena(athena);

        AwsServiceError lost = catchThrowableOfType(AwsServiceError.class, () -> start(faulty));

        assertThat(lost.type()).isEqualTo("InternalServerException");
        assertThat(lost.httpStatus()).isEqualTo(500);
        assertThat(athena.handled).containsExactly("StartQueryExecution");
        assertThat(start(faulty)).isEqualTo("q-2");
    }

    @Test
    void handle_whenOperationDiffers_passesThrough() {
        FaultsTest.RecordingAthena athena = new FaultsTest.RecordingAthena();
        Faults faults = Faults.of(FaultPlan.none().with(AthenaFault.internalError("GetQueryExecution", Calls.all())));

        faults.athena(athena).handle("StartQueryExecution", JsonNodeFactory.instance.objectNode());

        assertThat(athena.handled).containsExactly("StartQueryExecution");
        assertThat(faults.injected()).isZero();
    }

    private static String start(AwsJsonService athena) {
        return athena.handle("StartQueryExecution", JsonNodeFactory.instance.objectNode())
                .get("QueryExecutionId").asText();
    }
}
