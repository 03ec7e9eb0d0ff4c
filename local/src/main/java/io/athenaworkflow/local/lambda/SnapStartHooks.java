package io.athenaworkflow.local.lambda;

import java.lang.reflect.InvocationTargetException;

/**
 * The SnapStart runtime hooks of a handler, run as a checkpoint and a restore would run them: {@code beforeCheckpoint}
 * then {@code afterRestore} of the handler instance when it implements {@code org.crac.Resource} (the API AWS
 * documents for SnapStart hooks). The local host runs them once per execution environment, right after creating the
 * handler and before its first invocation, so a primed function takes the same code path locally as on AWS. Outside
 * a CRaC-capable runtime {@code org.crac} keeps no registry, so the host calls the handler's hooks directly.
 */
final class SnapStartHooks {

    private static final String RESOURCE = "org.crac.Resource";
    private static final String CONTEXT = "org.crac.Context";
    private static final String CORE = "org.crac.Core";

    private SnapStartHooks() {
    }

    /** Runs the hooks when the handler has them; throws what a hook threw (an init error, as a failed snapshot is). */
    static void checkpointAndRestore(Object handler, ClassLoader loader) throws Throwable {
        Class<?> resource = LambdaContexts.load(loader, RESOURCE);
        if (handler == null || resource == null || !resource.isInstance(handler)) {
            return;
        }
        Class<?> context = Class.forName(CONTEXT, false, loader);
        Object global = Class.forName(CORE, true, loader).getMethod("getGlobalContext").invoke(null);
        try {
            resource.getMethod("beforeCheckpoint", context).invoke(handler, global);
            resource.getMethod("afterRestore", context).invoke(handler, global);
        } catch (InvocationTargetException e) {
            throw e.getCause() == null ? e : e.getCause();
        }
    }
}
