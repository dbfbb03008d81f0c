// A portal developer's setup: a tiny page that imports 'gapscore' and
// 'gapscore/worker', production-built with Vite with no configuration, then
// run in headless Chromium. The wasm and the worker must be found by the
// bundler on their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { consumerDir, root, sampleDir } from './helpers.mjs';
import { launchBrowser, serve } from './browser.mjs';

function buildConsumerPage() {
  const dir = path.join(consumerDir(), 'page');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>consumer</title></head>
<body><pre id="out">loading</pre><script type="module" src="./main.js"></script></body></html>`);
  writeFileSync(path.join(dir, 'main.js'), `
import { createGapScore, GapScoreError } from 'gapscore';
import { createGapScoreWorker } from 'gapscore/worker';
import activity from './activity.csv?raw';
const out = document.getElementById('out');
try {
  const gs = await createGapScore();
  const inPage = await gs.analyze({ activity }, { group_by: ['team'] });
  const worker = await createGapScoreWorker();
  const progress = [];
  const inWorker = await worker.analyze({ activity: new TextEncoder().encode(activity) }, { group_by: ['team'] },
    { onProgress: (p) => progress.push(p.phase) });
  let error = null;
  try { await worker.analyze({ activity: 'x\\n1\\n' }); } catch (e) { error = { name: e.name, code: e.code, isError: e instanceof GapScoreError }; }
  // Aborting once the report is being computed still rejects, and the worker stays usable.
  const ctrl = new AbortController();
  let late = 'not settled';
  try {
    await worker.analyze({ activity: new TextEncoder().encode(activity) }, undefined,
      { signal: ctrl.signal, onProgress: (p) => { if (p.phase === 'analyze') ctrl.abort(); } });
    late = 'resolved';
  } catch (e) { late = e.code; }
  const after = (await worker.metrics()).length;
  // Typed-array columns are transferred to the worker, not copied, and give the in-page result.
  const lines = activity.trim().split('\\n').slice(1, 2001).map((l) => l.split(','));
  const columns = () => ({ person_id: lines.map((r) => r[0]), date: lines.map((r) => r[1]), task_type: lines.map((r) => r[2]),
    tasks: Float64Array.from(lines, (r) => +r[3]), ai_tasks: Float64Array.from(lines, (r) => +r[4]), hours: Float64Array.from(lines, (r) => +r[5]) });
  const sent = columns();
  const byColumnsInWorker = await worker.analyzeColumns(sent);
  const byColumnsInPage = await gs.analyzeColumns(columns());
  const columnsTransferred = sent.tasks.byteLength === 0 &&
    JSON.stringify(byColumnsInWorker.overall) === JSON.stringify(byColumnsInPage.overall);
  out.textContent = JSON.stringify({ version: gs.version, people: inPage.summary.people,
    same: JSON.stringify(inPage.groups) === JSON.stringify(inWorker.groups), phases: [...new Set(progress)], error, late, after, columnsTransferred });
} catch (e) {
  out.textContent = 'FAILED ' + (e && e.stack || e);
}
`);
  writeFileSync(path.join(dir, 'activity.csv'), readFileSync(path.join(sampleDir, 'activity.csv')));
  const vite = path.join(root, 'node_modules', '.bin', 'vite');
  execFileSync(vite, ['build', '--logLevel', 'warn', '--outDir', 'dist', '--emptyOutDir'], { cwd: dir, stdio: 'inherit' });
  return path.join(dir, 'dist');
}

test('a Vite production build of a consumer page runs gapscore in Chromium, in page and in a worker', async () => {
  const dist = buildConsumerPage();
  const assets = readdirSync(path.join(dist, 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `Vite emitted the wasm: ${assets}`);
  const server = await serve(dist);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url + '/');
    await page.waitForFunction(() => document.getElementById('out').textContent !== 'loading', null, { timeout: 60000 });
    const text = await page.textContent('#out');
    assert.ok(!text.startsWith('FAILED'), text);
    const result = JSON.parse(text);
    assert.equal(result.people, 200);
    assert.equal(result.late, 'cancelled', 'an abort during the analyze phase rejects');
    assert.ok(result.after > 10, 'the worker answers after a cancelled run');
    assert.equal(result.columnsTransferred, true, 'typed-array columns are transferred and give the in-page report');
    assert.equal(result.same, true);
    assert.deepEqual(result.phases, ['read', 'analyze']);
    assert.deepEqual(result.error, { name: 'GapScoreError', code: 'missing_column', isError: true });
    assert.deepEqual(errors, []);
    // Everything came from the page's own origin.
    assert.ok(server.requests.some((r) => r.endsWith('.wasm')));
  } finally {
    await browser.close();
    await server.close();
  }
});
