package io.athenaworkflow.local.athena.engine.trino;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * A Trino server that runs already ({@code --trino-url}), used instead of the engine the runtime would start. It
 * needs Trino 483's client protocol, dynamic catalog management ({@code catalog.management=dynamic}), the Hive
 * plugin, the runtime's metastore folder on its own file system and network reach to the runtime's edge S3
 * endpoint (docs/local-athena.md, "Using an existing Trino server").
 */
public final class ExternalTrino implements TrinoServer {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final URI uri;
    private final CatalogNames catalogNames = new CatalogNames();

    private ExternalTrino(URI uri) {
        this.uri = uri;
    }

    /**
     * {@code url} as a Trino server URL: {@code http} or {@code https}, a host, no path other than {@code /}, no
     * query or fragment.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static URI checkUrl(String url) {
        String text = url == null ? "" : url.strip();
        if (!text.contains("://")) {
            // 127.0.0.1:8080 would parse as scheme "127.0.0.1": say what is missing instead.
            throw invalid(text, "the scheme must be http or https");
        }
        URI parsed;
        try {
            parsed = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(url, "it is not a URL (" + e.getReason() + ")");
        }
        return checkUrl(parsed);
    }

    /** @see #checkUrl(String) */
    public static URI checkUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(url.toString(), "the scheme must be http or https");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw invalid(url.toString(), "it names no host");
        }
        if ((url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/"))
                || url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw invalid(url.toString(), "it must be the server's root, http://HOST:PORT, without path, query or "
                    + "user");
        }
        return URI.create(scheme + "://" + url.getRawAuthority());
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException("Invalid Trino URL '" + url + "': " + why
                + "; give the coordinator's address, e.g. http://127.0.0.1:8080");
    }

    /**
     * The server at {@code url}, once it answers Trino's {@code GET /v1/info} as a started coordinator.
     *
     * @throws IllegalArgumentException when {@code url} is not a server URL ({@link #checkUrl(URI)})
     * @throws TrinoStartException when nothing answers there, or not as a started Trino coordinator
     */
    public static ExternalTrino connect(URI url) {
        URI root = checkUrl(url);
        HttpRequest info = HttpRequest.newBuilder(root.resolve("/v1/info")).timeout(PROBE_TIMEOUT).GET().build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build()) {
            response = http.send(info, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TrinoStartException("Cannot reach the Trino server at " + root + " (" + describe(e)
                    + "): start it, or fix --trino-url", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrinoStartException("Interrupted while reaching the Trino server at " + root, e);
        }
        if (response.statusCode() != 200 || !response.body().contains("\"nodeVersion\"")) {
            throw new TrinoStartException("The server at " + root + " does not answer as Trino (GET /v1/info gave "
                    + "HTTP " + response.statusCode() + "): --trino-url must name a Trino coordinator");
        }
        if (!response.body().contains("\"starting\":false")) {
            throw new TrinoStartException("The Trino server at " + root + " is still starting: try again when it "
                    + "accepts queries");
        }
        return new ExternalTrino(root);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if ((message == null || message.isBlank()) && e.getCause() != null) {
            message = e.getCause().toString();
        }
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public String claimCatalogName() {
        return catalogNames.claim();
    }

    @Override
    public void releaseCatalogName(String name) {
        catalogNames.release(name);
    }

    @Override
    public String toString() {
        return "Trino server at " + uri;
    }
}
