package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far one graph (the top level, a Parallel branch or a Map iteration) has got: the state it runs now and that
 * state's input and, while that state is a Parallel or Map, the outputs of its finished branches or iterations and the
 * frames of the unfinished ones. When an execution ends unsuccessfully, this is what RedriveExecution resumes from:
 * the state that did not finish, with the input it had, re-running only the branches and iterations that did not
 * succeed (as AWS documents redrive).
 */
final class Checkpoint {

    private volatile String state;
    private volatile JsonNode input;
    private final Map<Integer, JsonNode> finished = new ConcurrentHashMap<>();
    private final Map<Integer, Frame> unfinished = new ConcurrentHashMap<>();

    /** The graph entered {@code newState} with {@code newInput}; what its previous state ran is forgotten. */
    void at(String newState, JsonNode newInput) {
        state = newState;
        input = newInput;
        restartChildren();
    }

    /** A new attempt of the current state (a retry): its branches or iterations start over. */
    void restartChildren() {
        finished.clear();
        unfinished.clear();
    }

    /** Branch or iteration {@code index} of the current state runs in {@code frame}. */
    void childStarted(int index, Frame frame) {
        unfinished.put(index, frame);
    }

    /** Branch or iteration {@code index} of the current state succeeded with {@code output}. */
    void childFinished(int index, JsonNode output) {
        finished.put(index, output);
        unfinished.remove(index);
    }

    /** The state the graph was running, or empty when it had not entered one. */
    Optional<String> state() {
        return Optional.ofNullable(state);
    }

    JsonNode input() {
        return input;
    }

    /** The output of branch or iteration {@code index} if it succeeded. */
    Optional<JsonNode> finished(int index) {
        return Optional.ofNullable(finished.get(index));
    }

    /** The frame branch or iteration {@code index} ran in if it started and did not succeed. */
    Optional<Frame> unfinished(int index) {
        return Optional.ofNullable(unfinished.get(index));
    }
}
