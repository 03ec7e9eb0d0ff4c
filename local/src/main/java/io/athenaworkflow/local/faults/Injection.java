package io.athenaworkflow.local.faults;

import java.util.Objects;

/**
 * One fault that was injected.
 *
 * @param rule the rule that selected the call
 * @param request what was called, e.g. {@code StartQueryExecution}, {@code GET bucket/key} or a function name
 * @param call the call's number among the calls the rule matched (from 1)
 */
public record Injection(FaultRule rule, String request, long call) {

    public Injection {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(request, "request");
    }
}
