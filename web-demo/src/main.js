// The demo page: files in, settings, one analysis in the worker, results out.
// Nothing here talks to a server except to load the page's own files
// (the engine's wasm and, on request, the built-in sample).
import { $, h, replace } from './dom.js';
import { createFileSlots } from './files/file-slots.js';
import { hasFiles } from './files/drop-target.js';
import { createSettings } from './settings.js';
import { GapScoreError, analyze, inputSchema, metricCatalog, sniff } from './engine.js';
import { createProgress } from './progress.js';
import { failurePanel } from './views/diagnostics.js';
import { SAMPLE_TABLES, USAGE_SAMPLE } from './samples.js';

const status = $('#status');
const problems = $('#problems');
const resultsSection = $('#results');
const analyseButton = $('#analyse');
const sampleButton = $('#try-sample');
const usageSampleButton = $('#try-usage-sample');
const progress = createProgress($('#progress'));
const settings = createSettings($('#settings-form'));
let slots = null;  // the file slots, once the engine has said which tables and columns it reads

let running = null;
let catalog = null;
// The report views and their charting library load on demand (see build.mjs).
const loadResults = () => import('./results.js');

function say(text) {
  status.textContent = text;
}

function setBusy(busy) {
  for (const b of [analyseButton, sampleButton, usageSampleButton]) b.disabled = busy;
}

async function fetchSample(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.blob();
}

/** Loads a built-in sample (replacing any files chosen) and analyses it. */
async function loadSample(what, load) {
  if (running || !slots) return;
  setBusy(true);
  say(`Loading ${what}…`);
  try {
    const files = await load();  // fetch everything first: a failed fetch leaves the analyst's files alone
    slots.clear();
    for (const [table, blob, name] of files) {
      if (table === 'usage') await slots.addUsage([new File([blob], name)], { sample: true, silent: true });
      else await slots.setFile(table, blob, name, { sample: true, silent: true });
    }
  } catch (e) {
    replace(problems, h('div', { class: 'alert alert-error', role: 'alert' }, `The sample could not be loaded (${e.message}).`));
    return;
  } finally {
    setBusy(false);
  }
  await run();
}

const loadOrgSample = () => loadSample('the sample organisation', () => Promise.all(SAMPLE_TABLES.map(async (t) =>
  [t, await fetchSample(`sample/${t}.csv`), `${t}.csv`])));

const loadUsageSample = () => loadSample('the sample AI-usage exports', () => Promise.all([
  (async () => ['people', await fetchSample(`sample/usage/${USAGE_SAMPLE.people}`), USAGE_SAMPLE.people])(),
  ...USAGE_SAMPLE.usage.map(async (name) => ['usage', await fetchSample(`sample/usage/${name}`), name]),
]));

async function run() {
  if (running || !slots) return;
  replace(problems);
  const open = slots.problems();
  if (open.length) {
    replace(problems, h('div', { class: 'alert alert-warn', role: 'alert' }, h('ul', {}, open.map((p) => h('li', {}, p.text)))));
    slots.focusFirstProblem(open[0].table);
    return;
  }
  const { config, errors } = settings.read();
  if (errors.length) {
    $('#settings').open = true;
    replace(problems, h('div', { class: 'alert alert-warn', role: 'alert' }, h('ul', {}, errors.map((e) => h('li', {}, e)))));
    return;
  }
  const columns = slots.columnsConfig();
  if (Object.keys(columns).length) config.columns = columns;

  const controller = new AbortController();
  running = controller;
  setBusy(true);
  document.body.classList.add('is-running');
  progress.start(controller);
  say('Analysing on this device…');
  try {
    const views = loadResults();  // fetched while the engine works
    const { tables, sourceNames } = slots.tables();
    const started = performance.now();
    const report = await analyze(tables, config, { signal: controller.signal, sourceNames, onProgress: progress.update });
    const elapsedMs = performance.now() - started;
    document.body.classList.remove('is-running');  // the engine is done; what follows is drawing the report
    progress.stop();
    catalog ??= await metricCatalog().catch(() => null);
    const { showResults } = await views;
    const { heading } = showResults(resultsSection, report, { catalog, elapsedMs });
    say(report.usage && !report.summary.activity_rows
      ? `Adoption-only report ready: ${report.summary.people} people, AI-tool usage from ${report.usage.inputs.length} export${report.usage.inputs.length === 1 ? '' : 's'}.`
      : `Report ready: ${report.summary.people} people analysed.`);
    heading.focus({ preventScroll: true });
    resultsSection.scrollIntoView({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth', block: 'start' });
  } catch (e) {
    progress.stop();
    if (e?.code === 'cancelled') {
      say('Analysis cancelled. Nothing was kept.');
      replace(problems, h('div', { class: 'alert alert-info', role: 'status', 'data-testid': 'cancelled' }, 'Analysis cancelled. Your files are still selected; analyse again whenever you like.'));
    } else {
      const err = e instanceof GapScoreError ? e : { code: 'internal_error', message: `Something went wrong while analysing: ${e?.message ?? e}` };
      say('The analysis failed; see the problems listed.');
      // An earlier report no longer matches the files now chosen.
      resultsSection.hidden = true;
      document.body.classList.remove('has-report');
      replace(problems, failurePanel(err));
      problems.querySelector('[role=alert]')?.scrollIntoView({ block: 'nearest' });
    }
  } finally {
    running = null;
    setBusy(false);
    document.body.classList.remove('is-running');
  }
}

/** Re-opens a report JSON saved earlier (it is only read and rendered, never sent). */
async function openReport(file) {
  replace(problems);
  try {
    const report = JSON.parse(await file.text());
    if (!report || typeof report !== 'object' || !report.overall || !Array.isArray(report.groups) || !report.summary) {
      throw new Error('this is not a gapscore report (no overall, groups and summary sections)');
    }
    catalog ??= await metricCatalog().catch(() => null);
    const { showResults } = await loadResults();
    const { heading } = showResults(resultsSection, report, { catalog, openedFrom: file.name });
    say(`Report opened from ${file.name}.`);
    heading.focus({ preventScroll: true });
    resultsSection.scrollIntoView({ block: 'start' });
  } catch (e) {
    replace(problems, h('div', { class: 'alert alert-error', role: 'alert' }, `${file.name} could not be opened: ${e.message}`));
  }
}

sampleButton.addEventListener('click', loadOrgSample);
usageSampleButton.addEventListener('click', loadUsageSample);
analyseButton.addEventListener('click', run);
$('#open-report').addEventListener('change', (e) => {
  const file = e.target.files[0];
  e.target.value = '';
  if (file) openReport(file);
});

// A file dropped outside the slots must not make the browser navigate away
// from the page (and the analyst's work); it is placed by name or headers.
window.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
window.addEventListener('drop', async (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  if (!slots) return;
  const unplaced = await slots.addFiles([...e.dataTransfer.files]);
  if (unplaced.length) say(`Not recognised: ${unplaced.join(', ')}. Drop it on the file slot it belongs to.`);
});

// The file slots come from the engine's input schema: start the worker and
// compile the wasm now, and load the report views while the analyst picks files.
try {
  slots = createFileSlots({ tables: $('#slots'), usage: $('#usage-slots') },
    { schema: await inputSchema(), sniff, onChange: () => { replace(problems); say(''); } });
  document.body.dataset.engine = 'ready';
} catch (e) {
  replace($('#slots'), h('div', { class: 'alert alert-error', role: 'alert' },
    `The analysis engine could not start in this browser (${e?.message ?? e}). Reload the page, or try another browser.`));
}
const warmUp = () => loadResults().catch(() => {});
if ('requestIdleCallback' in window) requestIdleCallback(warmUp, { timeout: 1500 });
else setTimeout(warmUp, 200);

document.body.dataset.app = 'ready';
