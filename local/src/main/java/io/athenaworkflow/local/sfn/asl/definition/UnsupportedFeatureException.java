package io.athenaworkflow.local.sfn.asl.definition;

/**
 * Thrown by {@link StateMachineDefinition#parse(String)} when a definition is valid on AWS but uses a feature the
 * local interpreter does not run (Distributed Map, ItemReader, ResultWriter, Activities): the message names the feature,
 * the JSON pointer where it is used, and what to do instead.
 */
public class UnsupportedFeatureException extends RuntimeException {

    public UnsupportedFeatureException(String message) {
        super(message);
    }
}
