// The console in a real browser (Debian's chromium driven by playwright-core) against a running local runtime that
// serves the product's workflow. Run by ConsoleBrowserTest (JUnit), which starts the runtime and passes:
//   ATHENA_ENDPOINT    the runtime's edge endpoint, e.g. http://127.0.0.1:4566
//   STATE_MACHINE_ARN  the product's state machine
//   CHROMIUM           the browser executable (/usr/bin/chromium)
//   SCREENSHOT         optional: where to save a PNG of the graph view of a succeeded execution
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const endpoint = required('ATHENA_ENDPOINT');
const workflowArn = required('STATE_MACHINE_ARN');
const ALL_STATES = ['StartQuery', 'CheckStatus', 'IsQueryDone', 'WaitForQuery', 'FetchResults', 'Cleanup',
  'DidQuerySucceed', 'Succeeded', 'QueryFailed'];
const INSTANT = ['IsQueryDone', 'DidQuerySucceed', 'Succeeded'];

let browser;
let profile;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name} (ConsoleBrowserTest sets it when it starts the runtime)`);
  return value;
}

before(async () => {
  profile = mkdtempSync(join(tmpdir(), 'athena-console-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: required('CHROMIUM'),
    headless: true,
    viewport: { width: 1440, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A page that records JavaScript errors and dialogs (alert, confirm, ...) so tests can assert there were none. */
async function openPage() {
  const page = await browser.newPage();
  const problems = { errors: [], dialogs: [] };
  page.on('pageerror', (e) => problems.errors.push(e.message));
  page.on('dialog', async (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return { page, problems };
}

/** The Step Functions API, the way the console and every SDK call it. */
async function sfn(operation, request) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${operation}` },
    body: JSON.stringify(request),
  });
  const body = await response.json();
  assert.ok(response.ok, `${operation} failed: ${JSON.stringify(body)}`);
  return body;
}

const executionUrl = (arn, query = '') => `${endpoint}/console/#/executions/${encodeURIComponent(arn)}${query}`;
const node = (page, name) => page.locator(`#main [data-state-name="${name.replace(/["\\]/g, '\\$&')}"]`);
const status = (page, name) => node(page, name).getAttribute('data-status');
const header = (page) => page.locator('[data-panel="execution-header"]');
const details = (page) => page.locator('[data-panel="state-details"]');

async function awaitExecutionStatus(page, expected) {
  await header(page).locator('.page-head [data-field="status"]').filter({ hasText: expected.replace('_', ' ') })
    .waitFor({ timeout: 120_000 });
}

test('executionPage_whenWorkflowRunsFromTheStartDialog_showsEveryStateTurnGreenLiveWithoutReload', async () => {
  const { page, problems } = await openPage();
  await page.goto(`${endpoint}/console/#/state-machines/${encodeURIComponent(workflowArn)}?poll=100`);
  await page.locator('[data-action="start-execution"]').click();
  await page.locator('[data-field="input-editor"]').fill('{"sql": "SELECT 1 AS one, \'a\' AS letter"}');
  // Every status each state shows, in order, from the first drawing of the graph on (same document throughout).
  await page.evaluate(() => {
    window.consoleTestMarker = 'not reloaded';
    window.statusLog = {};
    const record = () => {
      for (const n of document.querySelectorAll('#main [data-state-name]')) {
        const name = n.getAttribute('data-state-name');
        const log = (window.statusLog[name] ??= []);
        if (log.at(-1) !== n.getAttribute('data-status')) log.push(n.getAttribute('data-status'));
      }
    };
    new MutationObserver(record).observe(document.getElementById('main'),
      { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
  await page.locator('[data-action="confirm-start"]').click();
  await page.waitForURL(/#\/executions\//);
  const executionArn = decodeURIComponent(page.url().split('#/executions/')[1].split('?')[0]);
  await awaitExecutionStatus(page, 'SUCCEEDED');

  // Every state the execution entered (per its history) was watched turning green; the others stay not run.
  const history = (await sfn('GetExecutionHistory', { executionArn, maxResults: 1000 })).events;
  const ran = new Set(history.filter((e) => e.stateEnteredEventDetails).map((e) => e.stateEnteredEventDetails.name));
  assert.ok(['StartQuery', 'CheckStatus', 'FetchResults', 'Cleanup', 'Succeeded'].every((name) => ran.has(name)),
    [...ran].join());
  const log = await page.evaluate(() => window.statusLog);
  for (const name of ALL_STATES) {
    const seen = log[name] ?? [];
    if (!ran.has(name)) {
      assert.deepEqual(seen, ['NOT_RUN'], `${name} did not run but was shown ${JSON.stringify(seen)}`);
    } else if (INSTANT.includes(name)) {
      // Choice and Succeed states enter and exit in the same instant: they turn from not run to green while watched.
      assert.deepEqual([seen[0], seen.at(-1)], ['NOT_RUN', 'SUCCEEDED'], `${name}: ${JSON.stringify(seen)}`);
    } else {
      assert.ok(seen.includes('IN_PROGRESS'), `${name} was never shown in progress: ${JSON.stringify(seen)}`);
      assert.equal(seen.at(-1), 'SUCCEEDED', `${name} did not end green: ${JSON.stringify(seen)}`);
      assert.ok(seen.indexOf('IN_PROGRESS') < seen.lastIndexOf('SUCCEEDED'), `${name}: ${JSON.stringify(seen)}`);
    }
  }
  assert.equal(await page.evaluate(() => window.consoleTestMarker), 'not reloaded');

  // The step details of a clicked state: its input and output as the history has them.
  const entered = history.find((e) => e.stateEnteredEventDetails?.name === 'StartQuery');
  const exited = history.find((e) => e.stateExitedEventDetails?.name === 'StartQuery');
  await node(page, 'StartQuery').click();
  await details(page).locator('[data-field="state-name"]').filter({ hasText: 'StartQuery' }).waitFor();
  const shownInput = JSON.parse(await details(page).locator('[data-field="state-input"]').textContent());
  const shownOutput = JSON.parse(await details(page).locator('[data-field="state-output"]').textContent());
  assert.deepEqual(shownInput, { sql: "SELECT 1 AS one, 'a' AS letter" });
  assert.deepEqual(shownInput, JSON.parse(entered.stateEnteredEventDetails.input));
  assert.deepEqual(shownOutput, JSON.parse(exited.stateExitedEventDetails.output));
  assert.match(shownOutput.queryExecutionId, /^[0-9a-f-]{36}$/);
  const request = JSON.parse(await details(page).locator('[data-field="task-request"]').first().textContent());
  assert.match(request.FunctionName, /StartQueryFunction/);

  // The header shows the execution's output, the same document DescribeExecution returns.
  const described = await sfn('DescribeExecution', { executionArn });
  assert.deepEqual(JSON.parse(await header(page).locator('[data-field="execution-output"]').textContent()),
    JSON.parse(described.output));

  if (process.env.SCREENSHOT) {
    await node(page, 'FetchResults').click();
    await page.locator('.execution-split').screenshot({ path: process.env.SCREENSHOT });
  }

  // Table view: one row per state entered, in order; event view: one expandable entry per history event.
  await page.getByRole('tab', { name: 'Table view' }).click();
  const rows = page.locator('[data-panel="table-view"] tbody tr');
  const enteredNames = history.filter((e) => e.stateEnteredEventDetails).map((e) => e.stateEnteredEventDetails.name);
  assert.deepEqual(await rows.locator('td:first-child').allTextContents(), enteredNames);
  assert.deepEqual(new Set(await rows.locator('[data-field="status"]').allTextContents()), new Set(['SUCCEEDED']));
  await page.getByRole('tab', { name: 'Event view' }).click();
  const events = page.locator('[data-panel="event-view"] details.event');
  assert.equal(await events.count(), history.length);
  const first = events.first();
  await first.locator('summary').click();
  assert.equal(await first.getAttribute('open'), '');
  assert.deepEqual(JSON.parse(await first.locator('pre').textContent()).input, { sql: "SELECT 1 AS one, 'a' AS letter" });

  assert.deepEqual(problems, { errors: [], dialogs: [] });
  await page.close();
});

test('executionPage_whenQueryFails_showsTheFailingStateTheCaughtErrorAndTheError', async () => {
  const { executionArn } = await sfn('StartExecution', { stateMachineArn: workflowArn,
    input: JSON.stringify({ sql: 'SELECT * FROM no_such_table' }) });
  const { page, problems } = await openPage();
  await page.goto(executionUrl(executionArn, '?poll=200'));
  await awaitExecutionStatus(page, 'FAILED');
  const described = await sfn('DescribeExecution', { executionArn });

  assert.equal(await status(page, 'QueryFailed'), 'FAILED');
  assert.equal(await status(page, 'CheckStatus'), 'CAUGHT_ERROR');
  assert.equal(await status(page, 'Cleanup'), 'SUCCEEDED');
  assert.equal(await status(page, 'FetchResults'), 'NOT_RUN');
  assert.equal(await header(page).locator('[data-field="error"]').textContent(), described.error);
  assert.equal(await header(page).locator('[data-field="cause"]').textContent(), described.cause);

  await node(page, 'QueryFailed').click();
  await details(page).locator('[data-field="state-name"]').filter({ hasText: 'QueryFailed' }).waitFor();
  assert.equal(await details(page).locator('[data-field="state-error"]').textContent(), described.error);
  assert.equal(await details(page).locator('[data-field="state-cause"]').textContent(), described.cause);

  await node(page, 'CheckStatus').click();
  await details(page).locator('[data-field="state-name"]').filter({ hasText: 'CheckStatus' }).waitFor();
  assert.equal(await details(page).locator('[data-field="state-error"]').textContent(),
    'io.athenaworkflow.athena.errors.QueryFailedException');
  assert.match(await details(page).locator('[data-field="state-cause"]').textContent(), /TABLE_NOT_FOUND/);

  assert.deepEqual(problems, { errors: [], dialogs: [] });
  await page.close();
});

test('executionPage_whenStopClickedWhileRunning_abortsItAndShowsTheRunningStateCancelled', async () => {
  const { executionArn } = await sfn('StartExecution', { stateMachineArn: workflowArn,
    input: JSON.stringify({ sql: 'SELECT 2 AS two' }) });
  const { page } = await openPage();
  await page.goto(executionUrl(executionArn, '?poll=100'));
  await node(page, 'StartQuery').and(page.locator('[data-status="SUCCEEDED"]')).waitFor({ timeout: 60_000 });
  page.removeAllListeners('dialog');
  page.once('dialog', (dialog) => dialog.accept());
  await page.locator('[data-action="stop-execution"]').click();
  await awaitExecutionStatus(page, 'ABORTED');

  const described = await sfn('DescribeExecution', { executionArn });
  assert.equal(described.status, 'ABORTED');
  const statuses = await page.locator('#main [data-state-name]').evaluateAll((nodes) => nodes
    .map((n) => n.getAttribute('data-status')));
  assert.ok(statuses.includes('CANCELLED'), `no state shown cancelled: ${statuses}`);
  assert.ok(!statuses.includes('IN_PROGRESS'), `a state still shows in progress: ${statuses}`);
  assert.equal(await page.locator('[data-action="stop-execution"]').isDisabled(), true);
  await page.close();
});

test('machinePage_whenStatusFilterChosen_listsOnlyExecutionsWithThatStatus', async () => {
  const { page, problems } = await openPage();
  await page.goto(`${endpoint}/console/#/state-machines/${encodeURIComponent(workflowArn)}`);
  const rows = page.locator('tbody tr[data-execution-arn]');
  await rows.first().waitFor();
  const all = (await sfn('ListExecutions', { stateMachineArn: workflowArn, maxResults: 100 })).executions;
  assert.equal(await rows.count(), Math.min(20, all.length));
  await page.locator('[data-field="status-filter"]').selectOption('FAILED');
  await page.locator('tbody tr[data-execution-arn] [data-field="status"]').first().waitFor();
  const failed = all.filter((x) => x.status === 'FAILED').map((x) => x.executionArn);
  assert.ok(failed.length > 0);
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-execution-arn'))), failed);
  assert.deepEqual(problems, { errors: [], dialogs: [] });
  await page.close();
});

test('executionPage_whenStateNameAndInputHoldMarkup_rendersThemAsTextAndRunsNoScript', async () => {
  const evilName = '<img src=x onerror=alert(1)>';
  const evilInput = { note: "<script>alert('input')</script>", html: '<b onmouseover=alert(2)>bold</b>' };
  const { stateMachineArn } = await sfn('CreateStateMachine', {
    name: `markup-${Date.now()}`,
    roleArn: 'arn:aws:iam::000000000000:role/console-test',
    definition: JSON.stringify({ StartAt: evilName, States: { [evilName]: { Type: 'Pass', Next: 'Done' },
      Done: { Type: 'Succeed' } } }),
  });
  const { executionArn } = await sfn('StartExecution', { stateMachineArn, input: JSON.stringify(evilInput),
    name: 'markup-execution' });
  const { page, problems } = await openPage();
  const response = await page.goto(executionUrl(executionArn, '?poll=100'));
  assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
  await awaitExecutionStatus(page, 'SUCCEEDED');

  assert.equal(await status(page, evilName), 'SUCCEEDED');
  assert.equal(await node(page, evilName).locator('text.label').textContent(), evilName);
  await node(page, evilName).click();
  assert.equal(await details(page).locator('[data-field="state-name"]').textContent(), evilName);
  assert.deepEqual(JSON.parse(await details(page).locator('[data-field="state-input"]').textContent()), evilInput);
  const inputShown = await header(page).locator('[data-field="execution-input"]').textContent();
  assert.ok(inputShown.includes("<script>alert('input')</script>"), inputShown);
  assert.equal(await page.locator('img, b, #main script').count(), 0);

  await page.getByRole('tab', { name: 'Event view' }).click();
  await page.locator('[data-panel="event-view"] details.event summary').nth(1).click();
  await page.locator('[data-panel="event-view"] details.event summary').nth(1).hover();
  assert.equal(await page.locator('img, b').count(), 0);

  await page.goto(`${endpoint}/console/#/`);
  await page.getByRole('link', { name: 'athena-workflow-athena-query' }).waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(problems, { errors: [], dialogs: [] });
  await page.close();
});

test('executionPage_whenParallelAndMap_showsBranchesAndEachMapIterationOnItsOwn', async () => {
  const definition = { StartAt: 'Fan out', States: {
    'Fan out': { Type: 'Parallel', ResultPath: null, Next: 'Each item', Branches: [
      { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
      { StartAt: 'Right', States: { Right: { Type: 'Pass', End: true } } }] },
    'Each item': { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'Is two', States: {
      'Is two': { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'Reject' }], Default: 'Accept' },
      Accept: { Type: 'Pass', End: true },
      Reject: { Type: 'Fail', Error: 'Item.Rejected', Cause: 'two is not accepted' } } },
    Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }], End: true },
    Handled: { Type: 'Pass', End: true } } };
  const { stateMachineArn } = await sfn('CreateStateMachine', { name: `nested-${Date.now()}`,
    roleArn: 'arn:aws:iam::000000000000:role/console-test', definition: JSON.stringify(definition) });
  const { executionArn } = await sfn('StartExecution', { stateMachineArn, input: JSON.stringify({ items: [1, 2] }) });
  const { page, problems } = await openPage();
  await page.goto(executionUrl(executionArn, '?poll=100'));
  await awaitExecutionStatus(page, 'SUCCEEDED');

  // The branches and the item processor are drawn inside their states.
  assert.equal(await node(page, 'Fan out').locator('[data-state-name="Left"]').count(), 1);
  assert.equal(await node(page, 'Each item').locator('[data-state-name="Reject"]').count(), 1);
  assert.equal(await status(page, 'Left'), 'SUCCEEDED');
  assert.equal(await status(page, 'Right'), 'SUCCEEDED');
  assert.equal(await status(page, 'Each item'), 'CAUGHT_ERROR');
  assert.equal(await status(page, 'Handled'), 'SUCCEEDED');

  await node(page, 'Each item').locator(':scope > text.group-label').click();
  const iterations = details(page).locator('[data-field="iterations"] [data-iteration]');
  await iterations.first().waitFor();
  assert.deepEqual(await iterations.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-iteration'))),
    ['0', '1']);
  await iterations.nth(1).click();
  await node(page, 'Reject').and(page.locator('[data-status="FAILED"]')).waitFor();
  assert.equal(await status(page, 'Accept'), 'NOT_RUN');
  await node(page, 'Reject').click();
  await details(page).locator('[data-field="state-name"]').filter({ hasText: 'Reject' }).waitFor();
  assert.equal(JSON.parse(await details(page).locator('[data-field="state-input"]').textContent()), 2);

  await node(page, 'Each item').locator(':scope > text.group-label').click();
  await details(page).locator('[data-field="iterations"] [data-iteration="0"]').click();
  await node(page, 'Reject').and(page.locator('[data-status="NOT_RUN"]')).waitFor();
  assert.equal(await status(page, 'Is two'), 'SUCCEEDED');
  assert.deepEqual(problems, { errors: [], dialogs: [] });
  await page.close();
});
