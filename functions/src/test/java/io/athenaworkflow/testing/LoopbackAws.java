package io.athenaworkflow.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.athenaworkflow.priming.DryRunResponses;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP endpoint that answers like Athena and S3 with {@link DryRunResponses}' answers (the same bytes a
 * dry run gets in memory) and records every request: a real first call of a handler against it is what the class
 * list is recorded from, and comparing a primed and an unprimed handler against it shows priming changes no output.
 */
public final class LoopbackAws implements AutoCloseable {

    /** One request as the server saw it. */
    public record Request(String method, String path, String target, String authorization) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public LoopbackAws() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "loopback-aws");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::answer);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), target,
                    exchange.getRequestHeaders().getFirst("Authorization")));
            DryRunResponses.Answer answer = DryRunResponses.answer(exchange.getRequestMethod(),
                    queryParameterNames(exchange.getRequestURI().getRawQuery()), target);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private static Set<String> queryParameterNames(String rawQuery) {
        Set<String> names = new LinkedHashSet<>();
        if (rawQuery != null) {
            Arrays.stream(rawQuery.split("&")).map(p -> p.split("=", 2)[0]).filter(n -> !n.isEmpty()).forEach(names::add);
        }
        return names;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
