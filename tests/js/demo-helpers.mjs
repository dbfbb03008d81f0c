// Helpers for the web demo's browser tests: build and serve the demo with
// its CSP header, open pages that record every request, console error, CSP
// violation and dialog, derive test files from the sample, and ask the
// native CLI for the figures the page must show.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { cli, root, sampleDir } from './helpers.mjs';
import { launchBrowser, serve } from './browser.mjs';
import { SECURITY_HEADERS } from '../../web-demo/csp.mjs';

export const demoDist = path.join(root, 'web-demo', 'dist');
export const screenshotDir = path.join(root, 'build', 'demo-screenshots');

/**
 * Builds web-demo/dist, unless GAPSCORE_DEMO_BUILT=1 says it was built for this
 * run (tools/test.sh builds once and sets it). A build empties the folder
 * first, so test files that run at the same time must not each build it while
 * another serves it.
 */
export function buildDemo() {
  if (process.env.GAPSCORE_DEMO_BUILT === '1') return;
  execFileSync('bash', [path.join(root, 'tools', 'build-demo.sh')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

export function serveDemo() {
  return serve(demoDist, SECURITY_HEADERS);
}

export function tempDir() {
  return mkdtempSync(path.join(tmpdir(), 'gapscore-demo-'));
}

/**
 * What a demo test suite starts with: the demo built and served, a browser, and
 * a generated organisation of 200 teams in a temporary folder (`tmp`, for the
 * suite's own files too). close() ends them.
 */
export async function startDemoSuite() {
  buildDemo();
  const tmp = tempDir();
  const org = generateTeamsOrg(path.join(tmp, 'org'));
  const server = await serveDemo();
  const browser = await launchBrowser();
  return {
    tmp, org, server, browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** The CLI's report (JSON) for files given as {activity, people?, ..., usage?: [paths]} paths. */
export function cliReport(files, config = null) {
  const args = ['analyze'];
  for (const [table, file] of Object.entries(files)) for (const f of [file].flat()) args.push(`--${table}`, f);
  const dir = config ? tempDir() : null;
  try {
    if (config) {
      const cfg = path.join(dir, 'config.json');
      writeFileSync(cfg, JSON.stringify(config));
      args.push('--config', cfg);
    }
    return JSON.parse(execFileSync(cli, args, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] }));
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** The AI-usage fixtures (tests/data/usage, made by make_fixtures.py). */
export const usageDir = path.join(root, 'tests', 'data', 'usage');
export const usageFile = (name) => path.join(usageDir, name);

/** Activity for the usage fixtures' people E001-E024: one day, AI tasks for two in three (as tests/usage_test.cpp). */
export function usageActivity(dir) {
  const lines = ['person_id,date,task_type,tasks,ai_tasks,hours'];
  for (let n = 1; n <= 24; n++) lines.push(`E${String(n).padStart(3, '0')},2025-03-10,a,10,${n % 3 === 0 ? 0 : 5},8`);
  const file = path.join(dir, 'usage-activity.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export const sampleFiles = () => Object.fromEntries(['activity', 'people', 'surveys', 'playbook'].map((t) => [t, path.join(sampleDir, `${t}.csv`)]));

/** Sample activity with its header row changed by `rename(headers)` and extra columns from `extra(personId)`. */
export function deriveActivity(dir, name, { rename = (h) => h, extra = null } = {}) {
  const lines = readFileSync(path.join(sampleDir, 'activity.csv'), 'utf8').trimEnd().split('\n');
  const header = rename(lines[0].split(','));
  const out = [extra ? [...header, ...extra.header].join(',') : header.join(',')];
  for (const line of lines.slice(1)) {
    out.push(extra ? `${line},${extra.values(line.slice(0, line.indexOf(','))).join(',')}` : line);
  }
  const file = path.join(dir, name);
  writeFileSync(file, `${out.join('\n')}\n`);
  return file;
}

/** A large generated organisation (the CLI's generator), for cancel and responsiveness. */
export function generateOrg(dir, people, days = 90) {
  execFileSync(cli, ['generate', '--people', String(people), '--days', String(days), '--seed', '7', '--out', dir], { stdio: 'ignore' });
  return { activity: path.join(dir, 'activity.csv'), people: path.join(dir, 'people.csv') };
}

/**
 * Gives the demo an activity and a people file through their slots and runs
 * the analysis; resolves when the report is shown.
 */
export async function analyseFiles(page, { activity, people }, timeout = 120000) {
  await page.setInputFiles('#file-activity', activity);
  await page.waitForSelector('.slot[data-table="activity"] .file-name');
  await page.setInputFiles('#file-people', people);
  await page.waitForSelector('.slot[data-table="people"] .file-name');
  await page.click('#analyse');
  await page.waitForSelector('#results:not([hidden]) [data-testid="overall-score"]', { timeout });
}

/**
 * A page that records what the test must check: requests, console errors,
 * page errors, CSP violations (via the DOM event) and dialogs (dismissed).
 * `init`: a function run in the page before its scripts (page.addInitScript).
 */
export async function openDemo(context, url, { init = null } = {}) {
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const seen = { requests: [], consoleErrors: [], pageErrors: [], dialogs: [], csp: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') seen.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.exposeFunction('__cspViolation', (v) => seen.csp.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  await page.goto(`${url}/`);
  await page.waitForSelector('body[data-app="ready"]');
  return { page, seen };
}

/**
 * Screenshots are for a person to look at, and no check reads them: they are
 * taken only with GAPSCORE_SCREENSHOTS=1 (each took about a second of the
 * browser tests' time). `target`: a page or a locator.
 */
const screenshotsWanted = process.env.GAPSCORE_SCREENSHOTS === '1';

export async function screenshot(target, name, options = {}) {
  if (!screenshotsWanted) return;
  mkdirSync(screenshotDir, { recursive: true });
  await target.screenshot({ path: path.join(screenshotDir, `${name}.png`), ...options });
}

// format.js writes the minus sign (U+2212), as the engine's sentences do.
const minus = (text) => text.replace('-', '\u2212');

/** The figures as the demo formats them (format.js, en-US): score 1 decimal, shares as percents with 1 decimal. */
export const shown = {
  score: (v) => minus(v.toFixed(1)),
  pct: (v) => minus(`${(v * 100).toFixed(1)}%`),
  int: (v) => v.toLocaleString('en-US'),
  num1: (v) => minus(v.toFixed(1)),
  num2: (v) => minus(v.toFixed(2)),
};

/**
 * An organisation of `teams` teams, for the many-groups views: the CLI's
 * generator with --teams (people spread evenly; names such as "Customer Support 17").
 */
export function generateTeamsOrg(dir, { teams = 200, people = 2000, days = 35 } = {}) {
  execFileSync(cli, ['generate', '--people', String(people), '--teams', String(teams), '--days', String(days), '--seed', '7', '--out', dir], { stdio: 'ignore' });
  return { activity: path.join(dir, 'activity.csv'), people: path.join(dir, 'people.csv') };
}

/** The sample's people table with every second person left out (their activity stays): for the data-quality banner. */
export function halfPeople(dir) {
  const lines = readFileSync(path.join(sampleDir, 'people.csv'), 'utf8').trimEnd().split('\n');
  const file = path.join(dir, 'people-half.csv');
  writeFileSync(file, `${[lines[0], ...lines.slice(1).filter((_, i) => i % 2 === 0)].join('\n')}\n`);
  return { file, left: Math.floor((lines.length - 1) / 2) };
}

/** The values people wrote in the people files (team, role, ... names): data, exempt from the wording checks. */
export function dataValues(...peopleFiles) {
  const values = new Set();
  for (const f of peopleFiles) {
    for (const line of readFileSync(f, 'utf8').trimEnd().split('\n').slice(1)) for (const cell of line.split(',')) if (cell) values.add(cell.trim());
  }
  return values;
}
