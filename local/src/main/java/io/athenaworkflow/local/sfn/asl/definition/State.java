package io.athenaworkflow.local.sfn.asl.definition;

import java.util.List;
import java.util.Optional;

/**
 * One validated state, parsed once into the record of its kind. Each field is a literal, a JSONPath (reference path
 * or payload template) or a JSONata template; how a {@link DataFlow} is applied depends only on the state's query
 * language, which the interpreter handles in one place.
 */
public sealed interface State permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState,
        ParallelState, MapState {

    String name();

    /** The state's own {@code QueryLanguage}, or the one it inherits from its state machine. */
    QueryLanguage language();

    StateType type();

    /** The {@code Next} state, or empty for {@code End: true} and for Choice, Succeed and Fail states. */
    default Optional<String> next() {
        return Optional.empty();
    }

    /** The state's {@code Retry} (Task, Parallel and Map only). */
    default List<Retrier> retriers() {
        return List.of();
    }

    /** The state's {@code Catch} (Task, Parallel and Map only). */
    default List<Catcher> catchers() {
        return List.of();
    }
}
