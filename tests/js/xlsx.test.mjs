// Excel workbooks through the npm package and the demo (issue 20): a roster
// workbook gives the report the CLI gives for it, byte for byte (the CLI
// inflates with zlib, the package with DecompressionStream); every bad
// workbook of the corpus is a workbook_invalid error in both; the demo reads
// a roster workbook in its worker (gapscore/worker), lets the user pick its
// sheet, and shows the CLI's figures.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { launchBrowser } from './browser.mjs';
import { cli, importFromConsumer, root, sampleDir } from './helpers.mjs';
import { buildDemo, cliReport, openDemo, screenshot, serveDemo, shown } from './demo-helpers.mjs';

const { createGapScore, GapScoreError } = await importFromConsumer('gapscore');
const gs = await createGapScore();
const inputs = (name) => path.join(root, 'tests', 'data', 'inputs', name);
const bad = (name) => path.join(root, 'tests', 'data', 'bad', name);
const sample = (table) => path.join(sampleDir, `${table}.csv`);
const native = (args) => execFileSync(cli, ['analyze', ...args, '--threads', '1'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();

describe('Excel workbooks in the package', () => {
  it('a roster workbook gives the CLI\'s report bytes, its digest the workbook file\'s', async () => {
    const [activity, surveys, people] = [sample('activity'), sample('surveys'), inputs('people_roster.xlsx')];
    const text = await gs.reportText({ activity: readFileSync(activity), surveys: readFileSync(surveys), people: readFileSync(people) }, {},
      { sourceNames: { activity, surveys, people } });
    assert.equal(text, native(['--activity', activity, '--surveys', surveys, '--people', people]));
    const digest = JSON.parse(text).inputs.find((i) => i.table === 'people').sha256;
    assert.equal(digest, gs.sha256(readFileSync(people)));
  });

  it('sniff describes the sheet as the CSV it is read as, and lists the sheets', async () => {
    const header = readFileSync(sample('people'), 'utf8').split('\n')[0].split(',');
    const first = await gs.sniff(new Blob([readFileSync(inputs('people_roster.xlsx'))]));
    assert.equal(first.format, 'xlsx');
    assert.equal(first.sheet, 'Roster');
    assert.deepEqual(first.sheets, ['Roster', 'Notes']);
    assert.deepEqual(first.headers, header);
    const notes = await gs.sniff(readFileSync(inputs('people_notes_first.xlsx')), { sheet: 'Roster' });
    assert.deepEqual([notes.sheet, notes.headers], ['Roster', header]);
    const broken = await gs.sniff(readFileSync(bad('xlsx_truncated.xlsx')));
    assert.equal(broken.format, 'xlsx');
    assert.match(broken.problem, /damaged/);
  });

  it('every bad workbook of the corpus is a workbook_invalid error, as in the CLI', async () => {
    const manifest = JSON.parse(readFileSync(bad('manifest.json'), 'utf8'));
    const workbooks = manifest.filter((c) => c.code === 'workbook_invalid');
    assert.ok(workbooks.length >= 9, `${workbooks.length} bad workbooks`);
    for (const c of workbooks) {
      const tables = { activity: readFileSync(sample('activity')), [c.table]: readFileSync(bad(c.file)) };
      await assert.rejects(gs.reportText(tables), (e) => {
        assert.ok(e instanceof GapScoreError, c.file);
        assert.equal(e.code, 'workbook_invalid', `${c.file}: ${e.message}`);
        if (c.row) assert.equal(e.row, c.row, c.file);
        return true;
      });
    }
  });
});

describe('Excel workbooks in the demo', { timeout: 180000 }, () => {
  let server;
  let browser;
  let context;
  before(async () => {
    buildDemo();
    server = await serveDemo();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('reads a roster workbook, offers its sheets, and shows the CLI\'s figures', async () => {
    const { page, seen } = await openDemo(context, server.url);
    await page.click('#try-sample');
    await page.waitForSelector('#results:not([hidden]) [data-testid="overall-score"]', { timeout: 60000 });
    const workbook = inputs('people_notes_first.xlsx');
    await page.setInputFiles('#file-people', workbook);
    await page.waitForSelector('.slot[data-table="people"] .file-chip[data-format="xlsx"]');
    // The first sheet is the notes: no person_id there.
    assert.match(await page.textContent('.slot[data-table="people"] .file-meta'), /Excel workbook, sheet “Notes”/);
    const picker = page.locator('.slot[data-table="people"] [data-testid="sheet-picker"]');
    assert.deepEqual(await picker.locator('option').allTextContents(), ['Notes', 'Roster']);
    await picker.selectOption('Roster');
    await page.waitForFunction(() => /sheet “Roster”, 8 columns/.test(document.querySelector('.slot[data-table="people"] .file-meta')?.textContent ?? ''));
    await screenshot(page.locator('.slot[data-table="people"]'), '11c-excel-roster');
    await page.click('#analyse');
    await page.waitForFunction(() => !document.body.classList.contains('is-running'), null, { timeout: 60000 });
    await page.waitForSelector('#results:not([hidden]) [data-testid="overall-score"]', { timeout: 60000 });
    // The Roster sheet holds the sample's people.csv (the CLI gives the same figures for both, tests/workbook_test.cpp).
    const fromCsv = cliReport({ activity: sample('activity'), people: sample('people'), surveys: sample('surveys'), playbook: sample('playbook') });
    assert.equal(await page.textContent('[data-testid="overall-score"]'), shown.score(fromCsv.overall.score.value));
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.csp, []);
    await page.close();
  });
});
