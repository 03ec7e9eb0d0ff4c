package io.athenaworkflow.local.sfn.asl.expr;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Functions;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The functions Step Functions adds to JSONata ("Transforming data with JSONata in Step Functions"):
 * {@code $partition}, {@code $range}, {@code $hash}, {@code $random} (with an optional seed), {@code $uuid} and
 * {@code $parse}; plus {@code $eval}, which Step Functions does not support, bound to a function that fails.
 *
 * <p>Each signature declares exactly the arguments the function takes, so the engine itself refuses a call with too
 * many (T0410) and pads a short one with undefined (Java null) for the function to judge.
 */
final class AwsJsonataFunctions {

    static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    /**
     * The most elements one {@code $range} call may build. The engine has no memory bound of its own, and a range is
     * the one construct that allocates a list of any requested size in a single step.
     */
    static final int MAX_RANGE_ELEMENTS = 360_145;

    private static final ObjectReader STRICT_JSON = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final Map<String, Jsonata.JFunction> STATIC = Map.of(
            "partition", new Jsonata.JFunction((input, args) -> partition(args), "<x?x?:x>"),
            "range", new Jsonata.JFunction((input, args) -> range(args), "<x?x?x?:x>"),
            "hash", new Jsonata.JFunction((input, args) -> hash(args), "<x?x?:x>"),
            "random", new Jsonata.JFunction((input, args) -> random(args), "<x?:x>"),
            "uuid", new Jsonata.JFunction((input, args) -> UUID.randomUUID().toString(), "<:s>"),
            "parse", new Jsonata.JFunction((input, args) -> parse(args), "<x?:x>"),
            // Step Functions does not support $eval: calling it fails the way calling a non-function does.
            "eval", new Jsonata.JFunction((input, args) -> {
                throw new JException("T1006", -1, "eval");
            }, "<x?x?:x>"));

    private AwsJsonataFunctions() {
    }

    /**
     * Binds the Step Functions functions on an evaluation frame. {@code $now()} and {@code $millis()} read the given
     * clock once per evaluation, as JSONata specifies; the engine's own versions read a timestamp kept per thread,
     * which a cached expression evaluated on another thread does not set.
     */
    static void bindAll(Jsonata.Frame frame, InstantSource clock) {
        STATIC.forEach(frame::bind);
        long millis = clock.millis();
        frame.bind("now", new Jsonata.JFunction(
                (input, args) -> Functions.dateTimeFromMillis(millis, (String) arg(args, 0), (String) arg(args, 1)),
                "<s?s?:s>"));
        frame.bind("millis", new Jsonata.JFunction((input, args) -> millis, "<:n>"));
    }

    private static Object arg(List<?> args, int index) {
        return index < args.size() ? args.get(index) : null;
    }

    private static JException signatureMismatch(String function, int argument) {
        return new JException("T0410: Argument " + argument + " of function \"" + function
                + "\" does not match function signature", -1);
    }

    /** JSONata numbers are doubles; Step Functions truncates the fractional part of integer arguments. */
    private static long integer(Object value, String function, int argument) {
        if (!(value instanceof Number number) || value instanceof Double d && !Double.isFinite(d)) {
            throw signatureMismatch(function, argument);
        }
        return (long) number.doubleValue();
    }

    /** {@code $partition(array, chunkSize)}: the array split into chunks of chunkSize, the last one shorter. */
    private static Object partition(List<?> args) {
        Object array = arg(args, 0);
        if (array == null) {
            return null;
        }
        if (!(array instanceof List<?> elements)) {
            throw new JException("T0412: Argument 1 of function \"partition\" must be an array", -1);
        }
        if (elements.isEmpty()) {
            return null;
        }
        Object sizeArgument = arg(args, 1);
        if (sizeArgument == null) {
            return new ArrayList<>(List.of(new ArrayList<>(elements)));
        }
        long size = integer(sizeArgument, "partition", 2);
        if (size < 0) {
            throw new JException("D3137: Second argument must be zero or greater", -1);
        }
        if (size == 0) {
            return null;
        }
        List<Object> chunks = new ArrayList<>();
        int step = (int) Math.min(size, elements.size());
        for (int from = 0; from < elements.size(); from += step) {
            chunks.add(new ArrayList<>(elements.subList(from, Math.min(from + step, elements.size()))));
        }
        return chunks;
    }

    /**
     * {@code $range(start, end, step)}: start, start+step, ... up to and including end. A step of zero or pointing
     * away from end is undefined; a range of one element is that element (JSONata's singleton sequence).
     */
    private static Object range(List<?> args) {
        long start = integer(arg(args, 0), "range", 1);
        long end = integer(arg(args, 1), "range", 2);
        Object stepArgument = arg(args, 2);
        if (stepArgument == null) {
            return null;
        }
        long step = integer(stepArgument, "range", 3);
        if (step == 0 || step > 0 && start > end || step < 0 && start < end) {
            return null;
        }
        if (start == end) {
            return start;
        }
        // Counted exactly: adding step until passing end would overflow and loop for a step near Long.MAX_VALUE.
        BigInteger count = BigInteger.valueOf(end).subtract(BigInteger.valueOf(start))
                .divide(BigInteger.valueOf(step)).add(BigInteger.ONE);
        if (count.compareTo(BigInteger.valueOf(MAX_RANGE_ELEMENTS)) > 0) {
            throw new JException("Expression evaluation memory limit exceeded: $range would build " + count
                    + " elements, more than " + MAX_RANGE_ELEMENTS, -1);
        }
        List<Object> values = new ArrayList<>(count.intValue());
        long value = start;
        for (int i = 0; i < count.intValue(); i++) {
            values.add(value);
            value += step;
        }
        return values;
    }

    /** {@code $hash(data, algorithm)}: the lower-case hex digest of the UTF-8 bytes of data. */
    private static Object hash(List<?> args) {
        if (!(arg(args, 0) instanceof String data)) {
            throw signatureMismatch("hash", 1);
        }
        Object algorithmArgument = arg(args, 1);
        if (algorithmArgument == null) {
            return null;
        }
        if (!(algorithmArgument instanceof String algorithm)) {
            throw signatureMismatch("hash", 2);
        }
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw new JException("D3137: Hash algorithm '" + algorithm
                    + "' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5", -1);
        }
        return hexDigest(algorithm, data);
    }

    static String hexDigest(String algorithm, String data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // Every JDK ships the five algorithms Step Functions accepts.
            throw new IllegalStateException("This JDK lacks the " + algorithm + " digest", e);
        }
    }

    /**
     * {@code $random([seed])}: a number in [0, 1). With a seed the value is reproducible: it is the first draw of a
     * {@code java.util.Random} seeded with it.
     */
    private static Object random(List<?> args) {
        Object seed = arg(args, 0);
        if (seed == null) {
            return ThreadLocalRandom.current().nextDouble();
        }
        return new Random(integer(seed, "random", 1)).nextDouble();
    }

    /** {@code $parse(jsonString)}: the JSON value the string holds (what {@code $eval} would do, without code). */
    private static Object parse(List<?> args) {
        Object text = arg(args, 0);
        if (text == null) {
            return null;
        }
        if (!(text instanceof String json)) {
            throw signatureMismatch("parse", 1);
        }
        JsonNode parsed;
        try {
            parsed = STRICT_JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new JException("D3137: Invalid JSON", -1);
        }
        if (parsed == null || parsed.isMissingNode()) {
            throw new JException("D3137: Invalid JSON", -1);
        }
        return JsonataValues.toJsonata(parsed);
    }
}
