package io.athenaworkflow.tests;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * AWS's own tools (cfn-lint, the SAM translator) run as a user's shell runs them. A tool that is not installed skips
 * the test on a developer's machine, and fails it under {@code CI=true}: CI must never pass without having run them.
 */
public final class ExternalTools {

    /**
     * What a process printed.
     *
     * @param exitCode the exit code
     * @param stdout standard output
     * @param stderr standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private ExternalTools() {
    }

    /** True when the build runs in CI ({@code CI=true}), where a missing tool is an error. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skips the calling test (or fails it under {@code CI=true}) unless {@code probe} runs and exits with 0.
     *
     * @param tool what is missing, and how to install it, for the message
     */
    public static void require(String tool, String... probe) {
        boolean available;
        try {
            available = run(Path.of("."), List.of(probe)).exitCode() == 0;
        } catch (IllegalStateException e) {
            available = false;
        }
        if (!available && inCi()) {
            throw new AssertionError(tool + " is required under CI=true but `" + String.join(" ", probe) + "` failed");
        }
        Assumptions.assumeTrue(available, tool + " is not installed on this machine");
    }

    /**
     * Runs {@code command} in {@code workDir} and waits (at most 5 minutes) for it to end.
     *
     * @throws IllegalStateException when the command cannot start or does not end in time
     */
    public static Result run(Path workDir, List<String> command) {
        try {
            Path out = Files.createTempFile("tool", ".out");
            Path err = Files.createTempFile("tool", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("`" + String.join(" ", command) + "` did not end in 5 minutes");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run `" + String.join(" ", command) + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running `" + String.join(" ", command) + "`", e);
        }
    }
}
