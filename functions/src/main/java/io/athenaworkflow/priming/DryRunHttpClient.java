package io.athenaworkflow.priming;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.utils.AttributeMap;

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

    /**
     * A builder for the client's {@code httpClientBuilder}: the SDK still hands the real client its service defaults
     * (timeouts and the like) and closes it with the SDK client, as without the wrapper.
     */
    public static Builder around(SdkHttpClient.Builder<?> real) {
        return new Builder(real);
    }

    /** Builds the real client with the SDK's defaults and wraps it. */
    public static final class Builder implements SdkHttpClient.Builder<Builder> {

        private final SdkHttpClient.Builder<?> real;

        private Builder(SdkHttpClient.Builder<?> real) {
            this.real = real;
        }

        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return new DryRunHttpClient(real.buildWithDefaults(serviceDefaults));
        }
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
