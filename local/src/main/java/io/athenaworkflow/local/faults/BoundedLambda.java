package io.athenaworkflow.local.faults;

import io.athenaworkflow.local.lambda.InvocationResult;
import io.athenaworkflow.local.lambda.LambdaService;
import io.athenaworkflow.local.lambda.ServiceException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most {@code limit} invocations of one function run at once; further ones wait for a free slot instead of
 * starting another execution environment. Lambda itself would scale out, but every local environment is a class
 * loader with its own copy of the function's libraries (the AWS SDK: about 16 MB of metaspace each), so hundreds of
 * concurrent executions would exhaust memory. Waiting keeps the caller busy on the runtime clock, so no virtual time
 * passes while an invocation waits: to the workflow it looks like Lambda scaling out, only slower in real time.
 */
public final class BoundedLambda implements LambdaService {

    private final LambdaService lambda;
    private final int limit;
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();

    private BoundedLambda(LambdaService lambda, int limit) {
        this.lambda = lambda;
        this.limit = limit;
    }

    /**
     * {@code lambda} with at most {@code limit} concurrent invocations per function.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1
     */
    public static BoundedLambda of(LambdaService lambda, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one invocation per function must be able to run, got " + limit);
        }
        return new BoundedLambda(java.util.Objects.requireNonNull(lambda, "lambda"), limit);
    }

    @Override
    public InvocationResult invoke(String functionNameOrArn, byte[] payload) {
        Semaphore function = slots.computeIfAbsent(FaultyLambda.functionName(functionNameOrArn),
                name -> new Semaphore(limit, true));
        try {
            function.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("Interrupted while waiting for a free execution environment of "
                    + functionNameOrArn + ".");
        }
        try {
            return lambda.invoke(functionNameOrArn, payload);
        } finally {
            function.release();
        }
    }
}
