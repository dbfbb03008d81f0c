// An automated accessibility audit (axe-core) of the demo's report, over every
// tab, with the built-in sample and the AI-usage sample, and the virtualised
// tables of an organisation of 200 teams: no serious or critical violation,
// colour contrast included. axe is evaluated as a script source in
// the page (page.evaluate of its text): the demo's strict CSP blocks injected
// <script> elements, and the audit must see the page as served, CSP and all.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { root } from './helpers.mjs';
import { analyseFiles, openDemo, startDemoSuite } from './demo-helpers.mjs';

const AXE = readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
let suite;
let server;
let browser;
let org;

/** axe's serious and critical violations in the document as it is now. */
async function audit(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('')}`) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('web demo accessibility (axe-core)', { timeout: 300000 }, () => {
  before(async () => {
    suite = await startDemoSuite();
    ({ server, browser, org } = suite);
  });
  after(() => suite?.close());

  for (const [name, button, ready] of [
    ['the sample', '#try-sample', '[data-testid="overall-score"]'],
    ['the AI-usage sample', '#try-usage-sample', '[data-testid="usage-join"]'],
  ]) for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    it(`every tab with ${name} at ${viewport.width} px: no serious or critical violations`, async () => {
      const context = await browser.newContext({ viewport });
      try {
        const { page } = await openDemo(context, server.url);
        const found = [];
        for (const v of await audit(page)) found.push({ where: 'landing page', ...v });
        await page.click(button);
        await page.waitForSelector(`#results:not([hidden]) ${ready}`, { timeout: 60000 });
        await page.click('#settings summary');
        for (const tab of await page.$$eval('[role="tab"]', (ts) => ts.map((t) => t.dataset.view))) {
          await page.click(`#tab-${tab}`);
          await page.waitForTimeout(400);
          for (const v of await audit(page)) found.push({ where: tab, ...v });
        }
        assert.deepEqual(found, []);
      } finally {
        await context.close();
      }
    });
  }

  // Virtualised tables (only the rows in view in the DOM, aria-rowcount/aria-rowindex, a focusable scroll box):
  // the group table at its top and scrolled half-way, and the long insight tables.
  for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    it(`200 teams at ${viewport.width} px: the virtualised tables have no serious or critical violations`, async () => {
      const context = await browser.newContext({ viewport });
      try {
        const { page } = await openDemo(context, server.url);
        await analyseFiles(page, org);
        const found = [];
        await page.click('#tab-groups');
        await page.waitForSelector('.groups-view .vt-scroll[role="region"][tabindex="0"]');
        for (const v of await audit(page)) found.push({ where: 'groups, top', ...v });
        await page.$eval('.groups-view .vt-scroll', (b) => { b.scrollTop = b.scrollHeight / 2; });
        await page.waitForFunction(() => Number(document.querySelector('[data-testid="groups-table"] tbody tr:not(.vt-spacer)').getAttribute('aria-rowindex')) > 50);
        for (const v of await audit(page)) found.push({ where: 'groups, half-way', ...v });
        await page.click('#tab-insights');
        await page.waitForSelector('#panel-insights .vt-table');
        await page.waitForTimeout(400);
        for (const v of await audit(page)) found.push({ where: 'insights', ...v });
        assert.deepEqual(found, []);
      } finally {
        await context.close();
      }
    });
  }
});
