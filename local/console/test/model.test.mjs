// Unit tests of the console's models: the definition graph and the statuses derived from a history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDefinition, DefinitionError } from '../src/definition.js';
import { buildRuns, graphStatuses, iterationsOf } from '../src/history.js';

const workflow = readFileSync(new URL('../../../statemachine/athena-query.asl.json', import.meta.url), 'utf8');

// A Parallel state, then a Map whose iteration 1 reaches a Fail state (caught by the Map's Catch), as the local
// runtime's GetExecutionHistory reported it.
const nested = JSON.stringify({ StartAt: 'P', States: {
  P: { Type: 'Parallel', ResultPath: null, Next: 'M', Branches: [
    { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
    { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 1, End: true } } }] },
  M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'X', States: {
    X: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'Bad' }], Default: 'Y' },
    Y: { Type: 'Pass', End: true },
    Bad: { Type: 'Fail', Error: 'Two', Cause: 'two' } } },
  Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }], End: true },
  Done: { Type: 'Pass', End: true } } });

const entered = (id, prev, type, name, input = '{}') => ({ id, previousEventId: prev, timestamp: id,
  type: `${type}StateEntered`, stateEnteredEventDetails: { name, input } });
const exited = (id, prev, type, name, output = '{}') => ({ id, previousEventId: prev, timestamp: id,
  type: `${type}StateExited`, stateExitedEventDetails: { name, output } });
const event = (id, prev, type, details) => ({ id, previousEventId: prev, timestamp: id, type, ...details });

const nestedHistory = [
  event(1, 0, 'ExecutionStarted', { executionStartedEventDetails: { input: '{"items":[1,2,3]}' } }),
  entered(2, 0, 'Parallel', 'P'), event(3, 2, 'ParallelStateStarted'),
  entered(4, 3, 'Pass', 'A'), exited(5, 4, 'Pass', 'A'),
  entered(6, 3, 'Wait', 'B'), exited(7, 6, 'Wait', 'B'),
  event(8, 7, 'ParallelStateSucceeded'), exited(9, 8, 'Parallel', 'P'),
  entered(10, 9, 'Map', 'M'), event(11, 10, 'MapStateStarted', { mapStateStartedEventDetails: { length: 3 } }),
  event(12, 11, 'MapIterationStarted', { mapIterationStartedEventDetails: { name: 'M', index: 0 } }),
  event(13, 11, 'MapIterationStarted', { mapIterationStartedEventDetails: { name: 'M', index: 1 } }),
  entered(14, 12, 'Choice', 'X', '1'), entered(15, 13, 'Choice', 'X', '2'), exited(16, 15, 'Choice', 'X', '2'),
  entered(17, 16, 'Fail', 'Bad', '2'),
  event(18, 17, 'MapIterationFailed', { mapIterationFailedEventDetails: { name: 'M', index: 1 } }),
  exited(19, 14, 'Choice', 'X', '1'),
  event(20, 19, 'MapIterationAborted', { mapIterationAbortedEventDetails: { name: 'M', index: 0 } }),
  event(21, 20, 'MapStateFailed'), exited(22, 21, 'Map', 'M', '{"Error":"Two","Cause":"two"}'),
  entered(23, 22, 'Pass', 'Done'), exited(24, 23, 'Pass', 'Done'),
  event(25, 24, 'ExecutionSucceeded', { executionSucceededEventDetails: { output: '{}' } }),
];

test('parseDefinition_whenProductWorkflow_hasEveryTransitionOfTheAslFile', () => {
  const { root, byName } = parseDefinition(workflow);
  assert.equal(root.startAt, 'StartQuery');
  assert.deepEqual([...byName.keys()], ['StartQuery', 'CheckStatus', 'IsQueryDone', 'WaitForQuery', 'FetchResults',
    'Cleanup', 'DidQuerySucceed', 'Succeeded', 'QueryFailed']);
  assert.deepEqual(byName.get('CheckStatus').transitions, [{ to: 'IsQueryDone', kind: 'next' },
    { to: 'Cleanup', kind: 'catch' }]);
  assert.deepEqual(byName.get('IsQueryDone').transitions, [{ to: 'FetchResults', kind: 'choice' },
    { to: 'WaitForQuery', kind: 'default' }]);
  assert.deepEqual(byName.get('QueryFailed').transitions, [{ to: null, kind: 'end' }]);
});

test('parseDefinition_whenParallelAndMap_nestsBranchesAndItemProcessor', () => {
  const { byName } = parseDefinition(nested);
  assert.deepEqual(byName.get('P').branches.map((b) => b.startAt), ['A', 'B']);
  assert.equal(byName.get('M').processor.startAt, 'X');
  assert.deepEqual(byName.get('Bad').mapAncestors, ['M']);
  assert.deepEqual(byName.get('A').mapAncestors, []);
});

test('parseDefinition_whenNotJson_throwsDefinitionError', () => {
  assert.throws(() => parseDefinition('{"StartAt":'), DefinitionError);
  assert.throws(() => parseDefinition('{"StartAt":"A"}'), /no "States" object/);
});

test('buildRuns_whenMapIterationFailsAndIsCaught_colorsEachIterationOnItsOwn', () => {
  const definition = parseDefinition(nested);
  const { runs, iterations } = buildRuns(nestedHistory, 'SUCCEEDED');
  const status = (name) => runs.filter((r) => r.name === name).map((r) => r.status);
  assert.deepEqual(status('P'), ['SUCCEEDED']);
  assert.deepEqual(status('A'), ['SUCCEEDED']);
  assert.deepEqual(status('M'), ['CAUGHT_ERROR']);
  const map = runs.find((r) => r.name === 'M');
  assert.deepEqual([map.failure.error, map.failure.cause], ['Two', 'two']);
  assert.deepEqual(status('Bad'), ['FAILED']);
  assert.deepEqual(status('Done'), ['SUCCEEDED']);
  assert.deepEqual(iterationsOf(definition, iterations, 'M').map((it) => [it.index, it.status]),
    [[0, 'ABORTED'], [1, 'FAILED']]);

  const second = graphStatuses(definition, runs, new Map([['M', 1]])).statuses;
  assert.equal(second.get('X'), 'SUCCEEDED');
  assert.equal(second.get('Bad'), 'FAILED');
  assert.equal(second.get('Y'), 'NOT_RUN');
  const first = graphStatuses(definition, runs, new Map([['M', 0]])).statuses;
  assert.equal(first.get('Bad'), 'NOT_RUN');
  assert.equal(first.get('Done'), 'SUCCEEDED');
});

test('buildRuns_whenTaskRetriedThenSucceeded_countsOneRetryWithItsError', () => {
  const history = [
    entered(2, 0, 'Task', 'T', '{"in":1}'),
    event(3, 2, 'TaskScheduled', { taskScheduledEventDetails: { resource: 'invoke', parameters: '{"p":1}' } }),
    event(4, 3, 'TaskFailed', { taskFailedEventDetails: { error: 'Lambda.ServiceException', cause: 'boom' } }),
    event(5, 4, 'TaskScheduled', { taskScheduledEventDetails: { resource: 'invoke', parameters: '{"p":1}' } }),
    event(6, 5, 'TaskSucceeded', { taskSucceededEventDetails: { output: '{"ok":true}' } }),
    exited(7, 6, 'Task', 'T', '{"ok":true}'),
  ];
  const [run] = buildRuns(history, 'RUNNING').runs;
  assert.equal(run.status, 'SUCCEEDED');
  assert.equal(run.retries, 1);
  assert.equal(run.attempts[0].error, 'Lambda.ServiceException');
  assert.equal(run.attempts[0].request, '{"p":1}');
  assert.equal(run.attempts[1].response, '{"ok":true}');
  assert.equal(run.output, '{"ok":true}');
});

test('buildRuns_whenTaskFailsAndIsCaught_isCaughtError', () => {
  const history = [
    entered(2, 0, 'Task', 'T'),
    event(3, 2, 'TaskScheduled', { taskScheduledEventDetails: {} }),
    event(4, 3, 'TaskFailed', { taskFailedEventDetails: { error: 'E', cause: 'C' } }),
    exited(5, 4, 'Task', 'T'),
  ];
  const [run] = buildRuns(history, 'RUNNING').runs;
  assert.equal(run.status, 'CAUGHT_ERROR');
  assert.deepEqual([run.failure.error, run.failure.cause], ['E', 'C']);
});

test('buildRuns_whenStateNotExited_followsTheExecutionStatus', () => {
  const open = [entered(2, 0, 'Task', 'T'), event(3, 2, 'TaskScheduled', { taskScheduledEventDetails: {} })];
  assert.equal(buildRuns(open, 'RUNNING').runs[0].status, 'IN_PROGRESS');
  assert.equal(buildRuns(open, 'ABORTED').runs[0].status, 'CANCELLED');
  const failed = [...open, event(4, 3, 'TaskFailed', { taskFailedEventDetails: { error: 'E', cause: 'C' } }),
    event(5, 4, 'ExecutionFailed', { executionFailedEventDetails: { error: 'E', cause: 'C' } })];
  assert.equal(buildRuns(failed, 'FAILED').runs[0].status, 'FAILED');
});
