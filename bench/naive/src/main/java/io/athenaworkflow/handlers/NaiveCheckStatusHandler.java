package io.athenaworkflow.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import software.amazon.awssdk.services.athena.AthenaClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/** CheckStatus with an SDK-default client. */
public final class NaiveCheckStatusHandler implements RequestStreamHandler {

    private final CheckStatusHandler delegate = new CheckStatusHandler(AthenaClient.create(), Clock.systemUTC());

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        delegate.handleRequest(input, output, context);
    }
}
