package io.athenaworkflow.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.athenaworkflow.local.template.DeployedTemplate;
import io.athenaworkflow.local.template.DeploymentConfig;
import io.athenaworkflow.local.template.FunctionDeployment;
import io.athenaworkflow.local.template.ProjectRoot;
import io.athenaworkflow.local.template.TemplateLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product's four handlers from the real functions' deployment package (the {@code sam build} layout), deployed from the real template.yaml. The network-free
 * cases need no services; one case points the functions' SDK at a recording HTTP stub to prove the endpoint,
 * region, credential and path-style settings reach the SDK inside the function's class loader.
 */
class RealFunctionsJarTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERRORS = "io.athenaworkflow.athena.errors.";

    private HttpServer stub;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private LocalLambda lambda;
    private DeployedTemplate template;

    private record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private String endpointBefore;
    private String accessKeyBefore;

    @BeforeEach
    void start() throws IOException {
        endpointBefore = System.getProperty("aws.endpointUrl");
        accessKeyBefore = System.getProperty("aws.accessKeyId");
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", this::answer);
        stub.start();
        URI endpoint = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
        lambda = LocalLambda.start(LambdaSettings.defaults().withSdk(SdkEndpoint.of(endpoint)));
        Path root = ProjectRoot.locate().orElseThrow();
        template = TemplateLoader.load(root.resolve("template.yaml"), DeploymentConfig.defaults().withStackName("wf")
                .withParameters(Map.of("DataBucket", "data", "ResultsBucket", "results", "TriggerBucket", "trigger"))
                .withCode("functions/", FixtureJars.functionsArtifact()));
        for (FunctionDeployment function : template.functions()) {
            lambda.deploy(FunctionSpec.from(function));
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body);
        requests.add(request);
        byte[] response;
        if ("AmazonAthena.StartQueryExecution".equals(request.header("X-Amz-Target"))) {
            response = "{\"QueryExecutionId\":\"q-123\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        } else if (request.method().equals("GET") && request.path().equals("/trigger/queries/daily.sql")) {
            response = "SELECT 1".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.getResponseHeaders().add("ETag", "\"e1\"");
        } else {
            response = "<Error><Code>NotImplemented</Code></Error>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(501, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, response.length);
        exchange.getResponseBody().write(response);
        exchange.close();
    }

    @AfterEach
    void stop() {
        lambda.close();
        stub.stop(0);
    }

    private String alias(String logicalId) {
        return template.function(logicalId).orElseThrow().aliasArn();
    }

    private InvocationResult invoke(String logicalId, String payload) {
        return lambda.invoke(alias(logicalId), payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void startQuery_whenInputLacksSql_reportsTheNamedInvalidInputError() throws Exception {
        InvocationResult result = invoke("StartQueryFunction", "{}");

        assertThat(result.functionError()).isEqualTo("Unhandled");
        assertThat(result.executedVersion()).isEqualTo("1");
        JsonNode error = JSON.readTree(result.payload());
        assertThat(error.path("errorType").asText()).isEqualTo(ERRORS + "InvalidInputException");
        assertThat(error.path("errorMessage").asText()).contains("Field 'sql' is required");
        assertThat(error.path("stackTrace").get(0).asText()).startsWith("io.athenaworkflow.athena.start.QueryRequest");
        assertThat(requests).as("validation needs no service call").isEmpty();
    }

    @Test
    void checkStatus_whenHandleIsMalformed_reportsInvalidInput() throws Exception {
        JsonNode error = JSON.readTree(invoke("CheckStatusFunction", "{\"query\": \"not-a-handle\"}").payload());

        assertThat(error.path("errorType").asText()).isEqualTo(ERRORS + "InvalidInputException");
        assertThat(error.path("errorMessage").asText()).contains("Field 'query' must be the object StartQuery returned");
    }

    @Test
    void fetchResults_whenHandleLacksStartTime_reportsInvalidInput() throws Exception {
        JsonNode error = JSON.readTree(invoke("FetchResultsFunction", "{\"query\": {\"queryExecutionId\": \"q\"}}").payload());

        assertThat(error.path("errorType").asText()).isEqualTo(ERRORS + "InvalidInputException");
        assertThat(error.path("errorMessage").asText()).isEqualTo("Field 'query.startedAt' is required.");
    }

    @Test
    void cleanup_whenNoQueryWasStarted_returnsANormalReport() throws Exception {
        InvocationResult result = invoke("CleanupFunction", "{\"query\": null}");

        assertThat(result.failed()).as(result.payloadText()).isFalse();
        JsonNode report = JSON.readTree(result.payload());
        assertThat(report.path("queryExecutionId").isNull()).isTrue();
        assertThat(report.path("stopped").asBoolean()).isFalse();
        assertThat(report.path("note").asText()).isEqualTo("No query was started; nothing to clean up.");
    }

    @Test
    void startQuery_whenTriggeredByS3Event_callsS3PathStyleAndAthenaThroughTheConfiguredEndpoint() throws Exception {
        String event = """
                {"version": "0", "id": "e", "detail-type": "Object Created", "source": "aws.s3",
                 "account": "000000000000", "time": "2024-01-01T00:00:00Z", "region": "us-east-1",
                 "resources": ["arn:aws:s3:::trigger"],
                 "detail": {"version": "0", "bucket": {"name": "trigger"},
                            "object": {"key": "queries/daily.sql", "size": 8, "etag": "e1", "sequencer": "1"},
                            "request-id": "r", "requester": "000000000000", "source-ip-address": "127.0.0.1",
                            "reason": "PutObject"}}""";
        String payload = "{\"request\": " + event + ", \"executionArn\": "
                + "\"arn:aws:states:us-east-1:000000000000:execution:wf-athena-query:run-1\", \"now\": \"2024-01-01T00:00:00Z\"}";

        InvocationResult result = invoke("StartQueryFunction", payload);

        assertThat(result.failed()).as(result.payloadText()).isFalse();
        JsonNode handle = JSON.readTree(result.payload());
        assertThat(handle.path("queryExecutionId").asText()).isEqualTo("q-123");
        assertThat(handle.path("workgroup").asText()).isEqualTo("primary");
        assertThat(handle.path("resultsLocation").asText()).isEqualTo("s3://results/athena-workflow/");

        Recorded getObject = requests.stream().filter(r -> r.method().equals("GET")).findFirst().orElseThrow();
        assertThat(getObject.path()).as("an IP endpoint makes the S3 client use path-style").isEqualTo("/trigger/queries/daily.sql");
        assertThat(getObject.header("Authorization")).contains("Credential=test/").contains("/us-east-1/s3/aws4_request");
        assertThat(getObject.header("x-amz-expected-bucket-owner")).isEqualTo("000000000000");

        Recorded start = requests.stream().filter(r -> "AmazonAthena.StartQueryExecution".equals(r.header("X-Amz-Target")))
                .findFirst().orElseThrow();
        assertThat(start.header("Authorization")).contains("/us-east-1/athena/aws4_request");
        JsonNode request = JSON.readTree(start.body());
        assertThat(request.path("QueryString").asText()).isEqualTo("SELECT 1");
        assertThat(request.path("WorkGroup").asText()).isEqualTo("primary");
        assertThat(request.path("QueryExecutionContext").path("Database").asText()).isEqualTo("default");
        assertThat(request.path("ResultConfiguration").path("OutputLocation").asText()).isEqualTo("s3://results/athena-workflow/");
        assertThat(request.path("ClientRequestToken").asText()).isNotBlank();
    }

    @Test
    void sdkSettings_whenAnotherHostWantsOthers_areRefusedAndRestoredOnClose() {
        String endpoint = System.getProperty("aws.endpointUrl");
        assertThat(endpoint).isEqualTo("http://127.0.0.1:" + stub.getAddress().getPort());
        assertThat(System.getProperty("aws.region")).isEqualTo("us-east-1");

        SdkEndpoint other = SdkEndpoint.of(URI.create("http://127.0.0.1:1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalLambda.start(LambdaSettings.defaults().withSdk(other)))
                .isInstanceOf(SdkSettingsConflictException.class)
                .hasMessageContaining(endpoint);
        try (LocalLambda same = LocalLambda.start(LambdaSettings.defaults().withSdk(SdkEndpoint.of(URI.create(endpoint))))) {
            assertThat(same.functions()).isEmpty();
        }
        assertThat(System.getProperty("aws.endpointUrl")).as("still claimed by the first host").isEqualTo(endpoint);

        lambda.close();
        assertThat(System.getProperty("aws.endpointUrl")).as("restored").isEqualTo(endpointBefore);
        assertThat(System.getProperty("aws.accessKeyId")).as("restored").isEqualTo(accessKeyBefore);
    }
}
