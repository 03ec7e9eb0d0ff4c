package io.athenaworkflow.local.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.athenaworkflow.local.ExternalClients;
import io.athenaworkflow.local.LocalAwsConfig;
import io.athenaworkflow.local.LocalRuntime;
import io.athenaworkflow.local.LocalRuntimeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The console in a real browser: starts the product's runtime (the real template, ASL file and functions jar) and
 * runs each scenario of {@code local/console/test/console.browser.test.mjs} with Node's test runner, which drives
 * Debian's chromium through playwright-core. Athena queries stay RUNNING for 5 s so the workflow passes through its
 * Wait loop while the page watches. Without chromium or node the tests are skipped, except under {@code CI=true}
 * where they fail ({@code .ci/run} installs chromium).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path CONSOLE = Path.of("console").toAbsolutePath();
    private static final Duration SCENARIO_TIMEOUT = Duration.ofMinutes(4);

    private static LocalRuntime runtime;

    @BeforeAll
    static void startRuntime() {
        ExternalClients.require(Files.isExecutable(CHROMIUM), "chromium is not installed at " + CHROMIUM
                + " (apt-get install -y chromium; .ci/run does it)");
        ExternalClients.require(Files.isDirectory(CONSOLE.resolve("node_modules/playwright-core")),
                "the console's npm packages are not installed (the local module's build runs npm ci in " + CONSOLE + ")");
        Path root = projectRoot();
        runtime = LocalRuntime.start(LocalRuntimeConfig.of(root, Path.of(System.getProperty("athena.functions.artifact")))
                .withAws(LocalAwsConfig.transientOnAnyPort().withMinimumQueryDuration(Duration.ofSeconds(5))));
    }

    @AfterAll
    static void stopRuntime() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void executionPage_whenWorkflowRunsFromTheStartDialog_showsEveryStateTurnGreenLiveWithoutReload() {
        scenario("executionPage_whenWorkflowRunsFromTheStartDialog_showsEveryStateTurnGreenLiveWithoutReload");
    }

    @Test
    @Order(2)
    void executionPage_whenQueryFails_showsTheFailingStateTheCaughtErrorAndTheError() {
        scenario("executionPage_whenQueryFails_showsTheFailingStateTheCaughtErrorAndTheError");
    }

    @Test
    @Order(3)
    void executionPage_whenStopClickedWhileRunning_abortsItAndShowsTheRunningStateCancelled() {
        scenario("executionPage_whenStopClickedWhileRunning_abortsItAndShowsTheRunningStateCancelled");
    }

    @Test
    @Order(4)
    void machinePage_whenStatusFilterChosen_listsOnlyExecutionsWithThatStatus() {
        scenario("machinePage_whenStatusFilterChosen_listsOnlyExecutionsWithThatStatus");
    }

    @Test
    @Order(5)
    void executionPage_whenParallelAndMap_showsBranchesAndEachMapIterationOnItsOwn() {
        scenario("executionPage_whenParallelAndMap_showsBranchesAndEachMapIterationOnItsOwn");
    }

    @Test
    @Order(6)
    void executionPage_whenStateNameAndInputHoldMarkup_rendersThemAsTextAndRunsNoScript() {
        scenario("executionPage_whenStateNameAndInputHoldMarkup_rendersThemAsTextAndRunsNoScript");
    }

    /** Runs the one scenario of the browser test file named {@code name}; fails with its output unless it passed. */
    private static void scenario(String name) {
        Path log;
        try {
            log = Files.createTempFile("console-browser-", ".log");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ProcessBuilder node = new ProcessBuilder(List.of("node", "--test", "--test-reporter=spec",
                "--test-name-pattern=^" + name + "$", "test/console.browser.test.mjs"))
                .directory(CONSOLE.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().put("ATHENA_ENDPOINT", runtime.endpoint().toString());
        node.environment().put("STATE_MACHINE_ARN", runtime.stateMachineArn());
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        String screenshot = System.getProperty("athena.console.screenshot");
        if (screenshot != null) {
            node.environment().put("SCREENSHOT", Path.of(screenshot).toAbsolutePath().toString());
        }
        try {
            Process process = node.start();
            if (!process.waitFor(SCENARIO_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the browser scenario " + name + " did not end within " + SCENARIO_TIMEOUT + ":\n" + read(log));
            }
            String output = read(log);
            assertThat(process.exitValue()).as("node --test %s:%n%s", name, output).isZero();
            assertThat(output).as("the scenario must have run").containsPattern("(?m)^\\S+ pass 1$")
                    .containsPattern("(?m)^\\S+ fail 0$");
        } catch (IOException e) {
            fail("cannot run node (is Node.js installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while the browser scenario ran", e);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("statemachine"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
