// The npm package in headless Chromium on the bench data: the tables fetched as
// `File`s (as the demo gets them), `createGapScore({ workers })` with real Web
// Workers as helpers, two analyses (open + report, group_by team) in one engine.
// Prints each one's time and wasm memory of every instance at once (heapAtOnce in
// common.mjs, as the bench counts it), and whether the report's bytes are the CLI's.
// Usage: node bench/js/chromium-heap.mjs DATA_DIR [--workers N] [DIST_DIR...]
//   (defaults: 2 workers, dist). Compares with build/bench/tools/gapscore when it exists.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TABLES, heapAtOnce } from './common.mjs';
import { rendererRssMib, withPage } from './chromium-page.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : fallback; };
const workers = Number(flag('--workers', '2'));
const [data, ...dists] = args;
if (!data) throw new Error('usage: node bench/js/chromium-heap.mjs DATA_DIR [--workers N] [DIST_DIR...]');
if (!dists.length) dists.push(path.join(root, 'dist'));
const tables = TABLES.filter((t) => existsSync(path.join(data, `${t}.csv`)));

const cli = path.join(root, 'build/bench/tools/gapscore');
const expected = existsSync(cli)
  ? execFileSync(cli, ['analyze', '--threads', '1', '--group-by', 'team', ...tables.flatMap((t) => [`--${t}`, `${t}.csv`])],
    { cwd: data, encoding: 'utf8', maxBuffer: 1 << 30 })
  : null;

const PAGE = `<!doctype html><html><body><script type="module">
window.run = async (dist, tables, workers) => {
  const { createGapScore } = await import('./' + dist + '/index.js');
  const gs = await createGapScore({ workers });
  const files = {};
  for (const t of tables) files[t] = new File([await (await fetch('data/' + t + '.csv')).blob()], t + '.csv');
  const out = [];
  for (let i = 0; i < 2; i += 1) {
    const t0 = performance.now();
    const s = await gs.open(files, { group_by: ['team'] });
    const text = await s.reportText();
    const seconds = (performance.now() - t0) / 1000;
    const mainBytes = gs.memoryBytes();  // before close(), which may replace this thread's instance
    out.push({ seconds, info: s.info, mainBytes, text });
    s.close();
  }
  gs.terminateWorkers();
  return out;
};
document.body.dataset.ready = '1';
</script></body></html>`;

await withPage(PAGE, { data }, dists, async (page, name, d) => {
  const runs = await page.evaluate(([n, t, w]) => window.run(n, t, w), [name, tables, workers]);
  const mib = (b) => (b / 2 ** 20).toFixed(1);
  for (const [i, { seconds, info, mainBytes, text }] of runs.entries()) {
    const same = expected == null ? 'no CLI to compare' : text === expected ? "the CLI's bytes" : 'DIFFERS from the CLI';
    console.log(`${d} analysis ${i + 1}: ${seconds.toFixed(2)} s, ${info.readers} readers (digest: ${info.digest}), ` +
      `wasm MiB: this thread ${mib(mainBytes)}, helpers ${info.helperHeapBytes.map(mib).join(' + ') || '-'}, ` +
      `while the hashing helper lived ${mib(info.heapBytesWhileHashing ?? 0)}, every instance at once ${mib(heapAtOnce(info, mainBytes))}; report: ${same}`);
  }
  console.log(`${d}: renderer RSS MiB ${rendererRssMib().join(', ')}`);
});
