package io.athenaworkflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * {@code ./athena-local up --port P} as a user starts it: the runtime's own JVM (the script execs {@code java}, so
 * the process is the runtime), which starts the Trino engine as its child in the background. Timed from the spawn
 * to the moment P accepts a connection, and to the banner (the runtime started: template deployed, buckets there).
 */
final class LocalUp implements AutoCloseable {

    /** The first line {@code up} prints once the runtime has started. */
    static final String BANNER = "athena-local is up";
    static final String ENGINE_MAIN = "io.athenaworkflow.local.athena.engine.trino.TrinoLauncher";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    final Process process;
    final int port;
    final long spawnedAt;
    final double secondsToPort;
    final double secondsToReady;
    private final Path stderr;

    private LocalUp(Process process, int port, long spawnedAt, double secondsToPort, double secondsToReady,
                    Path stderr) {
        this.process = process;
        this.port = port;
        this.spawnedAt = spawnedAt;
        this.secondsToPort = secondsToPort;
        this.secondsToReady = secondsToReady;
        this.stderr = stderr;
    }

    /** Starts {@code ./athena-local up} on a free port and waits until the port accepts a connection. */
    static LocalUp start(BenchPaths paths, String name) {
        int port = freePort();
        Path stderr = paths.work().resolve(name + ".err");
        Path stdout = paths.work().resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(paths.root().resolve("athena-local").toString(), "up", "--port",
                Integer.toString(port))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            long deadline = start + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("athena-local up exited " + process.exitValue() + ": "
                            + ChildProcess.tail(stderr));
                }
                if (portOpen(port)) {
                    double toPort = (System.nanoTime() - start) / 1e9;
                    double toReady = awaitBanner(process, stdout, stderr, deadline, start);
                    return new LocalUp(process, port, start, toPort, toReady, stderr);
                }
                BenchRuntime.pause(5);
            }
            throw new IllegalStateException("athena-local up did not listen on " + port + " within 3 minutes");
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Waits for the banner ({@value #BANNER}) that {@code up} prints once the runtime has started (port open,
     * template deployed, buckets created); the port opens earlier. Seconds from {@code start} (nanoTime).
     */
    private static double awaitBanner(Process process, Path stdout, Path stderr, long deadline, long start) {
        while (System.nanoTime() < deadline) {
            try {
                if (Files.readString(stdout).contains(BANNER)) {
                    return (System.nanoTime() - start) / 1e9;
                }
            } catch (IOException notYet) {
                // The file is created by the spawn; read it again.
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("athena-local up exited " + process.exitValue() + ": "
                        + ChildProcess.tail(stderr));
            }
            BenchRuntime.pause(5);
        }
        throw new IllegalStateException("athena-local up printed no banner within 3 minutes");
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Seconds from the spawn to now. */
    double secondsSinceSpawn() {
        return (System.nanoTime() - spawnedAt) / 1e9;
    }

    /** The runtime's engine child JVM (found by its main class among the runtime's descendants). */
    ProcessHandle engine() {
        return process.descendants().filter(p -> commandLine(p.pid()).contains(ENGINE_MAIN)).findFirst()
                .orElseThrow(() -> new IllegalStateException("athena-local up (pid " + process.pid()
                        + ") has no engine child process running " + ENGINE_MAIN + "; its stderr:\n"
                        + ChildProcess.tail(stderr)));
    }

    /** The engine's HTTP endpoint: the port in the {@code -Dconfig} file the runtime wrote for it. */
    URI engineUri() {
        String config = commandLine(engine().pid()).stream().filter(a -> a.startsWith("-Dconfig=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("The engine's command line has no -Dconfig="))
                .substring("-Dconfig=".length());
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(Path.of(config))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return URI.create("http://127.0.0.1:" + properties.getProperty("http-server.http.port"));
    }

    /** A process's peak resident set size so far ({@code VmHWM} of {@code /proc/<pid>/status}), in bytes. */
    static long peakResidentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("/proc/" + pid + "/status has no VmHWM line");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the memory of process " + pid + " (Linux /proc needed)", e);
        }
    }

    private static List<String> commandLine(long pid) {
        try {
            byte[] bytes = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            return List.of(new String(bytes, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of(); // the process has ended
        }
    }

    @Override
    public void close() {
        stop(process);
    }

    /** SIGTERM (the runtime closes itself and its engine through its shutdown hook), then waits for the exit. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
