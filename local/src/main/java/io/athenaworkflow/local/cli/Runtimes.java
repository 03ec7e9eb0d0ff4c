package io.athenaworkflow.local.cli;

import io.athenaworkflow.local.LocalAwsConfig;
import io.athenaworkflow.local.LocalRuntime;
import io.athenaworkflow.local.LocalRuntimeConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Starts the embedded runtime with the project's template and functions' deployment package, as the commands configure it. */
final class Runtimes {

    private Runtimes() {
    }

    /**
     * @param port the edge port (0: any free port)
     * @param dataDir where S3 objects and the catalog persist, or null for a transient store
     * @param parameters template parameter overrides
     * @param trinoUrl the existing Trino server to run Athena's statements on, or null for the runtime's own engine
     */
    static LocalRuntime start(int port, Path dataDir, Map<String, String> parameters, URI trinoUrl) {
        ProjectLocation project = ProjectLocation.locate();
        LocalAwsConfig aws = dataDir == null ? LocalAwsConfig.transientOnAnyPort().withPort(port)
                : LocalAwsConfig.persistent(dataDir.toAbsolutePath()).withPort(port);
        LocalRuntimeConfig config = LocalRuntimeConfig.of(project.projectRoot(), project.functionsArtifact())
                .withAws(aws).withTrinoUrl(trinoUrl);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            config = config.withParameter(parameter.getKey(), parameter.getValue());
        }
        return LocalRuntime.start(config);
    }

    /**
     * A runtime that is closed when the session is, or when the JVM exits first (Ctrl-C, SIGTERM), so a transient
     * store never outlives the command.
     */
    static final class Session implements AutoCloseable {

        private final LocalRuntime runtime;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final Thread hook;

        Session(LocalRuntime runtime) {
            this.runtime = runtime;
            this.hook = new Thread(this::closeRuntime, "athena-local-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        LocalRuntime runtime() {
            return runtime;
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook closes the runtime.
            }
            closeRuntime();
        }

        private void closeRuntime() {
            if (closed.compareAndSet(false, true)) {
                runtime.close();
            }
        }
    }

    /** {@link #start} in a {@link Session}. */
    static Session session(int port, Path dataDir, Map<String, String> parameters, URI trinoUrl) {
        return new Session(start(port, dataDir, parameters, trinoUrl));
    }
}
