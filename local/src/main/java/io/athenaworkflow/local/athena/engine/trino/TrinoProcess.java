package io.athenaworkflow.local.athena.engine.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Trino 483 as a child JVM: Trino's own server main ({@link TrinoLauncher}) over a generated {@code etc/} folder,
 * listening on 127.0.0.1 only. Catalogs are created at run time ({@code catalog.management=dynamic}), one per
 * local Athena, so one engine serves every runtime of a JVM (each test's runtime has its own S3 port).
 *
 * <p>Why a child JVM: Trino replaces System.out/err and the root JUL handler, sizes its memory pools from -Xmx,
 * starts about 300 threads and brings Jetty, AWS SDK and okhttp versions that differ from the runtime's; in its own
 * process it needs no class-loader isolation and its memory is its own. Start-up takes 6-8 s of CPU, so it runs in
 * the background and callers wait in {@link #uri()} only if it is not ready yet.
 */
public final class TrinoProcess implements TrinoServer, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TrinoProcess.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static TrinoProcess shared;

    private final Path workDir;
    private final Process process;
    private final URI uri;
    private final CompletableFuture<URI> ready;
    private final CatalogNames catalogNames = new CatalogNames();

    private TrinoProcess(Path workDir, Process process, URI uri) {
        this.workDir = workDir;
        this.process = process;
        this.uri = uri;
        this.ready = CompletableFuture.supplyAsync(this::awaitReady);
    }

    /**
     * The engine of this JVM, started on first use (in the background) and stopped when the JVM exits. Every
     * runtime in the JVM shares it.
     */
    public static synchronized TrinoProcess shared() {
        if (shared == null || !shared.process.isAlive()) {
            TrinoProcess started = start(TrinoEngineSettings.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "athena-trino-stop"));
            shared = started;
        }
        return shared;
    }

    /** Starts an engine with {@code settings}; returns at once (see {@link #uri()}). */
    public static TrinoProcess start(TrinoEngineSettings settings) {
        return start(settings, Map.of());
    }

    /**
     * Starts a Trino server whose {@code config.properties} is the single-node engine's with {@code overrides}
     * applied (a {@code null} value removes a key). {@code ${port}} in a value is this server's HTTP port. This is
     * how a test starts the nodes of a cluster (a coordinator that schedules only, workers that discover it) with
     * the same launcher and loopback binding as the runtime's own engine.
     */
    static TrinoProcess start(TrinoEngineSettings settings, Map<String, String> overrides) {
        try {
            Path workDir = Files.createTempDirectory("athena-local-trino");
            int port = freePort();
            writeConfig(workDir, settings, port, overrides);
            Path log = workDir.resolve("trino.log");
            ProcessBuilder builder = new ProcessBuilder(command(settings, workDir))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Process process = builder.start();
            LOG.log(System.Logger.Level.DEBUG, "Trino engine starting on port " + port + ", log " + log);
            return new TrinoProcess(workDir, process, URI.create("http://127.0.0.1:" + port));
        } catch (IOException e) {
            throw new TrinoStartException("Cannot start the Trino engine: " + e.getMessage(), e);
        }
    }

    /** The engine's HTTP endpoint, once it accepts queries; waits for the start-up if it is still running. */
    @Override
    public URI uri() {
        try {
            return ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrinoStartException("Interrupted while waiting for the Trino engine to start", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TrinoStartException start ? start
                    : new TrinoStartException("The Trino engine did not start: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new TrinoStartException("The Trino engine did not start within " + START_TIMEOUT.toSeconds()
                    + " s; its log: " + workDir.resolve("trino.log"), e);
        }
    }

    @Override
    public String claimCatalogName() {
        return catalogNames.claim();
    }

    @Override
    public void releaseCatalogName(String name) {
        catalogNames.release(name);
    }

    /** The engine's log file (Trino's console output). */
    public Path log() {
        return workDir.resolve("trino.log");
    }

    private URI awaitReady() {
        HttpRequest info = HttpRequest.newBuilder(uri.resolve("/v1/info")).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new TrinoStartException("The Trino engine exited with status " + process.exitValue()
                            + " while starting; its log: " + log() + "\n" + tail(log()));
                }
                try {
                    HttpResponse<String> response = http.send(info, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().contains("\"starting\":false")) {
                        return uri;
                    }
                } catch (IOException notYetListening) {
                    // The HTTP server opens late in the start-up.
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrinoStartException("Interrupted while waiting for the Trino engine to start", e);
        }
        throw new TrinoStartException("The Trino engine did not start within " + START_TIMEOUT.toSeconds()
                + " s; its log: " + log());
    }

    private static List<String> command(TrinoEngineSettings settings, Path workDir) {
        List<String> command = new ArrayList<>();
        command.add(settings.java().toString());
        command.add("-Xmx" + settings.maxHeap());
        command.add("-XX:+ExitOnOutOfMemoryError");
        // Trino's vectorized code paths; without it: NoClassDefFoundError jdk/incubator/vector/VectorShape.
        command.add("--add-modules=jdk.incubator.vector");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.add("-Djdk.attach.allowAttachSelf=true");
        command.add("-Dconfig=" + workDir.resolve("etc/config.properties"));
        command.add("-D" + TrinoLauncher.PARENT_PID + "=" + ProcessHandle.current().pid());
        command.addAll(settings.jvmOptions());
        command.add("-cp");
        command.add(launcherClassPath() + java.io.File.pathSeparator + settings.home().resolve("lib") + "/*");
        command.add(TrinoLauncher.class.getName());
        command.add("483");
        return command;
    }

    /** Where {@link TrinoLauncher} is: the runtime's jar or classes folder (nothing else of it is loaded). */
    private static String launcherClassPath() {
        try {
            return Path.of(TrinoLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new TrinoStartException("Cannot locate the runtime's classes: " + e.getMessage(), e);
        }
    }

    private static void writeConfig(Path workDir, TrinoEngineSettings settings, int port,
                                    Map<String, String> overrides) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("coordinator", "true");
        config.put("node-scheduler.include-coordinator", "true");
        config.put("node.environment", "athena_local");
        config.put("node.id", "athena-local");
        // Loopback only: bind and advertise 127.0.0.1.
        config.put("node.bind-ip", "127.0.0.1");
        config.put("node.internal-address", "127.0.0.1");
        config.put("http-server.http.port", "${port}");
        config.put("http-server.log.enabled", "false");
        config.put("discovery.uri", "http://127.0.0.1:${port}");
        // A client (the runtime) that stops polling abandons its query after this long.
        config.put("query.client.timeout", "10m");
        config.put("node-scheduler.min-candidates", "1");
        // Each local Athena creates its own catalog (its S3 endpoint and metastore folder) at run time.
        config.put("catalog.management", "dynamic");
        config.put("catalog.store", "memory");
        config.put("plugin.dir", settings.home().resolve("plugin").toString());
        overrides.forEach((key, value) -> {
            if (value == null) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
        });
        StringBuilder properties = new StringBuilder();
        config.forEach((key, value) -> properties.append(key).append('=')
                .append(value.replace("${port}", Integer.toString(port))).append('\n'));
        Path etc = Files.createDirectories(workDir.resolve("etc"));
        Files.writeString(etc.resolve("config.properties"), properties);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the engine (its catalogs live in memory; the metastores stay in their runtimes' folders). */
    @Override
    public void close() {
        stop(STOP_GRACE);
    }

    /**
     * Stops the engine like {@link #close()}, but lets it take up to {@code grace} to exit on its own before it is
     * killed: a JVM that writes a JDK AOT cache at exit ({@code -XX:AOTCacheOutput}) can need a minute on a busy
     * machine.
     */
    public void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        ready.cancel(true);
        deleteRecursively(workDir);
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Cannot delete the engine's folder " + dir + ": " + e);
        }
    }
}
