package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.ExternalClients;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AWS CLI's stepfunctions commands against the live edge server. */
class AwsCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SfnFixture fx;

    @BeforeEach
    void start() {
        ExternalClients.require(awsCli() != null, "the AWS CLI ('aws') is not installed on this machine");
        fx = SfnFixture.start(new FakeLambda());
    }

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void awsCli_whenCreatingStartingDescribingAndReadingHistory_seesAwsShapedAnswers() throws Exception {
        JsonNode created = cli("create-state-machine", "--name", "cli-machine", "--definition",
                StepFunctionsApiTest.JSONATA, "--role-arn", SfnFixture.ROLE);
        String machineArn = created.get("stateMachineArn").asText();
        JsonNode started = cli("start-execution", "--state-machine-arn", machineArn, "--name", "from-cli",
                "--input", "{\"n\": 7}");
        String executionArn = started.get("executionArn").asText();
        fx.sfn.awaitExecution(executionArn);
        JsonNode described = cli("describe-execution", "--execution-arn", executionArn);
        JsonNode history = cli("get-execution-history", "--execution-arn", executionArn, "--max-items", "3");
        CliResult missing = run("describe-execution", "--execution-arn", executionArn + "-missing");

        assertThat(machineArn).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:cli-machine");
        assertThat(executionArn).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:cli-machine:from-cli");
        assertThat(started.has("startDate")).isTrue();
        assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(described.get("output").asText()).isEqualTo("{\"size\":\"big\",\"n\":14}");
        assertThat(history.get("events")).hasSize(3);
        assertThat(history.get("events").get(0).get("type").asText()).isEqualTo("ExecutionStarted");
        assertThat(history.get("NextToken").asText()).isNotBlank();
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("ExecutionDoesNotExist").contains("Execution Does Not Exist");
    }

    private JsonNode cli(String... arguments) throws Exception {
        CliResult result = run(arguments);
        assertThat(result.exitCode()).as("aws stepfunctions %s failed: %s", arguments[0], result.stderr()).isZero();
        return JSON.readTree(result.stdout());
    }

    private record CliResult(int exitCode, String stdout, String stderr) {
    }

    private CliResult run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(awsCli(), "stepfunctions"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--endpoint-url", fx.aws.endpoint().toString(), "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        env.put("AWS_MAX_ATTEMPTS", "1");
        File stdout = File.createTempFile("aws-cli", ".out");
        File stderr = File.createTempFile("aws-cli", ".err");
        try {
            Process process = builder.redirectOutput(stdout).redirectError(stderr).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", arguments) + " did not finish within 60 s");
            }
            return new CliResult(process.exitValue(),
                    java.nio.file.Files.readString(stdout.toPath(), StandardCharsets.UTF_8),
                    java.nio.file.Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
        } finally {
            stdout.delete();
            stderr.delete();
        }
    }

    /** The {@code aws} executable on the PATH, or null. */
    private static String awsCli() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "aws");
            if (candidate.isFile() && candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }
}
