// The offline web demo (web-demo/), built from the package and driven in
// headless Chromium under its strict CSP: the sample one click away, figures
// equal to the native CLI's, uploads, column mapping, hostile names, bad rows,
// cancel and responsiveness on a million rows, exports, print, differential
// privacy with its budget ledger in IndexedDB. With GAPSCORE_SCREENSHOTS=1,
// screenshots of every view go to build/demo-screenshots/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { launchBrowser } from './browser.mjs';
import { importFromConsumer, root, sampleDir } from './helpers.mjs';
import {
  buildDemo, cliReport, demoDist, deriveActivity, generateOrg, openDemo, sampleFiles, screenshot, serveDemo, shown, tempDir,
  usageActivity, usageFile,
} from './demo-helpers.mjs';
import { CSP_HEADER, CSP_META } from '../../web-demo/csp.mjs';

const XSS = '<img src=x onerror=alert(1)>';
let server;
let browser;
let context;
let tmp;

async function waitForReport(page, timeout = 60000) {
  await page.waitForSelector('#results:not([hidden]) [data-testid="overall-score"]', { timeout });
}

/** A report with an AI-usage section (adoption-only reports have no gap score to wait for). */
async function waitForUsageReport(page, timeout = 60000) {
  await page.waitForSelector('#results:not([hidden]) [data-testid="usage-join"]', { timeout });
}

/** The usage group table: data-group -> {column id -> text}, plus suppressed rows' text. */
function usageRows(page) {
  return page.$$eval('[data-testid="usage-groups-table"] tr[data-group]', (trs) => Object.fromEntries(trs.map((tr) => [tr.dataset.group, {
    cells: Object.fromEntries([...tr.querySelectorAll('td[data-col]')].map((td) => [td.dataset.col, td.textContent])),
    suppressed: tr.classList.contains('is-suppressed'),
    text: tr.textContent,
  }])));
}

/** The usage tab shows the CLI's join counts and every group's figures. */
async function assertUsageMatchesCli(page, cli) {
  const u = cli.usage;
  assert.equal(await page.textContent('[data-testid="usage-matched"]'), shown.int(u.identity.matched));
  assert.equal(await page.textContent('[data-testid="usage-unmatched"]'), shown.int(u.identity.unmatched));
  const rows = await usageRows(page);
  assert.equal(Object.keys(rows).length, u.groups.length + (u.overall.suppressed ? 0 : 1), Object.keys(rows).join(', '));
  for (const g of u.groups) {
    const label = cli.config.group_by.map((a) => g.key[a]).join(' / ');
    const row = rows[label];
    assert.ok(row, `usage row for ${label}`);
    if (g.suppressed) {
      assert.ok(row.suppressed && row.text.includes(g.reason), row.text);
      assert.ok(!/\d%/.test(row.text), `no figures for a hidden group: ${row.text}`);
      continue;
    }
    const m = g.metrics;
    assert.equal(row.cells.usage_adoption_rate, shown.pct(m.usage_adoption_rate), label);
    assert.equal(row.cells.active_users, shown.int(m.active_users), label);
    assert.equal(row.cells.engaged_users, shown.int(m.engaged_users), label);
    // A figure the engine withheld reads "hidden" with its reason; one the data do not give, "n/a".
    const absent = (id) => (g.withheld?.[id] ? `hidden: ${g.withheld[id]}` : 'n/a');
    assert.equal(row.cells.active_days_share, m.active_days_share == null ? absent('active_days_share') : shown.pct(m.active_days_share), label);
    assert.equal(row.cells.apps_per_active_user, m.apps_per_active_user == null ? absent('apps_per_active_user') : shown.num1(m.apps_per_active_user), label);
    assert.equal(row.cells.acceptance_rate, m.acceptance_rate == null ? absent('acceptance_rate') : shown.pct(m.acceptance_rate), label);
    for (const [tool, rate] of Object.entries(m.tool_adoption)) assert.equal(row.cells[`tool:${tool}`], rate == null ? 'n/a' : shown.pct(rate), `${label} ${tool}`);
  }
  if (!u.overall.suppressed) {
    assert.equal(rows.Everyone.cells.usage_adoption_rate, shown.pct(u.overall.metrics.usage_adoption_rate));
    assert.equal(await page.textContent('[data-testid="usage-overall-adoption"]'), shown.pct(u.overall.metrics.usage_adoption_rate));
  }
}

/** Every tab opens; the ones that need activity metrics say so in an adoption-only report. */
async function visitEveryTab(page, { adoptionOnly }) {
  for (const id of await page.$$eval('[role="tab"]', (tabs) => tabs.map((t) => t.dataset.view))) {
    await page.click(`#tab-${id}`);
    const panel = page.locator(`#panel-${id}`);
    assert.ok(await panel.isVisible(), id);
    const text = await panel.textContent();
    assert.ok(text.trim().length > 40, `${id} has content`);
    assert.ok(!/undefined|NaN|\[object/.test(text), `${id}: ${text.slice(0, 200)}`);
    if (adoptionOnly && (id === 'groups' || id === 'charts')) {
      assert.match(await panel.locator('[data-testid="needs-activity"]').textContent(), /needs an activity table/);
    }
  }
}

/** The group table as the page shows it: key cells and metric cells by column id. */
function groupRows(page) {
  return page.$$eval('[data-testid="groups-table"] tbody tr', (trs) => trs.map((tr) => ({
    key: [...tr.querySelectorAll('.key')].map((c) => c.textContent).join(' / '),
    cells: Object.fromEntries([...tr.querySelectorAll('td[data-col]')].map((td) => [td.dataset.col, td.textContent])),
    suppressed: tr.classList.contains('is-suppressed'),
    text: tr.textContent,
  })));
}

/** A screenshot of the report area only (the views, at full resolution). */
function shot(page, name) {
  return screenshot(page.locator('#results'), name);
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

function assertClean(seen) {
  const foreign = seen.requests.filter((u) => !u.startsWith(`${server.url}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'every request goes to the page\'s own origin');
  assert.deepEqual(seen.csp, [], 'no Content-Security-Policy violations');
  assert.deepEqual(seen.pageErrors, [], 'no uncaught errors');
  assert.deepEqual(seen.consoleErrors, [], 'no console errors');
  assert.deepEqual(seen.dialogs, [], 'no dialogs');
}

describe('web demo', { timeout: 240000 }, () => {
  before(async () => {
    buildDemo();
    tmp = tempDir();
    server = await serveDemo();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });  // the million-row organisation is 75 MB
  });

  it('builds its column matcher from the engine\'s schema, and suggests HRIS headers (page code, run in Node)', async () => {
    const { createGapScore } = await importFromConsumer('gapscore');
    const gs = await createGapScore();
    const { createColumnMatcher, normalizeHeader } = await import('../../web-demo/src/files/column-matcher.js');
    const { suggestHeader, suggestMapping } = await import('../../web-demo/src/files/header-suggestions.js');
    const { toCsv } = await import('../../web-demo/src/export.js');
    const schema = gs.schema();
    const matcher = createColumnMatcher(schema);
    // Tables, columns and required flags are the engine's.
    assert.deepEqual(matcher.tables.map((t) => t.name), schema.tables.map((t) => t.name));
    for (const t of schema.tables) {
      assert.deepEqual(matcher.table(t.name).requiredColumns, t.columns.filter((c) => c.required_column).map((c) => c.name), t.name);
      assert.equal(matcher.table(t.name).required, t.required, t.name);
    }
    assert.equal(matcher.about('activity', 'quality'), schema.tables[0].columns.find((c) => c.name === 'quality').description);
    // ...so a schema with other columns gives another matcher (nothing is known by heart).
    const other = createColumnMatcher({ tables: [{ name: 'activity', required: true, description: '', columns: [
      { name: 'badge_id', type: 'text', required_column: true, required_value: true, min: null, max: null, description: 'd' }] }] });
    assert.deepEqual(other.match('activity', ['person_id']).missing.required, ['badge_id']);
    assert.equal(normalizeHeader('  Person ID '), 'person_id');
    assert.equal(normalizeHeader('AI-Tasks..'), 'ai_tasks');
    const m = matcher.match('activity', ['Employee', 'Date', 'Task Type', 'tasks', 'ai_tasks', 'hours', 'Notes']);
    assert.deepEqual(m.missing.required, ['person_id']);
    assert.deepEqual(m.unused, ['Employee', 'Notes']);
    assert.equal(suggestHeader('person_id', m.unused), 'Employee');
    assert.equal(suggestHeader('person_id', ['Notes']), '');
    assert.deepEqual(suggestMapping(m), { Employee: 'person_id' });
    // Which table a dropped file is: its name, else the columns only one table has.
    assert.equal(matcher.guessTable('export.csv', ['role', 'task_type', 'ai_recommended']), 'playbook');
    assert.equal(matcher.guessTable('people-2025.csv', []), 'people');
    assert.equal(matcher.guessTable('pulse-survey.csv', []), 'surveys');
    assert.equal(matcher.guessTable('map.csv', ['identity', 'person_id']), 'identities');
    assert.equal(matcher.guessTable('staff.csv', ['person_id', 'team', 'email']), 'people');
    assert.equal(matcher.guessTable('x.csv', ['person_id', 'date', 'task_type', 'tasks', 'ai_tasks', 'hours', 'team']), 'activity');
    assert.equal(matcher.guessTable('widgets.csv', ['name', 'amount']), null);
    assert.equal(toCsv(['team', 'n'], [['=HYPERLINK("x")', 3], ['a,b', null]]), 'team,n\r\n"\'=HYPERLINK(""x"")",3\r\n"a,b",\r\n');
    // No delimiter, header or format detection is left in the page's code: the engine's sniff decides.
    const src = path.join(root, 'web-demo', 'src');
    for (const f of ['sniff.js', 'schema.js', 'worker.js', 'files.js']) assert.ok(!existsSync(path.join(src, f)), f);
    const code = readdirSync(src, { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(src, f), 'utf8')).join('\n');
    const sniffing = code.match(/\bsniff(Bytes|Usage|Headers)\b|csvHeader|jsonKeys|\\ufeff|0xfeff|TextDecoder|startsWith\('[[{]'\)|self\.onmessage/g);
    assert.equal(sniffing, null, 'no sniffing in the demo');
  });

  it('the data banner\'s sentences agree with their count, one row or many (page code, run in Node)', async () => {
    const { fixText } = await import('../../web-demo/src/views/data-banner.js');
    const codes = ['unknown_person', 'attribute_case_variants', 'person_id_near_match', 'attribute_conflict', 'duplicate_key', 'missing_value', 'invalid_date', 'invalid_number',
      'ambiguous_number', 'ai_tasks_exceed_tasks', 'ragged_row', 'invalid_bool'];
    for (const code of codes) {
      // The clause about the count: before any ';' or sentence end, without parentheses.
      const clause = (text) => text.replace(/\([^)]*\)/g, '').split(/; |\. /)[0];
      const one = fixText(code, 1, 'activity');
      const many = fixText(code, 3, 'activity');
      assert.ok(one && many, code);
      // A single row, person or pair takes a singular verb; none of the plural forms is left.
      assert.doesNotMatch(clause(one), /\b(have|(?<!they )are|were|repeat|leave|differ|count)\b/, `${code}: ${one}`);  // singular 'they are' is fine
      assert.doesNotMatch(clause(many), /\b(has|is|was|repeats|leaves|differs|counts)\b/, `${code}: ${many}`);
      assert.match(one, /^1 /);
      assert.match(many, /^3 /);
    }
    assert.equal(fixText('unknown_code', 2, 'activity'), null);
  });

  it('shows the headers the engine read (semicolons, BOM) and names an Excel workbook as one', async () => {
    // A semicolon-separated export with a byte order mark and a differently named person column.
    const lines = readFileSync(path.join(sampleDir, 'activity.csv'), 'utf8').trimEnd().split('\n');
    const semicolon = path.join(tmp, 'activity-semicolon.csv');
    writeFileSync(semicolon, `\ufeff${['Employee', ...lines[0].split(',').slice(1)].join(';')}\r\n${lines.slice(1).map((l) => l.replaceAll(',', ';')).join('\r\n')}\r\n`);
    const { page, seen } = await openDemo(context, server.url);
    await page.setInputFiles('#file-activity', semicolon);
    const select = page.locator('#map-activity-person_id');
    await select.waitFor();
    const header = lines[0].split(',');
    assert.match(await page.textContent('.slot[data-table="activity"] .file-meta'), new RegExp(` · CSV \\(semicolon-separated\\), ${header.length} columns$`));
    assert.deepEqual(await select.locator('option').allTextContents(), ['— choose a column —', 'Employee'], 'the headers as the engine read them');
    assert.equal(await select.inputValue(), 'Employee', 'the HRIS suggestion is pre-selected');
    await page.click('#analyse');
    await waitForReport(page);
    const cli = cliReport({ activity: semicolon }, { columns: { activity: { Employee: 'person_id' } } });
    assert.equal(await page.textContent('[data-testid="overall-score"]'), shown.score(cli.overall.score.value));

    // A damaged Excel workbook (a zip container cut short) is named as one, not read as a one-column CSV.
    const xlsx = path.join(tmp, 'activity.xlsx');
    writeFileSync(xlsx, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]), Buffer.from('[Content_Types].xml<?xml version="1.0"?><Types/>')]));
    await page.setInputFiles('#file-activity', xlsx);
    await page.waitForSelector('.slot[data-table="activity"] .file-chip[data-format="xlsx"]');
    const meta = await page.textContent('.slot[data-table="activity"] .file-meta');
    assert.match(meta, /Excel workbook/);
    assert.ok(!/CSV|column/.test(meta), meta);
    assert.match(await page.textContent('.slot[data-table="activity"] [data-testid="file-problem"]'), /This workbook cannot be read: the workbook is damaged/);
    await screenshot(page.locator('.slot[data-table="activity"]'), '11b-excel-workbook');
    await page.click('#analyse');
    assert.match(await page.textContent('#problems'), /Activity: this workbook cannot be read/);
    await page.setInputFiles('#file-usage', xlsx);
    assert.match(await page.locator('[data-testid="usage-rejected"]').textContent(), /activity\.xlsx: an Excel workbook/);
    assertClean(seen);
    await page.close();
  });

  it('is a static build with the CSP in a meta tag, and serve.mjs sends it as a header', async () => {
    const html = readFileSync(path.join(demoDist, 'index.html'), 'utf8');
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${CSP_META}">`));
    assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), 'no inline script');
    assert.ok(!/\sstyle=/.test(html) && !/<style/.test(html), 'no inline style');
    for (const t of ['activity', 'people', 'surveys', 'playbook']) {
      assert.deepEqual(readFileSync(path.join(demoDist, 'sample', `${t}.csv`)), readFileSync(path.join(sampleDir, `${t}.csv`)));
    }
    const { USAGE_SAMPLE } = await import('../../web-demo/src/samples.js');
    for (const name of [USAGE_SAMPLE.people, ...USAGE_SAMPLE.usage]) {
      assert.deepEqual(readFileSync(path.join(demoDist, 'sample', 'usage', name)), readFileSync(usageFile(name)), name);
    }
    const child = spawn(process.execPath, [path.join(root, 'web-demo', 'serve.mjs')], { env: { ...process.env, PORT: '0' } });
    try {
      const url = await new Promise((resolve, reject) => {
        child.stdout.on('data', (d) => { const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(d)); if (m) resolve(m[0]); });
        child.on('exit', () => reject(new Error('serve.mjs exited')));
      });
      const res = await fetch(url);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-security-policy'), CSP_HEADER);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal((await fetch(`${url}assets/gapscore.wasm`)).headers.get('content-type'), 'application/wasm');
      const outside = await new Promise((resolve, reject) => {
        http.get(url, { path: '/../package.json' }, (r) => {
          let body = '';
          r.on('data', (d) => { body += d; });
          r.on('end', () => resolve({ status: r.statusCode, body }));
        }).on('error', reject);
      });
      assert.notEqual(outside.status, 200, 'nothing outside web-demo/dist is served');
      assert.ok(!outside.body.includes('"name": "gapscore"'));
    } finally {
      child.kill();
    }
  });

  it('runs the sample organisation in one click and shows the CLI\'s figures', async () => {
    const { page, seen } = await openDemo(context, server.url);
    await screenshot(page, '01-landing', { fullPage: true });
    const started = Date.now();
    await page.click('#try-sample');
    await waitForReport(page);
    const clickToReport = Date.now() - started;

    const cli = cliReport(sampleFiles());
    assert.equal(await page.textContent('[data-testid="overall-score"]'), shown.score(cli.overall.score.value));
    assert.equal(await page.textContent('[data-testid="overall-adoption"]'), shown.pct(cli.overall.metrics.adoption_rate));
    const meta = await page.textContent('[data-testid="results-meta"]');
    assert.ok(meta.includes(`${cli.summary.people.toLocaleString('en-US')} people`), meta);
    assert.ok(meta.includes(`${cli.summary.activity_rows.toLocaleString('en-US')} activity rows`), meta);
    await shot(page, '02-overview');

    // The headline sentence opens the overview; its direction is the adjusted
    // (same team and role) one, and no pooled "less productive" claim appears.
    const headline = cli.insights.headline;
    assert.equal(await page.textContent('#panel-overview [data-testid="headline"] .headline-text'), headline.text);
    const headBox = await page.locator('#panel-overview [data-testid="headline"]').boundingBox();
    const scoreBox = await page.locator('#panel-overview .score-card').boundingBox();
    assert.ok(headBox.y < scoreBox.y, 'the headline is above the score');
    const adjusted = cli.overall.gap.adjusted.estimate;
    assert.ok(headline.gap, 'on the sample, the headline is the AI users vs non-users finding');
    assert.equal(headline.gap.basis, 'adjusted');
    assert.equal(headline.gap.direction, adjusted > 0 ? 'ai_users_ahead' : 'ai_users_behind');
    assert.match(headline.text, adjusted > 0 ? /AI users produce [\d.]+ more/ : /AI users produce [\d.]+ fewer/);
    // The comparison's verdict is that headline: said once, and the comparison's card points to it.
    assert.equal(cli.overall.gap.text, headline.text);
    assert.equal(await page.locator('#panel-overview [data-testid="gap-verdict"]').count(), 0);
    assert.equal((await page.textContent('#panel-overview')).split(headline.text).length - 1, 1, 'the headline sentence appears once');
    assert.ok(await page.isVisible('#panel-overview [data-testid="gap-verdict-is-headline"]'));
    const overviewText = await page.textContent('#panel-overview');
    assert.ok(!/less productive/i.test(overviewText), 'no "less productive" claim');
    assert.ok(!/too little data/i.test(overviewText), 'the sample has enough data: no warning');

    // Groups: every group's adoption and score as the CLI computed them.
    await page.click('#tab-groups');
    const rows = await groupRows(page);
    assert.equal(rows.length, cli.groups.length);
    for (const g of cli.groups) {
      const row = rows.find((r) => r.key === g.key.team);
      assert.ok(row, `row for ${g.key.team}`);
      assert.equal(row.cells.adoption_rate, shown.pct(g.metrics.adoption_rate), g.key.team);
      assert.equal(row.cells.gap_score, shown.score(g.score.value), g.key.team);
    }
    await page.click('[data-sort="adoption_rate"]');  // first click on a number column: largest first
    const desc = (await groupRows(page)).map((r) => parseFloat(r.cells.adoption_rate));
    assert.deepEqual(desc, [...desc].sort((a, b) => b - a));
    assert.equal(await page.getAttribute('th:has([data-sort="adoption_rate"])', 'aria-sort'), 'descending');
    await page.click('[data-sort="adoption_rate"]');
    const asc = (await groupRows(page)).map((r) => parseFloat(r.cells.adoption_rate));
    assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
    await shot(page, '03-groups');

    // Keyboard: arrow keys move between tabs.
    await page.focus('#tab-groups');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getAttribute('#tab-charts', 'aria-selected'), 'true');
    await page.waitForSelector('[data-chart="adoption"] canvas');
    await page.waitForTimeout(600);  // let the bars finish animating
    await shot(page, '04-charts');
    assert.ok(await page.locator('[data-chart="trends"] .chart-data table tbody tr').count() > 5, 'trend data table');

    // Exports: the report, the group table, a chart as PNG and SVG.
    const json = JSON.parse((await download(page, '[data-export="report-json"]')).bytes);
    assert.equal(json.overall.score.value, cli.overall.score.value);
    if (json.insights) {
      // The cards the engine wrote, all of them, in its order (the engine's own parity is parity.test.mjs's job).
      await page.click('#tab-insights');
      const titles = await page.$$eval('.insights-view .insight-card h3', (hs) => hs.map((x) => x.textContent));
      assert.deepEqual(titles, json.insights.cards.map((c) => c.title));
      await page.waitForSelector('[data-chart="personas"] canvas');
      await page.waitForTimeout(600);
      await shot(page, '05-insights');
    }
    await page.click('#tab-data');
    await shot(page, '06-data-quality');

    const csv = String((await download(page, '[data-export="groups-csv"]')).bytes).split('\r\n');
    // For people: the table's titles and rounded figures; the raw export keeps the engine's names and values.
    assert.ok(csv[0].startsWith('Team,People,Adoption (%),'), csv[0]);
    assert.equal(csv.filter(Boolean).length, cli.groups.length + 1);
    assert.ok(!csv.some((line) => /\d\.\d{4,}/.test(line)), 'rounded figures');
    const raw = String((await download(page, '[data-export="groups-csv-raw"]')).bytes).split('\r\n');
    assert.ok(raw[0].startsWith('team,headcount,adoption_rate,'), raw[0]);
    assert.equal(raw.filter(Boolean).length, cli.groups.length + 1);
    await page.click('#tab-charts');
    const png = await download(page, '[data-chart="adoption"] [data-export="png"]');
    assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const svg = await download(page, '[data-chart="adoption"] [data-export="svg"]');
    assert.match(String(svg.bytes), /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(String(svg.bytes).includes('Engineering'));

    // Every control can be reached and named: labels for fields, text for buttons.
    const unnamed = await page.$$eval('input, select, button, [role="tab"]', (els) => els
      .filter((e) => !(e.labels?.length || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.textContent.trim()))
      .map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(unnamed, []);
    assert.equal(await page.$$eval('[tabindex]', (els) => els.filter((e) => Number(e.getAttribute('tabindex')) > 0).length), 0);

    // Print: every view laid out in sequence, controls hidden.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    const panels = await page.$$eval('[role="tabpanel"]', (ps) => ps.map((p) => getComputedStyle(p).display));
    assert.ok(panels.every((d) => d !== 'none'), `print shows every view: ${panels}`);
    assert.equal(await page.isVisible('.export-bar'), false);
    await screenshot(page, '07-print', { fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

    // Narrow screens.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('#tab-overview');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, '08-mobile-top');
    await page.evaluate(() => document.querySelector('#results').scrollIntoView());
    await screenshot(page, '08-mobile-overview');

    assertClean(seen);
    assert.ok(seen.requests.some((u) => u.endsWith('/assets/gapscore.wasm')));
    console.log(`sample: click to report ${clickToReport} ms; ${await page.textContent('.results-privacy')}`);
    await page.close();
  });

  it('settings recompute from the worker\'s session without reading the files again; a new period marks the report out of date', async () => {
    // Every message the page posts to a worker: an "open" is a read of the files, "session.reanalyze" is not.
    const init = () => {
      window.__posted = [];
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (message, transfer) {
        window.__posted.push({ type: message?.type, config: message?.payload?.config ?? null });
        return post.call(this, message, transfer);
      };
    };
    const { page, seen } = await openDemo(context, server.url, { init });
    const posted = () => page.evaluate(() => window.__posted.map((m) => m.type));
    const reads = async () => (await posted()).filter((t) => t === 'open' || t === 'analyze' || t === 'reportText').length;
    await page.click('#try-sample');
    await waitForReport(page);
    assert.equal(await reads(), 1, 'the sample was read once');
    assert.equal(await page.getAttribute('body', 'data-report'), 'current');

    // Group by role instead of team: a new report at once, from what the worker kept.
    await page.click('#settings summary');
    await page.check('#group-role');
    await page.uncheck('#group-team');
    await page.waitForFunction(() => document.querySelector('[data-testid="results-meta"]')?.textContent.includes('grouped by role')
      && !document.body.classList.contains('is-updating'));
    await page.waitForFunction(() => window.__posted.filter((m) => m.type === 'session.reanalyze').length >= 2);
    await page.waitForFunction(() => !document.body.classList.contains('is-updating'));
    assert.equal(await reads(), 1, 'changing group_by did not read the files again');
    const config = await page.evaluate(() => window.__posted.filter((m) => m.type === 'session.reanalyze').at(-1).config);
    assert.deepEqual(config.group_by, ['role']);
    const cli = cliReport(sampleFiles(), config);
    await page.click('#tab-groups');
    const rows = await groupRows(page);
    assert.deepEqual(rows.map((r) => r.key).sort(), cli.groups.map((g) => g.key.role).sort());
    for (const g of cli.groups) {
      const row = rows.find((r) => r.key === g.key.role);
      if (!g.suppressed) assert.equal(row.cells.adoption_rate, shown.pct(g.metrics.adoption_rate), g.key.role);
    }
    assert.equal(await page.textContent('[data-testid="overall-score"]'), shown.score(cli.overall.score.value));
    assert.match(await page.textContent('.results-privacy'), /Recomputed from the files read earlier/);

    // The minimum group size (privacy k) too.
    await page.fill('input[name="min_group_size"]', '40');
    await page.dispatchEvent('input[name="min_group_size"]', 'change');
    await page.waitForFunction(() => window.__posted.filter((m) => m.type === 'session.reanalyze').at(-1)?.config.privacy.min_group_size === 40);
    await page.waitForFunction(() => document.querySelector('.results-privacy')?.textContent.includes('under 40 people'));
    assert.equal(await reads(), 1, 'changing k did not read the files again');

    // A new trend period changes how the files are read: the report stays, marked out of date.
    const before = await page.textContent('[data-testid="results-meta"]');
    await page.selectOption('select[name="period"]', 'month');
    await page.waitForSelector('[data-testid="stale"]:not([hidden])');
    assert.match(await page.textContent('[data-testid="stale"]'), /Out of date — the trend period changed to months/);
    assert.equal(await page.getAttribute('body', 'data-report'), 'stale');
    assert.ok(await page.isVisible('#results'), 'the report stays on screen');
    assert.ok(await page.$eval('#results', (el) => el.classList.contains('is-stale')));
    assert.equal(await page.textContent('[data-testid="results-meta"]'), before, 'unchanged until run again');
    // Settings changed while out of date are not applied to the stale session either.
    await page.check('#group-team');
    await page.waitForTimeout(200);
    assert.equal(await reads(), 1);
    await screenshot(page, '09b-stale', { fullPage: false });
    // Back to weeks: the report can be brought up to date from the session again.
    await page.selectOption('select[name="period"]', 'week');
    await page.waitForSelector('[data-testid="stale"]', { state: 'hidden' });
    await page.waitForFunction(() => document.querySelector('[data-testid="results-meta"]')?.textContent.includes('grouped by role × team')
      || document.querySelector('[data-testid="results-meta"]')?.textContent.includes('grouped by team × role'));
    assert.equal(await reads(), 1);
    // Monthly again, and "Run again" reads the files with it.
    await page.selectOption('select[name="period"]', 'month');
    await page.waitForSelector('[data-testid="stale"]:not([hidden])');
    await page.click('[data-action="rerun"]');
    await page.waitForFunction(() => document.body.dataset.report === 'current' && document.querySelector('[data-testid="results-meta"]')?.textContent.includes('monthly trends'));
    assert.equal(await reads(), 2, 'run again read the files once more');
    assert.equal(await page.isVisible('[data-testid="stale"]'), false);
    assertClean(seen);
    await page.close();
  });

  it('groups smaller than the minimum size read "fewer than k people", never blank or zero', async () => {
    const { page, seen } = await openDemo(context, server.url);
    await page.click('#settings summary');
    await page.check('#group-role');
    await page.fill('input[name="min_group_size"]', '6');
    await page.click('#try-sample');
    await waitForReport(page);
    const cli = cliReport(sampleFiles(), { group_by: ['team', 'role'], privacy: { min_group_size: 6 } });
    await page.click('#tab-groups');
    const rows = await groupRows(page);
    const hidden = cli.groups.filter((g) => g.suppressed);
    assert.ok(hidden.length > 0, 'the sample has small team x role groups');
    assert.equal(rows.filter((r) => r.suppressed).length, hidden.length);
    for (const r of rows.filter((x) => x.suppressed)) {
      assert.match(r.text, /fewer than 6 people|hidden so that/);
      assert.ok(!/\b0(\.0)?%/.test(r.text), r.text);
    }
    for (const g of cli.groups.filter((x) => !x.suppressed)) {
      const row = rows.find((r) => r.key === `${g.key.team} / ${g.key.role}`);
      assert.equal(row?.cells.adoption_rate, shown.pct(g.metrics.adoption_rate));
    }
    assert.equal(await page.textContent('[data-testid="overall-score"]'), shown.score(cli.overall.score.value));
    await shot(page, '09-groups-suppressed');
    assertClean(seen);
    await page.close();
  });

  it('differential privacy spends from the ledger kept in IndexedDB and refuses a report past the total budget', async () => {
    // A context of its own: a fresh IndexedDB, so a fresh budget.
    const own = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const { page, seen } = await openDemo(own, server.url);
    await page.click('#settings summary');
    assert.equal(await page.isChecked('#protection-suppression'), true, 'suppression is the default');
    assert.equal(await page.isVisible('[data-testid="dp-fields"]'), false);
    await page.check('#protection-dp');
    await page.waitForSelector('[data-testid="dp-fields"]:not([hidden])');
    await page.fill('input[name="dp_epsilon"]', '1');
    await page.fill('input[name="dp_total_epsilon"]', '2');
    // The ledger as IndexedDB holds it (database "gapscore", store and key "ledger"), read by the test.
    const stored = () => page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('gapscore');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('ledger')) { db.close(); resolve(null); return; }
        const get = db.transaction('ledger').objectStore('ledger').get('ledger');
        get.onsuccess = () => { db.close(); resolve(get.result ?? null); };
        get.onerror = () => reject(get.error);
      };
    }));

    // Release 1: the sample.
    await page.click('#try-sample');
    await waitForReport(page);
    assert.match(await page.textContent('[data-testid="dp-budget"]'), /spent ε 1 of the privacy budget \(1 of 2 spent in 1 report, 1 left\)/);
    await screenshot(page, '09c-dp-report', { fullPage: false });
    await visitEveryTab(page, { adoptionOnly: false });
    let [entry] = Object.values(JSON.parse(await stored()).entries);
    assert.equal(entry.spent_epsilon, 1);
    assert.equal(entry.releases, 1);

    // Release 2: a settings change, recomputed from the session.
    await page.check('#group-role');
    await page.waitForFunction(() => document.querySelector('[data-testid="dp-budget"]')?.textContent.includes('2 of 2 spent in 2 reports'));
    assert.match(await page.textContent('[data-testid="results-meta"]'), /grouped by team × role/);
    [entry] = Object.values(JSON.parse(await stored()).entries);
    assert.equal(entry.spent_epsilon, 2);
    assert.equal(entry.releases, 2);

    // Release 3 is refused: the engine's message where the report was, no stack trace, nothing spent.
    await page.uncheck('#group-role');
    await page.waitForSelector('[data-testid="failure"]');
    const failure = await page.textContent('[data-testid="failure"]');
    assert.match(failure, /privacy budget is spent/);
    assert.match(failure, /budget/i);
    assert.ok(!/\bat \S+:\d+|Error:|undefined/.test(failure), failure);
    // Plain words: config keys and the ledger key appear only inside the engine's message (a code element).
    const plain = await page.$eval('[data-testid="failure"]', (el) => [...el.querySelectorAll('h3, p')].map((n) => n.textContent).join(' '));
    assert.ok(!/\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z_]+\.[a-z_]+\b/.test(plain), plain);
    assert.match(await page.textContent('[data-testid="failure"] details code'), /total_epsilon/);
    assert.equal(await page.isVisible('#results'), false, 'no report on screen for the refused release');
    [entry] = Object.values(JSON.parse(await stored()).entries);
    assert.equal(entry.spent_epsilon, 2, 'a refused release spends nothing');
    assert.equal(entry.releases, 2);

    // "Run again" reads the files again, and the budget still holds: refused too.
    await page.selectOption('select[name="period"]', 'month');
    await page.click('#analyse');
    await page.waitForFunction(() => document.querySelector('[data-testid="failure"]')?.textContent.includes('privacy budget is spent'));
    assert.equal(await page.isVisible('#results'), false);
    [entry] = Object.values(JSON.parse(await stored()).entries);
    assert.equal(entry.releases, 2);
    await screenshot(page, '09c-dp-budget-spent', { fullPage: false });
    assertClean(seen);
    await own.close();
  });

  it('a figure with too few people behind it reads "hidden" with the reason, not a number or n/a', async () => {
    // Team Solo (5 people) has one AI user: its hours saved would be that person's.
    let csv = 'person_id,date,task_type,tasks,ai_tasks,hours,baseline_hours,quality,team\n';
    const teams = [['Solo', 5, 1], ['Alpha', 7, 6], ['Beta', 7, 5]];
    for (const [team, size, ai] of teams) {
      for (let i = 0; i < size; i += 1) {
        for (let d = 6; d <= 31; d += 1) {
          if ((d - 6) % 7 >= 5) continue;
          const id = `${team}${i}`;
          const date = `2025-01-${String(d).padStart(2, '0')}`;
          if (i < ai) csv += `${id},${date},writing,2,2,2,3.5,0.8,${team}\n`;
          csv += `${id},${date},email,2,0,2.5,,0.8,${team}\n`;
        }
      }
    }
    const file = path.join(tmp, 'activity-solo-ai-user.csv');
    writeFileSync(file, csv);
    const cli = cliReport({ activity: file });
    const solo = cli.groups.find((g) => g.key.team === 'Solo');
    assert.equal(solo.metrics.time_saved_hours, null);
    const { page, seen } = await openDemo(context, server.url);
    await page.setInputFiles('#file-activity', file);
    await page.waitForSelector('.slot[data-table="activity"] .file-name');
    await page.click('#analyse');
    await waitForReport(page);
    await page.click('#tab-groups');
    const row = (await groupRows(page)).find((r) => r.key === 'Solo');
    assert.ok(row && !row.suppressed, 'a team of 5 is shown');
    assert.match(row.cells.time_saved_hours, /^hidden: fewer than 5 people stand behind this figure$/);
    const title = await page.getAttribute('[data-testid="groups-table"] tr:has(th:text-is("Solo")) td[data-col="time_saved_hours"]', 'title');
    assert.equal(title, solo.withheld.time_saved_hours);
    const alpha = (await groupRows(page)).find((r) => r.key === 'Alpha');
    assert.equal(alpha.cells.time_saved_hours, shown.int(cli.groups.find((g) => g.key.team === 'Alpha').metrics.time_saved_hours));
    assertClean(seen);
    await page.close();
  });

  it('an uploaded team named <img src=x onerror=alert(1)> is shown as text and stays inert', async () => {
    const hostile = new Set(Array.from({ length: 40 }, (_, i) => `P${String(i + 1).padStart(5, '0')}`));
    const file = deriveActivity(tmp, 'activity-teams.csv', {
      extra: { header: ['team'], values: (id) => [hostile.has(id) ? XSS : 'Ops & Co'] },
    });
    const { page, seen } = await openDemo(context, server.url);
    await page.setInputFiles('#file-activity', file);
    await page.waitForSelector('.slot[data-table="activity"] .file-name');
    await page.click('#analyse');
    await waitForReport(page);
    const cli = cliReport({ activity: file });
    assert.equal(await page.textContent('[data-testid="overall-score"]'), shown.score(cli.overall.score.value));
    await page.click('#tab-groups');
    const rows = await groupRows(page);
    const row = rows.find((r) => r.key === XSS);
    assert.ok(row, `the name is displayed literally: ${rows.map((r) => r.key)}`);
    const g = cli.groups.find((x) => x.key.team === XSS);
    assert.equal(row.cells.adoption_rate, shown.pct(g.metrics.adoption_rate));
    await page.click('#tab-charts');
    await page.waitForSelector('[data-chart="adoption"] canvas');
    await page.locator('[data-chart="adoption"] summary').click();
    assert.ok((await page.textContent('[data-chart="adoption"] table')).includes(XSS));
    await page.waitForTimeout(300);
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'no <img src=x> in the DOM');
    assert.deepEqual(seen.dialogs, [], 'no alert()');
    await shot(page, '10-hostile-name');
    assertClean(seen);
    await page.close();
  });

  it('a one-day, 300-row file shows "too little data" beside the score, the comparison and the findings, never a verdict', async () => {
    // The file of tests/sufficiency_test.cpp: 60 people in 3 teams, 5 rows on one day.
    let csv = 'person_id,date,task_type,tasks,ai_tasks,hours,baseline_hours,rework_hours,quality,errors,team\n';
    for (let p = 0; p < 60; p++) {
      for (let r = 0; r < 5; r++) {
        const ai = p % 2 === 0;
        const tasks = 4 + ((p + r) % 3);
        csv += `P${100 + p},2025-03-03,t${r},${tasks},${ai ? tasks : 0},${ai ? '1.5' : '3'},3,${ai ? '0.2' : '0.1'},0.${6 + ((p + r) % 4)},${r % 2},T${p % 3}\n`;
      }
    }
    const file = path.join(tmp, 'one-day.csv');
    writeFileSync(file, csv);
    const cli = cliReport({ activity: file });
    assert.equal(cli.overall.score.sufficiency.verdict, 'too_little_data');
    const { page, seen } = await openDemo(context, server.url);
    await page.setInputFiles('#file-activity', file);
    await page.waitForSelector('.slot[data-table="activity"] .file-name');
    await page.click('#analyse');
    await waitForReport(page);
    const scoreCard = page.locator('#panel-overview .score-card');
    assert.match(await scoreCard.textContent(), /Too little data/);
    assert.equal(await scoreCard.locator('.score-band').count(), 0, 'no band verdict on the score');
    if (cli.overall.gap?.difference != null) {
      assert.match(await page.textContent('#panel-overview .gap-card'), /Too little data/);
      assert.equal(await page.locator('#panel-overview [data-testid="gap-verdict"]').count(), 0);
    }
    for (const card of await page.locator('#panel-overview .overview-highlights .insight-card').all()) {
      assert.match(await card.textContent(), /too little data/i);
    }
    assert.ok(!/measurably|significantly/i.test(await page.textContent('#panel-overview')));
    await shot(page, '10b-too-little-data');
    assertClean(seen);
    await page.close();
  });

  it('maps a differently named column (Employee -> person_id) onto gapscore\'s', async () => {
    const file = deriveActivity(tmp, 'activity-employee.csv', { rename: (hs) => hs.map((x) => (x === 'person_id' ? 'Employee' : x)) });
    const { page, seen } = await openDemo(context, server.url);
    await page.setInputFiles('#file-activity', file);
    const select = page.locator('#map-activity-person_id');
    await select.waitFor();
    await screenshot(page.locator('.slot[data-table="activity"]'), '11-column-mapping');
    // Without a choice, the page says what is missing instead of running.
    await select.selectOption('');
    await page.click('#analyse');
    assert.match(await page.textContent('#problems'), /choose the column for person_id/);
    assert.equal(await page.isVisible('#results'), false);
    await select.selectOption('Employee');
    await page.click('#analyse');
    await waitForReport(page);
    const cli = cliReport({ activity: path.join(sampleDir, 'activity.csv') });
    assert.equal(await page.textContent('[data-testid="overall-score"]'), shown.score(cli.overall.score.value));
    assert.equal(await page.textContent('[data-testid="overall-adoption"]'), shown.pct(cli.overall.metrics.adoption_rate));
    assertClean(seen);
    await page.close();
  });

  it('lists bad rows as (row, column, problem), and a file it cannot read without a stack trace', async () => {
    const lines = readFileSync(path.join(sampleDir, 'activity.csv'), 'utf8').trimEnd().split('\n');
    const tasksCol = lines[0].split(',').indexOf('tasks');
    for (const [i, bad] of [[4, 'abc'], [9, '-3']]) {
      const f = lines[i].split(',');
      f[tasksCol] = bad;
      lines[i] = f.join(',');
    }
    const badFile = path.join(tmp, 'activity-bad-rows.csv');
    writeFileSync(badFile, `${lines.join('\n')}\n`);
    const { page, seen } = await openDemo(context, server.url);
    await page.setInputFiles('#file-activity', badFile);
    await page.waitForSelector('.slot[data-table="activity"] .file-name');
    await page.click('#analyse');
    await waitForReport(page);
    const cli = cliReport({ activity: badFile });
    await page.click('#tab-data');
    const items = await page.$$eval('.diagnostics-table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    const cliRows = cli.diagnostics.items.filter((d) => d.row != null).map((d) => [String(d.row), d.column]);
    assert.ok(cliRows.length >= 2);
    for (const [row, column] of cliRows) assert.ok(items.some((r) => r[1] === row && r[2] === column), `row ${row} ${column} listed`);
    await shot(page, '12-diagnostics');

    const emptyFile = path.join(tmp, 'activity-header-only.csv');
    writeFileSync(emptyFile, `${lines[0]}\n`);
    await page.setInputFiles('#file-activity', emptyFile);
    await page.waitForSelector('.slot[data-table="activity"] .file-meta');
    await page.click('#analyse');
    const failure = page.locator('[data-testid="failure"]');
    await failure.waitFor();
    const text = await failure.textContent();
    assert.match(text, /activity/);
    assert.ok(!/\bat \S+ \(|\.js:\d+|Error:/.test(text), `no stack trace: ${text}`);
    await screenshot(page, '13-failure', { fullPage: false });
    assertClean(seen);
    await page.close();
  });

  it('cancels a million-row analysis, and the page stays responsive while it runs', async () => {
    const org = generateOrg(path.join(tmp, 'big'), 5400);
    const { page, seen } = await openDemo(context, server.url);
    await page.setInputFiles('#file-activity', org.activity);
    await page.setInputFiles('#file-people', org.people);
    await page.waitForSelector('.slot[data-table="people"] .file-name');
    // A timer on the page thread: its longest gap is how long the page was unresponsive.
    await page.evaluate(() => {
      window.__gaps = [];
      let last = performance.now();
      setInterval(() => {
        const now = performance.now();
        if (document.body.classList.contains('is-running')) window.__gaps.push(now - last);
        last = now;
      }, 20);
    });

    await page.click('#analyse');
    await page.waitForFunction(() => document.querySelector('[data-testid="progress"]').value >= 20, null, { timeout: 30000 });
    await screenshot(page, '14-progress', { fullPage: false });
    const cancelAt = Date.now();
    await page.click('[data-action="cancel"]');
    await page.waitForSelector('[data-testid="cancelled"]', { timeout: 5000 });
    const cancelMs = Date.now() - cancelAt;
    assert.ok(cancelMs < 3000, `cancelled in ${cancelMs} ms`);
    assert.equal(await page.isVisible('#progress'), false);
    assert.equal(await page.isVisible('#results'), false);

    const started = Date.now();
    await page.click('#analyse');
    await waitForReport(page, 90000);
    const runMs = Date.now() - started;
    const maxGap = await page.evaluate(() => Math.max(...window.__gaps));
    // Reading 75 MB or parsing it on the page thread would freeze it for seconds; the worker keeps
    // pauses to timer jitter and garbage collection (typically under 150 ms; the bound leaves room for a busy CI).
    assert.ok(maxGap < 750, `longest main-thread pause while analysing: ${maxGap} ms`);
    const cli = cliReport(org);
    assert.equal(await page.textContent('[data-testid="overall-score"]'), shown.score(cli.overall.score.value));
    assert.ok((await page.textContent('[data-testid="results-meta"]')).includes(cli.summary.activity_rows.toLocaleString('en-US')));
    console.log(`${cli.summary.activity_rows} rows: cancel ${cancelMs} ms, full run ${runMs} ms, longest page pause ${Math.round(maxGap)} ms`);
    assertClean(seen);
    await page.close();
  });

  it('re-opens a saved report, rendering its insight cards as text', async () => {
    const report = cliReport(sampleFiles());
    report.insights ??= { cards: [] };
    report.insights.cards = [{ id: 'x', kind: 'warning', title: XSS, text: `A team called ${XSS}` }, ...(report.insights.cards ?? [])];
    const file = path.join(tmp, 'saved-report.json');
    writeFileSync(file, JSON.stringify(report));
    const { page, seen } = await openDemo(context, server.url);
    await page.setInputFiles('#open-report', file);
    await waitForReport(page);
    assert.match(await page.textContent('.results-privacy'), /Opened from saved-report\.json/);
    assert.equal(await page.textContent('[data-testid="overall-score"]'), shown.score(report.overall.score.value));
    assert.equal(await page.textContent('.overview-highlights .insight-card h3 >> nth=0'), XSS);
    await page.click('#tab-insights');
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    if (report.insights.uneven_groups?.length) assert.match(await page.textContent('#panel-insights'), /Split teams/);
    await page.waitForTimeout(600);
    await shot(page, '15-saved-report-insights');
    assertClean(seen);
    await page.close();
  });

  it('reads a Viva Insights person query alone and shows usage segments and the maturity stage', async () => {
    const query = path.join(root, 'tests', 'data', 'inputs', 'viva_person_query.csv');
    const { page, seen } = await openDemo(context, server.url);
    await page.setInputFiles('#file-usage', query);
    await page.waitForSelector('.usage-files li[data-usage-format="viva_person_query"]');
    assert.match(await page.textContent('.usage-files li >> nth=0'), /Microsoft Viva Insights · person query CSV/);
    assert.equal(await page.textContent('.slot[data-table="activity"] .badge'), 'optional', 'a person query lists the people itself');
    await page.click('#analyse');
    await waitForUsageReport(page);
    const cli = cliReport({ usage: query });
    assert.equal(await page.getAttribute('#tab-usage', 'aria-selected'), 'true');
    const everyone = '[data-testid="usage-segments-overall"]';
    for (const [segment, people] of Object.entries(cli.usage.overall.segments)) {
      if (segment === 'suppressed') continue;
      assert.equal(await page.textContent(`${everyone} [data-col="${segment}"]`), people == null ? 'hidden' : shown.int(people), segment);
    }
    assert.equal(await page.textContent(`${everyone} [data-col="maturity"]`), 'Initial rollout');
    assert.match(await page.textContent('[data-testid="usage-segments-table"]'), /Power users/);
    await screenshot(page.locator('[data-testid="usage-segments-table"]'), '16-usage-segments');

    // Its HR attributes group the report: typed in Settings, checked by the engine, recomputed in the session.
    const byOrg = cliReport({ usage: query }, { group_by: ['Organization'] });
    await page.click('#settings summary');
    await page.uncheck('#group-team');
    await page.fill('[data-testid="group-by-other"]', 'Organization');
    await page.locator('[data-testid="group-by-other"]').dispatchEvent('change');
    await page.waitForFunction((orgs) => {
      const shown = [...document.querySelectorAll('[data-testid="usage-groups-table"] tr[data-group]')].map((tr) => tr.dataset.group);
      return orgs.every((o) => shown.includes(o));
    }, byOrg.usage.groups.map((g) => g.key.Organization), { timeout: 30000 });
    const orgRows = await usageRows(page);
    for (const g of byOrg.usage.groups) {
      if (!g.suppressed) assert.match(orgRows[g.key.Organization].text, new RegExp(shown.int(g.metrics.population)), g.key.Organization);
    }
    assertClean(seen);
    await page.close();
  });

  it('takes AI-usage exports and an identities table, and shows the CLI\'s adoption-only figures', async () => {
    const m365 = usageFile('m365_user_detail_2025-03-30.csv');
    const github = usageFile('github_users.ndjson');
    const { page, seen } = await openDemo(context, server.url);
    assert.equal(await page.textContent('.slot[data-table="activity"] .badge'), 'required');
    await page.setInputFiles('#file-people', usageFile('people.csv'));
    await page.waitForSelector('.slot[data-table="people"] .file-name');
    await page.setInputFiles('#file-usage', [m365, github]);
    await page.waitForSelector('.usage-files li >> nth=1');
    assert.deepEqual(await page.$$eval('.usage-files li', (lis) => lis.map((li) => [li.querySelector('.file-name').textContent, li.dataset.usageFormat])),
      [['m365_user_detail_2025-03-30.csv', 'm365_copilot_csv'], ['github_users.ndjson', 'github_copilot_users_ndjson']]);
    assert.match(await page.textContent('.usage-files li >> nth=0'), /Microsoft 365 Copilot · usage report, admin-center CSV/);
    assert.match(await page.textContent('.usage-files li >> nth=1'), /GitHub Copilot · per-user daily metrics, NDJSON/);
    assert.equal(await page.textContent('.slot[data-table="activity"] .badge'), 'optional', 'people + usage: activity is no longer required');

    // A file that is no usage export is refused, saying what was expected; an export put into a table's slot joins the list.
    await page.setInputFiles('#file-usage', usageFile('bad_not_usage.csv'));
    const rejected = await page.locator('[data-testid="usage-rejected"]').textContent();
    assert.match(rejected, /bad_not_usage\.csv/);
    assert.match(rejected, /Microsoft 365 Copilot/);
    assert.match(rejected, /GitHub Copilot/);
    assert.equal(await page.locator('.usage-files li').count(), 2);
    await page.setInputFiles('#file-activity', usageFile('github_team_engineering.json'));
    await page.waitForSelector('.usage-files li[data-usage-format="github_copilot_aggregate_json"]');
    assert.equal(await page.locator('.slot[data-table="activity"] .file-name').count(), 0);
    await screenshot(page.locator('.slot[data-table="usage"]'), '16-usage-files');
    await screenshot(page.locator('section.panel'), '16-usage-data-panel');
    await page.click('[aria-label="Remove github_team_engineering.json"]');
    assert.equal(await page.locator('.usage-files li').count(), 2);

    await page.setInputFiles('#file-identities', usageFile('identities.csv'));
    await page.waitForSelector('.slot[data-table="identities"] .slot-note.ok');
    await page.click('#analyse');
    await waitForUsageReport(page);
    const cli = cliReport({ people: usageFile('people.csv'), usage: [m365, github], identities: usageFile('identities.csv') });
    assert.ok(cli.usage.identity.matched > 0 && cli.usage.identity.unmatched > 0, 'the fixtures have matched and unmatched users');
    assert.equal(await page.getAttribute('#tab-usage', 'aria-selected'), 'true', 'an adoption-only report opens on its usage');
    assert.match(await page.textContent('[data-testid="results-meta"]'), /adoption only, from 2 AI-usage exports/);
    await assertUsageMatchesCli(page, cli);
    assert.match(await page.textContent('[data-testid="usage-some-unmatched"]'), new RegExp(`${cli.usage.identity.unmatched} of ${cli.usage.identity.identities} users`));
    const first = cli.usage.training_targets[0];
    assert.match(await page.textContent('#panel-usage'), new RegExp(`Start with ${first.key.team}: ${first.non_adopters} people`));
    await page.waitForSelector('[data-chart="usage-adoption"] canvas');
    await page.waitForSelector('[data-chart="usage-trends"] canvas');
    await page.waitForTimeout(600);
    await shot(page, '17-usage');

    // The other views render, and those that need activity say so.
    await visitEveryTab(page, { adoptionOnly: true });
    await page.click('#tab-overview');
    assert.equal(await page.textContent('[data-testid="usage-overall-adoption"]'), shown.pct(cli.usage.overall.metrics.usage_adoption_rate));
    for (const [tool, rate] of Object.entries(cli.usage.overall.metrics.tool_adoption)) {
      assert.equal(await page.textContent(`#panel-overview [data-testid="usage-overall-tool-${tool}"]`), shown.pct(rate), tool);
    }
    await shot(page, '18-adoption-only-overview');
    await page.click('#tab-data');
    const read = await page.textContent('#panel-data');
    assert.ok(read.includes('m365_user_detail_2025-03-30.csv') && read.includes('github_users.ndjson'), 'usage inputs listed');
    const csv = String((await download(page, '[data-export="usage-csv"]')).bytes).split('\r\n');
    assert.ok(csv[0].startsWith('Team,People,Active,Adoption (%),'), csv[0]);
    assert.ok(!csv.some((line) => /\d\.\d{3,}/.test(line)), 'rounded figures');
    const rawCsv = String((await download(page, '[data-export="usage-csv-raw"]')).bytes).split('\r\n');
    assert.ok(rawCsv[0].startsWith('team,population,active_users,usage_adoption_rate,'), rawCsv[0]);
    assert.equal(await page.locator('[data-export="groups-csv"]').count(), 0);

    // Print lays out the usage tab too, without errors.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assertClean(seen);
    await page.close();
  });

  it('says loudly when nobody in a usage export can be joined, and joins them once identities are given', async () => {
    const concealed = usageFile('m365_concealed_2025-03-30.csv');
    const { page, seen } = await openDemo(context, server.url);
    await page.setInputFiles('#file-people', usageFile('people.csv'));
    await page.waitForSelector('.slot[data-table="people"] .file-name');
    await page.setInputFiles('#file-usage', concealed);
    await page.waitForSelector('.usage-files li');
    await page.click('#analyse');
    await waitForUsageReport(page);
    const without = cliReport({ people: usageFile('people.csv'), usage: concealed });
    assert.equal(without.usage.identity.matched, 0);
    const alert = await page.locator('[data-testid="usage-nothing-joined"]').textContent();
    assert.match(alert, /Nothing could be joined/);
    assert.match(alert, new RegExp(`None of the ${without.usage.identity.identities} users`));
    assert.match(alert, /identities table/);
    // Nothing joined: the counts of the join, and no adoption figure that would count nobody as active.
    assert.equal(await page.textContent('[data-testid="usage-matched"]'), '0');
    assert.equal(await page.textContent('[data-testid="usage-unmatched"]'), shown.int(without.usage.identity.unmatched));
    assert.equal(await page.locator('[data-testid="usage-groups-table"]').count(), 0);
    assert.equal(await page.locator('[data-testid="usage-overall-adoption"]').count(), 0);
    assert.ok(!/adoption\s*\d|\d(\.\d)?% adoption/i.test(await page.textContent('#panel-usage')), 'no adoption figure');
    await screenshot(page.locator('[data-testid="usage-join"]'), '19-usage-nothing-joined');

    await page.setInputFiles('#file-identities', usageFile('identities.csv'));
    await page.waitForSelector('.slot[data-table="identities"] .file-name');
    await page.click('#analyse');
    await page.waitForSelector('#results:not([hidden]) [data-testid="usage-join"]:not(:has([data-testid="usage-nothing-joined"]))');
    const withIds = cliReport({ people: usageFile('people.csv'), usage: concealed, identities: usageFile('identities.csv') });
    assert.ok(withIds.usage.identity.matched > 0);
    await assertUsageMatchesCli(page, withIds);
    assertClean(seen);
    await page.close();
  });

  it('refuses an identities file without identity and person_id columns before running, and names an export it cannot read', async () => {
    const { page, seen } = await openDemo(context, server.url);
    await page.setInputFiles('#file-people', usageFile('people.csv'));
    await page.setInputFiles('#file-usage', usageFile('m365_graph.json'));
    await page.setInputFiles('#file-identities', usageFile('bad_not_usage.csv'));
    await page.waitForSelector('.slot[data-table="identities"] .slot-note.warn');
    await page.click('#analyse');
    assert.match(await page.textContent('#problems'), /Identities: the file needs the columns identity, person_id/);
    assert.equal(await page.isVisible('#results'), false);
    await page.click('.slot[data-table="identities"] button:has-text("Remove")');
    await page.click('#analyse');
    await waitForUsageReport(page);
    await assertUsageMatchesCli(page, cliReport({ people: usageFile('people.csv'), usage: usageFile('m365_graph.json') }));

    // An export that looks right but holds nothing: the engine's message, naming the file, without a stack trace.
    const cut = path.join(tmp, 'cut-off.ndjson');
    writeFileSync(cut, '{"day": "2025-03-03", "user_login": "dev-001", "code_generation');
    await page.setInputFiles('#file-usage', cut);
    await page.waitForSelector('.usage-files li >> nth=1');
    await page.click('#analyse');
    const failure = page.locator('[data-testid="failure"]');
    await failure.waitFor();
    const text = await failure.textContent();
    assert.match(text, /cut-off\.ndjson: the usage export holds no records/);
    assert.ok(!/\bat \S+ \(|\.js:\d+|Error:/.test(text), `no stack trace: ${text}`);
    assert.equal(await page.isVisible('#results'), false, 'the earlier report no longer matches the files');
    assertClean(seen);
    await page.close();
  });

  it('compares usage exports with the activity table when both are given', async () => {
    const activity = usageActivity(tmp);
    const usage = [usageFile('m365_user_detail_2025-03-30.csv'), usageFile('github_users.ndjson')];
    const { page, seen } = await openDemo(context, server.url);
    await page.setInputFiles('#file-activity', activity);
    await page.setInputFiles('#file-people', usageFile('people.csv'));
    await page.setInputFiles('#file-usage', usage);
    await page.waitForSelector('.usage-files li >> nth=1');
    await page.click('#analyse');
    await waitForReport(page);
    const cli = cliReport({ activity, people: usageFile('people.csv'), usage });
    const c = cli.usage.comparison_with_activity;
    assert.ok(c && c.agreement != null, 'the CLI compares them');
    assert.equal(await page.textContent('[data-testid="overall-score"]'), shown.score(cli.overall.score.value));
    await page.click('#tab-usage');
    await assertUsageMatchesCli(page, cli);
    assert.equal(await page.textContent('[data-testid="comparison-telemetry"]'), shown.pct(c.telemetry_adoption_rate));
    assert.equal(await page.textContent('[data-testid="comparison-activity"]'), shown.pct(c.activity_adoption_rate));
    assert.equal(await page.textContent('[data-testid="comparison-agreement"]'), shown.pct(c.agreement));
    const rho = c.intensity_vs_ai_task_share?.spearman_rho;
    assert.equal(typeof rho, 'number', 'the CLI gives the rank correlation');
    const intensity = await page.textContent('[data-testid="comparison-intensity"]');
    assert.ok(intensity.includes(`ρ = ${shown.num2(rho)}`) && intensity.includes(`${c.intensity_vs_ai_task_share.people} people`), intensity);
    await screenshot(page.locator('[data-testid="usage-comparison"]'), '20-usage-vs-activity');
    await visitEveryTab(page, { adoptionOnly: false });
    assertClean(seen);
    await page.close();
  });

  it('runs the sample AI-usage exports in one click, hiding small team-metric weeks', async () => {
    const { USAGE_SAMPLE } = await import('../../web-demo/src/samples.js');
    const { page, seen } = await openDemo(context, server.url);
    await page.click('#try-usage-sample');
    await waitForUsageReport(page);
    const cli = cliReport({ people: usageFile(USAGE_SAMPLE.people), usage: USAGE_SAMPLE.usage.map(usageFile) });
    await assertUsageMatchesCli(page, cli);
    assert.equal(await page.locator('.usage-files li').count(), USAGE_SAMPLE.usage.length);
    const teams = cli.usage.team_aggregates;
    assert.ok(teams.length > 0);
    const teamRows = await page.$$eval('.usage-teams tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.equal(teamRows.length, teams.length);
    teams.forEach((t, i) => { if (t.suppressed) assert.match(teamRows[i], /Hidden: fewer than 5 people/); });
    await page.waitForSelector('[data-chart="usage-trends"] canvas');
    await page.waitForTimeout(600);
    await shot(page, '21-usage-sample');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => document.querySelector('#panel-usage').scrollIntoView());
    await screenshot(page, '21-usage-mobile');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling on a phone');
    assertClean(seen);
    await page.close();
  });

  it('hides small usage groups with their reason, never as zero', async () => {
    const m365 = usageFile('m365_user_detail_2025-03-30.csv');
    const { page, seen } = await openDemo(context, server.url);
    await page.click('#settings summary');
    await page.check('#group-work_mode');
    await page.setInputFiles('#file-people', usageFile('people.csv'));
    await page.setInputFiles('#file-usage', m365);
    await page.waitForSelector('.usage-files li');
    await page.click('#analyse');
    await waitForUsageReport(page);
    const cli = cliReport({ people: usageFile('people.csv'), usage: m365 }, { group_by: ['team', 'work_mode'] });
    assert.ok(cli.usage.groups.every((g) => g.suppressed), 'team x work mode leaves 2-3 people per group');
    await assertUsageMatchesCli(page, cli);
    assert.equal(await page.locator('[data-chart="usage-adoption"]').count(), 0, 'no chart of hidden groups');
    await page.waitForSelector('[data-chart="usage-trends"] canvas');
    assert.match(await page.textContent('[data-chart="usage-trends"] .chart-note'), /cells are hidden.*9 groups are hidden in every week/);
    await shot(page, '22-usage-suppressed');
    assertClean(seen);
    await page.close();
  });

  it('sorts files dropped on the page: usage exports to the list, tables to their slots, file names as text', async () => {
    const { page, seen } = await openDemo(context, server.url);
    const files = [
      ['people.csv', readFileSync(usageFile('people.csv'), 'utf8')],
      [`${XSS}.csv`, readFileSync(usageFile('m365_user_detail_2025-03-30.csv'), 'utf8')],
      ['map-identities.csv', readFileSync(usageFile('identities.csv'), 'utf8')],
      ['widgets.csv', readFileSync(usageFile('bad_not_usage.csv'), 'utf8')],
    ];
    const dt = await page.evaluateHandle((list) => {
      const t = new DataTransfer();
      for (const [name, text] of list) t.items.add(new File([text], name, { type: 'text/csv' }));
      return t;
    }, files);
    await page.dispatchEvent('.hero', 'drop', { dataTransfer: dt });
    await page.waitForSelector('.slot[data-table="identities"] .file-name');
    assert.equal(await page.textContent('.slot[data-table="people"] .file-name'), 'people.csv');
    assert.equal(await page.textContent('.usage-files li .file-name'), `${XSS}.csv`);
    assert.match(await page.textContent('#status'), /Not recognised: widgets\.csv/);
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    await page.click('#analyse');
    await waitForUsageReport(page);
    assert.ok((await page.textContent('#panel-usage .usage-inputs')).includes(`${XSS}.csv`));
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    assert.deepEqual(seen.dialogs, []);
    assertClean(seen);
    await page.close();
  });
});
