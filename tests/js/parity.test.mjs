// Native ≡ WebAssembly (issue 9): for 50+ generated and mutated datasets, the
// report from the native CLI (g++, and clang: the sanitized tree's CLI, when
// build/native-asan exists, as npm test makes it) must have exactly the bytes
// of the wasm report in Node, and for a subset in headless Chromium; and every
// wasm-made report must pass `gapscore verify`. Clang's optimiser at -O2 is in
// the comparison through Emscripten, which is clang too.
//
// Datasets come from `gapscore generate` plus mutations applied here: optional
// columns dropped, ties, extreme values (1e300 and 0 hours, subnormals), tiny
// and empty groups, unicode team names, JSON and CSV dialects, bad rows, and
// configs (group_by, period, window, privacy incl. DP with a fixed seed, ...).
// Everything is seeded, so a failure names a dataset that can be rebuilt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { cli as defaultCli, root } from './helpers.mjs';
import { launchBrowser, serve } from './browser.mjs';

// Overrides for running this file against other builds (e.g. during development).
const cli = process.env.GAPSCORE_CLI ?? defaultCli;
const distDir = process.env.GAPSCORE_DIST ?? path.join(root, 'dist');
const clangCli = process.env.GAPSCORE_CLANG_CLI ?? path.join(root, 'build', 'native-asan', 'tools', 'gapscore');
const hasClang = existsSync(clangCli);

const { createGapScore } = await import(pathToFileURL(path.join(distDir, 'index.js')).href);
const gs = await createGapScore();
const work = mkdtempSync(path.join(tmpdir(), 'gapscore-parity-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const TABLES = ['activity', 'people', 'surveys', 'playbook'];
const TEXT_COLUMNS = new Set(['person_id', 'date', 'task_type', 'team', 'role', 'work_mode', 'manager_id', 'hire_date']);

// ---------------------------------------------------------------------------
// Small CSV model: {header: string[], rows: string[][]}.

function parseCsv(text) {
  const lines = text.replace(/\n$/, '').split('\n');
  const split = (l) => l.split(',');  // generated files have no quoted fields
  return { header: split(lines[0]), rows: lines.slice(1).map(split) };
}

function quoteCell(cell, delim) {
  return /["\n\r]/.test(cell) || cell.includes(delim) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function toCsv(t, { delim = ',', eol = '\n', bom = false, decimalComma = false } = {}) {
  const cell = (c, i) => {
    let v = c;
    if (decimalComma && !TEXT_COLUMNS.has(t.header[i]) && /^-?\d+\.\d+$/.test(v)) v = v.replace('.', ',');
    return quoteCell(v, delim);
  };
  const lines = [t.header.map((h) => quoteCell(h, delim)).join(delim), ...t.rows.map((r) => r.map(cell).join(delim))];
  return (bom ? '\ufeff' : '') + lines.join(eol) + eol;
}

// JSON rows with numbers as numbers, booleans as booleans, empty cells as null.
function toJson(t, { wrapper = false, indent = 0 } = {}) {
  const value = (name, c) => {
    if (c === '') return null;
    if (c === 'true' || c === 'false') return c === 'true';
    if (!TEXT_COLUMNS.has(name) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(c)) return Number(c);
    return c;
  };
  const rows = t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, value(h, r[i] ?? '')])));
  return JSON.stringify(wrapper ? { rows } : rows, null, indent) + '\n';
}

const col = (t, name) => t.header.indexOf(name);
function mapColumn(t, name, fn) {
  const i = col(t, name);
  if (i < 0) return;
  t.rows.forEach((r, k) => { r[i] = String(fn(r[i], r, k)); });
}
function dropColumns(t, names) {
  const keep = t.header.map((h, i) => (names.includes(h) ? -1 : i)).filter((i) => i >= 0);
  t.header = keep.map((i) => t.header[i]);
  t.rows = t.rows.map((r) => keep.map((i) => r[i]));
}

// Deterministic random numbers (mulberry32).
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, list) => list[Math.floor(r() * list.length)];

// ---------------------------------------------------------------------------
// Mutations: each takes the tables ({activity, people?, ...} as CSV models) and a random source.

const OPTIONAL_ACTIVITY = ['baseline_hours', 'rework_hours', 'errors', 'quality', 'outcome_value', 'cycle_time_hours',
  'ai_interactions'];
const UNICODE_TEAMS = ['Équipe Ω', 'チーム🚀', 'فريق المبيعات', 'e\u0301quipe', 'équipe', 'Ünïcödé "quoted", team',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'Zürich; Ops'];

const mutations = {
  dropAllOptional: (t) => dropColumns(t.activity, OPTIONAL_ACTIVITY),
  dropSomeOptional: (t, r) => dropColumns(t.activity, OPTIONAL_ACTIVITY.filter(() => r() < 0.5)),
  dropPeopleColumns: (t) => t.people && dropColumns(t.people, ['work_mode', 'manager_id', 'ai_trained', 'hire_date']),
  dropSurveyItem: (t) => t.surveys && dropColumns(t.surveys, ['wellbeing']),
  ties: (t) => {
    mapColumn(t.activity, 'hours', () => '2');
    mapColumn(t.activity, 'baseline_hours', () => '2');
    mapColumn(t.activity, 'quality', () => '0.5');
    mapColumn(t.activity, 'tasks', () => '4');
    mapColumn(t.activity, 'ai_tasks', (v, row, k) => (k % 3 === 0 ? '4' : '0'));
  },
  extremes: (t, r) => {
    const big = ['1e300', '1.7976931348623157e308', '0', '5e-324', '2.2250738585072014e-308', '0.000001'];
    mapColumn(t.activity, 'hours', (v) => (r() < 0.2 ? pick(r, big) : v));
    mapColumn(t.activity, 'baseline_hours', (v) => (r() < 0.2 ? pick(r, big) : v));
    mapColumn(t.activity, 'rework_hours', (v) => (r() < 0.1 ? pick(r, ['1e300', '0']) : v));
    mapColumn(t.activity, 'outcome_value', (v) => (r() < 0.1 ? pick(r, ['1e300', '0', '1e-300']) : v));
    mapColumn(t.activity, 'cycle_time_hours', (v) => (r() < 0.1 ? '1e300' : v));
    const tasks = col(t.activity, 'tasks'), ai = col(t.activity, 'ai_tasks');
    t.activity.rows.forEach((row) => {
      if (r() < 0.05) { row[tasks] = '2147483647'; row[ai] = r() < 0.5 ? '2147483647' : '0'; }
    });
  },
  zeroHours: (t) => mapColumn(t.activity, 'hours', () => '0'),
  noAi: (t) => mapColumn(t.activity, 'ai_tasks', () => '0'),
  allAi: (t) => {
    const tasks = col(t.activity, 'tasks');
    mapColumn(t.activity, 'ai_tasks', (v, row) => row[tasks]);
  },
  tinyGroups: (t, r) => {
    if (!t.people) return;
    const team = col(t.people, 'team');
    t.people.rows.forEach((row, k) => { if (k < 2) row[team] = 'Solo'; else if (k < 5 && r() < 0.7) row[team] = 'Trio'; });
  },
  emptyGroups: (t) => {
    if (!t.people) return;
    // People (and whole teams) with no activity rows at all.
    const width = t.people.header.length;
    for (let k = 0; k < 6; k++) {
      const row = t.people.header.map(() => '');
      row[col(t.people, 'person_id')] = `GHOST${k}`;
      row[col(t.people, 'team')] = k < 3 ? 'Ghost team' : t.people.rows[0][col(t.people, 'team')];
      if (col(t.people, 'role') >= 0) row[col(t.people, 'role')] = 'analyst';
      t.people.rows.push(row.slice(0, width));
    }
  },
  unicodeTeams: (t) => {
    if (!t.people) return;
    const team = col(t.people, 'team');
    const names = new Map();
    t.people.rows.forEach((row) => {
      if (!names.has(row[team])) names.set(row[team], UNICODE_TEAMS[names.size % UNICODE_TEAMS.length]);
      row[team] = names.get(row[team]);
    });
    mapColumn(t.people, 'role', (v) => (v === 'analyst' ? 'analyste·é' : v));
  },
  unicodeIds: (t) => {
    const rename = (v) => `Ωμ-${v}-人`;
    mapColumn(t.activity, 'person_id', rename);
    if (t.people) { mapColumn(t.people, 'person_id', rename); mapColumn(t.people, 'manager_id', (v) => (v ? rename(v) : v)); }
    if (t.surveys) mapColumn(t.surveys, 'person_id', rename);
  },
  badRows: (t, r) => {
    const a = t.activity;
    const hours = col(a, 'hours'), date = col(a, 'date'), ai = col(a, 'ai_tasks'), tasks = col(a, 'tasks');
    a.rows.forEach((row) => {
      const x = r();
      if (x < 0.01) row[hours] = '-1';
      else if (x < 0.02) row[date] = '2025-02-30';
      else if (x < 0.03) row[ai] = String(Number(row[tasks]) + 1);
      else if (x < 0.035) row[hours] = 'n/a';
    });
    if (a.rows.length > 2) a.rows.push([...a.rows[1]]);  // duplicate key
  },
  shuffleRows: (t, r) => {
    for (const name of TABLES) {
      const rows = t[name]?.rows;
      if (!rows) continue;
      for (let i = rows.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [rows[i], rows[j]] = [rows[j], rows[i]];
      }
    }
  },
  inlineAttributes: (t) => {
    // Team and role carried on the activity rows, no people table.
    if (!t.people) return;
    const byId = new Map(t.people.rows.map((row) => [row[0], row]));
    const team = col(t.people, 'team'), role = col(t.people, 'role');
    t.activity.header.push('team', 'role');
    t.activity.rows.forEach((row) => { const p = byId.get(row[0]); row.push(p ? p[team] : '', p ? p[role] : ''); });
    delete t.people;
  },
  renamedHeaders: (t) => {
    t.activity.header = t.activity.header.map((h) => (h === 'hours' ? 'Hours Worked' : h === 'tasks' ? 'Tasks Done' : h));
  },
};

// ---------------------------------------------------------------------------
// Datasets.

const baseCache = new Map();
function base(people, days, seed) {
  const key = `${people}-${days}-${seed}`;
  if (!baseCache.has(key)) {
    const dir = path.join(work, 'base', key);
    mkdirSync(dir, { recursive: true });
    execFileSync(cli, ['generate', '--people', String(people), '--days', String(days), '--seed', String(seed), '--out', dir],
      { stdio: 'ignore' });
    baseCache.set(key, Object.fromEntries(TABLES.map((t) => [t, readFileSync(path.join(dir, `${t}.csv`), 'utf8')])));
  }
  return baseCache.get(key);
}

const fast = { bootstrap: { resamples: 200 } };
const specs = [
  // name, base [people, days, seed] or raw tables, mutations, config, formats, chunkBytes
  { name: 'one-row', raw: { activity: 'person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,email,1,0,0\n' } },
  { name: 'one-row-json', raw: { activity: '[{"person_id":"P1","date":"2025-01-06","task_type":"email","tasks":1,"ai_tasks":1,"hours":1e300}]' } },
  { name: 'one-person', base: [1, 3, 2] },
  { name: 'two-people-month', base: [2, 40, 3], config: { period: 'month', privacy: { min_group_size: 3 } } },
  { name: 'small-default', base: [12, 10, 4] },
  { name: 'sample-size', base: [200, 90, 1] },
  { name: 'large-200k', base: [1080, 90, 7], config: fast, chunkBytes: 1 << 20, chromium: false },
  { name: 'drop-optional', base: [30, 20, 5], mutate: ['dropAllOptional', 'dropPeopleColumns'], config: fast },
  { name: 'drop-some', base: [30, 20, 6], mutate: ['dropSomeOptional', 'dropSurveyItem'] },
  { name: 'ties', base: [40, 15, 7], mutate: ['ties'], config: fast },
  { name: 'extremes', base: [40, 15, 8], mutate: ['extremes'], config: fast },
  { name: 'extremes-json', base: [25, 10, 9], mutate: ['extremes'], formats: { activity: 'json' }, config: fast },
  { name: 'zero-hours', base: [20, 10, 10], mutate: ['zeroHours'] },
  { name: 'no-ai', base: [20, 10, 11], mutate: ['noAi'] },
  { name: 'all-ai', base: [20, 10, 12], mutate: ['allAi'] },
  { name: 'tiny-groups', base: [30, 15, 13], mutate: ['tinyGroups'], config: { group_by: ['team', 'role'], ...fast } },
  { name: 'empty-groups', base: [30, 15, 14], mutate: ['emptyGroups'], config: { window: { start: '2025-01-08', end: '2025-01-20' } } },
  { name: 'unicode-teams', base: [50, 15, 15], mutate: ['unicodeTeams', 'unicodeIds'], config: { group_by: ['team', 'role'], ...fast } },
  { name: 'unicode-json', base: [30, 10, 16], mutate: ['unicodeTeams'], formats: { activity: 'json-rows', people: 'json' } },
  { name: 'semicolon-decimal-comma', base: [25, 10, 17], formats: { activity: 'csv-semicolon', people: 'csv-semicolon' } },
  { name: 'crlf-bom-quoted', base: [25, 10, 18], mutate: ['unicodeTeams'], formats: { activity: 'csv-crlf-bom', people: 'csv-crlf-bom' } },
  { name: 'bad-rows-lenient', base: [40, 15, 19], mutate: ['badRows'], config: { max_diagnostics: 5, ...fast } },
  { name: 'strict-clean', base: [20, 10, 20], config: { mode: 'strict' } },
  { name: 'shuffled', base: [40, 15, 21], mutate: ['shuffleRows'] },
  { name: 'inline-attributes', base: [30, 10, 22], mutate: ['inlineAttributes'], config: { group_by: ['team', 'role'] } },
  { name: 'renamed-headers', base: [20, 10, 23], mutate: ['renamedHeaders'],
    config: { columns: { activity: { 'Hours Worked': 'hours', 'Tasks Done': 'tasks' } } } },
  { name: 'activity-only', base: [20, 10, 24], drop: ['people', 'surveys', 'playbook'], config: { group_by: [] } },
  { name: 'no-playbook', base: [20, 10, 25], drop: ['playbook'] },
  { name: 'no-surveys', base: [20, 10, 26], drop: ['surveys'] },
  { name: 'group-work-mode', base: [60, 20, 27], config: { group_by: ['work_mode'], ...fast } },
  { name: 'group-manager', base: [60, 20, 28], config: { group_by: ['manager_id'], ...fast } },
  { name: 'group-ai-trained', base: [60, 20, 29], config: { group_by: ['ai_trained'], period: 'month' } },
  { name: 'individual-results', base: [40, 15, 30], salt: '0123456789abcdef0123456789abcdef',
    config: { group_by: ['team', 'manager_id'], privacy: { individual_results: true, salt: '0123456789abcdef0123456789abcdef' }, ...fast } },
  { name: 'dp-seeded', base: [120, 30, 31], config: { privacy: { dp: { epsilon: 0.5, seed: 99 } } } },
  { name: 'dp-seeded-clamps', base: [80, 20, 32],
    config: { group_by: ['team', 'work_mode'], privacy: { min_group_size: 3, dp: { epsilon: 2, seed: 1, max_tasks_per_person: 50, max_hours_saved_per_person: 10, max_rework_hours_per_person: 5 } } } },
  { name: 'thresholds-weights', base: [50, 20, 33],
    config: { ai_user_min_share: 0.3, rework_threshold: 0.05, weights: { adoption_gap: 3, sentiment_gap: 0, playbook_gap: 0.25 }, ...fast } },
  { name: 'bootstrap-variants', base: [50, 20, 34], config: { bootstrap: { resamples: 1000, seed: 12345678901, confidence: 0.8 } } },
  { name: 'cell-key', base: [120, 30, 36], salt: '0123456789abcdef0123456789abcdef', config: { privacy: { protection: 'cell_key', salt: '0123456789abcdef0123456789abcdef' } } },
  { name: 'privacy-large-k', base: [60, 20, 35], config: { privacy: { min_group_size: 12, min_group_size_extremes: 30 } } },
];

// Random combinations on top, for variety (seeded, so reproducible).
const r = rng(20250101);
const mutationNames = Object.keys(mutations).filter((m) => m !== 'inlineAttributes');
const bases = [[1, 5], [3, 7], [5, 10], [8, 14], [15, 14], [25, 21], [40, 30], [70, 20]];
const configPieces = [
  {}, { group_by: [] }, { group_by: ['role'] }, { group_by: ['team', 'work_mode'] }, { period: 'month' },
  { window: { start: '2025-01-08' } }, { privacy: { min_group_size: 3, min_group_size_extremes: 3 } },
  { privacy: { dp: { epsilon: 1, seed: 5 } } }, { ai_user_min_share: 0.5 }, { bootstrap: { resamples: 100, seed: 3 } },
];
const formatChoices = ['csv', 'csv', 'json', 'json-rows', 'csv-semicolon', 'csv-crlf-bom'];
for (let i = 0; i < 24; i++) {
  const [people, days] = pick(r, bases);
  const mutate = mutationNames.filter(() => r() < 0.2);
  const config = { ...pick(r, configPieces), ...(r() < 0.5 ? fast : {}) };
  const drop = TABLES.slice(1).filter(() => r() < 0.2);
  specs.push({ name: `random-${i}`, base: [people, days, 100 + i], mutate, config, drop,
    formats: { activity: pick(r, formatChoices), people: pick(r, formatChoices) }, seed: 1000 + i,
    chunkBytes: pick(r, [undefined, 7, 61, 1000, 4096, 65536]) });
}

const EXT = { csv: 'csv', 'csv-semicolon': 'csv', 'csv-crlf-bom': 'csv', json: 'json', 'json-rows': 'json' };
function render(model, format) {
  switch (format) {
    case 'json': return toJson(model);
    case 'json-rows': return toJson(model, { wrapper: true, indent: 1 });
    case 'csv-semicolon': return toCsv(model, { delim: ';', decimalComma: true });
    case 'csv-crlf-bom': return toCsv(model, { eol: '\r\n', bom: true });
    default: return toCsv(model);
  }
}

/** Writes a dataset's files; returns {dir, files: {table: name}, configText}. */
function materialize(spec) {
  const dir = path.join(work, spec.name);
  mkdirSync(dir, { recursive: true });
  const files = {};
  if (spec.raw) {
    for (const [table, text] of Object.entries(spec.raw)) {
      files[table] = `${table}.${text.trimStart().startsWith('[') ? 'json' : 'csv'}`;
      writeFileSync(path.join(dir, files[table]), text);
    }
  } else {
    const src = base(...spec.base);
    const models = Object.fromEntries(TABLES.filter((t) => !(spec.drop ?? []).includes(t)).map((t) => [t, parseCsv(src[t])]));
    const random = rng(spec.seed ?? spec.base[2]);
    for (const m of spec.mutate ?? []) mutations[m](models, random);
    for (const [table, model] of Object.entries(models)) {
      const format = spec.formats?.[table] ?? 'csv';
      files[table] = `${table}.${EXT[format]}`;
      writeFileSync(path.join(dir, files[table]), render(model, format));
    }
  }
  const configText = JSON.stringify(spec.config ?? {}, null, 1);
  writeFileSync(path.join(dir, 'config.json'), configText);
  return { dir, files, configText };
}

function tableArgs(files) {
  return TABLES.filter((t) => files[t]).flatMap((t) => [`--${t}`, files[t]]);
}

/** The CLI's run, inside the dataset folder so source names are the bare file names: {status, stdout, stderr}. */
function nativeRun(binary, ds) {
  return spawnSync(binary, ['analyze', ...tableArgs(ds.files), '--config', 'config.json'],
    { cwd: ds.dir, encoding: 'utf8', maxBuffer: 1 << 28 });
}

function wasmTables(ds) {
  return Object.fromEntries(Object.entries(ds.files).map(([t, f]) => [t, readFileSync(path.join(ds.dir, f))]));
}

/** `gapscore verify` on a report made elsewhere; returns {status, stdout}. */
function verify(ds, reportFile, salt) {
  const res = spawnSync(cli, ['verify', '--report', reportFile, ...tableArgs(ds.files), ...(salt ? ['--salt', salt] : [])],
    { cwd: ds.dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { status: res.status, out: res.stdout + res.stderr };
}

// First differing JSON path, for failure messages only.
function firstDiff(a, b, p = '') {
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return Object.is(a, b) ? null : `${p || '/'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    const d = firstDiff(a[k], b[k], `${p}/${k}`);
    if (d) return d;
  }
  return null;
}
function assertSameBytes(actual, expected, what) {
  if (actual === expected) return;
  let where = 'formatting only';
  try { where = firstDiff(JSON.parse(actual), JSON.parse(expected)) ?? where; } catch { where = 'not JSON'; }
  assert.fail(`${what}: reports differ (${actual.length} vs ${expected.length} bytes), first at ${where}`);
}

const materialized = new Map();
const nativeText = new Map();

test(`${specs.length} datasets: native g++${hasClang ? ', clang' : ''} and wasm (Node) reports are byte-identical, and verify`, { timeout: 600_000 }, async (t) => {
  assert.ok(specs.length >= 50, `${specs.length} datasets`);
  const sources = new Set();
  let failures = 0;
  const problems = [];  // every dataset is checked, so one divergence does not hide others
  for (const spec of specs) {
    try {
      failures += await checkDataset(spec, sources);
    } catch (e) {
      problems.push(e.message);
    }
  }
  assert.deepEqual(problems, [], `${problems.length} of ${specs.length} datasets diverge`);
  assert.deepEqual([...sources].sort(), ['csv', 'json']);
  t.diagnostic(`${specs.length - failures} reports compared, ${failures} runs failed alike${hasClang ? '' : ' (no clang build)'}`);
  assert.ok(specs.length - failures >= 50, `${specs.length - failures} datasets gave a report (${failures} failed alike)`);
});

/** Compares one dataset everywhere; returns 1 when the run fails alike everywhere (no report), else 0. */
async function checkDataset(spec, sources) {
  {
    const ds = materialize(spec);
    materialized.set(spec.name, ds);
    const run = nativeRun(cli, ds);
    const clangRun = hasClang ? nativeRun(clangCli, ds) : null;
    const sourceNames = ds.files;
    const wasmRun = gs.reportText(wasmTables(ds), ds.configText, { sourceNames, chunkBytes: spec.chunkBytes });
    if (clangRun) {
      // The same exit status and messages: a sanitizer report (clang's CLI is the
      // sanitized tree's) changes both, even when the report on stdout is whole.
      assert.equal(clangRun.status, run.status, `${spec.name}: clang's exit status; its stderr: ${clangRun.stderr.slice(0, 4000)}`);
      assert.equal(clangRun.stderr, run.stderr, `${spec.name}: clang vs g++ messages`);
    }
    if (run.status !== 0) {
      // A run that cannot produce a report must fail the same way everywhere.
      assert.equal(run.status, 1, `${spec.name}: ${run.stderr}`);
      await assert.rejects(wasmRun, (e) => run.stderr.includes(`[${e.code}]`), `${spec.name}: ${run.stderr}`);
      return 1;
    }
    const native = run.stdout;
    nativeText.set(spec.name, native);
    const wasm = await wasmRun;
    assertSameBytes(wasm, native, `${spec.name}: wasm vs g++`);
    if (clangRun) assertSameBytes(clangRun.stdout, native, `${spec.name}: clang vs g++`);
    // The wasm-made report is what `gapscore verify` proves natively.
    writeFileSync(path.join(ds.dir, 'wasm.report.json'), wasm);
    const v = verify(ds, 'wasm.report.json', spec.salt);
    assert.equal(v.status, 0, `${spec.name}: verify of the wasm report: ${v.out}`);
    const report = JSON.parse(native);
    for (const input of report.inputs) sources.add(input.format);
  }
  return 0;
}

test('row counts span 1 to 200k and the datasets exercise what they claim', () => {
  const activity = (t) => JSON.parse(t).inputs.find((i) => i.table === 'activity');
  // A hidden organisation's report (fewer than k people) publishes no row counts
  // (docs/privacy.md): its rows are counted from the file.
  const rows = [...materialized.entries()].map(([name, ds]) => {
    const published = activity(nativeText.get(name) ?? '{"inputs": []}')?.rows_read;
    if (published != null || ds.files.activity == null || !ds.files.activity.endsWith('.csv')) return published;
    return readFileSync(path.join(ds.dir, ds.files.activity), 'utf8').split('\n').filter((l) => l.trim() !== '').length - 1;
  }).filter((n) => n != null);
  assert.equal(Math.min(...rows), 1);
  assert.ok(Math.max(...rows) >= 200_000, `largest ${Math.max(...rows)}`);
  const report = (name) => JSON.parse(nativeText.get(name));
  assert.ok(report('tiny-groups').groups.some((g) => g.suppressed), 'tiny groups are suppressed');
  assert.ok(report('bad-rows-lenient').diagnostics.total > 0);
  assert.ok(report('unicode-teams').groups.some((g) => /[^\x00-\x7f]/.test(g.key.team ?? '')));
  assert.equal(report('dp-seeded').privacy.differential_privacy.noise, 'fixed seed (testing only, not private)');
  assert.equal(report('individual-results').individuals.length > 0, true);
  assert.equal(report('semicolon-decimal-comma').inputs.find((i) => i.table === 'activity').delimiter, ';');
});

test('same bytes whatever the chunk size or input form (wasm chunkBytes, text vs bytes)', { timeout: 120_000 }, async () => {
  for (const name of ['unicode-json', 'crlf-bom-quoted', 'small-default']) {
    const ds = materialized.get(name);
    const native = nativeText.get(name);
    const tables = wasmTables(ds);
    for (const chunkBytes of [1, 2, 3, 17, 4096, undefined]) {
      const text = await gs.reportText(tables, ds.configText, { sourceNames: ds.files, chunkBytes });
      assertSameBytes(text, native, `${name} chunkBytes ${chunkBytes}`);
    }
    // CSV/JSON given as a JS string (encoded to UTF-8 by the package) gives the same bytes.
    const asText = Object.fromEntries(Object.entries(tables).map(([t, b]) => [t, new TextDecoder().decode(b)]));
    if (!Object.values(tables).some((b) => b[0] === 0xef)) {  // a BOM does not survive TextDecoder
      assertSameBytes(await gs.reportText(asText, ds.configText, { sourceNames: ds.files, chunkBytes: 5 }), native, `${name} as text`);
    }
  }
});

const CHROMIUM = ['unicode-teams', 'extremes-json', 'dp-seeded', 'individual-results', 'semicolon-decimal-comma', 'sample-size'];

test(`${CHROMIUM.length} datasets in headless Chromium give the native bytes, and verify`, { timeout: 180_000 }, async () => {
  const site = path.join(work, 'site');
  mkdirSync(site, { recursive: true });
  cpSync(distDir, path.join(site, 'dist'), { recursive: true });
  writeFileSync(path.join(site, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>parity</title></head><body>
<script type="module">
import { createGapScore } from './dist/index.js';
window.ready = createGapScore().then((gs) => { window.gs = gs; return gs.version; });
</script></body></html>`);
  for (const name of CHROMIUM) cpSync(materialized.get(name).dir, path.join(site, 'data', name), { recursive: true });
  const server = await serve(site);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url + '/');
    assert.equal(await page.evaluate(() => window.ready), gs.version);
    for (const name of CHROMIUM) {
      const ds = materialized.get(name);
      const spec = specs.find((s) => s.name === name);
      const text = await page.evaluate(async ({ name, files, configText, chunkBytes }) => {
        const tables = {};
        for (const [table, file] of Object.entries(files)) {
          tables[table] = new Uint8Array(await (await fetch(`data/${name}/${file}`)).arrayBuffer());
        }
        return window.gs.reportText(tables, configText, { sourceNames: files, chunkBytes });
      }, { name, files: ds.files, configText: ds.configText, chunkBytes: spec.chunkBytes ?? 65536 });
      assertSameBytes(text, nativeText.get(name), `${name}: Chromium vs native`);
      writeFileSync(path.join(ds.dir, 'chromium.report.json'), text);
      const v = verify(ds, 'chromium.report.json', spec.salt);
      assert.equal(v.status, 0, `${name}: verify of the Chromium report: ${v.out}`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('verify rejects a browser report that was altered, and inputs that were swapped', () => {
  const ds = materialized.get('unicode-teams');
  const report = JSON.parse(readFileSync(path.join(ds.dir, 'wasm.report.json'), 'utf8'));
  // 50 people by team x role: the disclosure audit may hide every group; then the overall figure is altered.
  const shown = report.groups.findIndex((g) => !g.suppressed);
  const target = shown >= 0 ? report.groups[shown] : report.overall;
  assert.ok(target.metrics, 'a published figure to alter');
  target.metrics.adoption_rate = 0.999;
  writeFileSync(path.join(ds.dir, 'altered.json'), JSON.stringify(report, null, 2) + '\n');
  const altered = verify(ds, 'altered.json');
  assert.equal(altered.status, 1, altered.out);
  assert.match(altered.out, new RegExp(shown >= 0 ? `/groups/${shown}/metrics/adoption_rate` : '/overall/metrics/adoption_rate'));
  const other = materialized.get('shuffled');
  const swapped = spawnSync(cli, ['verify', '--report', path.join(ds.dir, 'wasm.report.json'), '--activity', path.join(other.dir, other.files.activity),
    '--people', path.join(ds.dir, ds.files.people), '--surveys', path.join(ds.dir, ds.files.surveys), '--playbook', path.join(ds.dir, ds.files.playbook)], { encoding: 'utf8' });
  assert.equal(swapped.status, 2, swapped.stdout + swapped.stderr);
  assert.match(swapped.stdout, /activity .* DOES NOT MATCH/);
});
