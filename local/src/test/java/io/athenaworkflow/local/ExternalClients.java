package io.athenaworkflow.local;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the AWS CLI and Python against a local endpoint, the way a user's shell would. A client that is not installed
 * skips its tests on a developer's machine and fails them under {@code CI=true}: CI never passes without them.
 */
public final class ExternalClients {

    /**
     * What a process printed.
     *
     * @param exitCode the process's exit code
     * @param stdout what it printed on standard output
     * @param stderr what it printed on standard error
     */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private ExternalClients() {
    }

    /**
     * Skips the calling test unless {@code available}; under {@code CI=true} fails it instead.
     *
     * @param missing what is not installed and how to install it
     */
    public static void require(boolean available, String missing) {
        if (!available && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(missing + " (required under CI=true)");
        }
        Assumptions.assumeTrue(available, missing);
    }

    public static boolean available(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Result run(URI endpoint, Path workDir, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        // Any credentials work locally; keep the user's own AWS configuration out of the test.
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        env.put("AWS_CONFIG_FILE", workDir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", workDir.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        try {
            Path out = Files.createTempFile(workDir, "out", ".txt");
            Path err = Files.createTempFile(workDir, "err", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    static Result aws(URI endpoint, Path workDir, String... arguments) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString()));
        command.addAll(List.of(arguments));
        Result result = run(endpoint, workDir, command);
        if (result.exitCode() != 0) {
            throw new AssertionError("aws " + String.join(" ", arguments) + " failed (" + result.exitCode() + "): "
                    + result.stderr() + result.stdout());
        }
        return result;
    }
}
