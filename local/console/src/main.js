// The local Step Functions console: a hash router over three pages.

import { el, replace } from './dom.js';
import { currentRoute } from './routes.js';
import { errorBox } from './ui.js';
import { machinesPage } from './machines.js';
import { machinePage } from './machine.js';
import { executionPage } from './execution.js';

const main = document.getElementById('main');
let generation = 0;

async function render() {
  const mine = ++generation;
  const alive = () => mine === generation;
  const route = currentRoute();
  replace(main, el('p', { class: 'empty' }, 'Loading...'));
  let page;
  try {
    if (route.page === 'machine') page = await machinePage(route.arn, route.params);
    else if (route.page === 'execution') page = await executionPage(route.arn, route.params, alive);
    else page = await machinesPage();
  } catch (e) {
    page = el('div', { class: 'page' }, errorBox(e), el('p', {}, el('a', { href: '#/' }, 'Back to the state machines')));
  }
  if (alive()) {
    replace(main, page);
    document.title = `${document.querySelector('h1')?.textContent ?? 'Step Functions'} - athena-local console`;
  }
}

window.addEventListener('hashchange', render);
render();
