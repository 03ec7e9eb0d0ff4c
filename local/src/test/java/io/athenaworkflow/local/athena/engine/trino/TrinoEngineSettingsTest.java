package io.athenaworkflow.local.athena.engine.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the engine folder comes from, and the error when it is not built. */
class TrinoEngineSettingsTest {

    private final String configured = System.getProperty(TrinoEngineSettings.HOME_PROPERTY);

    @AfterEach
    void restore() {
        if (configured == null) {
            System.clearProperty(TrinoEngineSettings.HOME_PROPERTY);
        } else {
            System.setProperty(TrinoEngineSettings.HOME_PROPERTY, configured);
        }
    }

    @Test
    void defaults_whenEngineFolderMissing_failsSayingHowToBuildIt(@TempDir Path empty) {
        System.setProperty(TrinoEngineSettings.HOME_PROPERTY, empty.toString());

        assertThatThrownBy(TrinoEngineSettings::defaults)
                .isInstanceOf(TrinoStartException.class)
                .hasMessageContaining("The Trino engine is not built: " + empty)
                .hasMessageContaining("./mvnw -pl trino-engine,trino-engine/hive-plugin,trino-engine/iceberg-plugin "
                        + "package");
    }

    @Test
    void defaults_whenIcebergPluginMissing_failsSayingHowToBuildIt(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("lib"));
        Files.createDirectories(home.resolve("plugin/hive"));
        System.setProperty(TrinoEngineSettings.HOME_PROPERTY, home.toString());

        assertThatThrownBy(TrinoEngineSettings::defaults)
                .isInstanceOf(TrinoStartException.class)
                .hasMessageContaining("lacks lib/, plugin/hive/ or plugin/iceberg/")
                .hasMessageContaining("trino-engine/iceberg-plugin");
    }

    @Test
    void defaults_whenEngineFolderLaidOut_usesItWithThisJvmsJava(@TempDir Path home) throws Exception {
        layOutEngineFolder(home);
        System.setProperty(TrinoEngineSettings.HOME_PROPERTY, home.toString());

        TrinoEngineSettings settings = TrinoEngineSettings.defaults();

        assertThat(settings.home()).isEqualTo(home.toAbsolutePath().normalize());
        assertThat(settings.java()).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    @Test
    void withJvmOptions_whenOptionsGiven_keepsThemInOrderAfterTheDefaults(@TempDir Path home) throws Exception {
        layOutEngineFolder(home);
        System.setProperty(TrinoEngineSettings.HOME_PROPERTY, home.toString());
        TrinoEngineSettings defaults = TrinoEngineSettings.defaults();

        TrinoEngineSettings settings = defaults.withJvmOptions(List.of("-XX:AOTCache=/tmp/t.aot", "-Xlog:aot=off"));

        assertThat(defaults.jvmOptions()).isEmpty();
        assertThat(settings.jvmOptions()).containsExactly("-XX:AOTCache=/tmp/t.aot", "-Xlog:aot=off");
        assertThat(settings.home()).isEqualTo(defaults.home());
        assertThat(settings.maxHeap()).isEqualTo("1G");
    }

    @Test
    void withJvmOptions_whenAnEntryIsNotAnOption_failsNamingIt(@TempDir Path home) {
        TrinoEngineSettings settings = new TrinoEngineSettings(home, Path.of("java"), "1G", List.of());

        assertThatThrownBy(() -> settings.withJvmOptions(List.of("-Xss2m", "Main")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid engine JVM option 'Main'")
                .hasMessageContaining("JVM options start with '-'");
    }

    /** The folders {@link TrinoEngineSettings#defaults()} looks for: the server's lib/ and its two plugins. */
    private static void layOutEngineFolder(Path home) throws java.io.IOException {
        Files.createDirectories(home.resolve("lib"));
        Files.createDirectories(home.resolve("plugin/hive"));
        Files.createDirectories(home.resolve("plugin/iceberg"));
    }
}
