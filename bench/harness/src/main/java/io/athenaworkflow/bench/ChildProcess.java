package io.athenaworkflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a child process and times it from just before {@link ProcessBuilder#start()} to the moment its first stdout
 * line that {@code isAnswer} accepts is read (the "first response"); the rest of stdout is kept, stderr goes to a file.
 */
final class ChildProcess {

    /** The longest any child may take: a hung child fails the benchmark instead of stalling it. */
    private static final long TIMEOUT_SECONDS = 180;

    /**
     * @param seconds spawn to the answer line
     * @param answer the answer line
     * @param rest the stdout lines after it
     * @param spawnedAtEpochMillis the wall-clock time of the spawn (to compare with times the child reports)
     */
    record Result(double seconds, String answer, List<String> rest, long spawnedAtEpochMillis) {
    }

    private ChildProcess() {
    }

    /** Runs {@code command} with exactly {@code environment}; fails with stderr's tail when it exits non-zero. */
    static Result run(List<String> command, Map<String, String> environment, Path stderr, Predicate<String> isAnswer) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        long spawnedAt = System.currentTimeMillis();
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command.getFirst(), e);
        }
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String answer = null;
            double seconds = 0;
            List<String> rest = new ArrayList<>();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (answer == null && isAnswer.test(line)) {
                    seconds = (System.nanoTime() - start) / 1e9;
                    answer = line;
                } else if (answer != null) {
                    rest.add(line);
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0 || answer == null) {
                throw new IllegalStateException("The child " + String.join(" ", command) + " exited "
                        + process.exitValue() + (answer == null ? " without an answer" : "") + "; stderr:\n" + tail(stderr));
            }
            return new Result(seconds, answer, rest, spawnedAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while waiting for " + command.getFirst(), e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }
}
