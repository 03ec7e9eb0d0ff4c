package io.athenaworkflow.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.athenaworkflow.athena.config.WorkflowDefaults;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/** Cleanup with SDK-default clients. */
public final class NaiveCleanupHandler implements RequestStreamHandler {

    private final CleanupHandler delegate = new CleanupHandler(AthenaClient.create(), S3Client.create(), SfnClient.create(),
            WorkflowDefaults.fromEnvironment(System.getenv()), Clock.systemUTC());

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        delegate.handleRequest(input, output, context);
    }
}
