// A page in headless Chromium for the bench's browser measurements: serves a
// temporary folder holding the page and links to data and dist folders (so the
// page fetches `data/<table>.csv` and imports `dist0/index.js`, ...), and reads
// the resident set size of Chromium's renderers from `ps`.
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, serve } from '../../tests/js/browser.mjs';

/**
 * Runs `fn(page, distName, distDir)` once per dist folder, each in a fresh browser.
 * links: {name: folder} served next to the page.
 */
export async function withPage(html, links, dists, fn) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gapscore-bench-page-'));
  writeFileSync(path.join(dir, 'page.html'), html);
  for (const [name, target] of Object.entries(links)) symlinkSync(path.resolve(target), path.join(dir, name));
  dists.forEach((d, i) => symlinkSync(path.resolve(d), path.join(dir, `dist${i}`)));
  const server = await serve(dir);
  try {
    for (const [i, d] of dists.entries()) {
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        page.on('pageerror', (e) => console.error(`page error: ${e}`));
        await page.goto(`${server.url}/page.html`);
        await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
        await fn(page, `dist${i}`, d);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Resident set size (MiB) of each Chromium renderer process running now. */
export function rendererRssMib() {
  return execSync("ps -eo rss,args | grep -- '--type=renderer' | grep -v grep || true").toString()
    .trim().split('\n').filter(Boolean).map((l) => Math.round(Number(l.trim().split(/\s+/)[0]) / 1024));
}
