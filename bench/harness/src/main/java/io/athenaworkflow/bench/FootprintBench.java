package io.athenaworkflow.bench;

import io.athenaworkflow.local.lambda.ColdStart;

import java.util.List;

/**
 * e. Jar and classes: the Lambda deployment package's size (all bytes of the sam build layout) (vs the naive handlers' class path), and per handler the classes its
 * cold-call JVM loaded by the first response (-Xlog:class+load, from a), the handler's init time in that JVM, and
 * the local Lambda host's own cold-start record (classes its function class loader defined, init time).
 */
final class FootprintBench {

    static final String GROUP = "e. Jar and classes";

    private FootprintBench() {
    }

    static void report(BenchPaths paths, List<ColdStart> coldStarts, List<ColdCallBench.Result> coldCalls, Table table) {
        long jar = paths.functionsArtifactBytes();
        long naive = BenchPaths.size(paths.functionsClassesJar()) + BenchPaths.size(paths.naiveJar())
                + paths.naiveLibJars().stream().mapToLong(BenchPaths::size).sum();
        table.add(GROUP, "Lambda artifact size (sam build layout: classes + lib/)", Stats.bytes(jar),
                "naive class path (SDK defaults) " + Stats.bytes(naive), Stats.ratio((double) jar / naive), "", null);
        if (coldCalls != null) {
            for (ColdCallBench.Result result : coldCalls) {
                ColdCallBench.ClassLoads product = result.product();
                ColdCallBench.ClassLoads baseline = result.naive();
                table.add(GROUP, result.handler().label() + ": classes loaded by the first response (fresh JVM)",
                        Stats.count(product.total()) + " (" + Stats.count(product.fromClassPath()) + " from the jar; "
                                + product.httpClient() + ")",
                        "naive " + Stats.count(baseline.total()) + " (" + Stats.count(baseline.fromClassPath())
                                + " from its jars; " + baseline.httpClient() + ")",
                        Stats.ratio((double) product.total() / baseline.total()), "", null);
                table.add(GROUP, result.handler().label() + ": handler init (constructor) in the fresh JVM",
                        Stats.millis(Stats.median(result.initMillis(ColdCallBench.Variant.PRODUCT))),
                        "naive " + Stats.millis(Stats.median(result.initMillis(ColdCallBench.Variant.NAIVE))),
                        Stats.ratio(Stats.median(result.initMillis(ColdCallBench.Variant.PRODUCT))
                                / Stats.median(result.initMillis(ColdCallBench.Variant.NAIVE))),
                        "", null);
            }
        }
        if (coldStarts != null) {
            for (ColdStart start : coldStarts) {
                if (start.instance() != 1) {
                    continue;
                }
                table.add(GROUP, start.functionName() + ":" + start.version() + ": local Lambda host cold start",
                        Stats.count(start.classesLoaded()) + " classes defined, init "
                                + Stats.millis(start.initDuration().toNanos() / 1e6), "", "", "", null);
            }
        }
    }

}
