package io.athenaworkflow.local.cli;

import io.athenaworkflow.local.LocalRuntime;
import io.athenaworkflow.local.console.ConsoleUrls;
import io.athenaworkflow.local.edge.EdgeConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code up}: serves the runtime until interrupted. Prints the endpoint, the state machine ARN, the buckets and
 * commands to try; Ctrl-C or SIGTERM close the runtime through a shutdown hook (an interrupt of the serving thread
 * does the same in-process).
 */
@Command(name = "up", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Serve the runtime (S3, Athena, Step Functions on one 127.0.0.1 port) until interrupted."})
final class UpCommand extends CliCommand {

    @Option(names = "--port", paramLabel = "P", defaultValue = "" + EdgeConfig.DEFAULT_PORT,
            description = "The edge port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep S3 objects and the Athena catalog in DIR across restarts (default: a temporary"
                    + " folder deleted on exit).")
    Path data;

    @Option(names = "--parameter", paramLabel = "KEY=VALUE",
            description = "Override a template parameter (repeatable), e.g. --parameter CleanupMode=ALWAYS.")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--trino-url", paramLabel = "URL",
            description = "Run Athena's statements on the existing Trino server at URL (http://HOST:PORT; needs"
                    + " catalog.management=dynamic and the Hive plugin, see docs/local-athena.md) instead of starting"
                    + " the runtime's own engine.")
    String trinoUrl;

    @Override
    protected int execute() {
        LocalRuntime runtime = Runtimes.start(port, data, parameters, Arguments.trinoUrl(commandLine(), trinoUrl));
        AtomicBoolean closed = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            if (closed.compareAndSet(false, true)) {
                try {
                    runtime.close();
                } finally {
                    stopped.countDown();
                }
            }
        };
        PrintWriter err = err();
        Thread hook = new Thread(() -> {
            err.println("athena-local up: stopping...");
            err.flush();
            stop.run();
            err.println("athena-local up: stopped.");
            err.flush();
        }, "athena-local-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted = false;
        try {
            out().print(banner(runtime));
            out().flush();
            err.println("Serving until Ctrl-C.");
            err.flush();
            stopped.await();
        } catch (InterruptedException e) {
            // Stopped in-process (a test, an embedding program): close like Ctrl-C would.
            interrupted = true;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it closes the runtime.
            }
            stop.run();
        }
        if (interrupted) {
            // Only now: with the flag set, closing the servers would be cut short.
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** What {@code up} prints on standard output once it serves. */
    private String banner(LocalRuntime runtime) {
        Map<String, String> p = runtime.template().parameters();
        String endpoint = runtime.endpoint().toString();
        String arn = runtime.stateMachineArn();
        String region = runtime.aws().config().region();
        String trigger = "s3://" + p.get("TriggerBucket") + "/" + p.getOrDefault("TriggerPrefix", "");
        String aws = "aws --endpoint-url " + endpoint;
        return "athena-local is up: the athena-workflow template on the embedded runtime.\n"
                + "\n"
                + "  Endpoint        " + endpoint + "  (S3, Athena, Step Functions; any credentials, region " + region
                + ")\n"
                + "  Console         " + ConsoleUrls.home(runtime.endpoint())
                + "  (state machines, executions, live graph view)\n"
                + "  State machine   " + arn + "\n"
                + "  Data bucket     s3://" + p.get("DataBucket") + "/" + p.getOrDefault("DataPrefix", "") + "\n"
                + "  Results bucket  s3://" + p.get("ResultsBucket") + "/" + p.getOrDefault("ResultsPrefix", "") + "\n"
                + "  Trigger bucket  " + trigger + "  (a .sql or .json object here starts an execution)\n"
                + "  Stored in       " + (data == null ? "a temporary folder, deleted on exit"
                : data.toAbsolutePath().normalize() + " (kept across restarts)") + "\n"
                + "\n"
                + "Try it (any credentials work):\n"
                + "  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=" + region + "\n"
                + "  " + aws + " stepfunctions start-execution --state-machine-arn " + arn
                + " --input '{\"sql\": \"SELECT 1 AS one\"}'\n"
                + "  " + aws + " stepfunctions describe-execution --execution-arn <the executionArn printed above>\n"
                + "  echo 'SELECT 1 AS one' > q.sql\n"
                + "  " + aws + " s3 cp q.sql " + trigger + "\n"
                + "  " + aws + " stepfunctions list-executions --state-machine-arn " + arn + "\n"
                + "  ./athena-local run --endpoint " + endpoint + " --sql 'SELECT 1 AS one'\n";
    }
}
