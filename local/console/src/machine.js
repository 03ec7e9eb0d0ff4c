// Page: one state machine: its executions (status filter, paging) and its definition (graph and JSON).

import { el, replace } from './dom.js';
import { sfn } from './api.js';
import { dateTime, duration, prettyJson } from './format.js';
import { routes } from './routes.js';
import { badge, errorBox, facts, startExecutionDialog, tabs } from './ui.js';
import { parseDefinition } from './definition.js';
import { drawGraph } from './graph.js';

const PAGE_SIZE = 20;
const STATUS_FILTERS = ['', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export async function machinePage(arn, params) {
  const machine = await sfn.describeStateMachine(arn);
  const open = (executionArn) => { location.hash = routes.execution(executionArn, params); };
  const start = el('button', { type: 'button', class: 'primary', 'data-action': 'start-execution',
    onclick: () => startExecutionDialog(arn, undefined, open) }, 'Start execution');
  const view = tabs([
    { id: 'executions', label: 'Executions', render: () => executions(arn, params.get('status') ?? '') },
    { id: 'definition', label: 'Definition', render: () => definition(machine.definition) },
  ]);
  view.show(params.get('tab') === 'definition' ? 'definition' : 'executions');
  return el('div', { class: 'page' },
    el('nav', { class: 'crumbs' }, el('a', { href: routes.machines() }, 'State machines'), ' / ', machine.name),
    el('div', { class: 'page-head' }, el('h1', {}, machine.name), el('div', { class: 'actions' }, start)),
    el('div', { class: 'card' }, facts([
      ['ARN', el('span', { class: 'mono' }, machine.stateMachineArn)],
      ['Type', machine.type],
      ['Status', machine.status],
      ['Creation date', dateTime(machine.creationDate)],
      ['IAM role', el('span', { class: 'mono' }, machine.roleArn)],
    ])),
    el('div', { class: 'card' }, view.element));
}

function executions(arn, initialStatus) {
  const body = el('div', {});
  const filter = el('select', { 'aria-label': 'Status filter', 'data-field': 'status-filter' },
    STATUS_FILTERS.map((s) => el('option', { value: s }, s ? s.replace('_', ' ') : 'All statuses')));
  filter.value = initialStatus;
  const tokens = [undefined]; // tokens[i] fetches page i
  let page = 0;
  const load = async () => {
    replace(body, el('p', { class: 'empty' }, 'Loading...'));
    try {
      const result = await sfn.listExecutions(arn, filter.value || undefined, PAGE_SIZE, tokens[page]);
      tokens[page + 1] = result.nextToken;
      const items = result.executions ?? [];
      replace(body,
        items.length === 0 ? el('p', { class: 'empty' }, 'No executions.') : el('table', { class: 'table' },
          el('thead', {}, el('tr', {}, ['Name', 'Status', 'Started', 'End time', 'Duration']
            .map((h) => el('th', {}, h)))),
          el('tbody', {}, items.map((x) => el('tr', { 'data-execution-arn': x.executionArn },
            el('td', {}, el('a', { href: routes.execution(x.executionArn) }, x.name)),
            el('td', {}, badge(x.status)),
            el('td', {}, dateTime(x.startDate)),
            el('td', {}, dateTime(x.stopDate)),
            el('td', {}, duration(x.startDate, x.stopDate)))))),
        el('div', { class: 'pager' },
          el('button', { type: 'button', disabled: page === 0, 'data-action': 'previous-page',
            onclick: () => { page -= 1; load(); } }, 'Previous'),
          el('span', {}, `Page ${page + 1}`),
          el('button', { type: 'button', disabled: !result.nextToken, 'data-action': 'next-page',
            onclick: () => { page += 1; load(); } }, 'Next')));
    } catch (e) {
      replace(body, errorBox(e));
    }
  };
  filter.addEventListener('change', () => {
    tokens.length = 1;
    page = 0;
    load();
  });
  const refresh = el('button', { type: 'button', onclick: load, 'data-action': 'refresh' }, 'Refresh');
  load();
  return el('div', {}, el('div', { class: 'toolbar' }, el('label', {}, 'Status ', filter), refresh), body);
}

function definition(text) {
  let graph;
  try {
    graph = drawGraph(parseDefinition(text), () => { }).element;
  } catch (e) {
    graph = errorBox(e);
  }
  return el('div', { class: 'split' },
    el('div', { class: 'graph-pane' }, graph),
    el('pre', { class: 'json definition' }, prettyJson(text)));
}
