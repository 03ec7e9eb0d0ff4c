package io.athenaworkflow.local.sfn.tasks;

import io.athenaworkflow.local.edge.AwsJsonService;
import io.athenaworkflow.local.lambda.LambdaService;
import io.athenaworkflow.local.s3.ObjectStore;
import java.util.Objects;

/**
 * The local services Task states can reach. Any of them may be absent (null): a task that needs a missing one fails
 * with States.Runtime naming what to configure.
 *
 * @param lambda runs Lambda functions (direct ARNs and {@code lambda:invoke})
 * @param athena the Athena JSON service ({@code athena:*} and {@code aws-sdk:athena:*})
 * @param objectStore the local S3's objects ({@code aws-sdk:s3:*})
 * @param syncPolling how {@code .sync} tasks poll on the runtime clock
 */
public record TaskServices(LambdaService lambda, AwsJsonService athena, ObjectStore objectStore,
                           SyncPolling syncPolling) {

    public TaskServices {
        Objects.requireNonNull(syncPolling, "syncPolling");
    }

    /** No services: every task fails until some are added. */
    public static TaskServices none() {
        return new TaskServices(null, null, null, SyncPolling.defaults());
    }

    public TaskServices withLambda(LambdaService newLambda) {
        return new TaskServices(newLambda, athena, objectStore, syncPolling);
    }

    public TaskServices withAthena(AwsJsonService newAthena) {
        return new TaskServices(lambda, newAthena, objectStore, syncPolling);
    }

    public TaskServices withObjectStore(ObjectStore newObjectStore) {
        return new TaskServices(lambda, athena, newObjectStore, syncPolling);
    }

    public TaskServices withSyncPolling(SyncPolling newPolling) {
        return new TaskServices(lambda, athena, objectStore, newPolling);
    }
}
