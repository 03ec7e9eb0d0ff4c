package io.athenaworkflow.local.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.LocalRuntime;
import io.athenaworkflow.local.console.ConsoleUrls;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: starts the runtime (transient store, real clock), loads the bundled orders dataset into the data
 * bucket, creates the database and table and loads the partitions through the workflow (one execution per
 * statement), runs the bundled query through the state machine with live progress, and prints the result table, the
 * row count, the data scanned, the estimated cost and what Cleanup deleted. Only that result section goes to
 * standard output.
 */
@Command(name = "demo", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Start the runtime, load a sample dataset, create its table through the workflow, run a sample"
                + " query through the state machine with live progress, print the result table and clean up."})
final class DemoCommand extends CliCommand {

    static final String DATA_PREFIX = "demo/";

    @Option(names = "--since", paramLabel = "YYYY-MM-DD", defaultValue = "2024-07-01",
            description = "The query's parameter: count orders on or after this date (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--port", paramLabel = "P", defaultValue = "0",
            description = "The edge port (default: any free port).")
    int port;

    @Option(names = "--trino-url", paramLabel = "URL",
            description = "Run Athena's statements on the existing Trino server at URL (http://HOST:PORT; needs"
                    + " catalog.management=dynamic and the Hive plugin, see docs/local-athena.md) instead of starting"
                    + " the runtime's own engine.")
    String trinoUrl;

    @Override
    protected int execute() {
        try {
            LocalDate.parse(since);
        } catch (DateTimeParseException e) {
            throw usage("--since must be a date like 2024-07-01, got '" + since + "'");
        }
        PrintWriter err = err();
        DemoFiles demo = DemoFiles.load();
        err.println("athena-local demo: the athena-workflow template on the embedded runtime, offline.");
        err.print("Starting the runtime... ");
        err.flush();
        long started = System.nanoTime();
        try (Runtimes.Session session = Runtimes.session(port, null, Map.of(),
                Arguments.trinoUrl(commandLine(), trinoUrl))) {
            LocalRuntime runtime = session.runtime();
            err.println("up at " + runtime.endpoint() + " in " + Units.duration(Duration.ofNanos(System.nanoTime()
                    - started)));
            err.println("State machine " + runtime.stateMachineArn());

            String bucket = runtime.template().parameters().get("DataBucket");
            long bytes = 0;
            for (Map.Entry<String, byte[]> file : demo.dataset().entrySet()) {
                runtime.aws().objectStore().put(bucket, DATA_PREFIX + file.getKey(), file.getValue(), "text/csv");
                bytes += file.getValue().length;
            }
            err.println("Loaded the sample dataset into s3://" + bucket + "/" + DATA_PREFIX + ": "
                    + Units.count(demo.dataset().size(), "file", "files") + ", " + Units.bytes(bytes));

            LocalWorkflowRunner runner = new LocalWorkflowRunner(runtime);
            err.println("Creating the table through the workflow (one execution per statement):");
            int step = 0;
            for (Map.Entry<String, String> ddl : demo.ddl().entrySet()) {
                step++;
                String firstLine = ddl.getValue().lines().findFirst().orElse("").strip();
                err.printf("  %-20s %-50s ", ddl.getKey(), firstLine.length() > 50
                        ? firstLine.substring(0, 47) + "..." : firstLine);
                err.flush();
                WorkflowOutcome outcome = runner.run(input(ddl.getValue()).toString(),
                        "demo-" + step + "-" + ddl.getKey().replace(".sql", ""), arn -> { }, event -> { });
                err.println(outcome.status() + " in " + Units.duration(outcome.duration()));
                if (!outcome.succeeded()) {
                    throw new ExecutionNotSucceededException("The demo's " + ddl.getKey(), outcome);
                }
            }

            ObjectNode query = input(demo.query());
            query.putArray("parameters").add("'" + since + "'");
            err.println("Running " + DemoFiles.QUERY_FILE + " through the state machine with parameters "
                    + query.get("parameters") + " and cleanup ALWAYS:");
            demo.query().lines().forEach(line -> err.println("    " + line));
            String name = "demo-" + (step + 1) + "-query";
            WorkflowOutcome outcome = runner.run(query.toString(), name, arn -> {
                err.println("Console " + ConsoleUrls.execution(runtime.endpoint(), arn) + "  (while the demo runs)");
                err.println("Execution " + arn + ":");
                err.flush();
            }, new ProgressPrinter(err));
            if (!outcome.succeeded()) {
                throw new ExecutionNotSucceededException("The demo's query", outcome);
            }
            err.println();
            err.flush();
            out().print(ResultReport.render(Json.parse(outcome.output())));
            out().flush();
        }
        err.println("Done: the runtime is stopped and its temporary data are deleted.");
        return 0;
    }

    /** The workflow input for one statement: the SQL, and cleanup ALWAYS so no result object is left behind. */
    private static ObjectNode input(String sql) {
        return Json.MAPPER.createObjectNode().put("sql", sql).put("cleanup", "ALWAYS");
    }
}
