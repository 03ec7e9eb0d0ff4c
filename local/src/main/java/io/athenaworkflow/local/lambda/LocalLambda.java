package io.athenaworkflow.local.lambda;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local Lambda host: deploys Java functions from their jars and invokes them in-process, each execution
 * environment isolated in its own class loader (parent: the platform class loader), with Lambda's reserved
 * environment variables, Context, error documents, timeouts and concurrency limits.
 *
 * <p>A function with an alias ({@link FunctionSpec#alias()}, SAM's AutoPublishAlias) has published version
 * {@code 1} and the alias pointing at it; both run the same code in environments separate from {@code $LATEST}'s,
 * as on Lambda. Reserved concurrency counts the invocations of all versions together.
 *
 * <p>With {@link LambdaSettings#sdk()} set, starting claims the JVM-wide AWS SDK system properties (one set per
 * JVM); {@link #close()} releases them.
 */
public final class LocalLambda implements LambdaService, AutoCloseable {

    /** Lambda's synchronous payload limit. */
    static final int MAX_REQUEST_BYTES = 6_291_456;

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}");
    private static final Pattern HANDLER = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$.]*(::[\\p{L}_$][\\p{L}\\p{N}_$]*)?");
    /** arn:partition:lambda:region:account:function:name[:qualifier], or account:function:name[:qualifier]. */
    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "(?:arn:(aws[a-zA-Z-]*):lambda:([a-z0-9-]+):)?(\\d{12}):function:([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?");

    private final LambdaSettings settings;
    private final Map<String, Deployed> functions = new ConcurrentHashMap<>();
    private final List<ColdStart> coldStarts = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private LocalLambda(LambdaSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts a host. With SDK settings, installs them as JVM system properties.
     *
     * @throws SdkSettingsConflictException when another running host in this JVM installed different SDK settings
     */
    public static LocalLambda start(LambdaSettings settings) {
        if (settings.sdk() != null) {
            SdkSystemProperties.claim(settings.sdk(), settings.region());
        }
        return new LocalLambda(settings);
    }

    /**
     * Deploys a function, replacing (and discarding the environments of) one with the same name.
     *
     * @return the function's unqualified ARN
     * @throws InvalidParameterValueException when the configuration is not one Lambda would accept
     */
    public String deploy(FunctionSpec spec) {
        ensureOpen();
        validate(spec);
        Deployed deployed = new Deployed(spec, new Semaphore(spec.reservedConcurrency() != null
                ? spec.reservedConcurrency() : settings.defaultConcurrency()),
                new FunctionVersion(spec, FunctionVersion.LATEST, settings, coldStarts::add),
                spec.alias() == null ? null : new FunctionVersion(spec, PUBLISHED_VERSION, settings, coldStarts::add));
        Deployed previous = functions.put(spec.name(), deployed);
        if (previous != null) {
            previous.close();
        }
        return arn(spec.name());
    }

    /** The version an alias points at: SAM's AutoPublishAlias publishes version 1. */
    static final String PUBLISHED_VERSION = "1";

    @Override
    public InvocationResult invoke(String functionNameOrArn, byte[] payload) {
        ensureOpen();
        byte[] body = payload == null ? new byte[0] : payload;
        Target target = resolve(functionNameOrArn);
        if (body.length > MAX_REQUEST_BYTES) {
            throw new RequestTooLargeException("Request must be smaller than " + MAX_REQUEST_BYTES
                    + " bytes for the InvokeFunction operation");
        }
        checkJson(body);
        if (!target.function().concurrency().tryAcquire()) {
            throw new TooManyRequestsException("Rate Exceeded.", TooManyRequestsException.RESERVED_LIMIT);
        }
        try {
            return target.version().invoke(body, target.invokedArn());
        } finally {
            target.function().concurrency().release();
        }
    }

    /** The deployed function's configuration, by name or (qualified) ARN. */
    public Optional<FunctionSpec> function(String functionNameOrArn) {
        try {
            return Optional.of(resolve(functionNameOrArn).function().spec());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Every deployed function, by name. */
    public List<FunctionSpec> functions() {
        return functions.values().stream().map(Deployed::spec).sorted(java.util.Comparator.comparing(FunctionSpec::name))
                .toList();
    }

    /** The unqualified ARN of a function name in this host's region and account. */
    public String arn(String functionName) {
        return "arn:aws:lambda:" + settings.region() + ":" + settings.accountId() + ":function:" + functionName;
    }

    /** Every execution environment started so far, in the order their first invocations finished. */
    public List<ColdStart> coldStarts() {
        return List.copyOf(coldStarts);
    }

    /** Discards every environment and releases the SDK system properties. Invocations afterwards fail. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        functions.values().forEach(Deployed::close);
        functions.clear();
        if (settings.sdk() != null) {
            SdkSystemProperties.release();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new ServiceException("The local Lambda host is closed.");
        }
    }

    private record Deployed(FunctionSpec spec, Semaphore concurrency, FunctionVersion latest, FunctionVersion published) {
        void close() {
            latest.close();
            if (published != null) {
                published.close();
            }
        }
    }

    private record Target(Deployed function, FunctionVersion version, String invokedArn) {
    }

    private Target resolve(String functionNameOrArn) {
        if (functionNameOrArn == null || functionNameOrArn.isBlank()) {
            throw new ResourceNotFoundException("Function not found: the function name is empty.");
        }
        String name;
        String qualifier;
        Matcher arn = FUNCTION_ARN.matcher(functionNameOrArn);
        Matcher plain = QUALIFIED_NAME.matcher(functionNameOrArn);
        String unqualified;
        if (arn.matches()) {
            name = arn.group(4);
            qualifier = arn.group(5);
            boolean here = arn.group(3).equals(settings.accountId()) && (arn.group(2) == null
                    || arn.group(2).equals(settings.region()));
            if (!here) {
                throw notFound(functionNameOrArn);
            }
        } else if (plain.matches()) {
            name = plain.group(1);
            qualifier = plain.group(2);
        } else {
            throw notFound(functionNameOrArn);
        }
        unqualified = arn(name);
        Deployed function = functions.get(name);
        if (function == null) {
            throw notFound(qualifier == null ? unqualified : unqualified + ":" + qualifier);
        }
        if (qualifier == null) {
            return new Target(function, function.latest(), unqualified);
        }
        String invoked = unqualified + ":" + qualifier;
        if (qualifier.equals(FunctionVersion.LATEST)) {
            return new Target(function, function.latest(), invoked);
        }
        if (function.published() != null && (qualifier.equals(PUBLISHED_VERSION) || qualifier.equals(function.spec().alias()))) {
            return new Target(function, function.published(), invoked);
        }
        throw notFound(invoked);
    }

    private static ResourceNotFoundException notFound(String what) {
        return new ResourceNotFoundException("Function not found: " + what);
    }

    private static void checkJson(byte[] body) {
        if (body.length == 0) {
            return;
        }
        try (JsonParser parser = ErrorDocuments.JSON.getFactory().createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return;
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new InvalidRequestContentException("Could not parse request body into json: unexpected content after"
                        + " the first JSON value.");
            }
        } catch (IOException e) {
            throw new InvalidRequestContentException("Could not parse request body into json: " + e.getMessage());
        }
    }

    private void validate(FunctionSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            problems.add("function name '" + spec.name() + "' must be 1-64 letters, digits, '-' or '_'");
        }
        if (spec.handler() == null || !HANDLER.matcher(spec.handler()).matches()) {
            problems.add("handler '" + spec.handler() + "' must be package.Class::method or package.Class");
        }
        if (spec.code().isEmpty()) {
            problems.add("code must name the function's deployment package (a sam build folder or a jar)");
        }
        for (Path path : spec.code()) {
            if (!Files.exists(path)) {
                problems.add("code " + path + " does not exist (build the function first)");
            }
        }
        if (spec.timeoutSeconds() < 1 || spec.timeoutSeconds() > 900) {
            problems.add("timeout " + spec.timeoutSeconds() + " must be 1-900 seconds");
        }
        if (spec.memoryMb() < 128 || spec.memoryMb() > 10240) {
            problems.add("memory " + spec.memoryMb() + " must be 128-10240 MB");
        }
        if (spec.alias() != null && !ALIAS.matcher(spec.alias()).matches()) {
            problems.add("alias '" + spec.alias() + "' must be letters, digits, '-' or '_' and not only digits");
        }
        if (spec.reservedConcurrency() != null && spec.reservedConcurrency() < 0) {
            problems.add("reserved concurrency " + spec.reservedConcurrency() + " must not be negative");
        }
        TreeSet<String> reserved = new TreeSet<>(spec.environment().keySet());
        reserved.retainAll(FunctionVersion.ReservedVariables.RESERVED);
        if (!reserved.isEmpty()) {
            problems.add("Lambda was unable to configure your environment variables because the environment variables"
                    + " you have provided contains reserved keys that are currently not supported for modification."
                    + " Reserved keys used in this request: " + String.join(", ", reserved));
        }
        if (!problems.isEmpty()) {
            throw new InvalidParameterValueException("Cannot deploy function " + spec.name() + ": "
                    + String.join("; ", problems) + ".");
        }
    }
}
