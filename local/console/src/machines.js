// Page: the state machines of the endpoint.

import { el } from './dom.js';
import { sfn } from './api.js';
import { dateTime } from './format.js';
import { routes } from './routes.js';

export async function machinesPage() {
  const machines = await sfn.listStateMachines();
  const rows = machines.map((m) => el('tr', {},
    el('td', {}, el('a', { href: routes.machine(m.stateMachineArn), 'data-field': 'machine-link' }, m.name)),
    el('td', {}, m.type),
    el('td', { class: 'mono' }, m.stateMachineArn),
    el('td', {}, dateTime(m.creationDate))));
  return el('div', { class: 'page' },
    el('div', { class: 'page-head' }, el('h1', {}, 'State machines'),
      el('span', { class: 'count' }, `(${machines.length})`)),
    el('div', { class: 'card' },
      machines.length === 0
        ? el('p', { class: 'empty' }, 'No state machines on this endpoint.')
        : el('table', { class: 'table' },
          el('thead', {}, el('tr', {}, el('th', {}, 'Name'), el('th', {}, 'Type'), el('th', {}, 'ARN'),
            el('th', {}, 'Creation date'))),
          el('tbody', {}, rows))));
}
