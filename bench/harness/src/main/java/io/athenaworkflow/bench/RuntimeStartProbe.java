package io.athenaworkflow.bench;

import io.athenaworkflow.local.LocalRuntime;
import io.athenaworkflow.local.LocalRuntimeConfig;

import java.nio.file.Path;

/**
 * The child of the runtime start benchmark: {@code RuntimeStartProbe <root> <functions jar>} starts the embedded
 * runtime with the project's template and prints {@code ready <ms LocalRuntime.start took>} once it serves;
 * {@code RuntimeStartProbe --empty} prints {@code ready 0} at once (the same JVM and class path doing nothing: the
 * baseline).
 */
public final class RuntimeStartProbe {

    private RuntimeStartProbe() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--empty")) {
            System.out.println("ready 0");
            System.out.flush();
            return;
        }
        long start = System.nanoTime();
        LocalRuntime runtime = LocalRuntime.start(LocalRuntimeConfig.of(Path.of(args[0]), Path.of(args[1])));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("ready " + millis + " " + runtime.endpoint());
        System.out.flush();
        runtime.close();
        System.exit(0);
    }
}
