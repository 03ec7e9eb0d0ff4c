package io.athenaworkflow.handlers;

import io.athenaworkflow.testing.LoopbackAws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The build step behind the priming class lists (functions/pom.xml runs it in {@code process-test-classes}, so the
 * lists are in target/classes before the tests and the jar): for each handler it starts a fresh JVM with
 * {@code -Xlog:class+load} that makes the handler's first call ({@link FirstCall}) against a {@link LoopbackAws}
 * endpoint, and writes the classes loaded from the handler's class loading on, in order, to
 * {@code <out>/<Handler>.classes}. Generated, not committed: the list follows every dependency upgrade by itself.
 */
public final class ClassListGenerator {

    private ClassListGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        try (LoopbackAws aws = new LoopbackAws()) {
            for (String handler : FirstCall.PAYLOADS.keySet().stream().sorted().toList()) {
                List<String> classes = record(handler, aws, out);
                Path list = out.resolve(handler.substring(handler.lastIndexOf('.') + 1) + ".classes");
                Files.write(list, classes);
                System.out.println("[priming] " + list.getFileName() + ": " + classes.size() + " classes");
            }
        }
    }

    private static List<String> record(String handler, LoopbackAws aws, Path out) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("class-list");
        Path log = folder.resolve("class-load.log");
        try {
            ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                    FirstCall.class.getName(), handler)
                    .redirectErrorStream(true);
            Map<String, String> env = child.environment();
            env.keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("JAVA_TOOL_OPTIONS"));
            env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "AKIDCLASSLIST0000000");
            env.put("AWS_SECRET_ACCESS_KEY", "class-list-secret");
            Process process = child.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || !output.startsWith("{")) {
                throw new IllegalStateException("The first call of " + handler + " for the priming class list failed: " + output);
            }
            return loadedFrom(handler, Files.readAllLines(log));
        } finally {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        }
    }

    /** Class names from the handler's own load on; hidden classes, proxies and this tool's classes left out. */
    static List<String> loadedFrom(String handler, List<String> logLines) {
        Set<String> names = new LinkedHashSet<>();
        boolean started = false;
        for (String line : logLines) {
            int start = line.indexOf("] ", line.indexOf("[class,load]"));
            int end = line.indexOf(" source: ");
            if (start < 0 || end < 0) {
                continue;
            }
            String name = line.substring(start + 2, end);
            started |= name.equals(handler);
            if (started && loadable(name)) {
                names.add(name);
            }
        }
        return new ArrayList<>(names);
    }

    private static boolean loadable(String name) {
        return !name.contains("$$Lambda") && !name.contains("/0x") && !name.contains("$Proxy")
                && !name.startsWith("jdk.proxy") && !name.startsWith("jdk.internal.reflect.Generated")
                && !name.equals(FirstCall.class.getName()) && !name.startsWith("io.athenaworkflow.testing.");
    }
}
