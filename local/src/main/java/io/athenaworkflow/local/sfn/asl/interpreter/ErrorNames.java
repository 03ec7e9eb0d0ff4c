package io.athenaworkflow.local.sfn.asl.interpreter;

import java.util.List;

/**
 * How a Retrier's or Catcher's ErrorEquals matches an error name.
 *
 * <ul>
 *   <li>An exact name matches itself.</li>
 *   <li>{@code States.ALL} matches every error except {@code States.Runtime}.</li>
 *   <li>{@code States.TaskFailed} matches every error except {@code States.Timeout}, {@code States.Runtime} and
 *       {@code States.QueryEvaluationError} (an expression failure is not a task failure).</li>
 *   <li>{@code States.Runtime} is matched by nothing: it always fails the execution.</li>
 *   <li>A Fail state without an Error raises no error name ({@code null}): only the wildcards match it.</li>
 * </ul>
 */
final class ErrorNames {

    static final String RUNTIME = "States.Runtime";

    private ErrorNames() {
    }

    static boolean matches(List<String> errorEquals, String error) {
        if (RUNTIME.equals(error)) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(error) || name.equals("States.ALL")) {
                return true;
            }
            if (name.equals("States.TaskFailed") && !"States.Timeout".equals(error)
                    && !"States.QueryEvaluationError".equals(error)) {
                return true;
            }
        }
        return false;
    }
}
