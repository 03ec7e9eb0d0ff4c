package io.athenaworkflow.local.athena.engine.trino;

/**
 * The engine child JVM's main class: what Trino's own {@code io.trino.server.TrinoServer} does (that class ships
 * only in Trino's server tarball, not on Maven Central), plus a watch on the parent process so the engine never
 * outlives the runtime, even when the runtime is killed without running its shutdown hooks.
 *
 * <p>{@code io.trino.server.Server#start(String)} is the entry point of Trino's server main, configured by the
 * {@code -Dconfig} file like a real installation; unlike {@code TestingTrinoServer} it is not a testing API. It is
 * called reflectively because the runtime does not compile against Trino (the engine's jars stay off its class
 * path).
 */
public final class TrinoLauncher {

    /** The system property carrying the runtime's process id. */
    static final String PARENT_PID = "athena.parent.pid";

    private TrinoLauncher() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        String parent = System.getProperty(PARENT_PID);
        if (parent != null) {
            ProcessHandle.of(Long.parseLong(parent)).ifPresentOrElse(TrinoLauncher::haltWhenGone, () -> System.exit(3));
        }
        Object server = Class.forName("io.trino.server.Server").getConstructor().newInstance();
        server.getClass().getMethod("start", String.class).invoke(server, args.length > 0 ? args[0] : "483");
    }

    /** Halts this JVM as soon as {@code parent} has ended. */
    private static void haltWhenGone(ProcessHandle parent) {
        Thread watch = new Thread(() -> {
            parent.onExit().join();
            Runtime.getRuntime().halt(0);
        }, "athena-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
