// Does a page get back the memory of an instance the engine replaced? Headless Chromium analyses
// the 1M-row bench data three times in one engine (1 worker) after growing this thread's instance
// past helperKeepBytes, and prints the engine's memory after each report and after each close(),
// then the renderer's resident set size. Run it for two builds of dist/ to compare (no forced GC).
// Usage: node bench/js/renewal-memory-chromium.mjs [DATA_DIR] [DIST_DIR...]
//   (defaults: build/bench/data/1M, dist)
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, serve } from '../../tests/js/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [data = path.join(root, 'build/bench/data/1M'), ...dists] = process.argv.slice(2);
if (!dists.length) dists.push(path.join(root, 'dist'));

const PAGE = `<!doctype html><html><body><script type="module">
window.run = async (dist) => {
  const { createGapScore } = await import('./' + dist + '/index.js');
  const gs = await createGapScore({ workers: 1 });
  const tables = {};
  for (const t of ['activity', 'people', 'surveys', 'playbook']) tables[t] = new Uint8Array(await (await fetch('data/' + t + '.csv')).arrayBuffer());
  gs.sha256(new Uint8Array(80 << 20));  // grows this thread's instance past 64 MiB (the 1M read alone stays below it)
  const mib = () => gs.memoryBytes() >> 20;
  const out = [];
  for (let i = 0; i < 3; i += 1) {
    const s = await gs.open(tables, { group_by: ['team'] });
    await s.reportText();
    const atReport = mib();
    s.close();
    await new Promise((r) => setTimeout(r, 300));
    out.push(atReport + ' -> ' + mib());
  }
  window.engine = gs;  // the engine stays alive: only a replaced instance can go
  return out;
};
document.body.dataset.ready = '1';
</script></body></html>`;

const dir = mkdtempSync(path.join(tmpdir(), 'gapscore-renewal-'));
writeFileSync(path.join(dir, 'page.html'), PAGE);
symlinkSync(path.resolve(data), path.join(dir, 'data'));
dists.forEach((d, i) => symlinkSync(path.resolve(d), path.join(dir, `dist${i}`)));
const server = await serve(dir);
const rendererRssMib = () => execSync("ps -eo rss,args | grep -- '--type=renderer' | grep -v grep || true").toString()
  .trim().split('\n').filter(Boolean).map((l) => Math.round(Number(l.trim().split(/\s+/)[0]) / 1024));
try {
  for (const [i, d] of dists.entries()) {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/page.html`);
      await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
      const runs = await page.evaluate((name) => window.run(name), `dist${i}`);
      console.log(`${d}: engine MiB at report -> after close: ${runs.join(', ')}; renderer RSS MiB: ${rendererRssMib().join(', ')}`);
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
