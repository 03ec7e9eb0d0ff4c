package io.athenaworkflow.bench.driver;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cold-call child: {@code java -cp <handler jars>:bench-driver.jar ColdCallDriver [--prime] <handler class>
 * <payload file> [<payload file>...]}. Creates the handler the way the Lambda runtime does (public no-arg
 * constructor); with {@code --prime} runs its SnapStart hooks ({@code beforeCheckpoint}, {@code afterRestore} of
 * {@code org.crac.Resource}, called reflectively as the local Lambda host does) as a snapshot and restore would; then
 * calls it once per payload. The first response is the first line of stdout (the parent stops its clock when it reads
 * it); then {@code #timing <epoch ms at main> <init ns> <first call ns> <priming ns>}, and for every later payload
 * {@code #call <ns> <response>}. A handler error is printed to stderr and the exit code is 1.
 */
public final class ColdCallDriver {

    private ColdCallDriver() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        long start = System.nanoTime();
        List<String> rest = new ArrayList<>(List.of(args));
        boolean prime = rest.remove("--prime");
        if (rest.size() < 2) {
            System.err.println("usage: ColdCallDriver [--prime] <handler class> <payload file> [<payload file>...]");
            System.exit(2);
        }
        List<byte[]> payloads = new ArrayList<>();
        for (String file : rest.subList(1, rest.size())) {
            payloads.add(Files.readAllBytes(Path.of(file)));
        }
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(rest.getFirst()).getConstructor().newInstance();
        long created = System.nanoTime();
        if (prime) {
            checkpointAndRestore(handler);
        }
        long primed = System.nanoTime();
        PrintStream out = System.out;
        byte[] first = call(handler, payloads.getFirst());
        long answered = System.nanoTime();
        out.write(first);
        out.println();
        out.println("#timing " + mainAt + " " + (created - start) + " " + (answered - primed) + " " + (primed - created));
        for (byte[] payload : payloads.subList(1, payloads.size())) {
            long before = System.nanoTime();
            byte[] response = call(handler, payload);
            long after = System.nanoTime();
            out.println("#call " + (after - before) + " " + new String(response, StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private static byte[] call(RequestStreamHandler handler, byte[] payload) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload), response, null);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        return response.toByteArray();
    }

    private static void checkpointAndRestore(Object handler) throws ReflectiveOperationException {
        Class<?> resource = Class.forName("org.crac.Resource", false, handler.getClass().getClassLoader());
        if (!resource.isInstance(handler)) {
            throw new IllegalArgumentException(handler.getClass().getName() + " has no SnapStart hooks to prime with");
        }
        Class<?> context = Class.forName("org.crac.Context", false, handler.getClass().getClassLoader());
        Object global = Class.forName("org.crac.Core", true, handler.getClass().getClassLoader())
                .getMethod("getGlobalContext").invoke(null);
        try {
            resource.getMethod("beforeCheckpoint", context).invoke(handler, global);
            resource.getMethod("afterRestore", context).invoke(handler, global);
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
            System.exit(1);
        }
    }
}
