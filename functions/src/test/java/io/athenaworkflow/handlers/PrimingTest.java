package io.athenaworkflow.handlers;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.athenaworkflow.priming.ClassList;
import io.athenaworkflow.testing.LoopbackAws;
import org.crac.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SnapStart priming ({@code beforeCheckpoint}) through the handlers' public constructors, as Lambda creates them:
 * it sends nothing over the network, resolves no credentials, and leaves every handler's output unchanged.
 */
class PrimingTest {

    private static final List<String> SDK_PROPERTIES = List.of("aws.endpointUrl", "aws.region", "aws.accessKeyId",
            "aws.secretAccessKey", "aws.sharedCredentialsFile", "aws.configFile", "aws.disableEc2Metadata");

    private final Map<String, String> originalEnvironment = FunctionEnvironment.variables();
    private final Map<String, String> originalProperties = new HashMap<>();

    @BeforeEach
    void isolateTheSdk() {
        SDK_PROPERTIES.forEach(name -> originalProperties.put(name, System.getProperty(name)));
        // A deployment's settings as template.yaml sets them, unrelated to the dry run's sample query.
        FunctionEnvironment.install(Map.of("AWS_REGION", "us-east-1", "ATHENA_WORKGROUP", "analytics",
                "ATHENA_DATABASE", "sales", "ATHENA_OUTPUT_LOCATION", "s3://results-bucket/athena-workflow/",
                "ATHENA_KMS_KEY", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "EXPECTED_BUCKET_OWNER", "111122223333", "CLEANUP_MODE", "ON_SUCCESS", "QUERY_TIMEOUT_SECONDS", "900",
                "MAX_INLINE_ROWS", "100"));
        // No credentials anywhere the default chain looks first, and no instance metadata lookups.
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.setProperty("aws.sharedCredentialsFile", "/nonexistent/athena-workflow/credentials");
        System.setProperty("aws.configFile", "/nonexistent/athena-workflow/config");
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    @AfterEach
    void restore() {
        FunctionEnvironment.install(originalEnvironment);
        originalProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    private static RequestStreamHandler create(String simpleName) throws ReflectiveOperationException {
        return (RequestStreamHandler) Class.forName("io.athenaworkflow.handlers." + simpleName).getConstructor().newInstance();
    }

    private static String payload(String simpleName) {
        return FirstCall.PAYLOADS.get("io.athenaworkflow.handlers." + simpleName);
    }

    private static String call(RequestStreamHandler handler, String payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"StartQueryHandler", "CheckStatusHandler", "FetchResultsHandler", "CleanupHandler"})
    void beforeCheckpoint_whenEndpointIsARecordingSocket_opensNoConnection(String handlerName) throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket ignored = socket.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            System.setProperty("aws.endpointUrl", "http://127.0.0.1:" + socket.getLocalPort());
            System.setProperty("aws.accessKeyId", "AKIDPRIMINGTEST00000");
            System.setProperty("aws.secretAccessKey", "secret");
            RequestStreamHandler handler = create(handlerName);

            ((Resource) handler).beforeCheckpoint(null);
            ((Resource) handler).afterRestore(null);
            int duringPriming = connections.get();
            // The control: a real call with the same set-up does reach the socket (which hangs up on it).
            assertThatThrownBy(() -> call(handler, payload(handlerName))).isInstanceOf(RuntimeException.class);
            socket.close();
            acceptor.join();

            assertThat(duringPriming).isZero();
            assertThat(connections.get()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"StartQueryHandler", "CheckStatusHandler", "FetchResultsHandler", "CleanupHandler"})
    void beforeCheckpoint_whenNoCredentialsExist_primesAndTheFirstCallSignsWithTheCredentialsFoundAfterRestore(
            String handlerName) throws Exception {
        try (LoopbackAws aws = new LoopbackAws()) {
            System.setProperty("aws.endpointUrl", aws.endpoint().toString());
            RequestStreamHandler handler = create(handlerName);

            ((Resource) handler).beforeCheckpoint(null);
            System.setProperty("aws.accessKeyId", "AKIDAFTERRESTORE0000");
            System.setProperty("aws.secretAccessKey", "secret");
            ((Resource) handler).afterRestore(null);
            call(handler, payload(handlerName));

            assertThat(aws.requests()).isNotEmpty()
                    .allSatisfy(request -> assertThat(request.authorization()).contains("Credential=AKIDAFTERRESTORE0000/"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"StartQueryHandler", "CheckStatusHandler", "FetchResultsHandler", "CleanupHandler"})
    void beforeCheckpoint_whenPrimed_leavesTheOutputAndTheRequestsOfTheNextCallUnchanged(String handlerName) throws Exception {
        try (LoopbackAws unprimedAws = new LoopbackAws(); LoopbackAws primedAws = new LoopbackAws()) {
            System.setProperty("aws.accessKeyId", "AKIDPRIMINGTEST00000");
            System.setProperty("aws.secretAccessKey", "secret");
            System.setProperty("aws.endpointUrl", unprimedAws.endpoint().toString());
            String unprimed = call(create(handlerName), payload(handlerName));
            System.setProperty("aws.endpointUrl", primedAws.endpoint().toString());
            RequestStreamHandler primed = create(handlerName);
            ((Resource) primed).beforeCheckpoint(null);
            ((Resource) primed).afterRestore(null);

            String afterPriming = call(primed, payload(handlerName));

            assertThat(afterPriming).isEqualTo(unprimed).startsWith("{");
            assertThat(primedAws.requests()).map(r -> r.method() + " " + r.path() + " " + r.target())
                    .isEqualTo(unprimedAws.requests().stream().map(r -> r.method() + " " + r.path() + " " + r.target()).toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"StartQueryHandler", "CheckStatusHandler", "FetchResultsHandler", "CleanupHandler"})
    void classList_whenBuilt_holdsTheHandlerTheSdkAndTheHttpClientOfARealFirstCallAndLoads(String handlerName)
            throws Exception {
        Class<?> handler = Class.forName("io.athenaworkflow.handlers." + handlerName);
        List<String> names;
        try (var in = handler.getClassLoader().getResourceAsStream(ClassList.resource(handler))) {
            assertThat(in).as("the build generates " + ClassList.resource(handler)).isNotNull();
            names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }

        ClassList.Result result = ClassList.load(handler);

        assertThat(names.getFirst()).isEqualTo(handler.getName());
        assertThat(names).filteredOn(name -> name.startsWith("io.athenaworkflow.handlers.") && name.endsWith("Handler"))
                .containsExactly(handler.getName());
        assertThat(names).contains("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
                "sun.net.www.protocol.http.HttpURLConnection", "io.athenaworkflow.handlers.Json");
        assertThat(result.listed()).isEqualTo(names.size());
        assertThat(result.loaded()).isGreaterThan(names.size() * 9 / 10);
    }
}
