package io.athenaworkflow.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.definition.ItemReader;
import io.athenaworkflow.local.sfn.asl.interpreter.TaskInvocation;
import io.athenaworkflow.local.sfn.asl.interpreter.TaskInvoker;
import io.athenaworkflow.local.sfn.asl.interpreter.TaskResource;

/**
 * Runs Task states against the local services: Lambda function ARNs and {@code lambda:invoke} on the
 * {@link io.athenaworkflow.local.lambda.LambdaService}, {@code athena:*} (optimized, with {@code .sync}) and {@code aws-sdk:athena:*} on the Athena
 * service, {@code aws-sdk:s3:*} on the local S3. Any other resource fails the execution with States.Runtime naming
 * the resource and what is supported (on AWS it would run, so no Catch should quietly take over).
 *
 * <p>The interpreter records the history events (TaskScheduled/Started/Succeeded/Failed with resourceType and
 * resource, LambdaFunction* for function ARNs); this invoker adds TaskSubmitted for {@code .sync} jobs.
 */
public final class LocalTaskInvoker implements TaskInvoker {

    private final LambdaIntegration lambda;
    private final AthenaIntegration athena;
    private final S3SdkIntegration s3;
    private final S3ItemReader items;

    private LocalTaskInvoker(TaskServices services) {
        this.lambda = new LambdaIntegration(services.lambda());
        this.athena = new AthenaIntegration(services.athena(), services.syncPolling());
        this.s3 = new S3SdkIntegration(services.objectStore());
        this.items = new S3ItemReader(s3);
    }

    public static LocalTaskInvoker create(TaskServices services) {
        return new LocalTaskInvoker(services);
    }

    @Override
    public JsonNode invoke(TaskInvocation invocation) {
        TaskResource resource = invocation.resource();
        return switch (resource.kind()) {
            case LAMBDA_FUNCTION -> lambda.invokeFunction(invocation);
            case SERVICE_INTEGRATION -> switch (resource.resourceType()) {
                case "lambda" -> {
                    if (!resource.resource().equals("invoke") && !resource.resource().startsWith("invoke.")) {
                        throw TaskErrors.unsupported(resource.arn(), "the optimized Lambda integration is"
                                + " lambda:invoke");
                    }
                    yield lambda.invoke(invocation);
                }
                case "athena" -> athena.optimized(invocation);
                case "aws-sdk:athena" -> athena.sdk(invocation);
                case "aws-sdk:s3" -> s3.invoke(invocation);
                default -> throw TaskErrors.unsupported(resource.arn(), "the '" + resource.resourceType()
                        + "' integration is not available locally");
            };
            case OTHER -> throw TaskErrors.unsupported(resource.arn(), "it is neither a Lambda function ARN nor a"
                    + " Step Functions service integration (arn:aws:states:::SERVICE:ACTION)");
        };
    }

    /** A Distributed Map's items, read from the local S3. */
    @Override
    public JsonNode readItems(ItemReader reader, JsonNode arguments) {
        return items.read(reader, arguments);
    }

    /** A result file of a Distributed Map's ResultWriter, put to the local S3. */
    @Override
    public void writeResult(String bucket, String key, String body) {
        ObjectNode request = AwsResponses.NODES.objectNode();
        request.put("Bucket", bucket);
        request.put("Key", key);
        request.put("Body", body);
        request.put("ContentType", "application/json");
        s3.call("putObject", request);
    }
}
