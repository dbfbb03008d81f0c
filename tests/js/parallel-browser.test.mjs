// Parallel reading and sessions in headless Chromium, from the installed
// package (unbundled): a generated file of about a million activity rows,
// handed over as a Blob, is read in slices by two readers (gapscore/worker's
// worker plus a helper the page connects to it; and the in-page API with a
// helper it starts itself) and gives exactly the CLI's report bytes, with the
// file's SHA-256 computed by a hashing helper (the engine's wasm SHA-256 in a
// browser). Sessions through the worker: reanalyze, saveState / loadState, close.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { launchBrowser, serve } from './browser.mjs';
import { cli, consumerDir, nativeReport, sampleDir } from './helpers.mjs';

const TABLES = ['activity', 'people', 'surveys', 'playbook'];
// About a million activity rows (4,830 people x 90 days; 67 MB): `gapscore generate` takes under a second.
const PEOPLE = Number(process.env.GAPSCORE_BIG_PEOPLE ?? 4830);

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>parallel</title></head><body>
<script type="module">
import { createGapScoreWorker } from './node_modules/gapscore/dist/worker.js';
import { createGapScore } from './node_modules/gapscore/dist/index.js';
window.spawned = 0;
window.makeWorker = () => { window.spawned += 1; return new Worker(new URL('./node_modules/gapscore/dist/worker-thread.js', import.meta.url), { type: 'module' }); };
window.gapscore = { createGapScoreWorker, createGapScore };
window.fetchFiles = async (dir, tables) => Object.fromEntries(await Promise.all(tables.map(async (t) =>
  [t, new File([await (await fetch(dir + '/' + t + '.csv')).blob()], t + '.csv')])));
document.body.dataset.ready = '1';
</script></body></html>`;

describe('parallel reading in Chromium', { timeout: 300000 }, () => {
  let server;
  let browser;
  let page;
  let big;

  before(async () => {
    const dir = consumerDir();
    writeFileSync(path.join(dir, 'parallel-page.html'), PAGE);
    mkdirSync(path.join(dir, 'sample'), { recursive: true });
    for (const t of TABLES) writeFileSync(path.join(dir, 'sample', `${t}.csv`), readFileSync(path.join(sampleDir, `${t}.csv`)));
    big = path.join(dir, 'million');
    execFileSync(cli, ['generate', '--people', String(PEOPLE), '--days', '90', '--seed', '1', '--out', big], { stdio: 'ignore' });
    server = await serve(dir);
    browser = await launchBrowser();
    page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}/parallel-page.html`);
    await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    assert.deepEqual(errors, []);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a million-row Blob, read in slices by 2 readers, gives the CLI\'s report bytes and the file\'s SHA-256', async () => {
    const started = Date.now();
    const native = execFileSync(cli, ['analyze', ...TABLES.flatMap((t) => [`--${t}`, `${t}.csv`]), '--threads', '1'],
      { cwd: big, encoding: 'utf8', maxBuffer: 1 << 28 });
    const nativeMs = Date.now() - started;
    const r = await page.evaluate(async (tables) => {
      const { createGapScoreWorker, createGapScore } = window.gapscore;
      const files = await window.fetchFiles('million', tables);
      window.spawned = 0;
      // gapscore/worker: the worker reads shard 0, a helper shard 1, another helper hashes the Blob.
      const w = await createGapScoreWorker({ createWorker: window.makeWorker, workers: 2 });
      let t0 = performance.now();
      const progress = [];
      const viaWorker = await w.reportText(files, undefined, { chunkBytes: 1 << 20, onProgress: (p) => progress.push(p.phase) });
      const workerMs = performance.now() - t0;
      const spawned = window.spawned;
      w.terminate();
      // The in-page API with a helper it starts from the package's own worker script; the page reads slices only.
      const slices = [];
      const slice = Blob.prototype.slice;
      const arrayBuffer = Blob.prototype.arrayBuffer;
      Blob.prototype.slice = function (a, b) { if (this.size === files.activity.size) slices.push(Math.min(b, this.size) - a); return slice.call(this, a, b); };
      Blob.prototype.arrayBuffer = function () {
        if (this.size > (4 << 20)) throw new Error(`the page read ${this.size} bytes at once`);
        return arrayBuffer.call(this);
      };
      let inPage;
      let info;
      let pageMs;
      try {
        const gs = await createGapScore({ workers: 2 });
        t0 = performance.now();
        const s = await gs.open(files, undefined, { chunkBytes: 1 << 20 });
        inPage = await s.reportText();
        pageMs = performance.now() - t0;
        info = s.info;
        s.close();
        gs.terminateWorkers();
      } finally {
        Blob.prototype.slice = slice;
        Blob.prototype.arrayBuffer = arrayBuffer;
      }
      return { viaWorker, inPage, info, spawned, workerMs, pageMs, merged: progress.includes('merge'), slices: slices.length, maxSlice: Math.max(...slices) };
    }, TABLES);
    assert.equal(r.spawned, 3, 'the worker and two helpers (shard 1, hashing)');
    assert.ok(r.merged, 'the helper\'s shard was merged');
    assert.equal(r.viaWorker, native, 'gapscore/worker, 2 readers: the CLI\'s bytes');
    assert.equal(r.inPage, native, 'in-page API, 2 readers: the CLI\'s bytes');
    assert.deepEqual({ readers: r.info.readers, digest: r.info.digest }, { readers: 2, digest: 'worker' });
    assert.ok(r.maxSlice <= 1 << 20 && r.slices >= readFileSync(path.join(big, 'activity.csv')).length / (1 << 20), `${r.slices} slices of at most 1 MiB`);
    const digest = createHash('sha256').update(readFileSync(path.join(big, 'activity.csv'))).digest('hex');
    assert.equal(JSON.parse(r.viaWorker).inputs.find((i) => i.table === 'activity').sha256, digest, 'the hashing helper\'s digest is the file\'s SHA-256');
    console.log(`${PEOPLE} people: CLI ${nativeMs} ms, gapscore/worker 2 readers ${r.workerMs.toFixed(0)} ms, in-page 2 readers ${r.pageMs.toFixed(0)} ms`);
  });

  it('sessions through the worker: reanalyze without reading again, saveState / loadState, close', async () => {
    const r = await page.evaluate(async (tables) => {
      const { createGapScoreWorker } = window.gapscore;
      const files = await window.fetchFiles('sample', tables);
      const w = await createGapScoreWorker({ createWorker: window.makeWorker, workers: 2, minParallelBytes: 1 });
      const s = await w.open(files, { group_by: ['team'] });
      const state = await s.saveState();
      const first = await s.reportText();
      const byRole = await s.reanalyze({ group_by: ['role'] });
      const freshByRole = await w.analyze(files, { group_by: ['role'] });
      const reread = await s.reanalyze({ period: 'month' }).then(() => 'resolved', (e) => e.code);
      const stateBytes = state.length;
      const loaded = await w.loadState(state, { group_by: ['team'] });  // transferred: `state` is detached now
      const fromState = await loaded.reportText();
      loaded.close();
      s.close();
      const closed = await s.report().then(() => 'resolved', (e) => e.code);
      w.terminate();
      return { info: s.info, first, byRoleSame: JSON.stringify(byRole) === JSON.stringify(freshByRole), reread, fromState, closed, stateBytes, detached: state.length === 0 };
    }, TABLES);
    assert.equal(r.info.readers, 2);
    assert.equal(r.first, nativeReport(), 'the session\'s report is the CLI\'s');
    assert.ok(r.byRoleSame, 'reanalyze equals a fresh analysis with the new settings');
    assert.equal(r.reread, 'config_needs_reread');
    assert.equal(r.fromState, r.first, 'a loaded state gives the same report');
    assert.equal(r.closed, 'session_closed');
    assert.ok(r.stateBytes > 0);
    assert.ok(r.detached, 'the state bytes were transferred to the worker, not copied');
  });

  it('bytes in memory, 2 readers: the helper is lent the activity chunk by chunk over a port (in the page and through gapscore/worker), the CLI\'s bytes', async () => {
    const r = await page.evaluate(async (tables) => {
      const { createGapScoreWorker, createGapScore } = window.gapscore;
      const files = await window.fetchFiles('sample', tables);
      const bytes = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([t, f]) => [t, new Uint8Array(await f.arrayBuffer())])));
      const sourceNames = Object.fromEntries(tables.map((t) => [t, `${t}.csv`]));
      // Small chunks: the helper asks for many, several ahead of what it has read.
      const options = { chunkBytes: 4096, sourceNames };
      const gs = await createGapScore({ workers: 2, minParallelBytes: 1 });
      const s = await gs.open(bytes, undefined, options);
      const inPage = await s.reportText();
      const readers = s.info.readers;
      s.close();
      gs.terminateWorkers();
      const w = await createGapScoreWorker({ createWorker: window.makeWorker, workers: 2, minParallelBytes: 1 });
      const ws = await w.open(bytes, undefined, options);
      const viaWorker = await ws.reportText();
      const workerReaders = ws.info.readers;
      ws.close();
      w.terminate();
      return { inPage, readers, viaWorker, workerReaders };
    }, TABLES);
    assert.deepEqual([r.readers, r.workerReaders], [2, 2]);
    assert.equal(r.inPage, nativeReport(), 'in-page API, 2 readers: the CLI\'s bytes');
    assert.equal(r.viaWorker, nativeReport(), 'gapscore/worker, 2 readers: the CLI\'s bytes');
  });

  it('gapscore/worker ends a shard helper whose memory grew past helperKeepBytes, and a hashing helper after its digest; the next read starts others', async () => {
    const r = await page.evaluate(async (tables) => {
      const { createGapScoreWorker } = window.gapscore;
      const files = await window.fetchFiles('sample', tables);
      const run = async (helperKeepBytes) => {
        let spawned = 0;
        let ended = 0;
        const createWorker = () => {
          spawned += 1;
          const w = window.makeWorker();
          const terminate = w.terminate.bind(w);
          w.terminate = () => { ended += 1; terminate(); };
          return w;
        };
        const w = await createGapScoreWorker({ createWorker, workers: 2, minParallelBytes: 1, helperKeepBytes });
        const texts = [];
        const kept = [];
        const hashHeap = [];
        for (let i = 0; i < 2; i += 1) {
          const s = await w.open(files);
          texts.push(await s.reportText());
          kept.push(s.info.helpersKept);
          hashHeap.push(s.info.heapBytesWhileHashing);
          s.close();
        }
        // The coordinator's message that ends a helper can trail the result.
        const endings = helperKeepBytes === 0 ? 4 : 2;
        for (let t = 0; t < 50 && ended < endings; t += 1) await new Promise((done) => setTimeout(done, 20));
        const endedBeforeTerminate = ended;
        w.terminate();
        return { spawned, ended: endedBeforeTerminate, texts, kept, hashHeap };
      };
      return { retired: await run(0), kept: await run(64 << 20) };
    }, TABLES);
    const native = nativeReport();
    for (const x of [r.retired, r.kept]) for (const text of x.texts) assert.equal(text, native, 'the CLI\'s bytes');
    // The coordinator, plus per read a hashing helper (it hashed in wasm: ended after its digest) and a
    // shard helper (ended too when its memory passed helperKeepBytes, else kept for the next read).
    assert.deepEqual({ spawned: r.retired.spawned, ended: r.retired.ended }, { spawned: 5, ended: 4 });
    assert.deepEqual(r.retired.kept, [[false], [false]]);
    assert.deepEqual({ spawned: r.kept.spawned, ended: r.kept.ended }, { spawned: 4, ended: 2 });
    assert.deepEqual(r.kept.kept, [[true], [true]]);
    // Every instance while the hashing helper lived: this thread, the shard helper and the hasher, 8 MiB or more each.
    for (const b of [...r.retired.hashHeap, ...r.kept.hashHeap]) assert.ok(b >= 3 * (8 << 20) && b <= 3 * (64 << 20), `${b} bytes`);
  });
});
