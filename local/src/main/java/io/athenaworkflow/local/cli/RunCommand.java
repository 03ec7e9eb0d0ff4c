package io.athenaworkflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.console.ConsoleUrls;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * {@code run}: one execution of the workflow. Progress goes to standard error, the execution output (pretty JSON) to
 * standard output; exit 0 only when it SUCCEEDED, else its Error and Cause on standard error and exit 1. Without
 * {@code --endpoint} it starts the runtime in-process; with it, it uses the Step Functions API there (a running
 * {@code up}, or AWS).
 */
@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Run one query through the state machine and print the execution output as JSON.",
                "In-process by default; with --endpoint against a running `athena-local up` or AWS."})
final class RunCommand extends CliCommand {

    private static final Pattern AWS_STATES_HOST = Pattern.compile("states(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

    @Option(names = "--sql", paramLabel = "SQL|@FILE", description = "The query (the input's \"sql\").")
    String sql;

    @Option(names = "--database", paramLabel = "D", description = "The database (the input's \"database\").")
    String database;

    @Option(names = "--input", paramLabel = "JSON|@FILE",
            description = "The execution input (an object; --sql and --database set its fields).")
    String input;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "A Step Functions endpoint, e.g. http://127.0.0.1:4566 (a running `athena-local up`) or"
                    + " https://states.us-east-1.amazonaws.com.")
    URI endpoint;

    @Option(names = "--state-machine-arn", paramLabel = "ARN",
            description = "With --endpoint: the state machine (default: the first one whose name ends with"
                    + " -athena-query).")
    String stateMachineArn;

    @Option(names = "--region", paramLabel = "REGION",
            description = "With --endpoint: the region to sign for (default: from the endpoint's host name, else the"
                    + " AWS SDK's region chain; us-east-1 for a loopback endpoint).")
    String region;

    @Option(names = "--parameter", paramLabel = "KEY=VALUE",
            description = "In-process only: override a template parameter (repeatable).")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--data", paramLabel = "DIR",
            description = "In-process only: use the S3 objects and catalog kept in DIR (as `up --data DIR` keeps"
                    + " them; not while that `up` runs).")
    Path data;

    @Option(names = "--trino-url", paramLabel = "URL",
            description = "In-process only: run Athena's statements on the existing Trino server at URL"
                    + " (http://HOST:PORT; see docs/local-athena.md) instead of starting the runtime's own engine.")
    String trinoUrl;

    @Option(names = "--name", paramLabel = "NAME", description = "The execution name (default: a random UUID).")
    String name;

    @Option(names = "--no-progress", description = "Print no progress on standard error.")
    boolean noProgress;

    @Option(names = "--poll-interval", paramLabel = "MILLIS", defaultValue = "500",
            description = "With --endpoint: milliseconds between polls (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @Override
    protected int execute() {
        String inputJson = buildInput();
        WorkflowOutcome outcome = endpoint == null ? runInProcess(inputJson) : runRemote(inputJson);
        if (!outcome.succeeded()) {
            throw new ExecutionNotSucceededException("Execution", outcome);
        }
        String output = outcome.output() == null ? "null" : Json.pretty(Json.parse(outcome.output()));
        out().println(output);
        return 0;
    }

    private String buildInput() {
        if (sql == null && input == null) {
            throw usage("Give the query with --sql (or a whole execution input with --input)");
        }
        ObjectNode request;
        if (input != null) {
            JsonNode parsed = Arguments.json(commandLine(), "--input", input);
            if (!(parsed instanceof ObjectNode object)) {
                throw usage("--input must be a JSON object, got " + parsed.getNodeType().name().toLowerCase());
            }
            request = object;
        } else {
            request = Json.MAPPER.createObjectNode();
        }
        if (sql != null) {
            request.put("sql", Arguments.textOrFile(commandLine(), "--sql", sql));
        }
        if (database != null) {
            request.put("database", database);
        }
        return Json.compact(request);
    }

    private WorkflowOutcome runInProcess(String inputJson) {
        if (stateMachineArn != null || region != null) {
            throw usage("--state-machine-arn and --region go with --endpoint");
        }
        PrintWriter err = err();
        if (!noProgress) {
            err.println("Starting the runtime in-process...");
            err.flush();
        }
        try (Runtimes.Session session = Runtimes.session(0, data, parameters,
                Arguments.trinoUrl(commandLine(), trinoUrl))) {
            URI local = session.runtime().endpoint();
            return new LocalWorkflowRunner(session.runtime()).run(inputJson, name, arn -> header(arn, local),
                    progress());
        }
    }

    private WorkflowOutcome runRemote(String inputJson) {
        if (!parameters.isEmpty() || data != null || trinoUrl != null) {
            throw usage("--parameter and --data configure the in-process runtime (so does --trino-url): they do not"
                    + " go with --endpoint");
        }
        if (endpoint.getScheme() == null || endpoint.getHost() == null) {
            throw usage("--endpoint must be a URL like http://127.0.0.1:4566, got '" + endpoint + "'");
        }
        boolean loopback = isLoopback(endpoint.getHost());
        AwsCredentialsProvider credentials = loopback
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("athena-local", "athena-local"))
                : DefaultCredentialsProvider.builder().build();
        try (RemoteWorkflowRunner remote = RemoteWorkflowRunner.connect(normalized(endpoint), region(loopback),
                credentials, Duration.ofMillis(Math.max(50, pollMillis)))) {
            String machine = stateMachineArn != null ? stateMachineArn : remote.findStateMachine();
            URI console = loopback ? normalized(endpoint) : null;
            return remote.run(machine, inputJson, name, arn -> header(arn, console), noProgress ? null : progress());
        }
    }

    /** Names the execution and, on a local runtime ({@code console} not null), its page in the console. */
    private void header(String executionArn, URI console) {
        if (!noProgress) {
            if (console != null) {
                err().println("Console " + ConsoleUrls.execution(console, executionArn)
                        + (endpoint == null ? "  (while this run lasts)" : ""));
            }
            err().println("Execution " + executionArn + (endpoint == null ? "" : " at " + endpoint) + ":");
            err().flush();
        }
    }

    private Consumer<ProgressEvent> progress() {
        return noProgress ? event -> { } : new ProgressPrinter(err());
    }

    private Region region(boolean loopback) {
        if (region != null) {
            return Region.of(region);
        }
        Matcher aws = AWS_STATES_HOST.matcher(endpoint.getHost());
        if (aws.matches()) {
            return Region.of(aws.group(1));
        }
        if (loopback) {
            return Region.US_EAST_1;
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            throw usage("No region for " + endpoint + ": give --region (or set AWS_REGION)");
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The SDK wants an endpoint without a path: {@code http://host:port}. */
    private static URI normalized(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
