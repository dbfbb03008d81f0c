// The demo page: files in, settings, one analysis in the worker, results out.
// Nothing here talks to a server except to load the page's own files
// (the engine's wasm and, on request, the built-in sample).
// The worker keeps what it read (a session): new grouping, thresholds, privacy
// or weights give a new report at once, without reading the files again; a new
// trend period, other files or another column mapping mark the report out of
// date until the analyst runs it again.
import { $, h, replace } from './dom.js';
import { createFileSlots } from './files/file-slots.js';
import { hasFiles } from './files/drop-target.js';
import { createSettings } from './settings.js';
import { GapScoreError, inputSchema, metricCatalog, openAndReport, releaseOptions, sniff } from './engine.js';
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
// The report on screen and the session it came from: {session, config, elapsedMs}; null for none or a report opened from a file.
let shown = null;
let updating = null;  // a reanalyze in flight (Promise), so that settings changes apply in order
let staleWhy = null;
let filesChanged = false;  // since the report on screen was read
// Settings made on the report itself rather than in the form: the trend chart's groups (config.trends.groups).
let trendGroups = null;
// Settings that decide how the files are read: changing them needs a new run (config_needs_reread).
const READING_SETTINGS = ['period', 'window'];
const READING_WORDS = {
  period: (c) => `the trend period changed to ${c.period === 'month' ? 'months' : 'weeks'}`,
  window: () => 'the date range changed',
};
// The report views and their charting library load on demand (see build.mjs).
const loadResults = () => import('./results.js');

/** "200 people", or why there is no count (an organisation below the minimum group size shows none). */
function peopleText(report) {
  const n = report.summary.people;
  return n == null ? 'too few people to show any figure' : `${n} people`;
}

function say(text) {
  status.textContent = text;
}

const staleBanner = h('div', { class: 'alert alert-warn stale-banner', role: 'status', 'data-testid': 'stale', hidden: true },
  h('p', { class: 'stale-text' }),
  h('button', { type: 'button', class: 'button primary small', 'data-action': 'rerun', onclick: () => run() }, 'Run again'));
resultsSection.before(staleBanner);

/** Marks the report on screen out of date (why: what changed), or current again (null). */
function setStale(why) {
  staleWhy = why;
  staleBanner.hidden = why == null;
  if (why) staleBanner.querySelector('.stale-text').textContent = `Out of date — ${why}. Run again to read the files with the new settings.`;
  resultsSection.classList.toggle('is-stale', why != null);
  document.body.dataset.report = why ? 'stale' : shown ? 'current' : 'none';
}

function forgetSession() {
  shown?.session.close();
  shown = null;
}

function hideReport() {
  resultsSection.hidden = true;
  document.body.classList.remove('has-report');
}

async function render(report, options) {
  catalog ??= await metricCatalog().catch(() => null);
  const { showResults } = await loadResults();
  return showResults(resultsSection, report, { catalog, onTrendGroups: shown ? chooseTrendGroups : null, ...options });
}

/** The form's config plus the choices made on the report (they are valid for the grouping they were made in). */
function readConfig() {
  const { config, errors } = settings.read();
  if (trendGroups && JSON.stringify(trendGroups.groupBy) !== JSON.stringify(config.group_by)) trendGroups = null;
  if (trendGroups) config.trends = { groups: trendGroups.groups };
  return { config, errors };
}

/** The trend chart's group picker: a new report from the session with these groups (null: the largest). */
function chooseTrendGroups(groups) {
  const { config, errors } = readConfig();
  if (errors.length) return;
  trendGroups = groups ? { groups, groupBy: config.group_by } : null;
  if (trendGroups) config.trends = { groups }; else delete config.trends;
  queueReanalyze(config);
}

function queueReanalyze(config) {
  const previous = updating ?? Promise.resolve();
  const mine = previous.then(() => reanalyze(config));
  updating = mine;
  mine.finally(() => { if (updating === mine) updating = null; });
}

/** New settings: a new report from the session when only the analysis changed, else "out of date". */
function settingsChanged() {
  if (!shown || running) return;
  const { config, errors } = readConfig();
  if (errors.length) {  // each shown under its setting (settings.js)
    say('A setting is not valid (marked in Settings): the report keeps the last valid settings.');
    return;
  }
  const reread = READING_SETTINGS.filter((k) => JSON.stringify(config[k]) !== JSON.stringify(shown.readWith[k]));
  if (filesChanged) return;
  if (reread.length) {
    setStale(reread.map((k) => READING_WORDS[k](config)).join(' and '));
    return;
  }
  // Back to what was read (e.g. the period changed back): the report can be brought up to date again.
  if (staleWhy) setStale(null);
  queueReanalyze(config);
}

// The people table's columns the engine does not define (department, ...):
// attributes it kept, which the roll-up setting can name.
async function offerPeopleColumns(report) {
  const people = report.inputs.find((i) => i.table === 'people');
  const known = new Set((await inputSchema()).tables.find((t) => t.name === 'people')?.columns.map((c) => c.name) ?? []);
  settings.setPeopleColumns((people?.columns ?? []).filter((c) => !known.has(c)));
}

// With individual results and no key given, the engine made one for this session: show it.
async function showGeneratedKey(session, config) {
  const generated = config.privacy?.salt === 'generate' ? await session.generatedSalt().catch(() => null) : null;
  if (shown?.session === session) settings.showGeneratedKey(generated);
}

async function reanalyze(config) {
  if (!shown || running || staleWhy) return;
  const { session } = shown;
  const columns = shown.readWith.columns;
  if (columns) config.columns = columns;
  document.body.classList.add('is-updating');
  say('Updating the report with the new settings…');
  try {
    const started = performance.now();
    const report = await session.reanalyze(config, releaseOptions(config));
    if (shown?.session !== session) return;  // a new run replaced it meanwhile
    shown.config = config;
    showGeneratedKey(session, config);
    replace(problems);  // e.g. a refused release shown for the settings before
    await render(report, { elapsedMs: performance.now() - started, updated: true });
    say(`Report updated with the new settings (the files were not read again): ${peopleText(report)}.`);
  } catch (e) {
    if (shown?.session !== session) return;
    if (e?.code === 'config_needs_reread') {
      setStale('these settings change how the files are read');
    } else if (e?.code === 'privacy_budget_exhausted') {
      // A refused release: no report for these settings, so the last one does not stay on screen.
      say('No report: the privacy budget is spent.');
      hideReport();
      replace(problems, failurePanel(e));
    } else if (e?.code?.startsWith('config_') && settings.showEngineError(e.message)) {
      say('A setting is not valid (marked in Settings): the report keeps the last valid settings.');
    } else {
      replace(problems, failurePanel(e instanceof GapScoreError ? e : { code: 'internal_error', message: String(e?.message ?? e) }));
    }
  } finally {
    document.body.classList.remove('is-updating');
  }
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
  const { config, errors } = readConfig();
  if (errors.length) {
    // Each error is shown under its setting; the status line only points there.
    $('#settings').open = true;
    say(`Not analysed: ${errors.length === 1 ? 'a setting needs' : `${errors.length} settings need`} fixing (marked in Settings).`);
    settings.focusFirstError();
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
    loadResults();  // fetched while the engine works
    const { tables, sourceNames, sheets } = slots.tables();
    const started = performance.now();
    const { session, report } = await openAndReport(tables, config, { signal: controller.signal, sourceNames, sheets, onProgress: progress.update });
    const elapsedMs = performance.now() - started;
    forgetSession();
    shown = { session, config, readWith: config };
    settings.setTeams([...new Set(report.groups.map((g) => g.key?.team).filter((t) => typeof t === 'string'))].sort());
    offerPeopleColumns(report).catch(() => {});
    showGeneratedKey(session, config);
    filesChanged = false;
    setStale(null);
    document.body.classList.remove('is-running');  // the engine is done; what follows is drawing the report
    progress.stop();
    const { heading } = await render(report, { elapsedMs });
    say(report.usage && !report.summary.activity_rows
      ? `Adoption-only report ready: ${report.summary.people} people, AI-tool usage from ${report.usage.inputs.length} export${report.usage.inputs.length === 1 ? '' : 's'}.`
      : `Report ready: ${peopleText(report)}${report.summary.people == null ? '' : ' analysed'}.`);
    heading.focus({ preventScroll: true });
    resultsSection.scrollIntoView({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth', block: 'start' });
  } catch (e) {
    progress.stop();
    if (e?.code === 'cancelled') {
      say('Analysis cancelled. Nothing was kept.');
      replace(problems, h('div', { class: 'alert alert-info', role: 'status', 'data-testid': 'cancelled' }, 'Analysis cancelled. Your files are still selected; analyse again whenever you like.'));
    } else {
      const err = e instanceof GapScoreError ? e : { code: 'internal_error', message: `Something went wrong while analysing: ${e?.message ?? e}` };
      // An earlier report no longer matches the files now chosen.
      forgetSession();
      setStale(null);
      hideReport();
      if (err.code?.startsWith('config_') && settings.showEngineError(err.message)) {
        say('Not analysed: a setting needs fixing (marked in Settings).');
        return;
      }
      say('The analysis failed; see the problems listed.');
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
    forgetSession();  // a saved report has no session: settings do not change it
    setStale(null);
    const { heading } = await render(report, { openedFrom: file.name });
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
const settingsForm = $('#settings-form');
settingsForm.addEventListener('change', settingsChanged);
// A reset changes the values after its event: read them once it is done.
settingsForm.addEventListener('reset', () => setTimeout(settingsChanged, 0));
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
    { schema: await inputSchema(), sniff, onChange: () => {
      replace(problems);
      say('');
      if (shown) {
        filesChanged = true;
        setStale('the files or their column mapping changed');
      }
    } });
  document.body.dataset.engine = 'ready';
} catch (e) {
  replace($('#slots'), h('div', { class: 'alert alert-error', role: 'alert' },
    `The analysis engine could not start in this browser (${e?.message ?? e}). Reload the page, or try another browser.`));
}
const warmUp = () => loadResults().catch(() => {});
if ('requestIdleCallback' in window) requestIdleCallback(warmUp, { timeout: 1500 });
else setTimeout(warmUp, 200);

document.body.dataset.app = 'ready';
