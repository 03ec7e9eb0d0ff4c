package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A Map state: its {@code ItemProcessor} (or legacy {@code Iterator}), the items ({@code ItemsPath} or JSONata
 * {@code Items}; {@code null} means the effective input), the {@code ItemSelector} (or legacy {@code Parameters};
 * {@code null} when absent) and the settings {@code MaxConcurrency}, {@code ToleratedFailureCount} and
 * {@code ToleratedFailurePercentage} ({@code null} when absent). {@code distributed} is
 * {@code ProcessorConfig.Mode: DISTRIBUTED}; such a Map may read its items with an {@code itemReader} ({@code null}
 * when the items come from the state input), groups them into child inputs with an {@code itemBatcher} ({@code null}
 * when each child gets one item), names its Map Run with {@code label} ({@code null} when absent), runs each child
 * as an execution of {@code executionType} ({@code null} for an INLINE Map) and exports the results with a
 * {@code resultWriter} ({@code null} when absent).
 */
public record MapState(String name, QueryLanguage language, String nextState, DataFlow flow, StateGraph processor,
                       Value items, JsonNode itemSelector, Value maxConcurrency, Value toleratedFailureCount,
                       Value toleratedFailurePercentage, boolean distributed, ItemReader itemReader, ItemBatcher itemBatcher,
                       String label, ExecutionType executionType, ResultWriter resultWriter,
                       List<Retrier> retriers, List<Catcher> catchers)
        implements State {

    /** {@code ProcessorConfig.ExecutionType} of a Distributed Map's child executions. */
    public enum ExecutionType { STANDARD, EXPRESS }

    public MapState {
        retriers = List.copyOf(retriers);
        catchers = List.copyOf(catchers);
    }

    @Override
    public StateType type() {
        return StateType.MAP;
    }

    @Override
    public Optional<String> next() {
        return Optional.ofNullable(nextState);
    }
}
