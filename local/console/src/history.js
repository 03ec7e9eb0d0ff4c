// An execution's history (GetExecutionHistory events) as the runs of its states: each time a state was entered,
// its input, output, assigned variables, attempts (each retry) with the task's request and response, and its status.
// Events are tied to the state they belong to through previousEventId, the way Step Functions chains them; a Map
// iteration gives the events under it a scope such as "/Outer[2]/Inner[0]".

export const STATUSES = ['NOT_RUN', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'CAUGHT_ERROR', 'CANCELLED'];

const ATTEMPT_STARTS = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled']);
const ATTEMPT_SUCCESSES = new Set(['TaskSucceeded', 'LambdaFunctionSucceeded', 'ActivitySucceeded']);
const FAILURES = new Set(['TaskFailed', 'TaskTimedOut', 'TaskStartFailed', 'TaskSubmitFailed', 'LambdaFunctionFailed',
  'LambdaFunctionTimedOut', 'LambdaFunctionStartFailed', 'LambdaFunctionScheduleFailed', 'ActivityFailed',
  'ActivityTimedOut', 'ActivityScheduleFailed', 'ParallelStateFailed', 'MapStateFailed']);
const BRANCHING_ENDS = new Set(['ParallelStateSucceeded', 'ParallelStateFailed', 'ParallelStateAborted',
  'MapStateSucceeded', 'MapStateFailed', 'MapStateAborted']);
const ITERATION_ENDS = { MapIterationSucceeded: 'SUCCEEDED', MapIterationFailed: 'FAILED', MapIterationAborted: 'ABORTED' };

/** The details object of an event (the one member whose name ends in EventDetails), or undefined. */
export function detailsOf(event) {
  const key = Object.keys(event).find((name) => name.endsWith('EventDetails'));
  return key ? event[key] : undefined;
}

/**
 * @param events the history, oldest first
 * @param executionStatus DescribeExecution's status (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, ...)
 */
export function buildRuns(events, executionStatus) {
  const owner = new Map(); // event id -> the run it belongs to
  const scopeOf = new Map(); // event id -> Map iteration scope
  const runs = [];
  const iterations = new Map(); // scope of a Map iteration -> {map, index, parentScope, status}
  for (const event of events) {
    const prev = event.previousEventId;
    let scope = scopeOf.get(prev) ?? '';
    const details = detailsOf(event) ?? {};
    let run = owner.get(prev);
    if (event.type.endsWith('StateEntered')) {
      const parent = run && !run.exited ? run : run?.parent;
      run = {
        name: details.name,
        type: event.type.slice(0, -'StateEntered'.length),
        scope,
        parent,
        enteredEvent: event,
        enteredAt: event.timestamp,
        input: details.input,
        exited: false,
        exitedAt: undefined,
        output: undefined,
        assignedVariables: undefined,
        attempts: [],
        failure: undefined,
        events: [],
      };
      runs.push(run);
    } else if (event.type === 'MapIterationStarted') {
      scope = `${scope}/${details.name}[${details.index}]`;
      iterations.set(scope, { map: details.name, index: details.index, parentScope: scopeOf.get(prev) ?? '',
        status: 'RUNNING', run });
    } else if (ITERATION_ENDS[event.type]) {
      // The iteration's last inner event precedes this one: hand the chain back to the Map state.
      const iteration = iterations.get(ancestorScope(scope, details.name, details.index));
      if (iteration) {
        iteration.status = ITERATION_ENDS[event.type];
        run = iteration.run;
        scope = iteration.parentScope;
      }
    } else if (BRANCHING_ENDS.has(event.type) || (event.type.endsWith('StateExited') && run?.name !== details.name)) {
      // A Parallel or Map state ends after the last event of one of its branches or iterations.
      const wanted = event.type.endsWith('StateExited')
        ? (candidate) => candidate.name === details.name
        : (candidate) => !candidate.exited && (candidate.type === 'Parallel' || candidate.type === 'Map');
      let candidate = run;
      while (candidate && !wanted(candidate)) candidate = candidate.parent;
      if (candidate) {
        run = candidate;
        scope = candidate.scope;
      }
    }
    if (run) {
      run.events.push(event);
      if (event.type.endsWith('StateExited') && details.name === run.name) {
        run.exited = true;
        run.exitedAt = event.timestamp;
        run.output = details.output;
        run.assignedVariables = details.assignedVariables;
        if (run.failure && run.failure.error === undefined) Object.assign(run.failure, caughtError(details.output));
      } else if (ATTEMPT_STARTS.has(event.type)) {
        run.attempts.push({ startedAt: event.timestamp, resource: details.resource, resourceType: details.resourceType,
          request: details.parameters ?? details.input, response: undefined, error: undefined, cause: undefined,
          endedAt: undefined });
        run.failure = undefined;
      } else if (ATTEMPT_SUCCESSES.has(event.type)) {
        const attempt = run.attempts.at(-1);
        if (attempt) Object.assign(attempt, { response: details.output, endedAt: event.timestamp });
      } else if (FAILURES.has(event.type)) {
        run.failure = { error: details.error, cause: details.cause, type: event.type };
        const attempt = run.attempts.at(-1);
        if (attempt && attempt.endedAt === undefined) {
          Object.assign(attempt, { error: details.error, cause: details.cause, endedAt: event.timestamp });
        }
      } else if (event.type === 'ExecutionFailed' || event.type === 'ExecutionTimedOut') {
        if (!run.exited) run.failure = run.failure ?? { error: details.error, cause: details.cause, type: event.type };
      }
    }
    owner.set(event.id, run);
    scopeOf.set(event.id, scope);
  }
  const ended = executionStatus && executionStatus !== 'RUNNING';
  for (const run of runs) {
    run.status = statusOf(run, ended, iterations);
    run.retries = Math.max(0, run.attempts.length - 1);
  }
  return { runs, iterations };
}

/** A Catch passes {Error, Cause} on: the error of a Parallel or Map state whose failure event carries none. */
function caughtError(output) {
  try {
    const value = JSON.parse(output ?? '');
    return typeof value?.Error === 'string' ? { error: value.Error, cause: value.Cause } : {};
  } catch {
    return {};
  }
}

function ancestorScope(scope, map, index) {
  const suffix = `/${map}[${index}]`;
  let current = scope;
  while (current && !current.endsWith(suffix)) current = current.slice(0, current.lastIndexOf('/'));
  return current;
}

function statusOf(run, executionEnded, iterations) {
  if (run.exited) return run.failure ? 'CAUGHT_ERROR' : 'SUCCEEDED';
  if (run.type === 'Fail') return 'FAILED';
  const iteration = iterations.get(run.scope);
  const over = executionEnded || (iteration && iteration.status !== 'RUNNING') || enclosingExited(run);
  if (!over) return 'IN_PROGRESS';
  return run.failure ? 'FAILED' : 'CANCELLED';
}

function enclosingExited(run) {
  for (let parent = run.parent; parent; parent = parent.parent) {
    if (parent.exited || parent.failure) return true;
  }
  return false;
}

/**
 * The status each state shows in the graph: that of its latest run in the selected Map iterations
 * (`selection`: Map state name -> iteration index; default 0), or NOT_RUN.
 */
export function graphStatuses(definition, runs, selection = new Map()) {
  const latest = new Map();
  for (const run of runs) {
    const state = definition.byName.get(run.name);
    if (!state || run.scope !== scopeFor(state, selection)) continue;
    latest.set(run.name, run);
  }
  const statuses = new Map();
  for (const name of definition.byName.keys()) statuses.set(name, latest.get(name)?.status ?? 'NOT_RUN');
  return { statuses, latest };
}

function scopeFor(state, selection) {
  return state.mapAncestors.map((map) => `/${map}[${selection.get(map) ?? 0}]`).join('');
}

/** The iterations of Map state `map` shown under the selected iterations of its enclosing Maps. */
export function iterationsOf(definition, iterations, map, selection = new Map()) {
  const state = definition.byName.get(map);
  const parentScope = state ? scopeFor(state, selection) : '';
  return [...iterations.values()]
    .filter((it) => it.map === map && it.parentScope === parentScope)
    .sort((a, b) => a.index - b.index);
}
