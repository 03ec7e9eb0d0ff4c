package io.athenaworkflow.tests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.lambda.FunctionSpec;
import io.athenaworkflow.local.lambda.InvocationResult;
import io.athenaworkflow.local.lambda.LambdaSettings;
import io.athenaworkflow.local.lambda.LocalLambda;
import io.athenaworkflow.local.lambda.SdkEndpoint;
import io.athenaworkflow.local.template.DeployedTemplate;
import io.athenaworkflow.local.template.DeploymentConfig;
import io.athenaworkflow.local.template.FunctionDeployment;
import io.athenaworkflow.local.template.TemplateLoader;
import io.athenaworkflow.tests.ExternalTools;
import io.athenaworkflow.tests.ProjectFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code sam build} does with the functions (aws-lambda-builders, workflow java_maven): copy the CodeUri folder
 * alone to a scratch folder, run {@code mvn clean install} there with the {@code mvn} on the PATH (tests included),
 * then {@code mvn dependency:copy-dependencies -DincludeScope=runtime -Dmdep.prependGroupId=true}, and deploy
 * {@code target/classes/*} at the root with {@code target/dependency/*.jar} under {@code lib/}. The four handlers then
 * load from that layout on the local Lambda host, and it is the layout the functions module lays out for the local
 * runtime. Only the local Maven repository differs from {@code sam build}: a scratch one that reads this machine's
 * {@code ~/.m2} as a remote, so the build's {@code install} leaves the shared {@code ~/.m2} untouched.
 */
class SamBuildTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERRORS = "io.athenaworkflow.athena.errors.";

    @TempDir
    static Path work;
    private static Path artifact;
    private static LocalLambda lambda;
    private static DeployedTemplate template;

    @BeforeAll
    static void samBuild() throws IOException, InterruptedException {
        ExternalTools.require("Maven (mvn on the PATH, as sam build needs it)", "mvn", "-v");
        Path scratch = work.resolve("scratch");
        copyTree(ProjectFiles.root().resolve("functions"), scratch, Set.of("target"));
        Path settings = hostRepositorySettings();
        mvn(scratch, settings, "clean", "install");
        mvn(scratch, settings, "dependency:copy-dependencies", "-DincludeScope=runtime", "-Dmdep.prependGroupId=true");
        artifact = work.resolve("artifact");
        copyTree(scratch.resolve("target/classes"), artifact, Set.of());
        copyTree(scratch.resolve("target/dependency"), artifact.resolve("lib"), Set.of());

        // The handlers build their SDK clients at init; these inputs make them call nothing, so no endpoint answers.
        lambda = LocalLambda.start(LambdaSettings.defaults().withSdk(SdkEndpoint.of(URI.create("http://127.0.0.1:9"))));
        template = TemplateLoader.load(ProjectFiles.root().resolve("template.yaml"), DeploymentConfig.defaults()
                .withStackName("wf")
                .withParameters(Map.of("DataBucket", "data", "ResultsBucket", "results", "TriggerBucket", "trigger"))
                .withCode("functions/", artifact));
        for (FunctionDeployment function : template.functions()) {
            lambda.deploy(FunctionSpec.from(function));
        }
    }

    @AfterAll
    static void stop() {
        if (lambda != null) {
            lambda.close();
        }
    }

    @Test
    void samBuildLayout_whenBuiltFromALoneCopy_isTheLayoutTheLocalRuntimeRuns() throws IOException {
        Set<String> built = files(artifact);
        Set<String> local = files(ProjectFiles.functionsArtifact());

        assertThat(built).contains("io/athenaworkflow/handlers/StartQueryHandler.class",
                "lib/com.amazonaws.aws-lambda-java-core-1.4.0.jar");
        assertThat(built).noneMatch(name -> name.startsWith("lib/") && name.contains("junit"));
        assertThat(local).isEqualTo(built);
    }

    @Test
    void startQuery_whenLoadedFromTheSamBuildLayout_validatesItsInput() throws IOException {
        JsonNode error = JSON.readTree(invoke("StartQueryFunction", "{}").payload());

        assertThat(error.path("errorType").asText()).isEqualTo(ERRORS + "InvalidInputException");
        assertThat(error.path("errorMessage").asText()).contains("Field 'sql' is required");
    }

    @Test
    void checkStatus_whenLoadedFromTheSamBuildLayout_validatesItsInput() throws IOException {
        JsonNode error = JSON.readTree(invoke("CheckStatusFunction", "{\"query\": \"not-a-handle\"}").payload());

        assertThat(error.path("errorType").asText()).isEqualTo(ERRORS + "InvalidInputException");
    }

    @Test
    void fetchResults_whenLoadedFromTheSamBuildLayout_validatesItsInput() throws IOException {
        JsonNode error = JSON.readTree(invoke("FetchResultsFunction", "{\"query\": {\"queryExecutionId\": \"q\"}}")
                .payload());

        assertThat(error.path("errorType").asText()).isEqualTo(ERRORS + "InvalidInputException");
        assertThat(error.path("errorMessage").asText()).isEqualTo("Field 'query.startedAt' is required.");
    }

    @Test
    void cleanup_whenLoadedFromTheSamBuildLayout_reportsNothingToCleanUp() throws IOException {
        InvocationResult result = invoke("CleanupFunction", "{\"query\": null}");

        assertThat(result.failed()).as(result.payloadText()).isFalse();
        assertThat(JSON.readTree(result.payload()).path("note").asText())
                .isEqualTo("No query was started; nothing to clean up.");
    }

    private static InvocationResult invoke(String logicalId, String payload) {
        return lambda.invoke(template.function(logicalId).orElseThrow().aliasArn(),
                payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Plain {@code mvn} (not the wrapper) with JAVA_HOME at the JDK running these tests (25). */
    private static void mvn(Path directory, Path settings, String... goals) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-s", settings.toString(),
                "-Dmaven.repo.local=" + work.resolve("repository")));
        command.addAll(List.of(goals));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("mvn.log").toFile());
        String javaHome = System.getProperty("java.home");
        builder.environment().put("JAVA_HOME", javaHome);
        builder.environment().put("PATH", javaHome + File.separator + "bin" + File.pathSeparator
                + System.getenv().getOrDefault("PATH", ""));
        builder.environment().remove("MAVEN_ARGS");
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", goals) + " did not end in 15 minutes");
        }
        assertThat(process.exitValue()).as("mvn %s in a lone copy of functions/:%n%s", String.join(" ", goals),
                Files.readString(work.resolve("mvn.log"))).isZero();
    }

    /** Settings that read this machine's local repository as a remote (misses fall through to Maven Central). */
    private static Path hostRepositorySettings() throws IOException {
        String host = Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString();
        String repository = "<id>host-m2</id><url>" + host + "</url>";
        return Files.writeString(work.resolve("settings.xml"), """
                <settings>
                  <profiles>
                    <profile>
                      <id>host-repository</id>
                      <activation><activeByDefault>true</activeByDefault></activation>
                      <repositories><repository>%s</repository></repositories>
                      <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                </settings>
                """.formatted(repository, repository));
    }

    private static void copyTree(Path from, Path to, Set<String> skippedTopLevel) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.getNameCount() > 0 && skippedTopLevel.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static Set<String> files(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
