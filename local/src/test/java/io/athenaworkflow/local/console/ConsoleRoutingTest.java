package io.athenaworkflow.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.athenaworkflow.local.edge.EdgeConfig;
import io.athenaworkflow.local.edge.EdgeServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The edge serves the bundled console to browsers at /console/ and leaves AWS requests for S3. */
class ConsoleRoutingTest {

    /** Stands in for S3: answers with its method and path. */
    private static final class PathServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(200);
            response.getWriter().write("S3 " + request.getMethod() + " " + request.getRequestURI());
        }
    }

    private EdgeServer edge;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        edge = EdgeServer.start(EdgeConfig.anyFreePort(), new PathServlet());
    }

    @AfterEach
    void stop() {
        http.close();
        edge.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(edge.endpoint() + path)).GET();
    }

    @Test
    void get_whenConsoleRoot_servesThePageWithAContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = send(get("/console/"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(ConsoleServlet.CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.body()).contains("<script type=\"module\" src=\"console.js\"></script>")
                .doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void get_whenBundledScript_servesJavaScriptWithoutRemoteReferences() throws Exception {
        HttpResponse<String> script = send(get("/console/console.js"));

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/javascript"));
        assertThat(script.body()).contains("AWSStepFunctions.").doesNotContain("innerHTML").doesNotContain("eval(");
    }

    @Test
    void get_whenConsoleWithoutSlash_redirectsToTheConsole() throws Exception {
        HttpResponse<String> response = send(get("/console"));

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).contains("/console/");
    }

    @Test
    void get_whenUnknownConsoleFile_isNotFoundAndNeverS3() throws Exception {
        HttpResponse<String> response = send(get("/console/../secret.txt"));
        HttpResponse<String> other = send(get("/console/other.js"));

        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).startsWith("No console file other.js");
        assertThat(response.body()).doesNotStartWith("S3 GET /console");
    }

    @Test
    void request_whenSignedOrNotAGet_reachesS3() throws Exception {
        HttpResponse<String> signed = send(get("/console/key.txt").header("Authorization",
                "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0"));
        HttpResponse<String> presigned = send(get("/console/key.txt?X-Amz-Credential=test&X-Amz-Signature=0"));
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(edge.endpoint() + "/console/key.txt"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")));

        assertThat(signed.body()).isEqualTo("S3 GET /console/key.txt");
        assertThat(presigned.body()).isEqualTo("S3 GET /console/key.txt");
        assertThat(put.body()).isEqualTo("S3 PUT /console/key.txt");
    }

    @Test
    void urls_whenExecution_pointAtItsHashRoute() {
        URI endpoint = URI.create("http://127.0.0.1:4566");

        assertThat(ConsoleUrls.home(endpoint)).isEqualTo("http://127.0.0.1:4566/console/");
        assertThat(ConsoleUrls.execution(endpoint, "arn:aws:states:us-east-1:000000000000:execution:m:e"))
                .isEqualTo("http://127.0.0.1:4566/console/#/executions/arn%3Aaws%3Astates%3Aus-east-1%3A000000000000"
                        + "%3Aexecution%3Am%3Ae");
    }
}
