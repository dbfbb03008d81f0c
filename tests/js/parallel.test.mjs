// Parallel reading and sessions in Node (worker_threads helpers), from the
// installed package: the report's bytes do not depend on the number of
// readers, the chunk size, the input form or the order of the rows; digests
// are the files' SHA-256; a session re-analyses without reading again, saves
// and loads its state, and close() gives its memory back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, openAsBlob, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { cli, consumerDir, importFromConsumer, nativeReport, sample } from './helpers.mjs';

const { createGapScore } = await importFromConsumer('gapscore');
// minParallelBytes: 1 reads the small sample in parallel too.
const gs = await createGapScore({ workers: 2, minParallelBytes: 1 });
const sourceNames = { activity: 'activity.csv', people: 'people.csv', surveys: 'surveys.csv', playbook: 'playbook.csv' };
const TABLES = ['activity', 'people', 'surveys', 'playbook'];
const allTables = () => Object.fromEntries(TABLES.map((t) => [t, sample(t)]));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

// A deterministic shuffle (xorshift32), so a failure can be replayed.
function shuffled(lines, seed) {
  const out = [...lines];
  let x = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The activity's rows in another order; `repeat` of them (after the original) repeated with other hours, as a re-export would. */
function reorder(bytes, { seed, repeatEvery = 0 }) {
  const [header, ...rows] = new TextDecoder().decode(bytes).trimEnd().split('\n');
  const more = [];
  if (repeatEvery) {
    for (let i = 0; i < rows.length; i += repeatEvery) {
      const cells = rows[i].split(',');
      cells[5] = String(Number(cells[5]) + 1);  // hours: a later, different value for the same person x date x task
      more.push(cells.join(','));
    }
  }
  return new TextEncoder().encode(`${[header, ...shuffled([...rows, ...more], seed)].join('\n')}\n`);
}

/** A report with the inputs' digests masked (for inputs whose bytes differ only in row order). */
const masked = (text) => {
  const r = JSON.parse(text);
  for (const i of r.inputs) i.sha256 = null;
  return r;
};

test('the report\'s bytes are the CLI\'s for 1, 2, 3 and 8 readers, any chunk size and every input form', async () => {
  const expected = nativeReport();
  const bytes = allTables();
  const forms = {
    bytes: () => allTables(),
    text: () => Object.fromEntries(TABLES.map((t) => [t, new TextDecoder().decode(bytes[t])])),
    blob: () => Object.fromEntries(TABLES.map((t) => [t, new Blob([bytes[t]])])),
    file: () => Object.fromEntries(TABLES.map((t) => [t, new File([bytes[t]], `${t}.csv`)])),
  };
  for (const workers of [1, 2, 3, 8]) {
    for (const chunkBytes of [1 << 16, 100_003, 1 << 20]) {
      for (const [form, make] of Object.entries(forms)) {
        if (workers !== 2 && chunkBytes !== 1 << 16 && form !== 'blob') continue;  // the full grid for 2 readers, a cut for the others
        const s = await gs.open(make(), undefined, { workers, chunkBytes, sourceNames: form === 'file' ? undefined : sourceNames });
        try {
          assert.equal(s.info.readers, workers, `${form}: ${workers} readers`);
          assert.equal(s.info.helperHeapBytes.length, workers - 1);
          assert.equal(await s.reportText(), expected, `${workers} readers, ${chunkBytes}-byte chunks, ${form}`);
        } finally {
          s.close();
        }
      }
    }
  }
});

test('small inputs, JSON, typed columns and strict mode keep one reader', async () => {
  const small = await createGapScore({ workers: 4 });  // default minParallelBytes: 8 MiB
  const s = await small.open(allTables());
  assert.equal(s.info.readers, 1, 'the 2.7 MB sample is below 8 MiB');
  s.close();
  const lines = new TextDecoder().decode(sample('activity')).trimEnd().split('\n');
  const header = lines[0].split(',');
  const rows = lines.slice(1, 3001).map((l) => Object.fromEntries(l.split(',').map((c, i) => [header[i], i >= 3 && c !== '' ? Number(c) : c || null])));
  const json = new TextEncoder().encode(JSON.stringify(rows));
  for (const activity of [rows, json]) {
    const j = await gs.open({ activity });
    assert.equal(j.info.readers, 1, 'JSON has one reader');
    j.close();
  }
  const strict = await gs.open(allTables(), { mode: 'strict' });
  assert.equal(strict.info.readers, 1, 'strict mode has one reader');
  assert.equal(await strict.reportText(), await gs.reportText(allTables(), { mode: 'strict' }, { workers: 1 }));
  strict.close();
});

test('row order: shuffled rows give the sorted file\'s report (digests masked); with repeated keys, every reader count agrees with the CLI', async () => {
  const tables = allTables();
  const sorted = await gs.reportText(tables, undefined, { sourceNames, workers: 1 });
  const dir = mkdtempSync(path.join(tmpdir(), 'gapscore-order-'));
  try {
    for (const seed of [1, 2]) {
      const activity = reorder(tables.activity, { seed });
      for (const workers of [1, 2, 3]) {
        const text = await gs.reportText({ ...tables, activity }, undefined, { sourceNames, workers });
        assert.deepEqual(masked(text), masked(sorted), `seed ${seed}, ${workers} readers`);
      }
    }
    // Repeated person x date x task keys: the first row wins, in file order, whoever reads it.
    // ...and blank lines, which every reader sees (an empty person_id belongs to some shard).
    const withRepeats = new TextEncoder().encode(new TextDecoder()
      .decode(reorder(tables.activity, { seed: 3, repeatEvery: 25 }))
      .replace(/\n/g, (nl, at) => (at % 97 === 0 ? '\n\n' : nl)));
    for (const t of TABLES) writeFileSync(path.join(dir, `${t}.csv`), t === 'activity' ? withRepeats : tables[t]);
    const args = ['analyze', ...TABLES.flatMap((t) => [`--${t}`, `${t}.csv`])];
    const native = execFileSync(cli, [...args, '--threads', '1'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(execFileSync(cli, [...args, '--threads', '3'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 }), native);
    assert.ok(JSON.parse(native).diagnostics.items.some((d) => d.code === 'duplicate_key'), 'the repeats are reported');
    assert.ok(JSON.parse(native).inputs.find((i) => i.table === 'activity').blank_lines > 0, 'the blank lines are counted');
    for (const workers of [1, 2, 3, 8]) {
      for (const chunkBytes of [1 << 16, 1 << 20]) {
        const text = await gs.reportText({ ...tables, activity: new Blob([withRepeats]) }, undefined, { sourceNames, workers, chunkBytes });
        assert.equal(text, native, `repeated keys, ${workers} readers, ${chunkBytes}-byte chunks`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('digests are the files\' SHA-256, computed beside the engine (bytes: the platform; a Blob: a hashing helper)', async () => {
  const tables = allTables();
  const cases = [
    ['bytes, 1 reader', () => tables, 1, 'platform'],
    ['bytes, 2 readers', () => tables, 2, 'platform'],
    ['Blob, 2 readers', () => ({ ...tables, activity: new Blob([tables.activity]) }), 2, 'worker'],
    ['File, 3 readers', () => ({ ...tables, activity: new File([tables.activity], 'a.csv') }), 3, 'worker'],
    ['Blob, 1 reader', () => ({ ...tables, activity: new Blob([tables.activity]) }), 1, 'platform'],
  ];
  for (const [name, make, workers, how] of cases) {
    const s = await gs.open(make(), undefined, { workers });
    try {
      const r = await s.report();
      assert.equal(s.info.digest, how, name);
      for (const t of TABLES) assert.equal(r.inputs.find((i) => i.table === t).sha256, sha256(tables[t]), `${name}: ${t}`);
    } finally {
      s.close();
    }
  }
});

test('a file-backed Blob (Node\'s fs.openAsBlob), which cannot be posted to a helper, is read by one reader: the CLI\'s bytes', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gapscore-file-blob-'));
  try {
    const file = path.join(dir, 'activity.csv');
    writeFileSync(file, sample('activity'));
    const tables = { ...allTables(), activity: await openAsBlob(file) };
    assert.throws(() => structuredClone(tables.activity));  // what the package works around
    const s = await gs.open(tables, undefined, { workers: 2, sourceNames });
    try {
      assert.equal(s.info.readers, 1);
      assert.equal(await s.reportText(), nativeReport());
    } finally {
      s.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a session re-analyses without reading again; settings that change reading say config_needs_reread', async () => {
  const tables = allTables();
  const s = await gs.open(tables, { group_by: ['team'] }, { sourceNames });
  try {
    assert.equal(await s.reportText(), nativeReport());
    for (const config of [{ group_by: ['role'] }, { group_by: ['team', 'work_mode'], privacy: { min_group_size: 10 } }, { ai_user_min_share: 0.3, rework_threshold: 0.05 },
      { rollup_by: 'department' }]) {
      const again = await s.reanalyze(config);
      const fresh = await gs.reportText(allTables(), config, { sourceNames, workers: 1 });
      assert.deepEqual(again, JSON.parse(fresh), JSON.stringify(config));
      assert.equal(await s.reportText(), fresh, 'reportText after reanalyze is the new report');
    }
    // The roll-up (the sample's department column, kept by the engine): the native CLI's bytes.
    const rolled = await s.reanalyze({ rollup_by: 'department' });
    assert.deepEqual(rolled.rollup.groups.map((d) => d.key.department), ['Corporate', 'Customer', 'Product', 'Revenue']);
    assert.equal(await s.reportText(), nativeReport(['--rollup-by', 'department']));
    await assert.rejects(s.reanalyze({ rollup_by: 'division' }), (e) => e.code === 'config_invalid_value' && /rollup_by/.test(e.message));
    await assert.rejects(s.reanalyze({ period: 'month' }), (e) => {
      assert.equal(e.code, 'config_needs_reread');
      assert.match(e.message, /period/);
      return true;
    });
    await assert.rejects(s.reanalyze({ group_bye: ['team'] }), (e) => e.code === 'config_unknown_key');
    const kept = await s.report();
    assert.deepEqual(kept.config.group_by, ['team'], 'a refused config leaves the last good one');
  } finally {
    s.close();
  }
  await assert.rejects(s.report(), (e) => e.code === 'session_closed');
  s.close();  // twice is fine
});

test('a session shows back the key it generated: the same key given explicitly gives the same report', async () => {
  for (const workers of [1, 2]) {
    const s = await gs.open(allTables(), { privacy: { individual_results: true, salt: 'generate' } }, { sourceNames, workers });
    try {
      const first = await s.reportText();
      const key = await s.generatedSalt();
      assert.match(key, /^[0-9a-f]{32}$/, `workers ${workers}`);
      assert.equal(await s.generatedSalt(), key, 'one key per session');
      const again = await gs.reportText(allTables(), { privacy: { individual_results: true, salt: key } }, { sourceNames, workers: 1 });
      assert.equal(again, first, `workers ${workers}: the key gives the same pseudonyms`);
    } finally {
      s.close();
    }
  }
  const plain = await gs.open(allTables(), {}, { sourceNames });
  assert.equal(await plain.generatedSalt(), null);
  plain.close();
});

test('saveState / loadState round trip, from one reader and from merged shards', async () => {
  const config = { group_by: ['team'] };
  for (const workers of [1, 3]) {
    const s = await gs.open(allTables(), config, { sourceNames, workers });
    const state = await s.saveState();
    const text = await s.reportText();
    s.close();
    assert.ok(state instanceof Uint8Array && state.length > 0);
    const loaded = await gs.loadState(state, config);
    try {
      assert.equal(loaded.info.readers, 0);
      // A loaded session saves the same state again (before its first report: see saveState).
      assert.equal(sha256(await loaded.saveState()), sha256(state));
      assert.equal(await loaded.reportText(), text, `${workers} readers`);
      assert.deepEqual(await loaded.reanalyze({ group_by: ['role'] }), JSON.parse(await gs.reportText(allTables(), { group_by: ['role'] }, { sourceNames })));
      await assert.rejects(loaded.saveState(), (e) => e.code === 'invalid_argument' && /before the first report/.test(e.message));
    } finally {
      loaded.close();
    }
    await assert.rejects(gs.loadState(state, { period: 'month' }), (e) => e.code === 'config_needs_reread');
  }
  const bad = new Uint8Array(100);
  await assert.rejects(gs.loadState(bad), (e) => typeof e.code === 'string' && e.code !== 'internal_error');
});

test('session.add: last month\'s loaded state plus this month\'s file gives the CLI\'s bytes for both files', async () => {
  // The sample's activity split by date into two files, written where the CLI reads them.
  const [header, ...rows] = new TextDecoder().decode(sample('activity')).trimEnd().split('\n');
  const dateAt = header.split(',').indexOf('date');
  const early = rows.filter((r) => r.split(',')[dateAt] < '2025-02-15');
  const late = rows.filter((r) => r.split(',')[dateAt] >= '2025-02-15');
  assert.ok(early.length > 100 && late.length > 100);
  const dir = mkdtempSync(path.join(tmpdir(), 'gapscore-add-'));
  try {
    const files = { 'early.csv': early, 'late.csv': late };
    for (const [name, lines] of Object.entries(files)) writeFileSync(path.join(dir, name), `${[header, ...lines].join('\n')}\n`);
    for (const t of ['people', 'surveys', 'playbook']) writeFileSync(path.join(dir, `${t}.csv`), sample(t));
    const expected = execFileSync(cli, ['analyze', '--activity', 'late.csv', '--activity', 'early.csv', '--people', 'people.csv',
      '--surveys', 'surveys.csv', '--playbook', 'playbook.csv'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    const read = (name) => readFileSync(path.join(dir, name));
    const first = await gs.open({ activity: read('early.csv'), people: read('people.csv'), surveys: read('surveys.csv'), playbook: read('playbook.csv') },
      undefined, { sourceNames: { activity: 'early.csv', people: 'people.csv', surveys: 'surveys.csv', playbook: 'playbook.csv' } });
    const state = await first.saveState();
    first.close();
    const loaded = await gs.loadState(state);
    try {
      // The same file again is noted, not counted twice.
      await loaded.add({ activity: [read('late.csv'), read('late.csv')] }, { sourceNames: { activity: ['late.csv', 'late-again.csv'] } });
      const text = await loaded.reportText();
      const withRepeat = JSON.parse(text);
      assert.ok(withRepeat.diagnostics.items.some((d) => d.code === 'duplicate_input'), 'the repeated file is reported');
      await assert.rejects(loaded.add({ activity: read('late.csv') }), (e) => e.code === 'invalid_argument');
    } finally {
      loaded.close();
    }
    const again = await gs.loadState(state);
    try {
      await again.add({ activity: new Blob([read('late.csv')]) }, { sourceNames: { activity: 'late.csv' } });
      assert.equal(await again.reportText(), expected, 'loaded state + added Blob = one analyze of both files');
    } finally {
      again.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('close() frees the memory: the wasm heap stays flat over 50 open/close cycles (and the helpers\' too)', async () => {
  const tables = allTables();
  const cycle = async () => {
    const s = await gs.open(tables, undefined, { workers: 2 });
    await s.report();
    const heap = s.info.helperHeapBytes[0];
    s.close();
    return heap;
  };
  for (let i = 0; i < 3; i += 1) await cycle();
  const before = gs.memoryBytes();
  const helperBefore = await cycle();
  for (let i = 0; i < 50; i += 1) assert.equal(await cycle(), helperBefore, `helper heap after cycle ${i}`);
  assert.equal(gs.memoryBytes(), before);
});

test('a helper whose memory grew past helperKeepBytes is ended after its read; the next read starts another', async () => {
  const { Worker } = await import('node:worker_threads');
  const script = path.join(consumerDir(), 'node_modules', 'gapscore', 'dist', 'worker-thread.js');
  const run = async (helperKeepBytes) => {
    let spawned = 0;
    let exited = 0;
    const g = await createGapScore({
      workers: 2, minParallelBytes: 1, helperKeepBytes,
      createWorker: () => {
        spawned += 1;
        const w = new Worker(script);
        w.on('exit', () => { exited += 1; });
        return w;
      },
    });
    const infos = [];
    try {
      for (let i = 0; i < 2; i += 1) {
        const s = await g.open(allTables(), undefined, { sourceNames });
        assert.equal(await s.reportText(), nativeReport(), `read ${i}: the CLI's bytes`);
        infos.push(s.info);
        s.close();
      }
      // A retired helper's thread ends a little after its state arrives.
      for (let t = 0; t < 100 && exited < (helperKeepBytes === 0 ? 2 : 0); t += 1) await new Promise((r) => setTimeout(r, 50));
      return { spawned, exited, infos, memory: g.memoryBytes() };
    } finally {
      g.terminateWorkers();
    }
  };
  const ended = await run(0);
  assert.equal(ended.spawned, 2, 'a new helper for the second read');
  assert.equal(ended.exited, 2, 'each helper ended after its read');
  for (const info of ended.infos) {
    assert.deepEqual(info.helpersKept, [false]);
    assert.ok(info.heapBytesAtHandoff > 0 && info.heapBytesAtHandoff <= ended.memory, 'this thread\'s memory when the state arrived');
  }
  const kept = await run(32 << 20);  // the default: the sample's helper stays far below it
  assert.equal(kept.spawned, 1, 'the helper is kept for the second read');
  assert.equal(kept.exited, 0);
  for (const info of kept.infos) assert.deepEqual(info.helpersKept, [true]);
});

test('this thread\'s instance, grown past helperKeepBytes, is replaced once no call or session uses it', async () => {
  const settle = () => new Promise((r) => setTimeout(r, 50));
  // gs.sha256 copies its input into wasm memory: an easy way to grow this thread's instance past a threshold.
  const grow = (g) => g.sha256(new Uint8Array(48 << 20));
  // wasmBinary: instances of this engine's own, not the default one other engines share.
  const wasmBinary = readFileSync(path.join(consumerDir(), 'node_modules', 'gapscore', 'dist', 'gapscore.wasm'));
  const g = await createGapScore({ workers: 1, helperKeepBytes: 40 << 20, wasmBinary });
  const fresh = g.memoryBytes();
  grow(g);
  const grown = g.memoryBytes();
  assert.ok(grown > 40 << 20 && fresh <= 40 << 20, `grew from ${fresh} to ${grown}`);

  // While any session is open the instance stays (its state lives there).
  const a = await g.open(allTables(), undefined, { sourceNames });
  const source = await g.open(allTables(), undefined, { sourceNames });
  const b = await g.loadState(await source.saveState(), undefined);
  source.close();
  a.close();
  await settle();
  assert.equal(g.memoryBytes(), grown, 'a session is still open');
  assert.equal(await b.reportText(), nativeReport(), 'the open session still reports');
  b.close();
  for (let t = 0; t < 100 && g.memoryBytes() !== fresh; t += 1) await settle();
  assert.equal(g.memoryBytes(), fresh, 'replaced by a new instance once the last session closed');
  assert.equal(await g.reportText(allTables(), undefined, { sourceNames }), nativeReport(), 'the new instance gives the same bytes');

  // A failed call releases the instance too.
  grow(g);
  await assert.rejects(g.analyze({ activity: new Blob(['personid,date\n']) }), (e) => e.code === 'missing_column');
  for (let t = 0; t < 100 && g.memoryBytes() !== fresh; t += 1) await settle();
  assert.equal(g.memoryBytes(), fresh, 'replaced after a failed call');

  // Below the threshold the instance is kept.
  const keep = await createGapScore({ workers: 1, helperKeepBytes: Infinity, wasmBinary });
  grow(keep);
  const kept = keep.memoryBytes();
  assert.equal(await keep.reportText(allTables(), undefined, { sourceNames }), nativeReport());
  await settle();
  assert.equal(keep.memoryBytes(), kept, 'kept: no threshold passed');
});

test('cancelling a parallel read stops the helpers; the next read works', async () => {
  const controller = new AbortController();
  const pending = gs.analyze(allTables(), undefined, {
    workers: 3, chunkBytes: 1 << 12, signal: controller.signal,
    onProgress: (p) => { if (p.phase === 'read' && p.table === 'activity' && p.done > 200_000) controller.abort(); },
  });
  await assert.rejects(pending, (e) => e.code === 'cancelled');
  assert.equal(await gs.reportText(allTables(), undefined, { sourceNames, workers: 3 }), nativeReport());
});

test('a helper waiting for lent bytes when this thread\'s read is cancelled stops and frees its session (the end mark)', async () => {
  // A fresh engine, so that the helper's memory is this test's alone. Its wasm memory never shrinks:
  // a session left waiting for its next chunk would keep its part of the state, and the next read
  // would need more. Measured: 8 MiB after 20 cancelled reads with the end mark, 38 MB without.
  const dir = mkdtempSync(path.join(tmpdir(), 'gapscore-lent-'));
  const engine = await createGapScore({ workers: 2, minParallelBytes: 1 });
  try {
    execFileSync(cli, ['generate', '--people', '3000', '--days', '60', '--seed', '2', '--out', dir]);
    const tables = { activity: readFileSync(path.join(dir, 'activity.csv')), people: readFileSync(path.join(dir, 'people.csv')) };
    const helperHeap = async () => {
      const s = await engine.open(tables, undefined, { chunkBytes: 1 << 12 });
      s.close();
      assert.equal(s.info.readers, 2);
      return s.info.helperHeapBytes[0];
    };
    const before = await helperHeap();
    for (let k = 0; k < 20; k += 1) {
      const controller = new AbortController();
      const onProgress = (p) => { if (p.phase === 'read' && p.table === 'activity' && p.done > 1e6 + k * 2e5) controller.abort(); };
      await assert.rejects(engine.open(tables, undefined, { chunkBytes: 1 << 12, signal: controller.signal, onProgress }), (e) => e.code === 'cancelled');
    }
    const after = await helperHeap();
    assert.ok(after <= before + (4 << 20), `helper memory ${before} -> ${after} bytes`);
  } finally {
    engine.terminateWorkers();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a lent read ignores an end mark that comes after its last chunk', async () => {
  // Seen in Node: a helper failed with "replies.shift(...) is not a function" in 2 of 6 runs of 60
  // back-to-back 2-worker reads of the sample. Its port was closed, but the end mark still came.
  const { describeInput } = await import(pathToFileURL(path.join(consumerDir(), 'node_modules/gapscore/dist/inputs.js')).href);
  const bytes = new Uint8Array(10_000).map((_, i) => 65 + (i % 26));
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = ({ data: [from, to] }) => {
    const { buffer } = bytes.slice(from, to);
    port1.postMessage(buffer, [buffer]);
  };
  const got = [];
  for await (const [chunk] of describeInput('activity', { port: port2, size: bytes.length }, 4096).chunks()) {
    got.push(chunk);
    if (got.length === 3) {  // the last chunk is here: the lender's read ends before this reader goes on
      port1.postMessage(null);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  port1.close();
  assert.deepEqual(Buffer.concat(got), Buffer.from(bytes));
});

test('an error of a shard is the CLI\'s error (row numbers of the whole file)', async () => {
  const lines = new TextDecoder().decode(sample('activity')).trimEnd().split('\n');
  // A bad row late in the file, for some person: whichever reader owns it reports it.
  const bad = lines.map((l, i) => (i > 0 && i % 5000 === 0 ? l.replace(/,(\d+),(\d+),/, ',$1,x,') : l));
  const activity = new TextEncoder().encode(`${bad.join('\n')}\n`);
  const dir = mkdtempSync(path.join(tmpdir(), 'gapscore-bad-'));
  try {
    writeFileSync(path.join(dir, 'activity.csv'), activity);
    const native = execFileSync(cli, ['analyze', '--activity', 'activity.csv', '--threads', '1'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    for (const workers of [1, 2, 3]) {
      assert.equal(await gs.reportText({ activity: new File([activity], 'activity.csv') }, undefined, { workers }), native, `${workers} readers`);
    }
    assert.ok(JSON.parse(native).inputs[0].rows_skipped > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // A file no reader can read fails the same way with any count.
  for (const workers of [1, 3]) {
    await assert.rejects(gs.analyze({ activity: new Blob(['personid,date\n'.repeat(10)]) }, undefined, { workers }), (e) => e.code === 'missing_column');
  }
});

test('gs.terminateWorkers() ends the helpers; the next parallel read starts new ones', async () => {
  gs.terminateWorkers();
  assert.equal(await gs.reportText(allTables(), undefined, { sourceNames, workers: 2 }), nativeReport());
  gs.terminateWorkers();
});

test('property: random reader counts, chunk sizes and row orders (repeats, quoted newlines) give the CLI\'s bytes', async () => {
  // Each trial: a seeded shuffle of the sample's activity with repeated keys and an inline team
  // whose quoted value holds a newline and a comma (so a record boundary is not every '\n'),
  // read by a random number of readers in random-sized chunks. The seed is in the message.
  const tables = allTables();
  const dir = mkdtempSync(path.join(tmpdir(), 'gapscore-property-'));
  let x = 20261201;
  const below = (n) => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x % n; };
  try {
    for (let trial = 0; trial < 4; trial += 1) {
      const seed = 100 + trial;
      const [header, ...rows] = new TextDecoder().decode(reorder(tables.activity, { seed, repeatEvery: 20 + trial * 7 })).trimEnd().split('\n');
      const activity = new TextEncoder().encode(`${header},team\n${rows.map((r, i) => `${r},${i % 5 === 0 ? '"Line one\nline, two"' : 'Plain'}`).join('\n')}\n`);
      writeFileSync(path.join(dir, 'activity.csv'), activity);
      for (const t of TABLES.slice(1)) writeFileSync(path.join(dir, `${t}.csv`), tables[t]);
      const native = execFileSync(cli, ['analyze', ...TABLES.flatMap((t) => [`--${t}`, `${t}.csv`]), '--threads', '1'],
        { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
      for (let k = 0; k < 2; k += 1) {
        const workers = [1, 2, 3, 8][below(4)];
        const chunkBytes = 1 + below(300_000);
        const form = below(2) ? new Blob([activity]) : activity;
        const text = await gs.reportText({ ...tables, activity: form }, undefined, { sourceNames, workers, chunkBytes });
        assert.equal(text, native, `seed ${seed}: ${workers} readers, ${chunkBytes}-byte chunks, ${form instanceof Blob ? 'Blob' : 'bytes'}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
