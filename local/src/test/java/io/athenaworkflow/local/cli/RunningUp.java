package io.athenaworkflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.athenaworkflow.local.testing.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** {@code athena-local up ...} serving from a thread of the test until {@link #stop()} interrupts it. */
final class RunningUp {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private final Thread thread;
    final URI endpoint;
    final String stateMachineArn;

    private RunningUp(String... options) {
        CommandLine command = new CommandLine(new AthenaLocal());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("up", "--port", "0"));
        args.addAll(List.of(options));
        thread = Thread.ofPlatform().name("athena-local-up").start(
                () -> exit.set(command.execute(args.toArray(String[]::new))));
        String banner = Await.until(out::toString, text -> text.contains("--sql 'SELECT 1 AS one'\n")
                || exit.get() >= 0, "up's banner");
        assertThat(exit.get()).as("up ended early: %s", err).isEqualTo(-1);
        endpoint = URI.create(group(banner, "Endpoint +(http://127\\.0\\.0\\.1:\\d+)"));
        stateMachineArn = group(banner, "State machine +(arn:\\S+)");
    }

    /** Starts {@code up --port 0} with more options and waits for its banner. */
    static RunningUp start(String... options) {
        return new RunningUp(options);
    }

    /** Interrupts the serving thread as Ctrl-C would stop the process; returns up's exit code. */
    int stop() throws InterruptedException {
        thread.interrupt();
        thread.join(Duration.ofSeconds(30));
        assertThat(thread.isAlive()).as("up still runs 30 s after the interrupt").isFalse();
        return exit.get();
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return matcher.group(1);
    }
}
