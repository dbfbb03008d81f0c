// The demo's report on a phone (390×844) and a desktop (1440×900), over every
// tab, with the built-in sample, the AI-usage sample and a generated
// organisation of 200 teams: no sideways page scroll, no chart taller than two
// screens, no scroll box inside a chart card, the tab strip says it scrolls,
// and no engine identifier (snake_case) in the visible text. Screenshots of
// every tab at both sizes (GAPSCORE_SCREENSHOTS=1): build/demo-screenshots/layout-<data>-<width>-<tab>.png.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { sampleDir } from './helpers.mjs';
import { SAMPLE_TABLES, USAGE_SAMPLE } from '../../web-demo/src/samples.js';
import { analyseFiles, dataValues, openDemo, screenshot, startDemoSuite, usageFile } from './demo-helpers.mjs';

const SAMPLE_FILES = SAMPLE_TABLES.map((t) => `${t}.csv`);
const USAGE_FILES = [USAGE_SAMPLE.people, ...USAGE_SAMPLE.usage];
// 390×844 and 1440×900 as the issue asks; 360 px, the narrowest phone in common use, too.
const VIEWPORTS = [{ width: 360, height: 780 }, { width: 390, height: 844 }, { width: 1440, height: 900 }];
let suite;
let server;
let browser;
let org;
// Snake_case words found in visible text, per data set, size and tab (checked in their own test).
const wording = [];

/** Loads a data set into the page and waits for its report. */
const DATASETS = {
  sample: async (page) => {
    await page.click('#try-sample');
    await page.waitForSelector('#results:not([hidden]) [data-testid="overall-score"]', { timeout: 60000 });
  },
  usage: async (page) => {
    await page.click('#try-usage-sample');
    await page.waitForSelector('#results:not([hidden]) [data-testid="usage-join"]', { timeout: 60000 });
  },
  teams200: (page) => analyseFiles(page, org),
};

/** What the page shows of one tab, measured in the page. */
function measure(page) {
  return page.evaluate(() => {
    const panel = document.querySelector('[role="tabpanel"]:not([hidden])');
    const scrollBoxes = [...panel.querySelectorAll('.chart-card *')].filter((el) => {
      const s = getComputedStyle(el);
      return ['auto', 'scroll'].includes(s.overflowY) && el.scrollHeight > el.clientHeight + 1 && el.clientHeight > 0;
    }).map((el) => `${el.closest('[data-chart]')?.dataset.chart}: ${el.className}`);
    const tallCharts = [...panel.querySelectorAll('.chart')].filter((c) => c.getBoundingClientRect().height > 2 * innerHeight)
      .map((c) => `${c.closest('[data-chart]')?.dataset.chart}: ${Math.round(c.getBoundingClientRect().height)} px`);
    // Controls (the trend metric menu, pickers) inside their card.
    const outside = [...panel.querySelectorAll('.chart-card select, .chart-card input, .chart-card button')].filter((el) => {
      const r = el.getBoundingClientRect();
      const card = el.closest('.chart-card').getBoundingClientRect();
      return r.width > 0 && (r.right > card.right + 1 || r.left < card.left - 1);
    }).map((el) => el.outerHTML.slice(0, 60));
    const strip = document.querySelector('.tabs');
    const bar = document.querySelector('.tabs-bar');
    // Visible text outside code and the glossary, for the wording check.
    const walker = document.createTreeWalker(document.querySelector('#results'), NodeFilter.SHOW_TEXT);
    const texts = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('code, .glossary, [hidden], details:not([open]) > :not(summary), script, style')) continue;
      if (!el.getClientRects().length) continue;
      texts.push(n.textContent);
    }
    return {
      pageWidth: document.documentElement.scrollWidth, innerWidth,
      scrollBoxes, tallCharts, outside,
      stripScrolls: strip.scrollWidth > strip.clientWidth + 1,
      stripHint: bar.classList.contains('more-right') || bar.classList.contains('more-left'),
      text: texts.join(' '),
    };
  });
}

describe('web demo on phones and with many groups', { timeout: 600000 }, () => {
  before(async () => {
    suite = await startDemoSuite();
    ({ server, browser, org } = suite);
  });
  after(() => suite?.close());

  for (const [name, load] of Object.entries(DATASETS)) {
    for (const vp of VIEWPORTS) {
      it(`${name} at ${vp.width}×${vp.height}: every tab fits`, async () => {
        const context = await browser.newContext({ viewport: vp, acceptDownloads: true });
        try {
          const { page, seen } = await openDemo(context, server.url);
          await load(page);
          const problems = [];
          const tabs = await page.$$eval('[role="tab"]', (ts) => ts.map((t) => t.dataset.view));
          for (const tab of tabs) {
            await page.click(`#tab-${tab}`);
            await page.waitForTimeout(500);  // charts draw when their tab is first shown
            const m = await measure(page);
            if (m.pageWidth > m.innerWidth) problems.push(`${tab}: page ${m.pageWidth} px wide in a ${m.innerWidth} px window`);
            for (const c of m.tallCharts) problems.push(`${tab}: chart taller than two screens, ${c}`);
            for (const b of m.scrollBoxes) problems.push(`${tab}: a scroll box inside a chart card, ${b}`);
            for (const o of m.outside) problems.push(`${tab}: a control sticks out of its card, ${o}`);
            if (m.stripScrolls && !m.stripHint) problems.push(`${tab}: the tab strip scrolls with no hint`);
            if (vp.width === 390 && name === 'sample' && !m.stripScrolls) problems.push(`${tab}: expected the five tabs to overflow a phone`);
            wording.push({ where: `${name} ${vp.width} ${tab}`, text: m.text, data: name });
            await screenshot(page, `layout-${name}-${vp.width}-${tab}`, { fullPage: true });
          }
          assert.deepEqual(problems, []);
          assert.deepEqual(seen.pageErrors, []);
          assert.deepEqual(seen.csp, []);
        } finally {
          await context.close();
        }
      });
    }
  }

  it('the visible text names no engine identifier (snake_case); names from the data are exempt', () => {
    const exempt = {
      sample: dataValues(path.join(sampleDir, 'people.csv')),
      usage: dataValues(usageFile('people.csv')),
      teams200: dataValues(org.people),
    };
    // File names are the user's too (e.g. "m365_user_detail_2025-03-30.csv").
    const files = { sample: SAMPLE_FILES, usage: USAGE_FILES, teams200: ['activity.csv', 'people.csv'] };
    const found = new Map();
    for (const { where, text, data } of wording) {
      for (const word of text.match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g) ?? []) {
        if (exempt[data].has(word) || files[data].some((f) => f.includes(word))) continue;
        found.set(word, [...(found.get(word) ?? []), where]);
      }
    }
    const list = [...found.entries()].map(([w, places]) => `${w} (${places.length}×, e.g. ${places[0]})`);
    assert.deepEqual(list, []);
  });
});
