package io.athenaworkflow.priming;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The classes a handler's first call loads, recorded at build time ({@code -Xlog:class+load} of a real first call
 * against a loopback endpoint, see {@code ClassListGenerator} in the functions module's tests) and shipped in the jar as
 * {@code META-INF/athena-workflow/priming/<Handler>.classes}, one binary name a line, in load order. Loading and
 * initialising them before the snapshot, as Powertools for AWS Lambda (Java) does with its class list, moves the
 * class loading of the first call (HTTP client, response unmarshallers, the JDK's networking) out of the first
 * invocation.
 */
public final class ClassList {

    static final String FOLDER = "META-INF/athena-workflow/priming/";

    /**
     * What {@link #load} did.
     *
     * @param listed the names in the list (0 when the jar has no list for the handler)
     * @param loaded the classes loaded and initialised
     */
    public record Result(int listed, int loaded) {
    }

    private ClassList() {
    }

    /** The resource name of {@code handler}'s list. */
    public static String resource(Class<?> handler) {
        return FOLDER + handler.getSimpleName() + ".classes";
    }

    /**
     * Loads and initialises every class on {@code handler}'s list in its class loader. A name that is missing or whose
     * initialiser fails here is skipped: the list comes from one JVM and class path, and priming must not fail a
     * snapshot over a class the first call merely happened to load there.
     */
    public static Result load(Class<?> handler) {
        ClassLoader loader = handler.getClassLoader();
        InputStream in = loader.getResourceAsStream(resource(handler));
        if (in == null) {
            return new Result(0, 0);
        }
        int listed = 0;
        int loaded = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                listed++;
                try {
                    Class.forName(name, true, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError | RuntimeException skipped) {
                    // See the method comment: skipped on purpose.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the priming class list " + resource(handler) + " failed", e);
        }
        return new Result(listed, loaded);
    }
}
