package io.athenaworkflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * b. A 1,000,000-row result read three ways on the local runtime: the deployed FetchResults function (ResultFetcher:
 * one streamed S3 GET, every row counted, a typed preview), paginated GetQueryResults at 1,000 rows per call (what
 * the old Python module would have to do to see every row), and a raw S3 GET of the object (the floor). One untimed
 * round first warms every path's code; every round checks that all 1,000,000 rows were seen.
 */
final class ResultsBench {

    static final String GROUP = "b. Results (1,000,000 rows)";
    static final long ROWS = 1_000_000;
    /** 1,000 × 1,000 rows (Trino's sequence() stops at 10,000 entries, so two of them are crossed). */
    static final String SQL = """
            SELECT i * 1000 + j AS id,
                   'row-' || CAST(i * 1000 + j AS varchar) AS label,
                   CAST(j AS double) / 7 AS ratio,
                   date_add('day', j, DATE '2024-01-01') AS day,
                   j % 2 = 0 AS even
            FROM UNNEST(sequence(0, 999)) AS a(i) CROSS JOIN UNNEST(sequence(0, 999)) AS b(j)""";

    /** boto3 pages for tens of seconds per round: three rounds give its median. */
    static final int PYTHON_ROUNDS = 3;

    record Result(List<Double> fetchResults, List<Double> paginated, List<Double> pythonPaginated, List<Double> rawGet,
                  long objectBytes, int pageCalls) {
    }

    private final BenchPaths paths;
    private final BenchRuntime runtime;
    private final int runs;

    ResultsBench(BenchPaths paths, BenchRuntime runtime, int runs) {
        this.paths = paths;
        this.runtime = runtime;
        this.runs = runs;
    }

    Result run() {
        Bench.progress("b: generating the 1,000,000-row result");
        ObjectNode request = BenchRuntime.JSON.createObjectNode().put("sql", SQL);
        JsonNode handle = runtime.succeededQuery(request);
        String id = handle.get("queryExecutionId").asText();
        QueryExecution execution = runtime.athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
        String location = execution.resultConfiguration().outputLocation();
        String bucket = location.substring("s3://".length(), location.indexOf('/', "s3://".length()));
        String key = location.substring(location.indexOf('/', "s3://".length()) + 1);
        ObjectNode payload = BenchRuntime.JSON.createObjectNode();
        payload.set("query", handle);

        List<Double> fetch = new ArrayList<>();
        List<Double> paginated = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> python = new ArrayList<>();
        Path payloadFile = paths.work().resolve("paginate.json");
        try {
            Files.writeString(payloadFile, payload.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long bytes = 0;
        int calls = 0;
        for (int round = 0; round <= runs; round++) {
            Bench.progress("b: round " + round + "/" + runs + (round == 0 ? " (warm-up, not counted)" : ""));
            long start = System.nanoTime();
            JsonNode output = runtime.invoke("FetchResultsFunction", payload);
            double fetchSeconds = (System.nanoTime() - start) / 1e9;
            check("FetchResults rowCount", output.path("rowCount").asLong());

            start = System.nanoTime();
            Pages pages = paginate(id);
            double pageSeconds = (System.nanoTime() - start) / 1e9;
            check("GetQueryResults rows", pages.rows());

            start = System.nanoTime();
            bytes = rawGet(bucket, key);
            double rawSeconds = (System.nanoTime() - start) / 1e9;
            calls = pages.calls();
            if (round > 0) {
                fetch.add(fetchSeconds);
                paginated.add(pageSeconds);
                raw.add(rawSeconds);
                if (round <= PYTHON_ROUNDS) {
                    python.add(pythonPaginate(payloadFile));
                }
            }
        }
        return new Result(fetch, paginated, python, raw, bytes, calls);
    }

    private record Pages(long rows, int calls) {
    }

    /** Every page of 1,000 rows, as a client of GetQueryResults must; the header row on page one is not a row. */
    private Pages paginate(String id) {
        long rows = 0;
        int calls = 0;
        String token = null;
        do {
            String next = token;
            GetQueryResultsResponse page = runtime.athena.getQueryResults(r -> r.queryExecutionId(id).maxResults(1000)
                    .nextToken(next));
            rows += page.resultSet().rows().size() - (calls == 0 ? 1 : 0);
            calls++;
            token = page.nextToken();
        } while (token != null);
        return new Pages(rows, calls);
    }

    /** The old module's language: boto3 paging through every page; the seconds Python measured around the loop. */
    private double pythonPaginate(Path payloadFile) {
        Map<String, String> env = new LinkedHashMap<>(runtime.childEnvironment("FetchResultsFunction"));
        env.remove("JAVA_TOOL_OPTIONS");
        ChildProcess.Result result = ChildProcess.run(List.of("python3", paths.python().toString(), "paginate",
                payloadFile.toString()), env, paths.work().resolve("paginate.err"), line -> line.startsWith("{"));
        JsonNode answer = BenchRuntime.read(result.answer());
        check("boto3 GetQueryResults rows", answer.path("rowCount").asLong());
        return answer.path("seconds").asDouble();
    }

    private long rawGet(String bucket, String key) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = runtime.s3.getObject(r -> r.bucket(bucket).key(key))) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    private static void check(String what, long rows) {
        if (rows != ROWS) {
            throw new IllegalStateException(what + " was " + rows + ", expected " + ROWS);
        }
    }

    static void report(Result result, Table table) {
        double fetch = Stats.median(result.fetchResults());
        double paginated = Stats.median(result.paginated());
        double raw = Stats.median(result.rawGet());
        double python = Stats.median(result.pythonPaginated());
        table.add(GROUP, "FetchResults (stream + count + preview) vs paginated GetQueryResults, Java SDK ("
                        + Stats.count(result.pageCalls()) + " calls of 1,000 rows, warm JVM)",
                Stats.secondsWithSpread(result.fetchResults()), Stats.secondsWithSpread(result.paginated()),
                Stats.ratio(paginated / fetch) + " faster", "≥ 20× faster", paginated / fetch >= 20);
        table.add(GROUP, "FetchResults vs paginated GetQueryResults, boto3 (the old module's way; loop time only)",
                Stats.secondsWithSpread(result.fetchResults()), Stats.secondsWithSpread(result.pythonPaginated()),
                Stats.ratio(python / fetch) + " faster", "≥ 20× faster", python / fetch >= 20);
        table.add(GROUP, "FetchResults vs raw S3 GET of the " + Stats.bytes(result.objectBytes()) + " object (the floor)",
                Stats.secondsWithSpread(result.fetchResults()), Stats.secondsWithSpread(result.rawGet()),
                Stats.ratio(fetch / raw) + " the floor", "", null);
    }
}
