// Small shared pieces of the pages: status badges, key/value lists, JSON blocks, tabs, errors, the start dialog.

import { el, replace } from './dom.js';
import { prettyJson } from './format.js';
import { sfn } from './api.js';

export function badge(status) {
  return el('span', { class: `badge badge-${String(status).toLowerCase()}`, 'data-field': 'status' },
    String(status).replace(/_/g, ' '));
}

/** A <dl> of [label, value] rows; values are text or nodes. */
export function facts(rows) {
  return el('dl', { class: 'facts' }, rows.filter(Boolean).flatMap(([label, value, field]) => [
    el('dt', {}, label),
    el('dd', field ? { 'data-field': field } : {}, value ?? '-'),
  ]));
}

/** A titled, pretty-printed JSON (or plain text) block. */
export function jsonBlock(title, text, field) {
  const empty = text === undefined || text === null || text === '';
  return el('section', { class: 'block' },
    el('h4', {}, title),
    empty ? el('p', { class: 'empty' }, 'None')
      : el('pre', { class: 'json', ...(field ? { 'data-field': field } : {}) }, prettyJson(text)));
}

export function errorBox(error) {
  return el('div', { class: 'alert', role: 'alert' }, String(error?.message ?? error));
}

/** Tabs: [{id, label, render() -> Node}]; returns {element, show(id)}. */
export function tabs(list, onChange) {
  const bar = el('div', { class: 'tabs', role: 'tablist' });
  const body = el('div', { class: 'tab-body' });
  let current;
  const show = (id) => {
    current = id;
    for (const button of bar.children) button.setAttribute('aria-selected', String(button.dataset.tab === id));
    const tab = list.find((t) => t.id === id) ?? list[0];
    replace(body, tab.render());
    onChange?.(id);
  };
  for (const tab of list) {
    bar.append(el('button', { type: 'button', role: 'tab', 'data-tab': tab.id, onclick: () => show(tab.id) },
      tab.label));
  }
  return { element: el('div', {}, bar, body), show, get current() { return current; } };
}

/** The "Start execution" dialog: an input editor and an optional name; resolves to the new execution's ARN. */
export function startExecutionDialog(stateMachineArn, initialInput, onStarted) {
  const input = el('textarea', { class: 'editor', rows: 12, spellcheck: 'false', 'aria-label': 'Execution input',
    'data-field': 'input-editor' });
  input.value = initialInput ?? '{\n  "sql": "SELECT 1 AS one"\n}';
  const name = el('input', { type: 'text', placeholder: 'a generated id', 'aria-label': 'Execution name',
    'data-field': 'name-editor' });
  const problem = el('p', { class: 'problem', 'data-field': 'input-problem' });
  const dialog = el('dialog', { class: 'dialog' });
  const start = el('button', { type: 'button', class: 'primary', 'data-action': 'confirm-start' }, 'Start execution');
  const check = () => {
    try {
      JSON.parse(input.value);
      problem.textContent = '';
      start.disabled = false;
    } catch (e) {
      problem.textContent = `Input is not valid JSON: ${e.message}`;
      start.disabled = true;
    }
  };
  input.addEventListener('input', check);
  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      const started = await sfn.startExecution(stateMachineArn, input.value, name.value.trim() || undefined);
      dialog.close();
      dialog.remove();
      onStarted(started.executionArn);
    } catch (e) {
      problem.textContent = e.message;
      start.disabled = false;
    }
  });
  replace(dialog,
    el('h3', {}, 'Start execution'),
    el('label', {}, 'Name (optional)', name),
    el('label', {}, 'Input (JSON)', input),
    problem,
    el('div', { class: 'actions' },
      el('button', { type: 'button', onclick: () => { dialog.close(); dialog.remove(); } }, 'Cancel'),
      start));
  document.body.append(dialog);
  dialog.showModal();
  input.focus();
}
