// The demo's report as an HR reader uses it: the overview's story, the
// data-quality banner, settings errors where the setting is, rollout dates on
// the trend chart, and an organisation of 200 teams (the virtualised group
// table: rows drawn, scrolling, search, filter, sort and print; the trend group
// picker through the session).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { sampleDir } from './helpers.mjs';
import { analyseFiles, halfPeople, openDemo, screenshot, startDemoSuite } from './demo-helpers.mjs';

let suite;
let server;
let browser;
let context;
let tmp;
let org;

const waitForReport = (page, timeout = 120000) => page.waitForSelector('#results:not([hidden]) [data-testid="overall-score"]', { timeout });

// Every message the page posts to its worker: "open" reads the files, "session.reanalyze" does not.
const spyOnWorker = () => {
  window.__posted = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, transfer) {
    window.__posted.push({ type: message?.type, config: message?.payload?.config ?? null });
    return post.call(this, message, transfer);
  };
};
const reads = async (page) => (await page.evaluate(() => window.__posted.map((m) => m.type))).filter((t) => t === 'open' || t === 'analyze').length;

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}

// A page with the built-in sample's report (its worker messages recorded), Settings open if asked.
async function sampleReport({ settings = false } = {}) {
  const { page } = await openDemo(context, server.url, { init: spyOnWorker });
  await page.click('#try-sample');
  await waitForReport(page);
  if (settings) await page.click('#settings summary');
  return page;
}

const loadOrg = (page) => analyseFiles(page, org);

describe('web demo report: story, data problems, settings, many teams', { timeout: 600000 }, () => {
  before(async () => {
    suite = await startDemoSuite();
    ({ server, browser, org, tmp } = suite);
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  });
  after(async () => {
    await context?.close();
    await suite?.close();
  });

  it('the overview tells the story in order: headline, readiness, adoption, impact, sentiment, what to do', async () => {
    const { page, seen } = await openDemo(context, server.url);
    await page.click('#try-sample');
    await waitForReport(page);
    const order = await page.$$eval('#panel-overview [data-testid="headline"], #panel-overview [data-story]', (els) => els.map((e) => e.dataset.story ?? 'headline'));
    assert.deepEqual(order, ['headline', 'readiness', 'adoption', 'impact', 'sentiment', 'what-to-do']);
    for (const id of ['readiness', 'adoption', 'impact', 'sentiment']) {
      const sentence = await page.textContent(`[data-story="${id}"] .story-sentence`);
      assert.ok(sentence.length > 20 && !/undefined|NaN|n\/a/.test(sentence), `${id}: ${sentence}`);
    }
    // "How is this computed?": the formula in words and the metric's name in code.
    await page.click('[data-kpi="adoption"] .how summary');
    assert.equal(await page.textContent('[data-kpi="adoption"] .how .how-name code'), 'adoption_rate');
    assert.match(await page.textContent('[data-kpi="adoption"] .how'), /Share of people who are AI users/);
    const cycle = await page.textContent('[data-testid="overall-cycle-time"]');
    assert.match(cycle, /^\d+(\.\d)?% (faster|slower)$/, cycle);
    await page.click('[data-testid="glossary"] summary');
    const glossary = await page.textContent('[data-testid="glossary"]');
    for (const term of ['Developing', 'Heavy users', 'Hedges\' g', 'Mann–Whitney', 'Spearman ρ', 'Gini', 'Confidence interval']) assert.ok(glossary.includes(term), term);
    await screenshot(page, 'report-overview-story', { fullPage: true });
    assert.deepEqual(seen.pageErrors, []);
    await page.close();
  });

  it('bars carry value labels, and a missing figure reads "no data", not 0 (in the charts\' SVG export)', async () => {
    const { page } = await openDemo(context, server.url);
    await page.click('#try-sample');
    await waitForReport(page);
    await page.click('#tab-charts');
    await page.waitForSelector('[data-chart="unevenness"] canvas');
    const uneven = (await download(page, '[data-chart="unevenness"] [data-export="svg"]')).text;
    assert.match(uneven, />no data</, 'Operations has no unevenness figure');
    assert.match(uneven, />0\.\d\d</, 'value labels');
    const adoption = (await download(page, '[data-chart="adoption"] [data-export="svg"]')).text;
    assert.match(adoption, />0%</, 'a group with no AI users reads 0%');
    assert.match(adoption, />100%</);
    await page.close();
  });

  it('on a phone, chart legends wrap and name every series, and every category label is drawn (in the charts\' SVG export)', async () => {
    const { page } = await openDemo(context, server.url);
    await page.setViewportSize({ width: 390, height: 900 });
    await page.click('#try-sample');
    await waitForReport(page);
    const svgOf = async (tab, chart) => {
      await page.click(`#tab-${tab}`);
      await page.waitForSelector(`[data-chart="${chart}"] canvas`);
      return (await download(page, `[data-chart="${chart}"] [data-export="svg"]`)).text;
    };
    const texts = (svg) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    // A paged legend writes its page ("1/3") and clips the names past the first page.
    const legends = {
      'charts/gap-score': ['Adoption gap', 'Uneven use', 'Rework', 'Playbook gap', 'Sentiment'],
      'charts/trends': ['Everyone', 'Customer Support', 'Engineering', 'Finance', 'Sales'],
    };
    for (const [where, names] of Object.entries(legends)) {
      const svg = await svgOf(...where.split('/'));
      const drawn = texts(svg);
      assert.ok(!drawn.some((t) => /^\d+\/\d+$/.test(t)), `${where}: no paged legend (${drawn.filter((t) => /\//.test(t))})`);
      for (const name of names) assert.ok(drawn.includes(name), `${where}: legend names ${name}`);
      assert.match(svg, /^<svg width="3\d\d"/, `${where}: drawn at the phone's width`);
    }
    // ECharts leaves out a category label that does not fit its slot; these break into lines instead.
    const kpi = texts(await svgOf('insights', 'kpi-audit')).join(' ');
    for (const label of ['Hours', 'Task', 'interactions']) assert.ok(kpi.includes(label), `KPI audit: "${label}" drawn in ${kpi}`);
    const workMode = texts(await svgOf('insights', 'work-mode')).join(' ');
    for (const label of ['onsite', 'remote']) assert.ok(workMode.includes(label), `work mode: "${label}" drawn in ${workMode}`);
    await page.close();
  });

  it('after printing, every chart is drawn at its box\'s size again, the ones first drawn for print too', async () => {
    const { page } = await openDemo(context, server.url);
    await page.click('#try-sample');
    await waitForReport(page);
    await page.click('#tab-charts');  // these charts are drawn on screen first; the insights' only for print
    await page.waitForSelector('[data-chart="trends"] canvas');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    for (const tab of ['charts', 'insights']) {
      await page.click(`#tab-${tab}`);
      await page.waitForTimeout(300);
      const misfit = await page.$$eval(`#panel-${tab} [data-chart] .chart`, (charts) => charts.map((c) => {
        const canvas = c.querySelector('canvas').getBoundingClientRect();
        return { chart: c.closest('[data-chart]').dataset.chart, box: c.clientWidth, drawn: Math.round(canvas.width) };
      }).filter((c) => Math.abs(c.box - c.drawn) > 1));
      assert.deepEqual(misfit, [], `${tab}: charts narrower or wider than their box after printing`);
    }
    await page.close();
  });

  it('a people table missing half the people: a data-quality banner with counts, the fix, and a CSV of the problems', async () => {
    const half = halfPeople(tmp);
    const { page } = await openDemo(context, server.url);
    await page.setInputFiles('#file-activity', path.join(sampleDir, 'activity.csv'));
    await page.waitForSelector('.slot[data-table="activity"] .file-name');
    await page.setInputFiles('#file-people', half.file);
    await page.waitForSelector('.slot[data-table="people"] .file-name');
    await page.click('#analyse');
    await waitForReport(page);
    const banner = page.locator('[data-testid="data-banner"]');
    assert.ok(await banner.isVisible());
    const text = await banner.textContent();
    assert.match(text, new RegExp(`${half.left} people in the activity file are not in the people table; they are shown as "\\(unassigned\\)"`), text);
    assert.match(text, /Add them to the people file/);
    const csv = await download(page, '[data-export="diagnostics-csv"]');
    const lines = csv.text.trim().split('\r\n');
    assert.equal(lines[0], 'section,table,file,row,column,kind,severity,problem,value,count');
    assert.ok(lines.includes(`count per kind,activity,,,,unknown_person,,,,${half.left}`), lines.slice(0, 3).join('\n'));
    assert.ok(lines.filter((l) => l.startsWith('listed problem,')).length > 0);
    await screenshot(page, 'report-data-banner');
    // The full sample has no such problem: no banner.
    await page.click('#try-sample');
    await page.waitForFunction(() => /Report ready/.test(document.querySelector('#status')?.textContent) && document.querySelector('#tab-data'));
    await page.waitForFunction(() => !document.querySelector('[data-testid="data-banner"]'), null, { timeout: 30000 });
    await page.close();
  });

  it('a people file saved by Excel on Windows (Windows-1252): team names read right, and the data tab says how it was read', async () => {
    const text = readFileSync(path.join(sampleDir, 'people.csv'), 'latin1').replaceAll(',Engineering,', ',Ing\u00e9nierie \u0096 Z\u00fcrich,');
    const file = path.join(tmp, 'people-windows-1252.csv');
    writeFileSync(file, Buffer.from(text, 'latin1'));  // é, ü and the en dash (0x96) one byte each
    const { page, seen } = await openDemo(context, server.url);
    await analyseFiles(page, { activity: path.join(sampleDir, 'activity.csv'), people: file });
    assert.ok((await page.textContent('#results')).includes('Ingénierie – Zürich'));
    assert.ok(!(await page.textContent('#results')).includes('\ufffd'));
    await page.click('#tab-data');
    const read = await page.textContent('.diagnostics-view');
    assert.match(read, /people-windows-1252\.csv \(read as Windows-1252\)/);
    assert.match(read, /read_as_windows_1252/);
    assert.deepEqual([seen.pageErrors, seen.consoleErrors], [[], []]);
    await page.close();
  });

  it('skipped rows: the banner counts them, says the fix, and lists the first with their row numbers', async () => {
    const lines = readFileSync(path.join(sampleDir, 'activity.csv'), 'utf8').trimEnd().split('\n');
    for (const i of [4, 9]) lines[i] = lines[i].replace(/\d{4}-\d{2}-\d{2}/, 'someday');  // rows 5 and 10 (the header is row 1)
    const bad = path.join(tmp, 'activity-bad-dates.csv');
    writeFileSync(bad, `${lines.join('\n')}\n`);
    const { page } = await openDemo(context, server.url);
    await page.setInputFiles('#file-activity', bad);
    await page.waitForSelector('.slot[data-table="activity"] .file-name');
    await page.click('#analyse');
    await waitForReport(page);
    const text = await page.textContent('[data-testid="data-banner"]');
    assert.match(text, /2 rows of the activity file were skipped/);
    assert.match(text, /2 rows of the activity file have a date that could not be read and were skipped/);
    await page.click('[data-testid="data-banner"] .data-first summary');
    const first = await page.$$eval('[data-testid="data-banner"] .data-first-list li', (lis) => lis.map((li) => li.textContent));
    assert.match(first[0], /^activity file, row 5/);
    assert.match(first[1], /^activity file, row 10/);
    await page.close();
  });

  it('a small gap score where AI users produce less says so, on the score card and beside the smallest gap', async () => {
    // Wide: 10 of 16 use AI and do half the work of the rest (the smaller gap score); Narrow: 5 of 16, no difference.
    const weeks = ['2025-03-03', '2025-03-10', '2025-03-17', '2025-03-24', '2025-03-31'];
    let activity = 'person_id,date,task_type,tasks,ai_tasks,hours,quality\n';
    let people = 'person_id,team\n';
    for (let p = 0; p < 32; p += 1) {
      const wide = p < 16, ai = wide ? p < 10 : p < 21;
      const tasks = (wide && ai ? 20 : 40) + (p % 3);
      people += `P${p},${wide ? 'Wide' : 'Narrow'}\n`;
      for (const d of weeks) activity += `P${p},${d},a,${tasks},${ai ? tasks : 0},40,1\n`;
    }
    const files = { activity: path.join(tmp, 'behind-activity.csv'), people: path.join(tmp, 'behind-people.csv') };
    writeFileSync(files.activity, activity);
    writeFileSync(files.people, people);
    const { page } = await openDemo(context, server.url);
    await analyseFiles(page, files);
    assert.match(await page.textContent('[data-testid="score-caveat"]'), /AI users here clearly produce less .* not whether it pays off/);
    const extremes = await page.textContent('.score-extremes');
    assert.match(extremes, /Smallest gap\s*Wide.*\(AI users there produce less than non-users\)/s);
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page.locator('.score-card'), 'report-score-caveat-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page.locator('.score-card'), 'report-score-caveat-390');
    await page.close();
  });

  it('an invalid minimum group size: the error is under the setting, and nothing says "Report ready"', async () => {
    const { page } = await openDemo(context, server.url);
    await page.click('#settings summary');
    await page.fill('input[name="min_group_size"]', '2');
    await page.click('#try-sample');
    await page.waitForSelector('[data-error-for="min_group_size"]:not([hidden])');
    assert.match(await page.textContent('[data-error-for="min_group_size"]'), /between 3 and 1000/);
    assert.equal(await page.getAttribute('input[name="min_group_size"]', 'aria-invalid'), 'true');
    assert.doesNotMatch(await page.textContent('#status'), /Report ready/);
    assert.ok(await page.isHidden('#results'));
    await page.fill('input[name="min_group_size"]', '5');
    await page.click('#analyse');
    await waitForReport(page);
    assert.ok(await page.isHidden('[data-error-for="min_group_size"]'));
    await page.close();
  });

  it('a new date range marks the report out of date until it is run again (it changes how the files are read)', async () => {
    const page = await sampleReport({ settings: true });
    await page.fill('input[name="window_start"]', '2025-02-03');
    await page.dispatchEvent('input[name="window_start"]', 'change');
    await page.waitForSelector('[data-testid="stale"]:not([hidden])');
    assert.match(await page.textContent('[data-testid="stale"]'), /Out of date — the date range changed/);
    assert.equal(await reads(page), 1);
    await page.click('[data-action="rerun"]');
    await page.waitForFunction(() => document.body.dataset.report === 'current' && /3 Feb 2025 to/.test(document.querySelector('[data-testid="results-meta"]')?.textContent));
    assert.equal(await reads(page), 2, 'run again read the files with the new range');
    await page.close();
  });

  it('a rollout date set in Settings is drawn on the trend chart', async () => {
    const page = await sampleReport({ settings: true });
    await page.fill('[data-testid="rollout-team"]', 'Engineering');
    await page.fill('[data-testid="rollout-date"]', '2025-02-03');
    await page.click('[data-action="add-rollout"]');
    // The engine decides whether the session can take it; either way the report catches up.
    await page.waitForFunction(() => document.body.dataset.report === 'stale'
      || window.__posted.some((m) => m.type === 'session.reanalyze' && m.config?.rollout?.dates?.Engineering === '2025-02-03'));
    if (await page.getAttribute('body', 'data-report') === 'stale') await page.click('[data-action="rerun"]');
    await page.click('#tab-charts');
    await page.waitForFunction(() => document.querySelector('[data-chart="trends"] .chart-note')?.textContent.includes('AI rollout: Engineering'), null, { timeout: 60000 });
    assert.match(await page.textContent('[data-chart="trends"] .chart-note'), /Dotted lines: AI rollout: Engineering \(3 Feb 2025\)/);
    // Periods are dates, not ISO week codes.
    const firstPeriod = await page.textContent('[data-chart="trends"] .chart-data tbody tr th');
    assert.match(firstPeriod, /^\d{1,2} [A-Z][a-z]{2} \d{4}$/, firstPeriod);
    await page.locator('[data-chart="trends"]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(800);
    await screenshot(page.locator('[data-chart="trends"]'), 'report-rollout-trend');
    await page.close();
  });

  it('individual results: the insight that asks for them opens the setting; switched on, the session re-analyses and lists pairs by pseudonym', async () => {
    const page = await sampleReport();
    await page.click('#tab-insights');
    await page.click('[data-insight="mentoring"] [data-open-setting="individual_results"]');
    assert.ok(await page.$eval('#settings', (d) => d.open));
    assert.ok(await page.$eval('[data-setting="individual_results"]', (el) => el === document.activeElement));
    await page.check('[data-setting="individual_results"]');
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'session.reanalyze' && m.config?.privacy?.individual_results === true));
    const config = await page.evaluate(() => window.__posted.filter((m) => m.type === 'session.reanalyze').at(-1).config);
    assert.equal(config.privacy.salt, 'generate');
    assert.equal(await reads(page), 1, 'switching on individual results did not read the files again');
    await page.waitForSelector('#panel-insights caption:text("Suggested pairs (pseudonyms)")', { state: 'attached' });
    // The key the session generated is shown back, and can be kept for the same pseudonyms later.
    await page.waitForSelector('[data-testid="generated-key"]:not([hidden])');
    const key = await page.textContent('[data-testid="generated-key"] code');
    assert.match(key, /^[0-9a-f]{32}$/);
    await page.click('[data-action="use-generated-key"]');
    assert.equal(await page.inputValue('input[name="salt"]'), key);
    assert.ok(await page.$eval('[data-testid="generated-key"]', (el) => el.hidden));
    // A key that is not 32+ hex digits: the error is under the field.
    await page.fill('input[name="salt"]', 'not-a-key');
    await page.dispatchEvent('input[name="salt"]', 'change');
    await page.waitForSelector('[data-error-for="salt"]:not([hidden])');
    assert.match(await page.textContent('[data-error-for="salt"]'), /32 hexadecimal digits/);
    await page.close();
  });

  it('a roll-up by department: offered from the people table, re-analysed without a read, each department with its teams; a column no input has is refused under the setting', async () => {
    const page = await sampleReport({ settings: true });
    // The sample's people table has a department column, which gapscore does not define: it is offered.
    await page.waitForFunction(() => [...(document.querySelector('[data-testid="rollup-by"]').list?.options ?? [])].some((o) => o.value === 'department'));
    await page.fill('[data-testid="rollup-by"]', 'department');
    await page.dispatchEvent('[data-testid="rollup-by"]', 'change');
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'session.reanalyze' && m.config?.rollup_by === 'department'));
    assert.equal(await reads(page), 1, 'the roll-up did not read the files again');
    // The new report on screen before the tab is clicked. Once (two test files
    // running at once) the table stayed hidden after the click; the likely cause:
    // a press and release that straddle the redraw land on no tab.
    await page.waitForFunction(() => !document.body.classList.contains('is-updating') && document.querySelector('[data-testid="rollup"]'));
    await page.click('#tab-groups');
    await page.waitForSelector('[data-testid="rollup"] table');
    const departments = await page.$$eval('[data-testid="rollup"] tbody th', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(departments, ['Corporate', 'Customer', 'Product', 'Revenue']);
    assert.match(await page.textContent('[data-testid="rollup"] tbody tr:nth-child(4)'), /2: Sales, Marketing|2: Marketing, Sales/);
    // Each team's department is a column of the team table.
    const salesDepartment = await page.$$eval('[data-testid="groups-table"] tbody tr', (rows) =>
      rows.find((r) => r.querySelector('th')?.textContent === 'Sales')?.querySelector('[data-col="rollup"]')?.textContent);
    assert.equal(salesDepartment, 'Revenue');
    await screenshot(page.locator('[data-testid="rollup"]'), 'report-rollup-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways page scroll at 390 px');
    await screenshot(page.locator('[data-testid="rollup"]'), 'report-rollup-390');
    await page.setViewportSize({ width: 1440, height: 900 });
    // A column no input has: the engine's error shows under the setting, and the last report stays.
    await page.fill('[data-testid="rollup-by"]', 'division');
    await page.dispatchEvent('[data-testid="rollup-by"]', 'change');
    await page.waitForSelector('[data-error-for="rollup_by"]:not([hidden])');
    assert.match(await page.textContent('[data-error-for="rollup_by"]'), /"division" is not an attribute of any input/);
    assert.equal(await reads(page), 1);
    await page.close();
  });

  it('200 teams: the group table draws only the rows in view, scrolls to every group, searches and prints whole', async () => {
    const { page, seen } = await openDemo(context, server.url);
    await loadOrg(page);
    await page.click('#tab-groups');
    const table = page.locator('[data-testid="groups-table"]');
    const box = page.locator('.groups-view .vt-scroll');
    // The rows in the DOM: their aria-rowindex and team (spacer rows are not rows).
    const drawn = () => table.evaluate((t) => [...t.tBodies[0].rows].filter((tr) => !tr.classList.contains('vt-spacer'))
      .map((tr) => ({ index: Number(tr.getAttribute('aria-rowindex')), team: tr.querySelector('.key')?.textContent ?? tr.textContent })));
    const rowElements = () => table.locator('tbody tr').count();
    // Once its tab is shown the table measures its rows' height.
    await page.waitForFunction(() => document.querySelector('[data-testid="groups-table"]').style.getPropertyValue('--vt-row-height'));

    // Named, counted and focusable: header + 200 groups + the "Everyone" footer.
    assert.equal(await table.getAttribute('aria-rowcount'), '202');
    assert.equal(await table.locator('thead tr').getAttribute('aria-rowindex'), '1');
    assert.equal(await table.locator('tfoot tr').getAttribute('aria-rowindex'), '202');
    assert.equal(await table.locator('caption').textContent(), 'Metrics per group: 200 groups');
    assert.equal(await box.getAttribute('role'), 'region');
    assert.equal(await box.getAttribute('tabindex'), '0');
    assert.equal(await box.getAttribute('aria-label'), 'Metrics per group: 200 groups');

    // Only the rows in view and a few more are drawn, from row 2 (the first group) on.
    let rows = await drawn();
    assert.ok(rows.length >= 10 && rows.length < 60, `${rows.length} rows drawn`);
    assert.ok(await rowElements() < 60, 'spacers included, fewer than 60 <tr> in the body');
    assert.deepEqual(rows.map((r) => r.index), rows.map((_, i) => i + 2), 'consecutive aria-rowindex from 2');
    // The scrollbar is honest: the box scrolls over the height of all 200 rows.
    const { scrollHeight, clientHeight, rowHeight } = await box.evaluate((b) => ({ scrollHeight: b.scrollHeight, clientHeight: b.clientHeight,
      rowHeight: parseFloat(b.querySelector('table').style.getPropertyValue('--vt-row-height')) }));
    assert.ok(clientHeight < 900 && clientHeight > 5 * rowHeight, `box ${clientHeight} px high`);
    assert.ok(scrollHeight >= 200 * rowHeight && scrollHeight < 205 * rowHeight + 400, `scrolls over ${scrollHeight} px, rows ${rowHeight} px`);

    // Sorted by team (A to Z), the keyboard scrolls the box: Page Down moves the window of drawn rows, End reaches the last team.
    const teams = [...new Set(readFileSync(org.people, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',')[1]))];
    assert.equal(teams.length, 200);
    const sortedTeams = await page.evaluate((list) => list.sort((a, b) => a.localeCompare(b)), teams);
    await page.click('[data-sort="key:team"]');
    await page.waitForFunction(() => document.querySelector('th:has([data-sort="key:team"])').getAttribute('aria-sort') === 'ascending');
    assert.deepEqual((await drawn()).slice(0, 3).map((r) => r.team), sortedTeams.slice(0, 3));
    await box.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
    await page.waitForFunction(() => document.querySelector('.groups-view .vt-scroll').scrollTop > 0);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="groups-table"] tbody tr:not(.vt-spacer)').getAttribute('aria-rowindex')) > 2);
    rows = await drawn();
    assert.ok(rows.length < 60, `${rows.length} rows drawn after Page Down`);
    for (const r of rows) assert.equal(r.team, sortedTeams[r.index - 2], `row ${r.index} is the ${r.index - 1}th team`);
    await screenshot(page, 'report-200-teams-groups-scrolled');
    // Page Down scrolls smoothly: End waits until the box stands still (two frames with the same
    // scrollTop), as a person's next key would. Pressed mid-animation, End sometimes did not reach
    // the bottom within 30 s in headless Chromium (once in three runs without the screenshot's pause).
    await page.waitForFunction(() => new Promise((resolve) => {
      const b = document.querySelector('.groups-view .vt-scroll');
      const at = b.scrollTop;
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(b.scrollTop === at)));
    }));
    // On a loaded machine a smooth scroll still under way can swallow End: press it again, as a person would.
    let reachedEnd = false;
    for (let attempt = 0; attempt < 3 && !reachedEnd; ++attempt) {
      await page.keyboard.press('End');
      reachedEnd = await page.waitForFunction(
        () => [...document.querySelectorAll('[data-testid="groups-table"] tbody tr')].some((tr) => tr.getAttribute('aria-rowindex') === '201'),
        null, { timeout: 15000 }).then(() => true, () => false);
    }
    assert.ok(reachedEnd, 'End reached the last group');
    rows = await drawn();
    assert.deepEqual(rows.at(-1), { index: 201, team: sortedTeams.at(-1) });
    assert.ok(rows.length < 60, `${rows.length} rows drawn at the bottom`);
    assert.ok(!rows.some((r) => r.index === 2), 'the first group is no longer drawn');
    assert.equal(await box.evaluate((b) => b === document.activeElement), true, 'focus stays on the box');

    // Search: the match only, from the top of the box; the count and the table's name follow.
    await page.fill('[data-testid="group-search"]', 'Customer Support 17');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="groups-table"] tbody tr').length === 1);
    assert.match(await table.locator('tbody tr').textContent(), /Customer Support 17/);
    assert.equal(await table.locator('tbody tr').getAttribute('aria-rowindex'), '2');
    assert.equal(await table.getAttribute('aria-rowcount'), '3');
    assert.equal(await box.evaluate((b) => b.scrollTop), 0);
    assert.equal(await page.textContent('[data-testid="group-count"]'), '1 of 200 groups.');
    assert.equal(await table.locator('caption').textContent(), 'Metrics per group: 1 of 200 groups');
    // The filter: no group of this organisation is hidden.
    await page.fill('[data-testid="group-search"]', '');
    await page.selectOption('[data-testid="group-filter"]', 'hidden');
    await page.waitForFunction(() => document.querySelector('[data-testid="groups-table"] tbody')?.textContent === 'No group matches.');
    await page.selectOption('[data-testid="group-filter"]', 'shown');
    await page.waitForFunction(() => document.querySelector('[data-testid="groups-table"]').getAttribute('aria-rowcount') === '202');
    rows = await drawn();
    assert.equal(rows[0].index, 2);
    assert.equal(rows[0].team, sortedTeams[0], 'back at the top, still sorted by team');
    assert.ok(rows.length < 60);

    // Printing: every row, then back to the rows in view.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.equal(await rowElements(), 200);
    assert.deepEqual((await drawn()).map((r) => r.team), sortedTeams);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="groups-table"] tbody tr').length < 60);
    assert.equal((await drawn())[0].index, 2);
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.csp, []);
    await page.close();
  });

  it('200 teams: long insight tables are virtualised too; the charts use "others" rows; the trend picker re-analyses through the session', async () => {
    const { page, seen } = await openDemo(context, server.url, { init: spyOnWorker });
    await loadOrg(page);
    assert.equal(await reads(page), 1);
    await page.click('#tab-insights');
    const training = page.locator('#panel-insights table:has(caption:text("Training targets"))');
    await page.waitForFunction(() => document.querySelector('#panel-insights .vt-table')?.style.getPropertyValue('--vt-row-height'));
    const targets = Number(await training.getAttribute('aria-rowcount')) - 1;
    assert.ok(targets > 200, `${targets} training targets`);
    assert.ok(await training.locator('tbody tr').count() < 60);
    await training.evaluate((t) => { t.parentElement.scrollTop = t.parentElement.scrollHeight; });
    await page.waitForFunction((n) => [...document.querySelectorAll('#panel-insights table')].find((t) => t.caption?.textContent === 'Training targets')
      .querySelector(`tbody tr[aria-rowindex="${n + 1}"]`), targets);
    assert.ok(await training.locator('tbody tr').count() < 60);

    await page.click('#tab-charts');
    for (const id of ['adoption', 'gap-score', 'unevenness', 'hours']) {
      assert.match(await page.textContent(`[data-chart="${id}"] .chart-note`), /the \d+ in between are one "others" row/, id);
    }
    await page.click('[data-testid="trend-groups"] summary');
    await page.fill('[data-testid="trend-groups"] input[type="search"]', 'Sales 2');
    await page.check('[data-testid="trend-groups"] input[data-group="Sales 21"]');
    await page.check('[data-testid="trend-groups"] input[data-group="Sales 24"]');
    await page.click('[data-action="apply-trend-groups"]');
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'session.reanalyze' && m.config?.trends?.groups?.length === 2));
    await page.waitForFunction(() => document.querySelector('[data-testid="trend-groups"] summary')?.textContent.includes('2 chosen'));
    const config = await page.evaluate(() => window.__posted.filter((m) => m.type === 'session.reanalyze').at(-1).config);
    assert.deepEqual(config.trends.groups, ['Sales 21', 'Sales 24']);
    assert.equal(await reads(page), 1, 'choosing trend groups did not read the files again');
    // The report is recomputed on the tab the reader was on.
    assert.equal(await page.getAttribute('#tab-charts', 'aria-selected'), 'true');
    await page.waitForSelector('[data-chart="trends"] .chart-data thead th', { state: 'attached' });
    const heads = await page.$$eval('[data-chart="trends"] .chart-data thead th', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(heads.slice(1).sort(), ['Everyone', 'Sales 21', 'Sales 24']);
    await screenshot(page, 'report-200-teams-charts', { fullPage: true });
    assert.deepEqual(seen.pageErrors, []);
    await page.close();
  });
});
