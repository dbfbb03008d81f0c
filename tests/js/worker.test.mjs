// gapscore/worker in headless Chromium, loaded unbundled from the installed
// package: Blob/File inputs read inside the worker (the page's Blob methods
// are disabled while it runs), sniff and schema through the worker, and the
// hard cancel: a worker stuck in one long wasm call is terminated with its
// helper workers and a fresh one takes the next call and the calls it held
// (or, with hardCancel: false, the worker finishes in the background).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { launchBrowser, serve } from './browser.mjs';
import { consumerDir, nativeReport, sampleDir } from './helpers.mjs';
import { generateOrg } from './demo-helpers.mjs';

let server;
let browser;
let page;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>worker</title></head><body>
<script type="module">
import { createGapScoreWorker, GapScoreError, CODE_ALIASES } from './node_modules/gapscore/dist/worker.js';
// Every worker the package asks for, and whether it was terminated.
window.spawned = [];
window.makeWorker = () => {
  const w = new Worker(new URL('./node_modules/gapscore/dist/worker-thread.js', import.meta.url), { type: 'module' });
  const seen = { terminated: false };
  const terminate = w.terminate.bind(w);
  w.terminate = () => { seen.terminated = true; terminate(); };
  window.spawned.push(seen);
  return w;
};
// A worker whose messages to and from the page are seen first (onResult may act before the page gets one).
window.makeSeenWorker = (onResult) => {
  const w = new Worker(new URL('./node_modules/gapscore/dist/worker-thread.js', import.meta.url), { type: 'module' });
  const seen = { sent: [], onmessage: null, onerror: null, terminate: () => w.terminate() };
  seen.postMessage = (m, t) => { seen.sent.push({ type: m?.type, handle: m?.payload?.handle }); w.postMessage(m, t); };
  w.onmessage = (e) => { onResult?.(e.data); seen.onmessage?.(e); };
  w.onerror = (e) => seen.onerror?.(e);
  return seen;
};
window.gapscore = { createGapScoreWorker, GapScoreError, CODE_ALIASES };
window.fetchBlob = async (url, name) => { const b = await (await fetch(url)).blob(); return name ? new File([b], name) : b; };
document.body.dataset.ready = '1';
</script></body></html>`;

describe('gapscore/worker in Chromium', { timeout: 180000 }, () => {
  before(async () => {
    const dir = consumerDir();
    writeFileSync(path.join(dir, 'worker-page.html'), PAGE);
    mkdirSync(path.join(dir, 'sample'), { recursive: true });
    for (const t of ['activity', 'people', 'surveys', 'playbook']) writeFileSync(path.join(dir, 'sample', `${t}.csv`), readFileSync(path.join(sampleDir, `${t}.csv`)));
    // Big enough that the report with 100000 bootstrap resamples is one wasm call of about a second or more.
    generateOrg(path.join(dir, 'big'), 3000, 30);
    server = await serve(dir);
    browser = await launchBrowser();
    page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}/worker-page.html`);
    await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    assert.deepEqual(errors, []);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reads Blob and File inputs inside the worker, never on the page, with progress in bytes', async () => {
    const r = await page.evaluate(async () => {
      const { createGapScoreWorker, CODE_ALIASES } = window.gapscore;
      const w = await createGapScoreWorker({ createWorker: window.makeWorker });
      const tables = Object.fromEntries(await Promise.all(['activity', 'people', 'surveys', 'playbook'].map(async (t) =>
        [t, await window.fetchBlob(`sample/${t}.csv`, `${t}.csv`)])));
      const bytes = Object.fromEntries(await Promise.all(Object.entries(tables).map(async ([t, f]) => [t, new Uint8Array(await f.arrayBuffer())])));
      // The page thread may not read the files: every way to read a Blob throws while the worker works.
      const saved = {};
      for (const m of ['arrayBuffer', 'text', 'stream', 'slice', 'bytes']) {
        saved[m] = Blob.prototype[m];
        Blob.prototype[m] = () => { throw new Error(`the page read a Blob (${m})`); };
      }
      const progress = [];
      let fromFiles;
      let sniffed;
      let usageReport;
      try {
        fromFiles = await w.reportText(tables, undefined, { chunkBytes: 1 << 16, onProgress: (p) => progress.push(p) });
        sniffed = await w.sniff(tables.activity);
        usageReport = await w.analyze({ people: tables.people, usage: [{ data: new File(['user_login,day\n'], 'x.csv'), name: 'not-an-export.csv' }] })
          .catch((e) => e.code);
      } finally {
        Object.assign(Blob.prototype, saved);
      }
      const fromBytes = await w.reportText(bytes, undefined, { transfer: false, sourceNames: Object.fromEntries(Object.keys(tables).map((t) => [t, `${t}.csv`])) });
      const reads = progress.filter((p) => p.phase === 'read' && p.table === 'activity');
      const schema = await w.schema();
      // wasmUrl: a URL object, or text relative to the page (not to the worker's script).
      const loaded = [];
      for (const wasmUrl of [new URL('node_modules/gapscore/dist/gapscore.wasm', location.href), 'node_modules/gapscore/dist/gapscore.wasm']) {
        const other = await createGapScoreWorker({ createWorker: window.makeWorker, wasmUrl });
        loaded.push(other.version === w.version && (await other.metrics()).length > 10);
        other.terminate();
      }
      const result = {
        loaded,
        same: fromFiles === fromBytes, fromFiles, reads: reads.length, lastRead: reads.at(-1), size: tables.activity.size,
        sniffed, usageReport, tables: schema.tables.map((t) => t.name), alias: CODE_ALIASES.usage_error,
        bytesSniff: await w.sniff(new TextEncoder().encode('\ufeffa;b\n1;2\n')),
      };
      w.terminate();
      return result;
    });
    assert.deepEqual(r.loaded, [true, true], 'wasmUrl as a URL object and as page-relative text');
    assert.equal(r.same, true, 'Files read in the worker give the report of the same bytes');
    assert.equal(r.fromFiles, nativeReport(), 'and the CLI\'s bytes (a File\'s name is its source)');
    assert.ok(r.reads > r.size / (1 << 16), `progress per slice: ${r.reads}`);
    assert.deepEqual(r.lastRead, { phase: 'read', table: 'activity', done: r.size, total: r.size });
    assert.deepEqual([r.sniffed.format, r.sniffed.delimiter, r.sniffed.headers.slice(0, 2)], ['csv', ',', ['person_id', 'date']]);
    assert.equal(r.usageReport, 'unknown_format', 'a usage File is read in the worker too');
    assert.deepEqual(r.tables, ['activity', 'people', 'surveys', 'playbook', 'identities']);
    assert.equal(r.alias, 'invalid_argument');
    assert.deepEqual([r.bytesSniff.delimiter, r.bytesSniff.headers, r.bytesSniff.byte_order_mark], [';', ['a', 'b'], true]);
  });

  it('keeps the privacy-budget ledger store on the page: its text goes to the worker and back', async () => {
    const r = await page.evaluate(async () => {
      const { createGapScoreWorker } = window.gapscore;
      const w = await createGapScoreWorker({ createWorker: window.makeWorker });
      const tables = { activity: await window.fetchBlob('sample/activity.csv', 'activity.csv'),
        people: await window.fetchBlob('sample/people.csv', 'people.csv') };
      let stored = null;
      const ledger = { get: () => stored, set: (text) => { stored = text; } };
      const config = { privacy: { dp: { epsilon: 1, total_epsilon: 2 } } };
      const releases = [];
      for (let i = 0; i < 2; i++) releases.push((await w.analyze(tables, config, { ledger })).privacy.differential_privacy.ledger.releases);
      const refused = await w.analyze(tables, config, { ledger }).then(() => 'released', (e) => e.code);
      let salt = null;
      await w.analyze(tables, { privacy: { protection: 'cell_key', salt: 'generate' } }, { onGeneratedSalt: (s) => { salt = s; } });
      w.terminate();
      return { releases, refused, stored: JSON.parse(stored), salt };
    });
    assert.deepEqual(r.releases, [1, 2]);
    assert.equal(r.refused, 'privacy_budget_exhausted');
    assert.equal(Object.values(r.stored.entries)[0].releases, 2, 'a refused release stores nothing');
    assert.match(r.salt, /^[0-9a-f]{32}$/);
  });

  it('a worker session\'s report, reportText and reanalyze take the ledger store too: text in, updated text out', async () => {
    const r = await page.evaluate(async () => {
      const { createGapScoreWorker } = window.gapscore;
      const w = await createGapScoreWorker({ createWorker: window.makeWorker });
      const tables = { activity: await window.fetchBlob('sample/activity.csv', 'activity.csv'),
        people: await window.fetchBlob('sample/people.csv', 'people.csv') };
      let stored = null;
      const gets = [];
      const ledger = { get: async () => { gets.push(stored); return stored; }, set: async (text) => { stored = text; } };
      const dp = { epsilon: 1, total_epsilon: 2 };
      const session = await w.open(tables, { privacy: { dp } });
      const first = (await session.report({ ledger })).privacy.differential_privacy.ledger;
      // The same settings again: the report computed once per settings, no second release.
      const again = JSON.parse(await session.reportText({ ledger })).privacy.differential_privacy.ledger;
      const second = (await session.reanalyze({ group_by: ['role'], privacy: { dp } }, { ledger })).privacy.differential_privacy.ledger;
      const afterTwo = stored;
      const refused = await session.reanalyze({ group_by: ['team'], privacy: { dp } }, { ledger })
        .then(() => 'released', (e) => ({ code: e.code, message: e.message }));
      // Without a store the session spends from the ledger it holds (the page gets nothing back); the
      // spent entry's total cannot be raised, so this release goes to another ledger_id.
      const plain = await session.reanalyze({ group_by: ['role'], privacy: { ledger_id: 'another budget', dp } });
      session.close();
      w.terminate();
      return { first, again, second, stored: JSON.parse(afterTwo), unchanged: stored === afterTwo, refused, gets: gets.length,
        plainKind: typeof plain.privacy.differential_privacy };
    });
    assert.equal(r.first.releases, 1);
    assert.equal(r.first.spent_epsilon, 1);
    assert.equal(r.again.releases, 1, 'a cached report is no new release');
    assert.equal(r.second.releases, 2);
    assert.equal(r.second.remaining_epsilon, 0);
    const [entry] = Object.values(r.stored.entries);
    assert.equal(entry.releases, 2);
    assert.equal(r.refused.code, 'privacy_budget_exhausted');
    assert.match(r.refused.message, /budget/i);
    assert.ok(r.unchanged, 'a refused release and a release without the store leave the stored ledger alone');
    assert.ok(r.gets >= 3);
    assert.equal(r.plainKind, 'object');
  });

  /** Starts the long analysis and aborts it once the report call has begun; other calls go in while it is stuck. */
  const stuckRun = (hardCancel) => page.evaluate(async (hard) => {
    const { createGapScoreWorker } = window.gapscore;
    window.spawned.length = 0;
    // The 14 MB activity is read by two readers: the worker and a helper, plus a helper hashing the Blob.
    const w = await createGapScoreWorker({ createWorker: window.makeWorker, hardCancel: hard, hardCancelAfterMs: 150, workers: 2 });
    const tables = { activity: await window.fetchBlob('big/activity.csv'), people: await window.fetchBlob('big/people.csv') };
    const ctrl = new AbortController();
    let abortedAt = 0;
    let queued = null;
    let transferred = null;
    const run = w.analyze(tables, { bootstrap: { resamples: 100000 } }, {
      signal: ctrl.signal,
      onProgress: (p) => {
        if (p.phase !== 'analyze' || abortedAt) return;
        // The worker is now inside session.report(): one wasm call, no chunks to stop between.
        queued = w.sniff(tables.people);
        transferred = w.analyze({ activity: new TextEncoder().encode('person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,1\n') })
          .then((rep) => rep.summary.first_date, (e) => e.code);
        abortedAt = performance.now();
        ctrl.abort();
      },
    });
    const code = await run.then(() => 'resolved', (e) => e.code);
    const rejectMs = performance.now() - abortedAt;
    const queuedHeaders = (await queued).headers.slice(0, 2);
    const nextStarted = performance.now();
    const next = (await w.analyze({ activity: await window.fetchBlob('sample/activity.csv') })).summary.people;
    const result = { code, rejectMs, queuedHeaders, transferred: await transferred, next, nextMs: performance.now() - nextStarted,
      sinceAbortMs: performance.now() - abortedAt, spawned: window.spawned.map((s) => s.terminated) };
    w.terminate();
    return result;
  }, hardCancel);

  it('an open() cancelled just as its session arrives closes that session in the worker (its memory can go)', async () => {
    const r = await page.evaluate(async () => {
      const { createGapScoreWorker } = window.gapscore;
      const controller = new AbortController();
      let handle = null;
      const worker = window.makeSeenWorker((d) => {
        if (d?.type === 'result' && d.payload?.handle != null) {
          handle = d.payload.handle;
          controller.abort();  // the page gives up while the worker's answer is on its way
        }
      });
      const gs = await createGapScoreWorker({ worker, workers: 1 });
      const files = { activity: await window.fetchBlob('sample/activity.csv', 'activity.csv') };
      const code = await gs.open(files, undefined, { signal: controller.signal }).then(() => 'opened', (e) => e.code);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const closed = worker.sent.filter((m) => m.type === 'session.close').map((m) => m.handle);
      // The worker is still good for the next call.
      const report = await gs.reportText(files);
      gs.terminate();
      return { code, handle, closed, reported: report.length > 0 };
    });
    assert.equal(r.code, 'cancelled');
    assert.ok(r.handle != null, 'the worker had made the session');
    assert.deepEqual(r.closed, [r.handle], 'the page closed it in the worker');
    assert.ok(r.reported);
  });

  it('hard cancel: a worker stuck in one long wasm call is replaced; the calls it held move to the new one', async () => {
    const r = await stuckRun(true);
    assert.equal(r.code, 'cancelled');
    assert.ok(r.rejectMs < 100, `the call rejects at once (${r.rejectMs} ms)`);
    assert.deepEqual(r.spawned, [true, true, true, false],
      'the stuck worker and its two helpers (shard 1, hashing) were terminated, and one fresh worker spawned');
    assert.deepEqual(r.queuedHeaders, ['person_id', 'team'], 'a call queued behind the stuck one was sent to the new worker');
    assert.equal(r.transferred, 'worker_failed', 'a call whose bytes were transferred to the stuck worker cannot move');
    assert.equal(r.next, 200, 'the next call runs on the fresh worker');
    console.log(`hard cancel: rejected in ${r.rejectMs.toFixed(0)} ms; next analysis ${r.nextMs.toFixed(0)} ms`);
  });

  it('hardCancel: false keeps the worker, which finishes the abandoned report first', async () => {
    const r = await stuckRun(false);
    assert.equal(r.code, 'cancelled');
    assert.ok(r.rejectMs < 100, `the call rejects at once (${r.rejectMs} ms)`);
    // No second worker: the worker and its shard helper live on; the hashing helper ended after its digest
    // (it hashed in wasm and would otherwise keep an instance only to hash).
    assert.deepEqual(r.spawned, [false, false, true], 'no second worker');
    assert.deepEqual(r.queuedHeaders, ['person_id', 'team']);
    assert.equal(r.transferred, '2025-01-06', 'the calls behind it run after it on the same worker');
    assert.equal(r.next, 200);
  });
});
