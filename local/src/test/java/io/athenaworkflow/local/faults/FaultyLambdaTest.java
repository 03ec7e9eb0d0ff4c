package io.athenaworkflow.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.lambda.InvocationResult;
import io.athenaworkflow.local.lambda.LambdaService;
import io.athenaworkflow.local.lambda.ServiceException;
import io.athenaworkflow.local.lambda.TooManyRequestsException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultyLambdaTest {

    private static final String ALIAS_ARN = "arn:aws:lambda:us-east-1:000000000000:function:fn:live";
    private final List<String> invoked = new CopyOnWriteArrayList<>();
    private final LambdaService host = (name, payload) -> {
        invoked.add(name);
        return new InvocationResult("{\"ok\":true}".getBytes(StandardCharsets.UTF_8), null, "1", "");
    };

    @Test
    void invoke_whenServiceFails_throwsTheHostsServiceExceptionsAndSkipsTheFunction() {
        Faults faults = Faults.of(FaultPlan.none()
                .with(LambdaFault.serviceException("fn", Calls.only(1)))
                .with(LambdaFault.tooManyRequests("fn", Calls.only(2))));
        LambdaService lambda = faults.lambda(host);

        assertThatThrownBy(() -> lambda.invoke(ALIAS_ARN, new byte[0])).isInstanceOf(ServiceException.class)
                .satisfies(e -> assertThat(((ServiceException) e).statusCode()).isEqualTo(500));
        assertThatThrownBy(() -> lambda.invoke(ALIAS_ARN, new byte[0])).isInstanceOf(TooManyRequestsException.class)
                .satisfies(e -> assertThat(((TooManyRequestsException) e).reason())
                        .isEqualTo("ConcurrentInvocationLimitExceeded"));
        assertThat(lambda.invoke(ALIAS_ARN, new byte[0]).failed()).isFalse();
        assertThat(invoked).containsExactly(ALIAS_ARN);
        assertThat(faults.injected()).isEqualTo(2);
    }

    @Test
    void invoke_whenCrashingAfterTheHandler_ranItAndReportsRuntimeExitError() throws Exception {
        Faults faults = Faults.of(FaultPlan.none().with(LambdaFault.crash("fn", Calls.only(1))));

        InvocationResult crashed = faults.lambda(host).invoke(ALIAS_ARN, new byte[0]);

        assertThat(invoked).containsExactly(ALIAS_ARN);
        assertThat(crashed.functionError()).isEqualTo("Unhandled");
        assertThat(crashed.executedVersion()).isEqualTo("1");
        JsonNode document = new ObjectMapper().readTree(crashed.payload());
        assertThat(document.get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(document.get("errorMessage").asText())
                .matches("RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 1");
        assertThat(crashed.logTail()).contains("Runtime.ExitError");
    }

    @Test
    void invoke_whenCrashingBeforeTheHandler_neverRunsIt() {
        Faults faults = Faults.of(FaultPlan.none().with(LambdaFault.crashBeforeHandler("fn", Calls.all())));

        InvocationResult crashed = faults.lambda(host).invoke("fn", new byte[0]);

        assertThat(invoked).isEmpty();
        assertThat(crashed.failed()).isTrue();
        assertThat(crashed.payloadText()).contains("\"errorType\":\"Runtime.ExitError\"");
    }

    @Test
    void invoke_whenAnotherFunctionIsCalled_passesThrough() {
        Faults faults = Faults.of(FaultPlan.none().with(LambdaFault.crashBeforeHandler("fn", Calls.all())));

        assertThat(faults.lambda(host).invoke("fn-other:live", new byte[0]).failed()).isFalse();
        assertThat(faults.injected()).isZero();
    }

    @Test
    void functionName_whenGivenAnyForm_isThePlainName() {
        assertThat(FaultyLambda.functionName("fn")).isEqualTo("fn");
        assertThat(FaultyLambda.functionName("fn:live")).isEqualTo("fn");
        assertThat(FaultyLambda.functionName("fn:$LATEST")).isEqualTo("fn");
        assertThat(FaultyLambda.functionName("000000000000:function:fn:1")).isEqualTo("fn");
        assertThat(FaultyLambda.functionName(ALIAS_ARN)).isEqualTo("fn");
        assertThat(FaultyLambda.functionName("arn:aws:lambda:us-east-1:000000000000:function:fn")).isEqualTo("fn");
    }
}
