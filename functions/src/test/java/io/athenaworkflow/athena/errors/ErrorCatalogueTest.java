package io.athenaworkflow.athena.errors;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error catalogue is what the state machine's Retry and Catch match: each class must be a final
 * {@link AthenaWorkflowException} whose error name is the fully qualified class name, because that is what the
 * Lambda Java runtime reports as {@code errorType} and Step Functions as the error.
 */
class ErrorCatalogueTest {

    private static final String PACKAGE = "io.athenaworkflow.athena.errors";

    @Test
    void everyExceptionClass_inTheErrorsPackage_isAFinalPermittedSubclassOfTheBase() throws Exception {
        List<Class<?>> exceptions = exceptionClasses();

        assertThat(exceptions).hasSizeGreaterThanOrEqualTo(13);
        Set<Class<?>> permitted = Set.of(AthenaWorkflowException.class.getPermittedSubclasses());
        for (Class<?> type : exceptions) {
            assertThat(Modifier.isFinal(type.getModifiers())).as(type + " is final").isTrue();
            assertThat(type.getSuperclass()).as(type + " extends the base").isEqualTo(AthenaWorkflowException.class);
            assertThat(permitted).as("permitted subclasses").contains(type);
        }
        assertThat(permitted).containsExactlyInAnyOrderElementsOf(exceptions);
    }

    @Test
    void base_isAnAbstractSealedUncheckedException() {
        assertThat(Modifier.isAbstract(AthenaWorkflowException.class.getModifiers())).isTrue();
        assertThat(AthenaWorkflowException.class.isSealed()).isTrue();
        assertThat(RuntimeException.class).isAssignableFrom(AthenaWorkflowException.class);
    }

    @Test
    void errorName_forEveryException_isTheFullyQualifiedClassName() throws Exception {
        for (Class<?> type : exceptionClasses()) {
            AthenaWorkflowException e = (AthenaWorkflowException) type.getConstructor(String.class).newInstance("what went wrong");

            assertThat(e.errorName()).isEqualTo(PACKAGE + "." + type.getSimpleName()).isEqualTo(type.getName());
            assertThat(e.getMessage()).isEqualTo("what went wrong");
        }
    }

    @Test
    void causeConstructor_whereOffered_keepsTheCause() throws Exception {
        IllegalStateException cause = new IllegalStateException("root");
        int withCause = 0;
        for (Class<?> type : exceptionClasses()) {
            try {
                var constructor = type.getConstructor(String.class, Throwable.class);
                AthenaWorkflowException e = (AthenaWorkflowException) constructor.newInstance("m", cause);
                assertThat(e.getCause()).isSameAs(cause);
                withCause++;
            } catch (NoSuchMethodException none) {
                // QueryFailedException and ResultUnreadableException describe data, not a lower-level failure.
            }
        }
        assertThat(withCause).isGreaterThanOrEqualTo(10);
    }

    @Test
    void errorNames_areDistinct() throws Exception {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : exceptionClasses()) {
            names.add(((AthenaWorkflowException) type.getConstructor(String.class).newInstance("m")).errorName());
        }
        assertThat(names).hasSameSizeAs(exceptionClasses());
    }

    /** Every top-level class of the package that is a Throwable, other than the abstract base. */
    private static List<Class<?>> exceptionClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        URL url = AthenaWorkflowException.class.getResource("AthenaWorkflowException.class");
        assertThat(url).isNotNull();
        assertThat(url.getProtocol()).as("the classes are read from a directory in this build").isEqualTo("file");
        Path folder = Path.of(url.toURI()).getParent();
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(PACKAGE + "." + name.substring(0, name.length() - ".class".length()));
                if (Throwable.class.isAssignableFrom(type) && type != AthenaWorkflowException.class) {
                    found.add(type);
                }
            }
        }
        return found;
    }
}
