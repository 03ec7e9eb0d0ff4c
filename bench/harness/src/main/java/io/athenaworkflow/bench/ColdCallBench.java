package io.athenaworkflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * a. A fresh JVM (or Python process) to the first response of each handler, against the running local runtime:
 * the product handler as deployed (template environment incl. JAVA_TOOL_OPTIONS), the same with a JDK AOT cache
 * (SnapStart's stand-in) trained by a plain call or by a priming run, the same without the JVM flags, the naive handler (SDK defaults, no JVM flags), the naive handler with the template's JVM
 * flags (attribution only), and a boto3 script making the same calls.
 * Variants run interleaved so that background load hits them alike. Also records, in one extra untimed run each,
 * the classes the product and naive JVMs load (for e).
 */
final class ColdCallBench {

    static final String GROUP = "a. Handler cold call (fresh process → first response)";

    /**
     * PRODUCT: as deployed; PRODUCT_AOT: with the AOT cache trained by one plain call; PRODUCT_AOT_PRIMED: with the AOT
     * cache trained by a run that primes the handler first (its SnapStart hook) and then calls it; PRODUCT_NO_FLAGS: as
     * deployed but without the template's JAVA_TOOL_OPTIONS; NAIVE: SDK defaults, no JVM flags; NAIVE_FLAGS: the naive
     * handler with the template's JAVA_TOOL_OPTIONS (splits the product's lead into JVM flags vs client set-up);
     * PYTHON: the boto3 script.
     */
    enum Variant { PRODUCT, PRODUCT_AOT, PRODUCT_AOT_PRIMED, PRODUCT_NO_FLAGS, NAIVE, NAIVE_FLAGS, PYTHON }

    /**
     * @param logicalId the template resource
     * @param label the table label
     * @param productClass the handler class (the template's Handler)
     * @param naiveClass the baseline handler class
     * @param pythonAction the script's action
     * @param payload a new payload for each run
     */
    record Handler(String logicalId, String label, String productClass, String naiveClass, String pythonAction,
                   Supplier<JsonNode> payload) {
    }

    /** One handler's results: seconds per variant, and the class-load counts of product and naive. */
    record Result(Handler handler, Map<Variant, List<Double>> seconds, ClassLoads product, ClassLoads naive,
                  Map<Variant, List<Timing>> timings) {

        List<Double> initMillis(Variant variant) {
            return timings.get(variant).stream().map(Timing::initMillis).toList();
        }
    }

    /**
     * Classes a cold-call JVM loaded by its first response (from {@code -Xlog:class+load}).
     *
     * @param total every class
     * @param fromArchive from the JDK's CDS archive (or the AOT cache)
     * @param fromJdk from the JDK's modules, not archived
     * @param fromClassPath from the application's jars
     * @param generated defined at run time (lambda and proxy classes; their source is the class that made them)
     * @param httpClient the SDK HTTP client whose classes were loaded ({@code apache5}, {@code urlconnection}, ...)
     */
    private static final Pattern HTTP_CLIENT =
            Pattern.compile("\\] software\\.amazon\\.awssdk\\.http\\.(apache5|apache|urlconnection|nio\\.netty|crt)\\.");

    record ClassLoads(int total, int fromArchive, int fromJdk, int fromClassPath, int generated, String httpClient) {

        /** Counts the lines of a {@code -Xlog:class+load} file by where each class came from. */
        static ClassLoads parse(List<String> log) {
            int total = 0;
            int archive = 0;
            int jdk = 0;
            int classPath = 0;
            int generated = 0;
            Set<String> clients = new TreeSet<>();
            for (String line : log) {
                int source = line.indexOf(" source: ");
                if (source < 0) {
                    continue;
                }
                total++;
                Matcher client = HTTP_CLIENT.matcher(line);
                if (client.find()) {
                    clients.add(client.group(1));
                }
                String from = line.substring(source + " source: ".length());
                if (from.startsWith("shared objects file")) {
                    archive++;
                } else if (from.startsWith("jrt:/")) {
                    jdk++;
                } else if (from.startsWith("file:") || from.startsWith("jar:")) {
                    classPath++;
                } else {
                    generated++;
                }
            }
            return new ClassLoads(total, archive, jdk, classPath, generated, String.join("+", clients));
        }
    }

    private final BenchPaths paths;
    private final BenchRuntime runtime;
    private final int runs;

    ColdCallBench(BenchPaths paths, BenchRuntime runtime, int runs) {
        this.paths = paths;
        this.runtime = runtime;
        this.runs = runs;
    }

    List<Handler> handlers() {
        JsonNode succeeded = runtime.succeededQuery(runtime.demoQueryRequest());
        return List.of(
                new Handler("StartQueryFunction", "StartQuery", "io.athenaworkflow.handlers.StartQueryHandler",
                        "io.athenaworkflow.handlers.NaiveStartQueryHandler", "start",
                        () -> runtime.startPayload(runtime.demoQueryRequest())),
                new Handler("CheckStatusFunction", "CheckStatus", "io.athenaworkflow.handlers.CheckStatusHandler",
                        "io.athenaworkflow.handlers.NaiveCheckStatusHandler", "status",
                        () -> payload(succeeded, null)),
                new Handler("FetchResultsFunction", "FetchResults", "io.athenaworkflow.handlers.FetchResultsHandler",
                        "io.athenaworkflow.handlers.NaiveFetchResultsHandler", "fetch",
                        () -> payload(succeeded, null)),
                new Handler("CleanupFunction", "Cleanup", "io.athenaworkflow.handlers.CleanupHandler",
                        "io.athenaworkflow.handlers.NaiveCleanupHandler", "cleanup",
                        // Each run deletes a fresh query's own result objects: the same work every time.
                        () -> payload(runtime.succeededQuery(runtime.demoQueryRequest().put("cleanup", "ALWAYS")), true)));
    }

    private ObjectNode payload(JsonNode handle, Boolean succeeded) {
        ObjectNode payload = BenchRuntime.JSON.createObjectNode();
        payload.set("query", handle);
        if (succeeded != null) {
            payload.put("succeeded", succeeded);
        } else {
            payload.put("now", runtime.now().toString());
        }
        return payload;
    }

    List<Result> run() {
        List<Result> results = new ArrayList<>();
        for (Handler handler : handlers()) {
            Bench.progress("a: " + handler.label() + ": training the AOT caches (plain call; priming + call)");
            Path aot = train(handler, "train", List.of());
            Path primedAot = train(handler, "train-primed", List.of("--prime"));
            Map<Variant, List<Double>> seconds = new EnumMap<>(Variant.class);
            Map<Variant, List<Timing>> timings = new EnumMap<>(Variant.class);
            for (int run = 1; run <= runs; run++) {
                Bench.progress("a: " + handler.label() + ": run " + run + "/" + runs);
                for (Variant variant : Variant.values()) {
                    List<String> flags = switch (variant) {
                        case PRODUCT_AOT -> List.of("-XX:AOTCache=" + aot);
                        case PRODUCT_AOT_PRIMED -> List.of("-XX:AOTCache=" + primedAot);
                        default -> List.of();
                    };
                    ChildProcess.Result result = childRun(handler, variant, List.of(handler.payload().get()), flags,
                            List.of(), "run");
                    seconds.computeIfAbsent(variant, v -> new ArrayList<>()).add(result.seconds());
                    if (variant != Variant.PYTHON) {
                        timings.computeIfAbsent(variant, v -> new ArrayList<>()).add(Timing.parse(result));
                    }
                }
            }
            ClassLoads product = classLoads(handler, Variant.PRODUCT);
            ClassLoads naive = classLoads(handler, Variant.NAIVE);
            // The comparison is about these clients: fail rather than print figures of another set-up.
            if (!product.httpClient().equals("urlconnection") || !naive.httpClient().equals("apache5")) {
                throw new IllegalStateException(handler.label() + ": expected the product on urlconnection and the naive"
                        + " handler on apache5, but they loaded " + product.httpClient() + " and " + naive.httpClient());
            }
            results.add(new Result(handler, seconds, product, naive, timings));
        }
        return results;
    }

    private Path train(Handler handler, String purpose, List<String> driverArgs) {
        Path aot = paths.work().resolve(handler.label() + "-" + purpose + ".aot");
        childRun(handler, Variant.PRODUCT, List.of(handler.payload().get()), List.of("-XX:AOTCacheOutput=" + aot),
                driverArgs, purpose);
        if (!Files.exists(aot)) {
            throw new IllegalStateException("The AOT training run of " + handler.label() + " wrote no cache " + aot
                    + "; see " + paths.work().resolve(handler.label() + "-" + Variant.PRODUCT + "-" + purpose + ".err"));
        }
        return aot;
    }

    /**
     * The driver's second line, {@code #timing <epoch ms at main> <init ns> <call ns>}, as spans.
     *
     * @param jvmMillis spawn to main (JVM start, class path opened)
     * @param initMillis the handler's class loading and constructor
     * @param callMillis its first handleRequest
     */
    record Timing(double jvmMillis, double initMillis, double callMillis) {
        static Timing parse(ChildProcess.Result result) {
            String line = result.rest().stream().filter(l -> l.startsWith("#timing ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("The driver printed no #timing line"));
            String[] parts = line.split(" ");
            return new Timing(Long.parseLong(parts[1]) - result.spawnedAtEpochMillis(), Long.parseLong(parts[2]) / 1e6,
                    Long.parseLong(parts[3]) / 1e6);
        }
    }

    private ClassLoads classLoads(Handler handler, Variant variant) {
        Path log = paths.work().resolve(handler.label() + "-" + variant + ".classes");
        childRun(handler, variant, List.of(handler.payload().get()), List.of("-Xlog:class+load=info:file=" + log), List.of(),
                "classes");
        try (var lines = Files.lines(log)) {
            return ClassLoads.parse(lines.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs one child: a JVM with the driver (given {@code driverArgs}, e.g. {@code --prime}) calling the handler once per
     * payload, or the boto3 script with the first payload. Every answer is checked.
     */
    ChildProcess.Result childRun(Handler handler, Variant variant, List<JsonNode> payloads, List<String> jvmFlags,
                                 List<String> driverArgs, String purpose) {
        String name = handler.label() + "-" + variant + "-" + purpose;
        List<String> payloadFiles = new ArrayList<>();
        try {
            for (int i = 0; i < payloads.size(); i++) {
                Path payloadFile = paths.work().resolve(name + (i == 0 ? "" : "-" + i) + ".json");
                Files.writeString(payloadFile, payloads.get(i).toString());
                payloadFiles.add(payloadFile.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new LinkedHashMap<>(runtime.childEnvironment(handler.logicalId()));
        List<String> command = new ArrayList<>();
        switch (variant) {
            case PRODUCT, PRODUCT_AOT, PRODUCT_AOT_PRIMED, PRODUCT_NO_FLAGS -> {
                if (variant == Variant.PRODUCT_NO_FLAGS) {
                    env.remove("JAVA_TOOL_OPTIONS");
                }
                command.add(BenchPaths.java().toString());
                command.addAll(jvmFlags);
                command.addAll(List.of("-cp", paths.productClassPath(), "io.athenaworkflow.bench.driver.ColdCallDriver"));
                command.addAll(driverArgs);
                command.add(handler.productClass());
                command.addAll(payloadFiles);
            }
            case NAIVE, NAIVE_FLAGS -> {
                if (variant == Variant.NAIVE) {
                    env.remove("JAVA_TOOL_OPTIONS");
                }
                command.add(BenchPaths.java().toString());
                command.addAll(jvmFlags);
                command.addAll(List.of("-cp", paths.naiveClassPath(), "io.athenaworkflow.bench.driver.ColdCallDriver",
                        handler.naiveClass(), payloadFiles.getFirst()));
            }
            case PYTHON -> {
                env.remove("JAVA_TOOL_OPTIONS");
                command.addAll(List.of("python3", paths.python().toString(), handler.pythonAction(),
                        payloadFiles.getFirst()));
            }
        }
        ChildProcess.Result result = ChildProcess.run(command, env, paths.work().resolve(name + ".err"),
                line -> line.startsWith("{"));
        checkAnswer(handler, variant, result.answer());
        result.rest().stream().filter(line -> line.startsWith("#call "))
                .forEach(line -> checkAnswer(handler, variant, line.split(" ", 3)[2]));
        return result;
    }

    /** Every answer must be the call's real answer, not an error that happened to be fast. */
    static void checkAnswer(Handler handler, Variant variant, String answer) {
        JsonNode json = BenchRuntime.read(answer);
        boolean ok = switch (handler.pythonAction()) {
            case "start" -> json.hasNonNull("queryExecutionId");
            case "status" -> "SUCCEEDED".equals(json.path("state").asText());
            case "fetch" -> json.path("rowCount").asLong() > 0;
            case "cleanup" -> json.path("deleted").size() > 0;
            default -> false;
        };
        if (!ok) {
            throw new IllegalStateException(variant + " " + handler.label() + " answered something unexpected: " + answer);
        }
    }

    /** Adds the a. rows: product and product+AOT against naive and Python, per handler. */
    static void report(List<Result> results, Table table) {
        for (Result result : results) {
            double naive = Stats.median(result.seconds().get(Variant.NAIVE));
            double python = Stats.median(result.seconds().get(Variant.PYTHON));
            String baseline = "naive " + Stats.secondsWithSpread(result.seconds().get(Variant.NAIVE)) + " · boto3 "
                    + Stats.secondsWithSpread(result.seconds().get(Variant.PYTHON));
            for (Variant variant : List.of(Variant.PRODUCT, Variant.PRODUCT_AOT)) {
                double product = Stats.median(result.seconds().get(variant));
                table.add(GROUP, result.handler().label() + (variant == Variant.PRODUCT_AOT
                                ? " + AOT cache (SnapStart stand-in)" : " (as deployed)"),
                        Stats.secondsWithSpread(result.seconds().get(variant)), baseline,
                        Stats.ratio(product / naive) + " naive · " + Stats.ratio(product / python) + " boto3",
                        "≤ 0.5× naive and ≤ 1× boto3", product <= 0.5 * naive && product <= python);
            }
            double primed = Stats.median(result.seconds().get(Variant.PRODUCT_AOT_PRIMED));
            table.add(GROUP, result.handler().label() + " + AOT cache trained by a priming run (SnapStart hook, then the call)",
                    Stats.secondsWithSpread(result.seconds().get(Variant.PRODUCT_AOT_PRIMED)),
                    "boto3 " + Stats.secondsWithSpread(result.seconds().get(Variant.PYTHON)) + " · AOT cache of a plain call "
                            + Stats.secondsWithSpread(result.seconds().get(Variant.PRODUCT_AOT)),
                    Stats.ratio(primed / python) + " boto3 · " + Stats.ratio(primed / naive) + " naive", "≤ 1× boto3",
                    primed <= python);
            double deployed = Stats.median(result.seconds().get(Variant.PRODUCT));
            table.add(GROUP, result.handler().label() + ": as deployed without the template's JAVA_TOOL_OPTIONS (C2 on)",
                    Stats.secondsWithSpread(result.seconds().get(Variant.PRODUCT_NO_FLAGS)),
                    "as deployed (-XX:TieredStopAtLevel=1) " + Stats.secondsWithSpread(result.seconds().get(Variant.PRODUCT)),
                    Stats.ratio(Stats.median(result.seconds().get(Variant.PRODUCT_NO_FLAGS)) / deployed), "", null);
            double flags = Stats.median(result.seconds().get(Variant.NAIVE_FLAGS));
            table.add(GROUP, result.handler().label() + ": naive handler given the template's JAVA_TOOL_OPTIONS"
                            + " (JVM flags vs client set-up)",
                    Stats.secondsWithSpread(result.seconds().get(Variant.PRODUCT)) + " (as deployed)",
                    "naive + flags " + Stats.secondsWithSpread(result.seconds().get(Variant.NAIVE_FLAGS)),
                    Stats.ratio(Stats.median(result.seconds().get(Variant.PRODUCT)) / flags), "", null);
            table.add(GROUP, result.handler().label() + ": where the time goes (JVM start → main · init · first call)",
                    breakdown(result.timings().get(Variant.PRODUCT)) + " · with AOT "
                            + breakdown(result.timings().get(Variant.PRODUCT_AOT)),
                    "naive " + breakdown(result.timings().get(Variant.NAIVE)), "", "", null);
        }
    }

    private static String breakdown(List<Timing> timings) {
        return Stats.millis(Stats.median(timings.stream().map(Timing::jvmMillis).toList())) + " · "
                + Stats.millis(Stats.median(timings.stream().map(Timing::initMillis).toList())) + " · "
                + Stats.millis(Stats.median(timings.stream().map(Timing::callMillis).toList()));
    }
}
