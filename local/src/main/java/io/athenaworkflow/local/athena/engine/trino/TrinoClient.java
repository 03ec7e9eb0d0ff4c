package io.athenaworkflow.local.athena.engine.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.athena.engine.Cancellation;
import io.athenaworkflow.local.athena.engine.EngineStatistics;
import io.athenaworkflow.local.athena.engine.QueryCancelled;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Trino's client protocol over {@code java.net.http}: {@code POST /v1/statement}, then GET each {@code nextUri}
 * until there is none, handing columns and row batches to a {@link Rows} as they arrive; {@code DELETE nextUri}
 * cancels. See https://trino.io/docs/current/develop/client-protocol.html.
 */
final class TrinoClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "athena";
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final Supplier<URI> engine;
    private final HttpClient http;

    /** A client of the engine at {@code engine} (asked on every query, so it may wait for the engine to start). */
    TrinoClient(Supplier<URI> engine) {
        this.engine = engine;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * The session a statement runs in.
     *
     * @param catalog Trino catalog, or null
     * @param schema Trino schema, or null (only with a catalog)
     * @param preparedStatements name to SQL, sent as {@code X-Trino-Prepared-Statement}
     * @param catalogProperties session properties of {@code catalog} (unqualified names), sent as
     *     {@code X-Trino-Session}
     */
    record Session(String catalog, String schema, Map<String, String> preparedStatements,
                   Map<String, String> catalogProperties) {
        Session {
            preparedStatements = preparedStatements == null ? Map.of() : Map.copyOf(preparedStatements);
            catalogProperties = catalogProperties == null ? Map.of() : Map.copyOf(catalogProperties);
        }

        static Session of(String catalog, String schema) {
            return new Session(catalog, schema, Map.of(), Map.of());
        }
    }

    /** A result column: name, Trino type name and type signature. */
    record Column(String name, String type, JsonNode signature) {
    }

    /** Receives a query's result as it streams. */
    interface Rows {
        void columns(List<Column> columns);

        void row(List<JsonNode> values);
    }

    /**
     * What the engine reported about a finished query.
     *
     * @param updateType e.g. {@code CREATE TABLE}, {@code INSERT}; null for a query
     * @param updateCount rows written by DML, or null
     * @param dataScannedBytes bytes the engine read from storage ({@link TrinoStatistics#dataScannedBytes})
     * @param statistics the engine's statistics of the query
     */
    record Outcome(String updateType, Long updateCount, long dataScannedBytes, EngineStatistics statistics) {
    }

    /**
     * Runs {@code sql} to the end.
     *
     * @throws TrinoQueryError when the engine reports the query FAILED
     * @throws QueryCancelled when {@code cancellation} was triggered
     */
    Outcome execute(String sql, Session session, Cancellation cancellation, Rows rows) {
        AtomicReference<URI> next = new AtomicReference<>();
        cancellation.onCancel(() -> {
            URI uri = next.get();
            if (uri != null) {
                send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).DELETE(), Map.of(), true);
            }
        });
        HttpRequest.Builder post = HttpRequest.newBuilder(engine.get().resolve("/v1/statement"))
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8));
        JsonNode page = send(post, headers(session), false);
        boolean columnsSent = false;
        String updateType = null;
        Long updateCount = null;
        while (true) {
            if (cancellation.isCancelled()) {
                cancel(page);
                throw new QueryCancelled("Query was cancelled");
            }
            if (page.has("error")) {
                if (cancellation.isCancelled()) {
                    throw new QueryCancelled("Query was cancelled");
                }
                throw TrinoQueryError.of(page.get("error"));
            }
            if (!columnsSent && page.has("columns")) {
                List<Column> columns = new ArrayList<>();
                for (JsonNode c : page.get("columns")) {
                    columns.add(new Column(c.path("name").asText(), c.path("type").asText(), c.path("typeSignature")));
                }
                rows.columns(columns);
                columnsSent = true;
            }
            for (JsonNode row : page.path("data")) {
                List<JsonNode> values = new ArrayList<>(row.size());
                row.forEach(values::add);
                rows.row(values);
            }
            if (page.hasNonNull("updateType")) {
                updateType = page.get("updateType").asText();
            }
            if (page.hasNonNull("updateCount")) {
                updateCount = page.get("updateCount").asLong();
            }
            if (!page.hasNonNull("nextUri")) {
                JsonNode stats = page.path("stats");
                return new Outcome(updateType, updateCount, TrinoStatistics.dataScannedBytes(stats),
                        TrinoStatistics.of(stats));
            }
            URI uri = URI.create(page.get("nextUri").asText());
            next.set(uri);
            page = send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET(), Map.of(), false);
        }
    }

    private void cancel(JsonNode page) {
        if (page.hasNonNull("nextUri")) {
            send(HttpRequest.newBuilder(URI.create(page.get("nextUri").asText())).timeout(REQUEST_TIMEOUT).DELETE(),
                    Map.of(), true);
        }
    }

    private static Map<String, String> headers(Session session) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("X-Trino-User", USER);
        headers.put("X-Trino-Source", "athena-local");
        // Athena runs queries in UTC.
        headers.put("X-Trino-Time-Zone", "UTC");
        if (session.catalog() != null) {
            headers.put("X-Trino-Catalog", session.catalog());
            if (session.schema() != null) {
                headers.put("X-Trino-Schema", session.schema());
            }
        }
        List<String> properties = new ArrayList<>();
        session.catalogProperties().forEach((name, value) -> properties.add(session.catalog() + "." + name + "="
                + encode(value)));
        if (!properties.isEmpty()) {
            headers.put("X-Trino-Session", String.join(",", properties));
        }
        List<String> prepared = new ArrayList<>();
        session.preparedStatements().forEach((name, sql) -> prepared.add(name + "=" + encode(sql)));
        if (!prepared.isEmpty()) {
            headers.put("X-Trino-Prepared-Statement", String.join(",", prepared));
        }
        return headers;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode send(HttpRequest.Builder request, Map<String, String> headers, boolean quiet) {
        headers.forEach(request::header);
        if (!headers.containsKey("X-Trino-User")) {
            request.header("X-Trino-User", USER);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (quiet) {
                    body.transferTo(java.io.OutputStream.nullOutputStream());
                    return null;
                }
                if (response.statusCode() != 200) {
                    String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                    throw new TrinoStartException("The Trino engine answered HTTP " + response.statusCode() + ": "
                            + text.substring(0, Math.min(text.length(), 500)));
                }
                return JSON.readTree(body);
            }
        } catch (IOException e) {
            if (quiet) {
                return null;
            }
            throw new TrinoStartException("Cannot reach the Trino engine at " + request.build().uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryCancelled("Interrupted while waiting for the Trino engine");
        }
    }
}
