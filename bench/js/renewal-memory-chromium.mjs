// Does a page get back the memory of an instance the engine replaced? Headless Chromium analyses
// the 1M-row bench data three times in one engine (1 worker) after growing this thread's instance
// past helperKeepBytes, and prints the engine's memory after each report and after each close(),
// then the renderer's resident set size. Run it for two builds of dist/ to compare (no forced GC).
// Usage: node bench/js/renewal-memory-chromium.mjs [DATA_DIR] [DIST_DIR...]
//   (defaults: build/bench/data/1M, dist)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rendererRssMib, withPage } from './chromium-page.mjs';

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

await withPage(PAGE, { data }, dists, async (page, name, d) => {
  const runs = await page.evaluate((n) => window.run(n), name);
  console.log(`${d}: engine MiB at report -> after close: ${runs.join(', ')}; renderer RSS MiB: ${rendererRssMib().join(', ')}`);
});
