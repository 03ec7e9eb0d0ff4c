package io.athenaworkflow.handlers;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The child JVM of {@link ClassListGenerator}: creates one handler through its public no-arg constructor, as the Lambda
 * runtime does, makes its first call with the handler's priming payload against the endpoint in its environment and
 * prints the response. Run with {@code -Xlog:class+load}, it shows what a real first call loads.
 */
public final class FirstCall {

    /** By class name, not {@code X.class}: naming a class literal would load all four handlers into every list. */
    static final Map<String, String> PAYLOADS = Map.of(
            "io.athenaworkflow.handlers.StartQueryHandler", PrimingPayloads.START_QUERY,
            "io.athenaworkflow.handlers.CheckStatusHandler", PrimingPayloads.CHECK_STATUS,
            "io.athenaworkflow.handlers.FetchResultsHandler", PrimingPayloads.FETCH_RESULTS,
            "io.athenaworkflow.handlers.CleanupHandler", PrimingPayloads.CLEANUP);

    private FirstCall() {
    }

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(handlerClass).getConstructor().newInstance();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(PAYLOADS.get(handlerClass).getBytes(StandardCharsets.UTF_8)), out, null);
        System.out.println(out.toString(StandardCharsets.UTF_8));
    }
}
