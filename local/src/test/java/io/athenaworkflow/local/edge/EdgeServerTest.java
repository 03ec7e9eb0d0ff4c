package io.athenaworkflow.local.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EdgeServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Step-Functions-like JSON 1.0 service: echoes, fails as asked, or breaks. */
    private static final class EchoService implements AwsJsonService {
        @Override
        public String targetPrefix() {
            return "AWSStepFunctions";
        }

        @Override
        public String jsonVersion() {
            return "1.0";
        }

        @Override
        public String messageField() {
            return "message";
        }

        @Override
        public JsonNode handle(String operation, ObjectNode request) {
            return switch (operation) {
                case "Echo" -> JSON.createObjectNode().put("operation", operation).set("request", request);
                case "Missing" -> throw AwsServiceError.client("ExecutionDoesNotExist", "Execution Does Not Exist: 'x'")
                        .with("resourceName", "x");
                case "Break" -> throw new IllegalStateException("boom");
                default -> throw AwsServiceError.client("UnknownOperationException", null);
            };
        }
    }

    /** Stands in for S3: answers every non-JSON request with its method and path. */
    private static final class PathServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(200);
            response.getWriter().write(request.getMethod() + " " + request.getRequestURI());
        }
    }

    private EdgeServer edge;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        edge = EdgeServer.start(EdgeConfig.anyFreePort(), new PathServlet());
        edge.register(new EchoService());
    }

    @AfterEach
    void stop() {
        http.close();
        edge.close();
    }

    @Test
    void request_whenTargetMatchesService_isAnsweredWithJsonOfItsVersion() throws Exception {
        HttpResponse<String> response = post("AWSStepFunctions.Echo", "{\"a\":[1,2]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.readTree("{\"operation\":\"Echo\",\"request\":{\"a\":[1,2]}}"));
    }

    @Test
    void request_whenServiceAnswersError_sendsTypeMessageFieldsAndStatus() throws Exception {
        HttpResponse<String> response = post("AWSStepFunctions.Missing", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ExecutionDoesNotExist");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"__type\":\"ExecutionDoesNotExist\",\"resourceName\":\"x\","
                        + "\"message\":\"Execution Does Not Exist: 'x'\"}"));
    }

    @Test
    void request_whenJettyRefusesS3Request_answersS3XmlNeverHtml() throws Exception {
        String answer = raw("PUT /bucket/key HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 200-ok\r\n"
                + "Content-Length: 1\r\n\r\nx");

        // Jetty answers an Expect it cannot meet with 417; S3 answers 400 InvalidRequest.
        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).containsIgnoringCase("Content-Type: application/xml");
        assertThat(answer).contains("<Error><Code>InvalidRequest</Code>").contains("<Resource>/bucket/key</Resource>")
                .contains("<RequestId>").doesNotContainIgnoringCase("<html");
    }

    @Test
    void request_whenJettyRefusesJsonRequest_answersJsonError() throws Exception {
        String answer = raw("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSStepFunctions.Echo\r\n"
                + "Expect: 200-ok\r\nContent-Length: 2\r\n\r\n{}");

        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).containsIgnoringCase("Content-Type: application/x-amz-json-1.1");
        assertThat(answer).endsWith("{\"__type\":\"SerializationException\"}");
    }

    /** Sends a request as written (HttpClient refuses to send an Expect header); returns the whole answer. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), edge.port())) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            // The edge closes the connection after a refusal, as S3 does: read to the end.
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void request_whenServiceBreaks_isInternalFailure500() throws Exception {
        HttpResponse<String> response = post("AWSStepFunctions.Break", "{}");

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("__type").asText()).isEqualTo("InternalFailure");
        assertThat(body.path("message").asText()).contains("boom");
    }

    @Test
    void request_whenNoServiceHasThePrefix_isUnknownOperation() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.ListTables", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.readTree("{\"__type\":\"UnknownOperationException\"}"));
    }

    @Test
    void request_withoutTarget_goesToS3() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(edge.endpoint() + "/bucket/a/b.csv"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("GET /bucket/a/b.csv");
    }

    @Test
    void register_whenPrefixTaken_isRejectedUntilUnregistered() {
        EchoService other = new EchoService();

        assertThatThrownBy(() -> edge.register(other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AWSStepFunctions");
    }

    @Test
    void start_whenPortInUse_failsWithAdvice() {
        assertThatThrownBy(() -> EdgeServer.start(EdgeConfig.onPort(edge.port()), new PathServlet()))
                .isInstanceOf(EdgeStartException.class).hasMessageContaining("--port");
    }

    @Test
    void server_isReachableOnLoopbackOnly() throws Exception {
        assertThat(edge.endpoint().getHost()).isEqualTo("127.0.0.1");
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address).findFirst();
        if (external.isPresent()) {
            assertThatThrownBy(() -> new Socket(external.get(), edge.port()).close()).isInstanceOf(IOException.class);
        }
        try (Socket loopback = new Socket(InetAddress.getLoopbackAddress(), edge.port())) {
            assertThat(loopback.isConnected()).isTrue();
        }
    }

    private HttpResponse<String> post(String target, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(edge.endpoint() + "/"))
                .header("X-Amz-Target", target).header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
