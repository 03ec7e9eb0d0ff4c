package io.athenaworkflow.priming;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The handlers' HTTP client: the real one, except inside a {@link DryRun}, where a request is marshalled, signed and
 * its body read as usual but answered in memory by {@link DryRunResponses} instead of being sent. So priming runs a
 * handler's whole first call (request building, marshalling, signing, response unmarshalling) without a socket.
 */
public final class DryRunHttpClient implements SdkHttpClient {

    private final SdkHttpClient real;

    private DryRunHttpClient(SdkHttpClient real) {
        this.real = real;
    }

    public static SdkHttpClient around(SdkHttpClient real) {
        return new DryRunHttpClient(real);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (!DryRun.active()) {
            return real.prepareRequest(request);
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                SdkHttpRequest http = request.httpRequest();
                request.contentStreamProvider().ifPresent(body -> drain(body.newStream()));
                DryRunResponses.Answer answer = DryRunResponses.answer(http.method().name(), http.rawQueryParameters().keySet(),
                        http.firstMatchingHeader("X-Amz-Target").orElse(null));
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(answer.status())
                                .putHeader("Content-Type", answer.contentType())
                                .putHeader("Content-Length", Integer.toString(answer.body().length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body())))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    private static void drain(InputStream body) {
        try (body) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a dry-run request body failed", e);
        }
    }

    @Override
    public String clientName() {
        return real.clientName();
    }

    @Override
    public void close() {
        real.close();
    }
}
