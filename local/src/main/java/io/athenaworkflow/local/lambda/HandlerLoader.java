package io.athenaworkflow.local.lambda;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Loads a handler the way the Lambda Java runtime does: {@code Class.forName} with initialization in the function's
 * class loader, then either the {@code RequestStreamHandler} interface ({@code package.Class}) or the named public
 * method ({@code package.Class::method}) with the longest supported signature, and a new instance made with the
 * public no-argument constructor (none for a static method). Failures become the runtime's faults: "Class not
 * found: X" (reported on every invocation), "Error loading class X" and constructor exceptions (init errors).
 */
final class HandlerLoader {

    private static final String STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";
    private static final String POJO_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";

    private HandlerLoader() {
    }

    static Handler load(String handler, ClassLoader loader) {
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        String methodName = separator < 0 ? null : handler.substring(separator + 2);
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            return new Handler.Fault("Class not found: " + className, e.getClass().getName(), trace(e), false);
        } catch (Throwable e) {
            return new Handler.Fault("Error loading class " + className + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    e.getClass().getName(), trace(e), true);
        }
        return methodName == null ? streamHandlerClass(type, loader) : namedMethod(type, methodName, loader);
    }

    private static Handler streamHandlerClass(Class<?> type, ClassLoader loader) {
        Class<?> streamHandler = LambdaContexts.load(loader, STREAM_HANDLER);
        if (streamHandler != null && streamHandler.isAssignableFrom(type)) {
            Class<?> context = LambdaContexts.load(loader, LambdaContexts.CONTEXT);
            try {
                Method method = streamHandler.getMethod("handleRequest", InputStream.class, OutputStream.class, context);
                return instantiate(type, method, context);
            } catch (NoSuchMethodException e) {
                return new Handler.Fault("RequestStreamHandler of " + type.getName() + " has no handleRequest method",
                        e.getClass().getName(), trace(e), false);
            }
        }
        Class<?> pojoHandler = LambdaContexts.load(loader, POJO_HANDLER);
        if (pojoHandler != null && pojoHandler.isAssignableFrom(type)) {
            return unsupportedPojo(type);
        }
        return new Handler.Fault("Class does not implement an appropriate handler interface: " + type.getName(), null,
                null, false);
    }

    private static Handler namedMethod(Class<?> type, String methodName, ClassLoader loader) {
        Class<?> context = LambdaContexts.load(loader, LambdaContexts.CONTEXT);
        List<Method> named = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(methodName)).toList();
        Method chosen = named.stream()
                .filter(m -> !m.isBridge() && streamSignature(m, context))
                .max(Comparator.comparingInt(Method::getParameterCount))
                .orElse(null);
        if (chosen == null) {
            if (!named.isEmpty()) {
                return unsupportedPojo(type);
            }
            return new Handler.Fault("No public method named " + methodName + " with appropriate method signature found"
                    + " on class " + type.getName(), null, null, false);
        }
        return instantiate(type, chosen, chosen.getParameterCount() == 3 ? context : null);
    }

    private static boolean streamSignature(Method method, Class<?> context) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean streams = parameters.length >= 2 && parameters[0] == InputStream.class && parameters[1] == OutputStream.class;
        return streams && (parameters.length == 2 || parameters.length == 3 && context != null && parameters[2] == context);
    }

    private static Handler instantiate(Class<?> type, Method method, Class<?> contextType) {
        method.setAccessible(true);
        if (Modifier.isStatic(method.getModifiers())) {
            return new Handler.Stream(null, method, contextType);
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            String problem = type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())
                    ? "Class " + type.getName() + " cannot be instantiated because it is a non-static inner class"
                    : "Class " + type.getName() + " has no public zero-argument constructor";
            return new Handler.Fault(problem, Exception.class.getName(), trace(e), false);
        }
        try {
            constructor.setAccessible(true);
            return new Handler.Stream(constructor.newInstance(), method, contextType);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Handler.Fault(ErrorDocuments.message(cause), cause.getClass().getName(), trace(cause), true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new Handler.Fault(ErrorDocuments.message(e), e.getClass().getName(), trace(e), true);
        }
    }

    /** POJO handlers need the runtime's serialization library; the local runtime runs stream handlers only. */
    private static Handler unsupportedPojo(Class<?> type) {
        return new Handler.Fault("Class " + type.getName() + " is not a stream handler: the local runtime runs handlers"
                + " implementing RequestStreamHandler or methods (InputStream, OutputStream[, Context]); POJO handlers"
                + " (RequestHandler<I, O>) are not supported locally.", UnsupportedOperationException.class.getName(),
                null, false);
    }

    static String trace(Throwable error) {
        error.setStackTrace(ErrorDocuments.filtered(error.getStackTrace()));
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
