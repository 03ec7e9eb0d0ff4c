package io.athenaworkflow.local.sfn.asl.interpreter;

/**
 * A Task state's {@code Resource}, classified the way the history shows it.
 *
 * <ul>
 *   <li>{@link Kind#LAMBDA_FUNCTION}: a function ARN ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]});
 *       its history events are LambdaFunctionScheduled/Started/Succeeded/Failed/TimedOut.</li>
 *   <li>{@link Kind#SERVICE_INTEGRATION}: {@code arn:aws:states:::SERVICE:ACTION[.sync|.sync:2|.waitForTaskToken]}
 *       (also {@code aws-sdk:SERVICE:ACTION}); its events are TaskScheduled/Started/Submitted/Succeeded/Failed/TimedOut
 *       with {@code resourceType} SERVICE and {@code resource} ACTION plus suffix, e.g. {@code lambda}/{@code invoke}.</li>
 *   <li>{@link Kind#OTHER}: anything else; reported like a service integration, and left to the invoker to reject.</li>
 * </ul>
 */
public record TaskResource(String arn, Kind kind, String resourceType, String resource, Pattern pattern) {

    /** How the resource is classified. */
    public enum Kind { LAMBDA_FUNCTION, SERVICE_INTEGRATION, OTHER }

    /** The service integration pattern. */
    public enum Pattern { REQUEST_RESPONSE, SYNC, WAIT_FOR_TASK_TOKEN }

    /** Classifies {@code arn}. */
    public static TaskResource parse(String arn) {
        if (arn.startsWith("arn:aws:lambda:") && arn.contains(":function:")) {
            return new TaskResource(arn, Kind.LAMBDA_FUNCTION, "lambda", arn, Pattern.REQUEST_RESPONSE);
        }
        if (arn.startsWith("arn:aws:states:::")) {
            String rest = arn.substring("arn:aws:states:::".length());
            int lastColon = rest.lastIndexOf(':');
            String type;
            String action;
            // .sync:2 carries its own colon: split before the action, not inside the suffix.
            int syncTwo = rest.indexOf(".sync:");
            if (syncTwo > 0) {
                lastColon = rest.lastIndexOf(':', syncTwo);
            }
            if (lastColon <= 0) {
                return new TaskResource(arn, Kind.OTHER, rest, rest, Pattern.REQUEST_RESPONSE);
            }
            type = rest.substring(0, lastColon);
            action = rest.substring(lastColon + 1);
            Pattern pattern = action.endsWith(".waitForTaskToken") ? Pattern.WAIT_FOR_TASK_TOKEN
                    : action.contains(".sync") ? Pattern.SYNC : Pattern.REQUEST_RESPONSE;
            return new TaskResource(arn, Kind.SERVICE_INTEGRATION, type, action, pattern);
        }
        return new TaskResource(arn, Kind.OTHER, "unknown", arn, Pattern.REQUEST_RESPONSE);
    }

    /** Whether history events are the LambdaFunction* family. */
    public boolean isLambdaFunction() {
        return kind == Kind.LAMBDA_FUNCTION;
    }
}
