package io.athenaworkflow.local.console;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the local Step Functions console (static files bundled into the jar at build time, under
 * {@code /console/} on the class path) at {@code /console/}. The page itself talks only to the public Step Functions
 * JSON API of the same endpoint; this servlet serves files and nothing else.
 *
 * <p>Every response carries a Content-Security-Policy that allows only the console's own script, style and API
 * calls: no inline script, no eval, no other origin.
 */
public final class ConsoleServlet extends HttpServlet {

    /** The path the console is served under. */
    public static final String PATH = "/console/";

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js.LEGAL.txt", "text/plain; charset=utf-8");

    private final Map<String, byte[]> files;

    private ConsoleServlet(Map<String, byte[]> files) {
        this.files = Map.copyOf(files);
    }

    /** The console built into this jar (none when the jar was built without its assets: then every page says so). */
    public static ConsoleServlet fromClassPath() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : TYPES.keySet()) {
            read(name).ifPresent(bytes -> files.put(name, bytes));
        }
        return new ConsoleServlet(files);
    }

    /**
     * Whether {@code request} is a browser's request for the console: a GET or HEAD of {@code /console} or below,
     * without AWS credentials. A signed or presigned S3 request for a bucket named {@code console} is not one, so it
     * still reaches S3.
     */
    public static boolean claims(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getRequestURI();
        if (!("GET".equals(method) || "HEAD".equals(method))
                || !(path.equals("/console") || path.startsWith(PATH))) {
            return false;
        }
        if (request.getHeader("Authorization") != null) {
            return false;
        }
        String query = request.getQueryString();
        return query == null || !(query.contains("X-Amz-Signature=") || query.contains("X-Amz-Credential=")
                || query.contains("AWSAccessKeyId="));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-cache");
        String path = request.getRequestURI();
        if (path.equals("/console")) {
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", PATH);
            return;
        }
        String name = path.substring(PATH.length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        byte[] body = files.get(name);
        if (body == null) {
            text(response, files.isEmpty() ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_NOT_FOUND,
                    files.isEmpty()
                            ? "The console's files are not in this build of the runtime: build the local module with"
                            + " Maven (it bundles them with npm), e.g. ./mvnw -pl local -am package -DskipTests.\n"
                            : "No console file " + name + ": the console is at " + PATH + "\n",
                    !"HEAD".equals(request.getMethod()));
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(TYPES.get(name));
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    private static void text(HttpServletResponse response, int status, String message, boolean withBody)
            throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setContentLength(bytes.length);
        if (withBody) {
            response.getOutputStream().write(bytes);
        }
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = ConsoleServlet.class.getResourceAsStream(PATH + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console file " + PATH + name + " from the class path", e);
        }
    }
}
