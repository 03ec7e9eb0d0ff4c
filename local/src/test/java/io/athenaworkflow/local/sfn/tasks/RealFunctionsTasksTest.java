package io.athenaworkflow.local.sfn.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.lambda.FunctionSpec;
import io.athenaworkflow.local.lambda.LambdaService;
import io.athenaworkflow.local.lambda.LambdaSettings;
import io.athenaworkflow.local.lambda.LocalLambda;
import io.athenaworkflow.local.lambda.SdkEndpoint;
import io.athenaworkflow.local.sfn.api.SfnFixture;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus;
import io.athenaworkflow.local.template.DeployedTemplate;
import io.athenaworkflow.local.template.DeploymentConfig;
import io.athenaworkflow.local.template.FunctionDeployment;
import io.athenaworkflow.local.template.ProjectRoot;
import io.athenaworkflow.local.template.TemplateLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * lambda:invoke of the product's real StartQuery handler (the functions' sam build package on the local Lambda host, deployed from
 * the real template.yaml), whose SDK reaches the local Athena through the edge server.
 */
class RealFunctionsTasksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<LambdaService> host = new AtomicReference<>();
    private SfnFixture fx;
    private LocalLambda lambda;
    private DeployedTemplate template;

    @BeforeEach
    void start() {
        // The host needs the edge endpoint, which exists once the fixture runs: hand Step Functions a forwarder.
        fx = SfnFixture.start((function, payload) -> host.get().invoke(function, payload));
        fx.aws.s3().createBucket("results");
        lambda = LocalLambda.start(LambdaSettings.defaults().withClock(fx.clock)
                .withSdk(SdkEndpoint.of(fx.aws.endpoint())));
        host.set(lambda);
        template = TemplateLoader.load(ProjectRoot.locate().orElseThrow().resolve("template.yaml"),
                DeploymentConfig.defaults().withStackName("wf")
                        .withParameters(Map.of("DataBucket", "data", "ResultsBucket", "results",
                                "TriggerBucket", "trigger"))
                        .withCode("functions/", functionsArtifact()));
        for (FunctionDeployment function : template.functions()) {
            lambda.deploy(FunctionSpec.from(function));
        }
    }

    @AfterEach
    void stop() {
        if (lambda != null) {
            lambda.close();
        }
        fx.close();
    }

    private static Path functionsArtifact() {
        Path artifact = Path.of(System.getProperty("athena.functions.artifact", "../functions/target/lambda"));
        if (!Files.isDirectory(artifact.resolve("lib"))) {
            throw new IllegalStateException("The functions' deployment package " + artifact.toAbsolutePath()
                    + " is missing: build it with ./mvnw -B -q -f functions/pom.xml package -DskipTests");
        }
        return artifact;
    }

    private String startQuery(String request) {
        return """
                {"QueryLanguage": "JSONata", "StartAt": "StartQuery", "States": {"StartQuery": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke",
                  "Arguments": {"FunctionName": "%s",
                                "Payload": {"request": %s, "executionArn": "{%% $states.context.Execution.Id %%}",
                                            "now": "{%% $states.context.State.EnteredTime %%}"}},
                  "End": true}}}""".formatted(template.function("StartQueryFunction").orElseThrow().aliasArn(),
                request);
    }

    @Test
    void lambdaInvoke_whenRealStartQueryRuns_startsTheQueryOnLocalAthenaAndReturnsItsHandle() throws Exception {
        ExecutionResult result = SfnFixture.await(fx.run(startQuery("{\"sql\": \"SELECT 1\"}"), "{}"));

        assertThat(result.status()).as("%s: %s", result.error(), result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = JSON.readTree(result.output());
        assertThat(out.get("ExecutedVersion").asText()).isEqualTo("1");
        assertThat(out.get("StatusCode").asInt()).isEqualTo(200);
        String queryId = out.at("/Payload/queryExecutionId").asText();
        assertThat(queryId).isNotBlank();
        JsonNode query = fx.aws.athena().handle("GetQueryExecution",
                (ObjectNode) JSON.createObjectNode().put("QueryExecutionId", queryId));
        assertThat(query.at("/QueryExecution/Query").asText()).isEqualTo("SELECT 1");
        assertThat(query.at("/QueryExecution/ResultConfiguration/OutputLocation").asText())
                .startsWith("s3://results/athena-workflow/");
    }

    @Test
    void lambdaInvoke_whenRealHandlerRejectsInput_failsWithItsExceptionNameAndErrorDocument() throws Exception {
        ExecutionResult result = SfnFixture.await(fx.run(startQuery("{}"), "{}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("io.athenaworkflow.athena.errors.InvalidInputException");
        JsonNode document = JSON.readTree(result.cause());
        assertThat(document.get("errorType").asText()).isEqualTo(result.error());
        assertThat(document.get("errorMessage").asText()).contains("'sql'");
        assertThat(document.get("stackTrace").isArray()).isTrue();
    }
}
