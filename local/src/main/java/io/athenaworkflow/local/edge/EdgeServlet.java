package io.athenaworkflow.local.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.console.ConsoleServlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes AWS JSON requests by {@code X-Amz-Target} to their service, a browser's requests for {@code /console/} to
 * the console, and everything else to S3.
 */
final class EdgeServlet extends HttpServlet {

    private static final System.Logger LOG = System.getLogger(EdgeServlet.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServlet s3;
    private final HttpServlet console = ConsoleServlet.fromClassPath();
    private final Map<String, AwsJsonService> services = new ConcurrentHashMap<>();

    EdgeServlet(HttpServlet s3) {
        this.s3 = s3;
    }

    void register(AwsJsonService service) {
        AwsJsonService previous = services.putIfAbsent(service.targetPrefix(), service);
        if (previous != null && previous != service) {
            throw new IllegalStateException("a service is already registered for X-Amz-Target prefix '"
                    + service.targetPrefix() + "'; unregister it first");
        }
    }

    void unregister(AwsJsonService service) {
        services.remove(service.targetPrefix(), service);
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        s3.init(config);
        console.init(config);
    }

    @Override
    public void destroy() {
        s3.destroy();
        console.destroy();
        super.destroy();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String target = request.getHeader("X-Amz-Target");
        if (target == null && ConsoleServlet.claims(request)) {
            console.service(request, response);
            return;
        }
        if (target == null) {
            s3.service(request, response);
            return;
        }
        String requestId = UUID.randomUUID().toString();
        response.setHeader("x-amzn-RequestId", requestId);
        int dot = target.indexOf('.');
        AwsJsonService service = dot > 0 ? services.get(target.substring(0, dot)) : null;
        if (service == null || !"POST".equals(request.getMethod())) {
            // What AWS answers for a target it does not know: the type alone, no message.
            writeError(response, "1.1", "Message", AwsServiceError.client("UnknownOperationException", null));
            return;
        }
        String operation = target.substring(dot + 1);
        ObjectNode body;
        try {
            body = parse(request.getInputStream().readAllBytes());
        } catch (AwsServiceError error) {
            writeError(response, service.jsonVersion(), service.messageField(), error);
            return;
        }
        JsonNode result;
        try {
            result = service.handle(operation, body);
        } catch (AwsServiceError error) {
            writeError(response, service.jsonVersion(), service.messageField(), error);
            return;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, target + " failed (request " + requestId + ")", e);
            writeError(response, service.jsonVersion(), service.messageField(), AwsServiceError.withStatus(
                    service.internalErrorType(), "Internal error in the local runtime: " + e, 500));
            return;
        }
        write(response, service.jsonVersion(), 200, result == null ? JSON.createObjectNode() : result);
    }

    private static ObjectNode parse(byte[] bytes) {
        JsonNode node;
        try {
            node = bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            node = null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        if (node != null && node.isArray()) {
            throw AwsServiceError.client("SerializationException", "Start of list found where not expected");
        }
        throw AwsServiceError.client("SerializationException", null);
    }

    private static void writeError(HttpServletResponse response, String jsonVersion, String messageField,
            AwsServiceError error) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", error.type());
        error.fields().forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        if (error.getMessage() != null) {
            body.put(messageField, error.getMessage());
        }
        response.setHeader("x-amzn-ErrorType", error.type());
        write(response, jsonVersion, error.httpStatus(), body);
    }

    private static void write(HttpServletResponse response, String jsonVersion, int status, JsonNode body)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/x-amz-json-" + jsonVersion);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
