package io.athenaworkflow.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One execution environment's class loader: the function's class path only, with the platform class loader as
 * parent, so neither the runtime's libraries (Jackson, the AWS SDK, ...) nor its classes are visible to the
 * function. Counts the classes it defines (the cold-start measure).
 */
final class FunctionClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final AtomicInteger defined = new AtomicInteger();

    FunctionClassLoader(String name, List<Path> classPath) {
        super(name, urls(classPath), ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> type = super.findClass(name);
        defined.incrementAndGet();
        return type;
    }

    /** How many classes this loader has defined so far. */
    int classesDefined() {
        return defined.get();
    }

    private static URL[] urls(List<Path> classPath) {
        URL[] urls = new URL[classPath.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = classPath.get(i).toUri().toURL();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot use " + classPath.get(i) + " as class path", e);
            }
        }
        return urls;
    }
}
