#!/usr/bin/env node
// Open a notebook in a running JupyterLab with headless Chromium, run all cells through the UI
// (Run > Run All Cells), check the rendered outputs and save a screenshot of the first figure.
//
//   node tests/browser/run_notebook.mjs --url http://127.0.0.1:8888/lab/tree/notebooks/01_corpus_overview.ipynb \
//        [--token TOKEN] [--screenshot test-artifacts/notebook01.png] [--timeout 900]
//
// The token may also come from $JUPYTER_TOKEN. Prints one JSON summary line on stdout
// ({"ok", "cells", "executed", "errors", "images", ...}); exits 1 with a message on stderr when the
// notebook does not load, a cell fails, no figure is shown or the run times out. The notebook is never
// saved: the caller starts JupyterLab with autosave off, and nothing here triggers a save.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROJ_ROOT = path.resolve(HERE, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// JupyterLab 4 renders an error output (exception) as text with the stderr MIME type, like a
// stderr stream; an error is told apart by its traceback. The error MIME type is counted as well.
const ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]';
const STDERR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]';
// "ZeroDivisionError   Traceback (most recent call last)", or a line "SyntaxError: ..." at the end.
const TRACEBACK = String.raw`Traceback \(most recent call last\)|^\w*(Error|Exception|Exit|Interrupt)\b[^\n]*$`;
const IMAGE = '.jp-RenderedImage img';

function parseArgs(argv) {
  const opts = {
    url: null,
    token: process.env.JUPYTER_TOKEN || null,
    screenshot: path.join(PROJ_ROOT, 'test-artifacts', 'notebook01.png'),
    timeout: 900, // seconds for the whole run
    loadTimeout: 180, // seconds for JupyterLab, the notebook and its kernel to come up
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [key, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) usage(`${key} needs a value`);
      return argv[++i];
    };
    switch (key) {
      case '--url': opts.url = value(); break;
      case '--token': opts.token = value(); break;
      case '--screenshot': opts.screenshot = path.resolve(value()); break;
      case '--timeout': opts.timeout = Number(value()); break;
      case '--load-timeout': opts.loadTimeout = Number(value()); break;
      case '-h': case '--help': usage(null); break;
      default: usage(`unknown argument ${arg}`);
    }
  }
  if (!opts.url) usage('--url is required');
  for (const k of ['timeout', 'loadTimeout']) {
    if (!(opts[k] > 0)) usage(`--${k === 'timeout' ? 'timeout' : 'load-timeout'} must be a positive number of seconds`);
  }
  return opts;
}

function usage(message) {
  const text = 'usage: node run_notebook.mjs --url LAB_TREE_URL [--token TOKEN] [--screenshot PNG] [--timeout SECONDS] [--load-timeout SECONDS]';
  if (message) {
    console.error(`run_notebook: ${message}\n${text}`);
    process.exit(2);
  }
  console.log(text);
  process.exit(0);
}

class Failure extends Error {}

const opts = parseArgs(process.argv.slice(2));
const url = new URL(opts.url);
if (opts.token && !url.searchParams.has('token')) url.searchParams.set('token', opts.token);
const TREE = '/lab/tree/';
if (!url.pathname.includes(TREE)) usage(`--url must open a notebook (${TREE}<path>), got ${url.pathname}`);
const notebookPath = decodeURIComponent(url.pathname.slice(url.pathname.indexOf(TREE) + TREE.length));
const shownUrl = new URL(url);
if (shownUrl.searchParams.has('token')) shownUrl.searchParams.set('token', '***');

const started = Date.now();
const seconds = () => Math.round((Date.now() - started) / 100) / 10;
const log = (msg) => console.error(`[run_notebook ${seconds().toFixed(1)}s] ${msg}`);
const summary = { ok: false, url: shownUrl.toString(), cells: 0, executed: 0, errors: 0, stderr: 0, images: 0, screenshot: null };
const pageProblems = [];
let panelSelector = null; // '#<id>' of the notebook's panel, once found

function assertAlive(deadline, what) {
  if (Date.now() > deadline) throw new Failure(`timed out after ${opts.timeout}s while ${what}`);
}

// The notebook's panel: the main area tab whose tooltip gives its path (JupyterLab may restore other
// tabs too). Returns its element id and whether it is the current tab.
async function findPanel(page) {
  return page.evaluate((notebookPath) => {
    for (const tab of document.querySelectorAll('#jp-main-dock-panel .lm-TabBar-tab')) {
      const lines = (tab.getAttribute('title') || '').split('\n');
      if (!lines.includes(`Path: ${notebookPath}`)) continue;
      const panel = document.getElementById(tab.getAttribute('data-id'));
      if (panel && panel.classList.contains('jp-NotebookPanel')) {
        return { id: panel.id, current: tab.classList.contains('lm-mod-current') };
      }
    }
    return null;
  }, notebookPath);
}

// State of the notebook as shown, read from JupyterLab 4's DOM.
async function notebookState(page) {
  return page.evaluate(({ panelSelector, ERROR_OUTPUT, STDERR_OUTPUT, IMAGE, TRACEBACK }) => {
    const panel = document.querySelector(panelSelector);
    if (!panel) return null;
    const prompts = [...panel.querySelectorAll('.jp-Notebook .jp-CodeCell')].map((cell) => {
      const prompt = cell.querySelector('.jp-InputArea-prompt');
      return prompt ? prompt.textContent.trim() : '';
    });
    const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
    const statusBar = document.querySelector('#jp-main-statusbar, .jp-StatusBar-Widget');
    const kernelText = statusBar
      ? [...statusBar.querySelectorAll('.jp-StatusBar-TextItem')].map((e) => e.textContent).find((t) => t.includes('|')) || ''
      : '';
    const traceback = new RegExp(TRACEBACK, 'm');
    const text = (e) => e.textContent.trim();
    const stderrOutputs = [...panel.querySelectorAll(STDERR_OUTPUT)];
    const errors = [...panel.querySelectorAll(ERROR_OUTPUT)].map(text)
      .concat(stderrOutputs.map(text).filter((t) => traceback.test(t)))
      .map((t) => t.slice(-2000));
    const stderr = stderrOutputs.map(text).filter((t) => !traceback.test(t)).map((t) => t.slice(-500));
    return {
      prompts,
      indicator: indicator ? indicator.getAttribute('data-status') : null,
      kernelText: kernelText.trim(),
      errors,
      stderr,
      images: panel.querySelectorAll(IMAGE).length,
      dialogs: [...document.querySelectorAll('.jp-Dialog')].map((d) => d.textContent.trim().slice(0, 300)),
    };
  }, { panelSelector, ERROR_OUTPUT, STDERR_OUTPUT, IMAGE, TRACEBACK });
}

// Number of code cells in the notebook file, read through the server's contents API.
async function codeCellsOnServer(page) {
  const at = url.pathname.indexOf(TREE);
  const api = new URL(url);
  api.pathname = `${url.pathname.slice(0, at)}/api/contents/${url.pathname.slice(at + TREE.length)}`;
  api.searchParams.set('content', '1');
  const response = await page.request.get(api.toString(), { timeout: 60_000 });
  if (!response.ok()) throw new Failure(`the contents API answered ${response.status()} for ${notebookPath}`);
  const model = await response.json();
  if (model.type !== 'notebook') throw new Failure(`${model.path} is not a notebook (type ${model.type})`);
  return model.content.cells.filter((cell) => cell.cell_type === 'code').length;
}

// Click a menu bar entry, then one of its items (by command id, else by label).
async function menuCommand(page, menu, command, label) {
  await page.locator('.lm-MenuBar-item', { hasText: new RegExp(`^${menu}$`) }).click();
  const item = page.locator(`.lm-Menu .lm-Menu-item[data-command="${command}"]`)
    .or(page.locator('.lm-Menu .lm-Menu-item', { hasText: label })).first();
  try {
    await item.waitFor({ state: 'visible', timeout: 30_000 });
  } catch {
    throw new Failure(`the ${menu} menu has no item for ${command}`);
  }
  await item.click();
}

const isUnrun = (prompt) => /^\[\s*\]:?$/.test(prompt);
const isDone = (prompt) => /^\[\d+\]:?$/.test(prompt);
const isBusy = (prompt) => prompt.includes('*');
const kernelIdle = (s) => s.indicator === 'idle' && /\|\s*Idle\s*$/i.test(s.kernelText);

function describe(s) {
  if (!s) return 'no notebook panel is shown';
  const counts = {};
  for (const p of s.prompts) counts[p || '(none)'] = (counts[p || '(none)'] || 0) + 1;
  return `kernel status "${s.kernelText || '?'}" (indicator ${s.indicator}); prompts ${JSON.stringify(counts)}`
    + (s.dialogs.length ? `; dialog shown: ${JSON.stringify(s.dialogs)}` : '');
}

async function main(page) {
  const loadDeadline = Date.now() + opts.loadTimeout * 1000;
  const runDeadline = started + opts.timeout * 1000;

  log(`opening ${shownUrl}`);
  const response = await page.goto(url.toString(), { waitUntil: 'domcontentloaded', timeout: opts.loadTimeout * 1000 });
  if (!response || !response.ok()) {
    throw new Failure(`JupyterLab answered ${response ? response.status() : 'nothing'} for ${shownUrl}`);
  }

  // The notebook is open in the current tab and shows its cells.
  let panel;
  while (!(panel = await findPanel(page))) {
    if (Date.now() > loadDeadline) {
      throw new Failure(`no tab for ${notebookPath} appeared within ${opts.loadTimeout}s (page title "${await page.title()}")`);
    }
    await page.waitForTimeout(250);
  }
  panelSelector = `#${panel.id}`;
  if (!panel.current) await page.locator(`#jp-main-dock-panel .lm-TabBar-tab[data-id="${panel.id}"]`).click();
  try {
    await page.locator(`${panelSelector} .jp-Notebook .jp-Cell`).first().waitFor({ state: 'visible', timeout: Math.max(1000, loadDeadline - Date.now()) });
  } catch {
    throw new Failure(`the notebook ${notebookPath} showed no cells within ${opts.loadTimeout}s`);
  }
  // All of its code cells are rendered (JupyterLab adds them in batches): compare with the file.
  const expected = await codeCellsOnServer(page);
  let state = await notebookState(page);
  while (!state || state.prompts.length !== expected) {
    if (Date.now() > loadDeadline) {
      throw new Failure(`the notebook shows ${state ? state.prompts.length : 0} code cells, the file has ${expected}, after ${opts.loadTimeout}s`);
    }
    await page.waitForTimeout(250);
    state = await notebookState(page);
  }
  summary.cells = expected;
  if (summary.cells === 0) throw new Failure('the notebook has no code cells');
  log(`notebook shown with its ${summary.cells} code cells`);

  // Its kernel has started and is idle.
  while (!(state && kernelIdle(state))) {
    if (state && state.dialogs.length) throw new Failure(`a dialog blocks the notebook: ${JSON.stringify(state.dialogs)}`);
    if (Date.now() > loadDeadline) throw new Failure(`the kernel was not idle within ${opts.loadTimeout}s: ${describe(state)}`);
    await page.waitForTimeout(250);
    state = await notebookState(page);
  }
  log(`kernel idle: ${state.kernelText}`);

  // A notebook stored with execution counts would look finished before it runs: clear it first
  // (Edit > Clear Outputs of All Cells; only the page changes, nothing is saved).
  if (state.prompts.some((p) => !isUnrun(p))) {
    await menuCommand(page, 'Edit', 'editmenu:clear-all', /^Clear Outputs of All Cells/);
    log('Edit > Clear Outputs of All Cells clicked (the notebook was stored with execution counts)');
    const clearDeadline = Date.now() + 30_000;
    while (!(state = await notebookState(page)).prompts.every(isUnrun)) {
      if (Date.now() > clearDeadline) throw new Failure(`clearing the stored outputs did not reset the prompts: ${describe(state)}`);
      await page.waitForTimeout(250);
    }
  }

  await menuCommand(page, 'Run', 'runmenu:run-all', /^Run All Cells/);
  log('Run > Run All Cells clicked');

  // Every code cell gets an execution count (or a cell fails and the rest are skipped).
  let lastReport = 0;
  let lastChange = Date.now();
  let previous = '';
  for (;;) {
    state = await notebookState(page);
    assertAlive(runDeadline, `waiting for the cells to run: ${describe(state)}`);
    const key = JSON.stringify([state.prompts, state.errors.length]);
    if (key !== previous) { previous = key; lastChange = Date.now(); }
    const done = state.prompts.filter(isDone).length;
    const busy = state.prompts.some(isBusy);
    if (done === state.prompts.length && kernelIdle(state)) break;
    if (/\|\s*Dead\s*$/i.test(state.kernelText)) throw new Failure(`the kernel died: ${describe(state)}`);
    // Execution stopped early (a failing cell cancels the cells queued after it).
    if (!busy && done > 0 && kernelIdle(state) && Date.now() - lastChange > 10_000) break;
    if (!busy && done === 0 && kernelIdle(state) && Date.now() - lastChange > 30_000) {
      throw new Failure(`Run All Cells did not start any cell: ${describe(state)}`);
    }
    if (Date.now() - lastReport > 15_000) { lastReport = Date.now(); log(`running: ${done}/${state.prompts.length} cells done`); }
    await page.waitForTimeout(500);
  }
  summary.cells = state.prompts.length;
  summary.executed = state.prompts.filter(isDone).length;
  summary.errors = state.errors.length;
  summary.stderr = state.stderr.length;
  log(`cells done: ${summary.executed}/${summary.cells}, error outputs: ${summary.errors}, stderr outputs: ${summary.stderr}`);
  if (state.errors.length) {
    throw new Failure(`${state.errors.length} error output(s) shown:\n${state.errors.join('\n---\n')}\n(${describe(state)})`);
  }
  if (summary.executed !== summary.cells) throw new Failure(`not every code cell ran: ${describe(state)}`);

  // The figures are displayed: decode every image and count those with a size.
  const images = await page.evaluate(async (selector) => {
    const imgs = [...document.querySelectorAll(selector)];
    const sizes = [];
    for (const img of imgs) {
      try { await img.decode(); } catch { /* reported as width 0 */ }
      sizes.push([img.naturalWidth, img.naturalHeight]);
    }
    return sizes;
  }, `${panelSelector} ${IMAGE}`);
  summary.images = images.filter(([w, h]) => w > 0 && h > 0).length;
  summary.image_sizes = images;
  log(`images shown: ${summary.images} of ${images.length}`);
  if (summary.images < 1) throw new Failure(`no figure is displayed (image elements: ${JSON.stringify(images)})`);

  // Screenshot with the first figure in view.
  const firstImage = page.locator(`${panelSelector} ${IMAGE}`).first();
  await firstImage.evaluate((img) => (img.closest('.jp-Cell') || img).scrollIntoView({ block: 'start' }));
  await firstImage.waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForTimeout(500);
  const box = await firstImage.boundingBox();
  const viewport = page.viewportSize();
  if (!box || box.y >= viewport.height || box.y + box.height <= 0) {
    throw new Failure(`the first figure could not be scrolled into view (box ${JSON.stringify(box)})`);
  }
  fs.mkdirSync(path.dirname(opts.screenshot), { recursive: true });
  await page.screenshot({ path: opts.screenshot, fullPage: false });
  summary.screenshot = opts.screenshot;
  log(`screenshot saved to ${opts.screenshot}`);
}

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-notebook-chromium-'));
let context = null;
let exitCode = 1;
try {
  if (!fs.existsSync(CHROMIUM)) throw new Failure(`${CHROMIUM} not found (install Debian's chromium package)`);
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
    timeout: 120_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (err) => pageProblems.push(`page error: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') pageProblems.push(`console error: ${msg.text().slice(0, 500)}`); });
  page.on('dialog', (dialog) => { pageProblems.push(`browser dialog: ${dialog.message()}`); dialog.dismiss().catch(() => {}); });
  try {
    await main(page);
    summary.ok = true;
    exitCode = 0;
  } catch (err) {
    summary.failure = err instanceof Failure ? err.message : String(err && err.stack ? err.stack : err);
    try {
      const failureShot = opts.screenshot.replace(/(\.png)?$/i, '-failure.png');
      fs.mkdirSync(path.dirname(failureShot), { recursive: true });
      await page.screenshot({ path: failureShot, fullPage: false });
      summary.failure_screenshot = failureShot;
    } catch { /* the page may be gone */ }
  }
} catch (err) {
  summary.failure = err instanceof Failure ? err.message : `could not start Chromium: ${err && err.stack ? err.stack : err}`;
} finally {
  summary.seconds = seconds();
  if (pageProblems.length) summary.page_problems = pageProblems.slice(-20);
  // Closing the browser discards the unsaved notebook; JupyterLab itself is stopped by the caller.
  if (context) await context.close().catch(() => {});
  fs.rmSync(userDataDir, { recursive: true, force: true });
}

console.log(JSON.stringify(summary));
if (exitCode !== 0) {
  console.error(`run_notebook: FAILED: ${summary.failure}`);
  if (pageProblems.length) console.error(`browser messages:\n  ${pageProblems.slice(-20).join('\n  ')}`);
}
process.exit(exitCode);
