package io.athenaworkflow.priming;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A handler's SnapStart priming ({@code beforeCheckpoint}): loads the classes on its {@link ClassList}, then makes its
 * first call for real with a sample payload inside a {@link DryRun}: the payload is parsed with the shared mapper, the
 * SDK requests are built, marshalled and signed, the in-memory answers unmarshalled and the output serialised, and
 * nothing is sent anywhere. What the first real invocation after a restore has left to do is mostly JIT-compiled
 * or at least warm.
 */
public final class HandlerPriming {

    private HandlerPriming() {
    }

    /** @throws PrimingFailedException when the sample call fails: priming must not silently do less than it claims */
    public static void prime(RequestStreamHandler handler, String samplePayload) {
        ClassList.load(handler.getClass());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            DryRun.call(() -> {
                handler.handleRequest(new ByteArrayInputStream(samplePayload.getBytes(StandardCharsets.UTF_8)), output, null);
                return null;
            });
        } catch (Exception e) {
            throw new PrimingFailedException("Priming " + handler.getClass().getSimpleName() + " failed: its sample first call"
                    + " threw " + e + ". Either the sample payload (PrimingPayloads) is not valid under this function's"
                    + " environment, or the handler now makes a call DryRunResponses has no answer for; fix them together.", e);
        }
    }
}
