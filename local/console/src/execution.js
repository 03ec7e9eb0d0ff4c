// Page: one execution: header, graph view (coloured live), table view, event view, and the step details panel.
// While the execution runs, the page polls DescribeExecution and GetExecutionHistory and updates in place.

import { el, replace } from './dom.js';
import { sfn } from './api.js';
import { arnName, dateTime, duration, prettyJson, toDate } from './format.js';
import { routes } from './routes.js';
import { badge, errorBox, facts, jsonBlock, startExecutionDialog, tabs } from './ui.js';
import { parseDefinition } from './definition.js';
import { drawGraph } from './graph.js';
import { buildRuns, detailsOf, graphStatuses, iterationsOf } from './history.js';

const DEFAULT_POLL_MILLIS = 1000;

/** Renders the page; `alive()` turns false once the user navigated away (polling stops). */
export async function executionPage(arn, params, alive) {
  const pollMillis = Math.max(100, Number(params.get('poll')) || DEFAULT_POLL_MILLIS);
  const [execution, machine] = await Promise.all([sfn.describeExecution(arn),
    sfn.describeStateMachineForExecution(arn).catch(() => null)]);
  const machineDefinition = machine?.definition
    ?? (await sfn.describeStateMachine(execution.stateMachineArn)).definition;
  const definition = parseDefinition(machineDefinition);

  const state = { execution, events: [], runs: [], iterations: new Map(), selection: new Map(), selected: null,
    selectedRun: null };
  const header = el('div', { class: 'card', 'data-panel': 'execution-header' });
  const details = el('aside', { class: 'details', 'data-panel': 'state-details' });
  const graph = drawGraph(definition, (name) => select(name, null));
  const table = el('div', { 'data-panel': 'table-view' });
  const eventList = el('div', { 'data-panel': 'event-view' });
  const view = tabs([
    { id: 'graph', label: 'Graph view', render: () => el('div', { class: 'graph-pane' }, graph.element) },
    { id: 'table', label: 'Table view', render: () => table },
    { id: 'events', label: 'Event view', render: () => eventList },
  ]);
  view.show(params.get('view') ?? 'graph');

  function select(name, run) {
    state.selected = name;
    state.selectedRun = run;
    graph.setSelected(name);
    renderDetails();
  }

  // The header's buttons are made once (a poll must not replace what the user is about to click); its facts are
  // redrawn when the execution changes, its duration on every poll.
  const stop = el('button', { type: 'button', class: 'danger', 'data-action': 'stop-execution',
    onclick: async () => {
      if (!confirm('Stop this execution?')) return;
      stop.disabled = true;
      try {
        await sfn.stopExecution(arn, 'Console.Stopped', 'Stopped from the local console');
        await refresh();
      } catch (e) {
        header.append(errorBox(e));
      }
    } }, 'Stop execution');
  const again = el('button', { type: 'button', 'data-action': 'new-execution',
    onclick: () => startExecutionDialog(state.execution.stateMachineArn, prettyJson(state.execution.input),
      (executionArn) => { location.hash = routes.execution(executionArn, params); }) }, 'New execution');
  const title = el('h1', {});
  const statusSlot = el('span', {});
  const body = el('div', {});
  header.append(el('div', { class: 'page-head' }, title, statusSlot, el('div', { class: 'actions' }, again, stop)),
    body);

  function renderHeader() {
    const x = state.execution;
    stop.disabled = x.status !== 'RUNNING';
    title.textContent = x.name ?? arnName(arn);
    replace(statusSlot, badge(x.status));
    replace(body,
      facts([
        ['Execution ARN', el('span', { class: 'mono' }, x.executionArn)],
        ['State machine', el('a', { href: routes.machine(x.stateMachineArn) }, arnName(x.stateMachineArn))],
        ['Start time', dateTime(x.startDate), 'start-time'],
        ['End time', dateTime(x.stopDate), 'stop-time'],
        ['Duration', duration(x.startDate, x.stopDate), 'duration'],
        x.error !== undefined && ['Error', x.error, 'error'],
        x.cause !== undefined && ['Cause', el('span', { class: 'pre-wrap' }, x.cause), 'cause'],
      ]),
      el('div', { class: 'io' }, jsonBlock('Input', x.input, 'execution-input'),
        jsonBlock('Output', x.output ?? '', 'execution-output')));
  }

  function renderDuration() {
    const field = body.querySelector('[data-field="duration"]');
    if (field) field.textContent = duration(state.execution.startDate, state.execution.stopDate);
  }

  function renderTable() {
    const rows = state.runs.map((run) => el('tr', {
      class: `clickable${run === state.selectedRun ? ' selected' : ''}`,
      'data-run-state-name': run.name,
      onclick: () => select(run.name, run),
    },
    el('td', {}, run.name),
    el('td', {}, run.type),
    el('td', {}, badge(run.status)),
    el('td', {}, run.scope ? run.scope.slice(1) : '-'),
    el('td', {}, dateTime(run.enteredAt)),
    el('td', {}, run.exited || run.status !== 'IN_PROGRESS' ? duration(run.enteredAt, run.exitedAt ?? lastTime(run))
      : duration(run.enteredAt)),
    el('td', {}, String(run.retries))));
    replace(table, rows.length === 0 ? el('p', { class: 'empty' }, 'No state entered yet.') : el('table',
      { class: 'table' },
      el('thead', {}, el('tr', {}, ['Name', 'Type', 'Status', 'Iteration', 'Started', 'Duration', 'Retries']
        .map((h) => el('th', {}, h)))),
      el('tbody', {}, rows)));
  }

  function renderEvents() {
    const start = toDate(state.events[0]?.timestamp);
    const owners = new Map();
    for (const run of state.runs) for (const event of run.events) owners.set(event.id, run.name);
    replace(eventList, state.events.length === 0 ? el('p', { class: 'empty' }, 'No events yet.') : el('div',
      { class: 'events' },
      el('div', { class: 'event-head' }, ['ID', 'Type', 'Step', 'Elapsed', 'Timestamp'].map((h) => el('span', {}, h))),
      state.events.map((event) => el('details', { class: 'event', 'data-event-id': event.id },
        el('summary', {},
          el('span', {}, String(event.id)),
          el('span', { class: event.type.endsWith('Failed') || event.type.endsWith('TimedOut') ? 'bad' : '' },
            event.type),
          el('span', {}, owners.get(event.id) ?? '-'),
          el('span', {}, start ? `${Math.max(0, toDate(event.timestamp) - start)} ms` : '-'),
          el('span', {}, dateTime(event.timestamp))),
        el('pre', { class: 'json' }, prettyJson(JSON.stringify(expand(detailsOf(event) ?? {}))))))));
  }

  function renderDetails() {
    const name = state.selected;
    if (!name) {
      replace(details, el('p', { class: 'empty' }, 'Select a state in the graph or the table to see its details.'));
      return;
    }
    const model = definition.byName.get(name);
    const { latest } = graphStatuses(definition, state.runs, state.selection);
    const runsOfState = state.runs.filter((r) => r.name === name);
    const run = state.selectedRun && runsOfState.includes(state.selectedRun) ? state.selectedRun : latest.get(name)
      ?? runsOfState.at(-1);
    const parts = [
      el('div', { class: 'details-head' }, el('h3', { 'data-field': 'state-name' }, name),
        badge(run?.status ?? 'NOT_RUN')),
      facts([
        ['Type', model?.type ?? run?.type],
        run && ['Started', dateTime(run.enteredAt)],
        run && ['Duration', duration(run.enteredAt, run.exitedAt ?? (run.status === 'IN_PROGRESS' ? undefined
          : lastTime(run)))],
        run && ['Retries', String(run.retries)],
        run?.scope && ['Iteration', run.scope.slice(1)],
      ]),
    ];
    if (runsOfState.length > 1) {
      const chooser = el('select', { 'aria-label': 'Run of this state', 'data-field': 'run-chooser' },
        runsOfState.map((r, i) => el('option', { value: i }, `Run ${i + 1} of ${runsOfState.length}`
          + `${r.scope ? ` (${r.scope.slice(1)})` : ''}: ${r.status}`)));
      chooser.value = String(runsOfState.indexOf(run));
      chooser.addEventListener('change', () => select(name, runsOfState[Number(chooser.value)]));
      parts.push(el('label', { class: 'chooser' }, chooser));
    }
    if (!run) {
      parts.push(el('p', { class: 'empty' }, 'This state has not run in this execution.'));
    } else {
      if (run.failure) {
        parts.push(el('section', { class: 'block failure' }, el('h4', {}, 'Error'),
          el('p', { 'data-field': 'state-error', class: 'mono' }, run.failure.error ?? '-'),
          run.failure.cause !== undefined && el('h4', {}, 'Cause'),
          run.failure.cause !== undefined
            && el('pre', { class: 'json', 'data-field': 'state-cause' }, prettyJson(run.failure.cause))));
      }
      parts.push(jsonBlock('Input', run.input, 'state-input'));
      parts.push(jsonBlock('Output', run.output ?? '', 'state-output'));
      if (run.assignedVariables && Object.keys(run.assignedVariables).length > 0) {
        parts.push(el('section', { class: 'block' }, el('h4', {}, 'Variables assigned'),
          el('pre', { class: 'json', 'data-field': 'state-variables' },
            prettyJson(JSON.stringify(expand(run.assignedVariables))))));
      }
      run.attempts.forEach((attempt, i) => {
        parts.push(el('section', { class: `block attempt${attempt.error ? ' failed' : ''}`, 'data-attempt': i + 1 },
          el('h4', {}, i === 0 ? 'Attempt 1' : `Retry ${i} (attempt ${i + 1})`),
          facts([
            ['Resource', el('span', { class: 'mono' }, attempt.resource ?? '-')],
            ['Started', dateTime(attempt.startedAt)],
            ['Duration', duration(attempt.startedAt, attempt.endedAt)],
            attempt.error !== undefined && ['Error', attempt.error],
            attempt.cause !== undefined && ['Cause', el('span', { class: 'pre-wrap' }, attempt.cause)],
          ]),
          el('h5', {}, 'Request'), el('pre', { class: 'json', 'data-field': 'task-request' }, prettyJson(attempt.request ?? '')),
          el('h5', {}, 'Response'),
          el('pre', { class: 'json', 'data-field': 'task-response' }, prettyJson(attempt.response ?? ''))));
      });
      if (model?.type === 'Map') parts.push(iterationsBlock(name));
      if (model?.type === 'Parallel') {
        const { statuses } = graphStatuses(definition, state.runs, state.selection);
        parts.push(el('section', { class: 'block' }, el('h4', {}, 'Branches'), el('ol', {},
          model.branches.map((branch) => el('li', {}, `Starts at ${branch.startAt}: `,
            badge(statuses.get(branch.startAt) ?? 'NOT_RUN'))))));
      }
    }
    replace(details, parts);
  }

  function iterationsBlock(map) {
    const list = iterationsOf(definition, state.iterations, map, state.selection);
    const chosen = state.selection.get(map) ?? 0;
    return el('section', { class: 'block', 'data-field': 'iterations' }, el('h4', {}, `Iterations (${list.length})`),
      list.length === 0 ? el('p', { class: 'empty' }, 'No iteration started.') : el('div', { class: 'iterations' },
        list.map((it) => el('button', {
          type: 'button',
          class: `iteration iteration-${it.status.toLowerCase()}${it.index === chosen ? ' chosen' : ''}`,
          'data-iteration': it.index,
          title: it.status,
          onclick: () => {
            state.selection.set(map, it.index);
            update();
          },
        }, `#${it.index} ${it.status}`))));
  }

  function update() {
    const built = buildRuns(state.events, state.execution.status);
    state.runs = built.runs;
    state.iterations = built.iterations;
    graph.setStatuses(graphStatuses(definition, state.runs, state.selection).statuses);
    renderHeader();
    renderTable();
    renderEvents();
    renderDetails();
  }

  let lastEventCount = -1;
  async function refresh() {
    const [x, events] = await Promise.all([sfn.describeExecution(arn), sfn.history(arn)]);
    const changed = events.length !== lastEventCount || x.status !== state.execution.status;
    state.execution = x;
    state.events = events;
    lastEventCount = events.length;
    if (changed) update();
    else renderDuration();
  }

  const problem = el('div', {});
  async function poll() {
    if (!alive()) return;
    try {
      await refresh();
      replace(problem);
    } catch (e) {
      replace(problem, errorBox(e));
    }
    if (alive() && state.execution.status === 'RUNNING') setTimeout(poll, pollMillis);
  }
  await refresh();
  if (state.execution.status === 'RUNNING') setTimeout(poll, pollMillis);

  return el('div', { class: 'page' },
    el('nav', { class: 'crumbs' }, el('a', { href: routes.machines() }, 'State machines'), ' / ',
      el('a', { href: routes.machine(execution.stateMachineArn) }, arnName(execution.stateMachineArn)), ' / ',
      execution.name ?? arnName(arn)),
    problem,
    header,
    el('div', { class: 'card' }, el('div', { class: 'split execution-split' }, view.element, details)),
    legend());
}

function legend() {
  return el('div', { class: 'legend' }, ['NOT_RUN', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'CAUGHT_ERROR', 'CANCELLED']
    .map((s) => el('span', { class: `legend-item legend-${s.toLowerCase()}` }, s.replace('_', ' ').toLowerCase())));
}

/** The time a run stopped being observed: its last event. */
function lastTime(run) {
  return run.events.at(-1)?.timestamp;
}

/** JSON strings inside event details (input, output, parameters, ...) shown as JSON objects where they parse. */
function expand(value) {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return JSON.parse(trimmed);
      } catch {
        return value;
      }
    }
    return value;
  }
  if (Array.isArray(value)) return value.map(expand);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
  }
  return value;
}
