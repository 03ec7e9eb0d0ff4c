package io.athenaworkflow.local.lambda;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Builds the function's {@code com.amazonaws.services.lambda.runtime.Context} and {@code LambdaLogger} as dynamic
 * proxies of the interfaces from the function's own jar (the function's class loader defines them, so the runtime
 * needs no compile-time dependency on aws-lambda-java-core).
 */
final class LambdaContexts {

    static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
    static final String LOGGER = "com.amazonaws.services.lambda.runtime.LambdaLogger";
    static final String RUNTIME = "com.amazonaws.services.lambda.runtime.LambdaRuntime";

    private LambdaContexts() {
    }

    /** A LambdaLogger writing each message to {@code sink}; null when the jar has no LambdaLogger. */
    static Object logger(ClassLoader loader, Consumer<String> sink) {
        Class<?> type = load(loader, LOGGER);
        if (type == null) {
            return null;
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("log") && args != null && args.length >= 1) {
                sink.accept(args[0] instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(args[0]));
                return null;
            }
            return objectMethod(proxy, method, args, "LambdaLogger");
        };
        return Proxy.newProxyInstance(loader, new Class<?>[] {type}, handler);
    }

    /** Points the jar's {@code LambdaRuntime.getLogger()} at {@code logger}, as the Lambda runtime does. */
    static void installRuntimeLogger(ClassLoader loader, Object logger) {
        Class<?> runtime = load(loader, RUNTIME);
        if (runtime == null || logger == null) {
            return;
        }
        try {
            var field = runtime.getDeclaredField("logger");
            field.setAccessible(true);
            field.set(null, logger);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // An aws-lambda-java-core without that field: LambdaRuntime.getLogger() keeps printing to stdout.
        }
    }

    /** A Context for one invocation, implementing {@code contextType} (the jar's Context interface). */
    static Object context(Class<?> contextType, ContextValues values, Object logger) {
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "getAwsRequestId" -> values.requestId();
            case "getLogGroupName" -> values.logGroupName();
            case "getLogStreamName" -> values.logStreamName();
            case "getFunctionName" -> values.functionName();
            case "getFunctionVersion" -> values.functionVersion();
            case "getInvokedFunctionArn" -> values.invokedFunctionArn();
            case "getRemainingTimeInMillis" -> values.remainingMillis();
            case "getMemoryLimitInMB" -> values.memoryLimitMb();
            case "getLogger" -> logger;
            case "getIdentity", "getClientContext", "getTenantId", "getXrayTraceId" -> null;
            default -> objectMethod(proxy, method, args, "Context[" + values.requestId() + "]");
        };
        return Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[] {contextType}, handler);
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, String name) throws Throwable {
        return switch (method.getName()) {
            case "toString" -> name;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : null;
        };
    }

    static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
