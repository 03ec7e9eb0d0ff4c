package io.athenaworkflow.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.athenaworkflow.athena.config.WorkflowDefaults;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/** StartQuery with SDK-default clients. */
public final class NaiveStartQueryHandler implements RequestStreamHandler {

    private final StartQueryHandler delegate = new StartQueryHandler(AthenaClient.create(), S3Client.create(),
            WorkflowDefaults.fromEnvironment(System.getenv()), Clock.systemUTC());

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        delegate.handleRequest(input, output, context);
    }
}
