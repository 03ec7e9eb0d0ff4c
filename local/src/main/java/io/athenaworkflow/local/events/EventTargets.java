package io.athenaworkflow.local.events;

/**
 * Where the bus delivers matched events: implemented by the runtime's wiring (Step Functions StartExecution, Lambda
 * asynchronous invoke) and by test doubles. A method that throws makes the bus retry the delivery.
 */
public interface EventTargets {

    /** Starts an execution of the state machine with {@code inputJson} as its input. */
    void startExecution(String stateMachineArn, String inputJson);

    /** Invokes the function (asynchronously, as EventBridge does) with {@code payload}. */
    void invokeFunction(String functionArn, byte[] payload);
}
