package io.athenaworkflow.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's own client protocol, as a Trino client speaks it (the baseline of g): {@code POST /v1/statement},
 * then GET each {@code nextUri} at once until there is none (https://trino.io/docs/current/develop/client-protocol.html).
 * Nothing in between: no Athena API, no result file.
 */
final class TrinoDirect implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final URI engine;
    private final String catalog;
    private final String schema;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * @param engine the engine's HTTP endpoint
     * @param catalog the session catalog, or null
     * @param schema the session schema, or null
     */
    TrinoDirect(URI engine, String catalog, String schema) {
        this.engine = engine;
        this.catalog = catalog;
        this.schema = schema;
    }

    /** Runs {@code sql} to the end; every row's values as Trino's JSON. Fails with the engine's error. */
    List<List<JsonNode>> rows(String sql) {
        HttpRequest.Builder post = HttpRequest.newBuilder(engine.resolve("/v1/statement")).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
                .header("X-Trino-User", "bench").header("X-Trino-Time-Zone", "UTC");
        if (catalog != null) {
            post.header("X-Trino-Catalog", catalog);
            if (schema != null) {
                post.header("X-Trino-Schema", schema);
            }
        }
        List<List<JsonNode>> rows = new ArrayList<>();
        JsonNode page = send(post.build());
        while (true) {
            if (page.has("error")) {
                throw new IllegalStateException("The engine failed `" + sql + "`: "
                        + page.get("error").path("message").asText());
            }
            for (JsonNode row : page.path("data")) {
                List<JsonNode> values = new ArrayList<>();
                row.forEach(values::add);
                rows.add(values);
            }
            if (!page.hasNonNull("nextUri")) {
                return rows;
            }
            page = send(HttpRequest.newBuilder(URI.create(page.get("nextUri").asText())).timeout(TIMEOUT)
                    .header("X-Trino-User", "bench").GET().build());
        }
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The engine at " + engine + " answered HTTP " + response.statusCode()
                        + ": " + response.body());
            }
            return BenchRuntime.read(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach the engine at " + engine + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
