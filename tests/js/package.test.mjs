// The npm package, installed from its tarball, in Node 20 ESM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { consumerDir, importFromConsumer, nativeReport, root, sample } from './helpers.mjs';
import { gzipBytes, loadedFiles } from '../../bench/js/bundle.mjs';

const { createGapScore, GapScoreError } = await importFromConsumer('gapscore');
const gs = await createGapScore();
const allTables = () => ({ activity: sample('activity'), people: sample('people'), surveys: sample('surveys'), playbook: sample('playbook') });
const sourceNames = { activity: 'activity.csv', people: 'people.csv', surveys: 'surveys.csv', playbook: 'playbook.csv' };

test('report bytes equal the native CLI for the sample', async () => {
  const text = await gs.reportText(allTables(), undefined, { sourceNames });
  assert.equal(text, nativeReport());
});

test('analyze returns a plain object following the report schema basics', async () => {
  const r = await gs.analyze(allTables());
  assert.equal(r.gapscore_version, gs.version);
  assert.equal(r.summary.people, 200);
  assert.equal(r.groups.length, 8);
  assert.ok(r.overall.score.value > 0 && r.overall.score.value < 100);
  assert.equal(typeof r.groups[0].metrics.adoption_rate, 'number');
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

test('every input form gives the same report', async () => {
  const csv = sample('activity');
  const text = new TextDecoder().decode(csv);
  const lines = text.trim().split('\n');
  const header = lines[0].split(',');
  const objects = lines.slice(1, 2001).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] === '' ? null : (i >= 3 ? Number(cells[i]) : cells[i])]));
  });
  const first2000 = lines.slice(0, 2001).join('\n') + '\n';
  const fromText = await gs.analyze({ activity: first2000 });
  const fromBytes = await gs.analyze({ activity: new TextEncoder().encode(first2000) });
  const fromBuffer = await gs.analyze({ activity: new TextEncoder().encode(first2000).buffer });
  const fromObjects = await gs.analyze({ activity: objects });
  for (const r of [fromBytes, fromBuffer, fromObjects]) {
    assert.deepEqual(r.overall, fromText.overall);
    assert.deepEqual(r.groups, fromText.groups);
  }
  assert.equal(fromObjects.inputs[0].format, 'json');
  // Dates as JS Date objects, the two ways people make them: UTC midnight from an
  // ISO string, and local midnight from (year, month, day). Both mean that calendar day.
  const savedTz = process.env.TZ;
  try {
    for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York']) {
      process.env.TZ = tz;  // Node applies a changed TZ at once
      for (const makeDate of [(s) => new Date(s), (s) => { const [yy, mm, dd] = s.split('-').map(Number); return new Date(yy, mm - 1, dd); }]) {
        const withDates = objects.map((o) => ({ ...o, date: makeDate(o.date) }));
        const r = await gs.analyze({ activity: withDates });
        assert.deepEqual(r.overall, fromText.overall, tz);
      }
    }
  } finally {
    if (savedTz === undefined) delete process.env.TZ; else process.env.TZ = savedTz;
  }
});

test('an all-rows-skipped error says why, row by row', async () => {
  const bad = 'person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,2,5,1\nP2,2025-01-06,a,x,0,1\n';
  await assert.rejects(gs.analyze({ activity: bad }), (e) => {
    assert.equal(e.code, 'no_valid_rows');
    assert.equal(e.table, 'activity');
    const codes = e.diagnostics.map((x) => x.code);
    assert.equal(codes[0], 'no_valid_rows');
    assert.ok(codes.includes('ai_tasks_exceed_tasks'), codes.join());
    assert.ok(e.diagnostics.some((x) => x.code === 'invalid_integer' && x.row === 3 && x.column === 'tasks'), JSON.stringify(e.diagnostics));
    return true;
  });
});

test('analyzeColumns equals analyze on the same rows', async () => {
  const text = new TextDecoder().decode(sample('activity'));
  const lines = text.trim().split('\n');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const columns = {};
  header.forEach((h, i) => {
    columns[h] = i < 3 ? rows.map((r) => r[i]) : Float64Array.from(rows, (r) => (r[i] === '' ? NaN : Number(r[i])));
  });
  const people = sample('people');
  const viaColumns = await gs.analyzeColumns(columns, undefined, { people });
  const viaCsv = await gs.analyze({ activity: sample('activity'), people });
  assert.deepEqual(viaColumns.overall, viaCsv.overall);
  assert.deepEqual(viaColumns.groups, viaCsv.groups);
  assert.equal(viaColumns.inputs[0].format, 'columns');
  assert.equal(viaColumns.inputs[0].sha256, null);
});

test('errors are GapScoreError with code, table, row and column', async () => {
  await assert.rejects(gs.analyze({ activity: 'personid,date\nP1,2025-01-01\n' }), (e) => {
    assert.ok(e instanceof GapScoreError);
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'missing_column');
    assert.equal(e.table, 'activity');
    assert.equal(e.column, 'person_id');
    assert.match(e.message, /person_id/);
    assert.ok(e.diagnostics.length >= 1);
    return true;
  });
  await assert.rejects(gs.analyze({ activity: sample('activity') }, { group_bye: ['team'] }), (e) => {
    assert.equal(e.code, 'config_unknown_key');
    assert.match(e.message, /did you mean "group_by"/);
    return true;
  });
  await assert.rejects(gs.analyze({ activity: sample('activity') }, { mode: 'strict' }).then(() =>
    gs.analyze({ activity: 'person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,x\n' }, { mode: 'strict' })), (e) => {
    assert.equal(e.code, 'invalid_number');
    assert.equal(e.row, 2);
    assert.equal(e.column, 'hours');
    assert.equal(e.source, null);  // text without a name
    return true;
  });
  // A named file: the error says which file the row is in.
  await assert.rejects(gs.analyze({ activity: 'person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,x\n' }, { mode: 'strict' },
    { sourceNames: { activity: 'jan.csv' } }), (e) => {
    assert.equal(e.source, 'jan.csv');
    assert.equal(e.diagnostics[0].source, 'jan.csv');
    assert.equal(GapScoreError.fromCore(JSON.parse(JSON.stringify(e))).source, 'jan.csv');  // across postMessage
    return true;
  });
  await assert.rejects(gs.analyze({}), (e) => e.code === 'invalid_argument');
  await assert.rejects(gs.analyze({ activity: 42 }), (e) => e.code === 'invalid_argument');
  await assert.rejects(gs.analyze({ activity: sample('activity'), payroll: 'x' }), (e) => e.code === 'invalid_argument');
  // Outside review: several files in one array were read as rows, and an array of names reached the binding.
  const bytes = new TextEncoder().encode(sample('activity'));
  await assert.rejects(gs.analyze({ activity: [bytes, bytes] }), (e) => e.code === 'invalid_argument' && /session\.add/.test(e.message));
  await assert.rejects(gs.analyze({ activity: sample('activity') }, {}, { sourceNames: { activity: ['a.csv'] } }),
    (e) => e.code === 'invalid_argument' && /sourceNames\.activity/.test(e.message));
  await assert.rejects(gs.validate({ activity: sample('activity') }, {}, { sourceNames: { people: 7 } }), (e) => e.code === 'invalid_argument');
});

// Found by fuzzing: a key first seen in a later row object wrote past the end of
// the column in wasm memory. Now earlier rows miss it (or are skipped when it is required).
test('row objects whose keys first appear in a later row', async () => {
  await assert.rejects(gs.analyze({ activity: [{ date: '2025-01-06', task_type: 'a', tasks: 1, ai_tasks: 0, hours: 1 }, { person_id: null }] }),
    (e) => e.code === 'no_valid_rows');
  const rows = [
    { person_id: 'P1', date: '2025-01-06', task_type: 'a', tasks: 1, ai_tasks: 0, hours: 1 },
    { person_id: 'P2', date: '2025-01-06', task_type: 'a', tasks: 2, ai_tasks: 1, hours: 2, rework_hours: 0.5 },
  ];
  const tables = { activity: rows, people: [{ person_id: 'P1' }, { person_id: 'P2', team: 'A' }] };
  const r = await gs.analyze(tables);
  assert.deepEqual(r.groups.map((g) => g.key.team), ['(unassigned)', 'A']);
  // A 2-person organisation's report publishes no headcount and no row counts (docs/privacy.md); validation does.
  assert.equal(r.summary.people, null);
  assert.equal(r.summary.activity_rows, null);
  const v = await gs.validate(tables);
  assert.equal(v.inputs.find((t) => t.table === 'activity').rows_used, 2);
  assert.deepEqual(v.people_join, { people_in_activity: 2, missing_from_people_table: 0 });
  // A people table of other ids: the join says so (the CLI's validate then exits 1).
  const other = await gs.validate({ activity: rows, people: [{ person_id: 'E1' }, { person_id: 'E2' }] });
  assert.deepEqual(other.people_join, { people_in_activity: 2, missing_from_people_table: 2 });
  assert.equal((await gs.validate({ activity: rows })).people_join, null);
});

test('a bad optional cell of the people table keeps the person, on their team', async () => {
  const activity = 'person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,1\nP2,2025-01-06,a,2,1,2\n';
  const people = 'person_id,team,hire_date\nP1,A,2020-02-31\nP2,A,2021-03-01\n';
  const v = await gs.validate({ activity, people });
  const input = v.inputs.find((t) => t.table === 'people');
  assert.equal(input.rows_used, 2);
  assert.equal(input.rows_skipped, 0);
  const d = v.diagnostics.items.find((i) => i.code === 'invalid_date');
  assert.equal(d.severity, 'warning');
  assert.equal(d.row, 2);
  assert.match(d.message, /read as empty, the person is kept/);
  assert.deepEqual(v.people_join, { people_in_activity: 2, missing_from_people_table: 0 });
});

test('lenient runs return diagnostics with the report', async () => {
  const activity = 'person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,1\nP2,2025-01-06,a,1,0,-1\n';
  const r = await gs.analyze({ activity });
  assert.equal(r.diagnostics.items[0].code, 'out_of_range');
  assert.equal(r.diagnostics.items[0].row, 3);
  // A 1-person organisation's report publishes no row counts (docs/privacy.md); validation does.
  assert.equal(r.inputs[0].rows_skipped, null);
  assert.equal((await gs.validate({ activity })).inputs[0].rows_skipped, 1);
});

test('validate reports problems without analysing', async () => {
  const v = await gs.validate({ activity: 'person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,1\nP1,2025-01-06,a,1,0,1\n' });
  assert.equal(v.ok, true);
  assert.equal(v.diagnostics.items[0].code, 'duplicate_key');
  const bad = await gs.validate({ activity: 'nothing useful\n1\n' });
  assert.equal(bad.ok, false);
  assert.equal(bad.error[0].code, 'missing_column');
});

test('progress is reported and cancellation rejects with code cancelled', async () => {
  const phases = [];
  await gs.analyze(allTables(), undefined, { chunkBytes: 1 << 16, onProgress: (p) => phases.push(p) });
  const reads = phases.filter((p) => p.phase === 'read' && p.table === 'activity');
  assert.ok(reads.length > 10);
  assert.equal(reads.at(-1).done, reads.at(-1).total);
  assert.ok(phases.some((p) => p.phase === 'analyze'));
  const controller = new AbortController();
  const pending = gs.analyze(allTables(), undefined, {
    chunkBytes: 1 << 12,
    signal: controller.signal,
    onProgress: (p) => { if (p.done > 100000) controller.abort(); },
  });
  await assert.rejects(pending, (e) => e.code === 'cancelled');
});

test('metrics() is the catalog and sha256 matches the report digests', async () => {
  const m = gs.metrics();
  assert.ok(m.some((d) => d.name === 'adoption_rate' && d.section === 'group_metric'));
  const r = await gs.analyze({ activity: sample('activity') });
  assert.equal(gs.sha256(sample('activity')), r.inputs[0].sha256);
  assert.equal(gs.sha256('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('wasm memory stays flat over 100 analyses', async () => {
  const tables = { activity: sample('activity'), people: sample('people') };
  for (let i = 0; i < 5; i++) await gs.analyze(tables);
  const before = gs.memoryBytes();
  for (let i = 0; i < 100; i++) await gs.analyze(tables);
  assert.equal(gs.memoryBytes(), before);
});

test('wasm can be supplied by the caller', async () => {
  const dir = consumerDir();
  const wasmBinary = readFileSync(path.join(dir, 'node_modules', 'gapscore', 'dist', 'gapscore.wasm'));
  const custom = await createGapScore({ wasmBinary });
  assert.equal(custom.version, gs.version);
  const viaUrl = await createGapScore({ wasmUrl: path.join(dir, 'node_modules', 'gapscore', 'dist', 'gapscore.wasm') });
  assert.equal((await viaUrl.analyze({ activity: sample('activity') })).summary.people, 200);
  await assert.rejects(createGapScore({ wasmBinary: new Uint8Array([0, 1, 2]) }), (e) => e.code === 'wasm_load_failed');
});

/** The files `entries` import statically, transitively (import(...) calls are not followed). */
test('package is small and ships only what users need', () => {
  const dir = path.join(consumerDir(), 'node_modules', 'gapscore');
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  assert.deepEqual(Object.keys(pkg.dependencies ?? {}), []);
  // What `import 'gapscore'` loads: the modules index.js and the helper workers' script import
  // statically (gapscore/worker adds worker.js), the wasm they load. The Excel reader
  // (workbook.js, gapscore-workbook.*) is imported only when a workbook is read.
  const files = loadedFiles(path.join(dir, 'dist'));
  assert.ok(files.includes('gapscore.mjs') && files.includes('engine.js') && !files.includes('workbook.js'), files.join(', '));
  const gz = gzipBytes(path.join(dir, 'dist'), files);
  assert.ok(gz < 400 * 1024, `bundle is ${gz} bytes gzipped (${files.join(', ')})`);
  assert.ok(statSync(path.join(dir, 'dist', 'worker-thread.js')).isFile());
  assert.ok(!readFileSync(path.join(root, 'package.json'), 'utf8').includes('"dependencies"'));
});

test('differential privacy draws secure noise in wasm (crypto.getRandomValues)', async () => {
  const tables = { activity: sample('activity'), people: sample('people') };
  const a = await gs.analyze(tables, { privacy: { dp: { epsilon: 1 } } });
  const b = await gs.analyze(tables, { privacy: { dp: { epsilon: 1 } } });
  assert.equal(a.privacy.differential_privacy.noise, 'secure random source');
  assert.notDeepEqual(a.groups, b.groups);
  const seeded = await gs.reportText(tables, { privacy: { dp: { epsilon: 1, seed: 4 } } }, { sourceNames });
  assert.equal(seeded, await gs.reportText(tables, { privacy: { dp: { epsilon: 1, seed: 4 } } }, { sourceNames }));
});

test('usage exports: adoption-only reports from Node, same bytes as the CLI', async () => {
  const { readFileSync: read } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const dir = path.join(root, 'tests', 'data', 'usage');
  const file = (f) => read(path.join(dir, f));
  const r = await gs.analyze({ people: file('people.csv'), usage: [file('m365_user_detail_2025-03-30.csv'), { data: file('github_users.ndjson'), name: 'gh.ndjson' }] },
    { group_by: ['team'], privacy: { min_group_size: 3 } });
  assert.equal(r.usage.overall.metrics.population, 24);
  assert.equal(r.usage.inputs[1].source, 'gh.ndjson');
  assert.equal(r.overall.suppressed, true);
  const text = await gs.reportText({ people: file('people.csv'), usage: [{ data: file('github_users.ndjson'), name: 'github_users.ndjson' }] },
    undefined, { sourceNames: { people: 'people.csv' } });
  const native = execFileSync(path.join(root, 'build', 'native', 'tools', 'gapscore'),
    ['analyze', '--people', 'people.csv', '--usage', 'github_users.ndjson'], { cwd: dir, encoding: 'utf8' });
  assert.equal(text, native);
  await assert.rejects(gs.analyze({ people: file('people.csv'), usage: file('bad_not_usage.csv') }), (e) => e.code === 'unknown_format');
  await assert.rejects(gs.analyze({ usage: file('github_users.ndjson') }), (e) => e.code === 'invalid_argument');
});

test('analyzeColumns passes identities and usage through (an adoption report next to typed columns)', async () => {
  const dir = path.join(root, 'tests', 'data', 'usage');
  const file = (f) => readFileSync(path.join(dir, f));
  const ids = Array.from({ length: 24 }, (_, i) => `E${String(i + 1).padStart(3, '0')}`);
  const columns = {
    person_id: ids, date: ids.map(() => '2025-03-10'), task_type: ids.map(() => 'a'),
    tasks: new Float64Array(24).fill(10), ai_tasks: Float64Array.from(ids, (_, i) => ((i + 1) % 3 === 0 ? 0 : 5)), hours: new Float64Array(24).fill(8),
  };
  const usage = [{ data: file('m365_concealed_2025-03-30.csv'), name: 'concealed.csv' }];
  const people = file('people.csv');
  const viaColumns = await gs.analyzeColumns(columns, undefined, { people, usage, identities: file('identities.csv') });
  const csv = ['person_id,date,task_type,tasks,ai_tasks,hours', ...ids.map((id, i) => `${id},2025-03-10,a,10,${(i + 1) % 3 === 0 ? 0 : 5},8`)].join('\n') + '\n';
  const viaCsv = await gs.analyze({ activity: csv, people, usage, identities: file('identities.csv') });
  assert.ok(viaColumns.usage, 'the usage exports reached the engine');
  assert.equal(viaColumns.usage.inputs[0].source, 'concealed.csv');
  assert.ok(viaColumns.usage.identity.matched > 0, 'the identities table reached the engine (concealed names match only through it)');
  assert.deepEqual(viaColumns.usage.identity, viaCsv.usage.identity);
  assert.deepEqual(viaColumns.usage.groups, viaCsv.usage.groups);
  assert.ok(viaColumns.inputs.some((i) => i.table === 'identities'));
  const withoutIds = await gs.analyzeColumns(columns, undefined, { people, usage });
  assert.equal(withoutIds.usage.identity.matched, 0);
});

test('Blob and File inputs: tables and usage exports, read in slices with progress in bytes', async () => {
  const dir = path.join(root, 'tests', 'data', 'usage');
  const file = (f) => readFileSync(path.join(dir, f));
  const bytes = allTables();
  const fromBytes = await gs.reportText(bytes, undefined, { sourceNames });
  const blobs = Object.fromEntries(Object.entries(bytes).map(([t, b]) => [t, new File([b], `${t}.csv`)]));
  // A File's name is its source by default: the same bytes as the CLI's report.
  const progress = [];
  const fromFiles = await gs.reportText(blobs, undefined, { chunkBytes: 1 << 16, onProgress: (p) => progress.push(p) });
  assert.equal(fromFiles, fromBytes);
  assert.equal(fromFiles, nativeReport());
  const reads = progress.filter((p) => p.phase === 'read' && p.table === 'activity');
  assert.equal(reads.at(-1).total, bytes.activity.length, 'progress counts bytes');
  assert.equal(reads.at(-1).done, bytes.activity.length);
  assert.ok(reads.length > bytes.activity.length / (1 << 16), 'one step per slice');
  // A Blob is read one slice at a time, never whole.
  const big = new Blob([bytes.activity]);
  big.arrayBuffer = () => { throw new Error('read whole'); };
  const slices = [];
  const slice = big.slice.bind(big);
  big.slice = (a, b) => { slices.push(b - a); return slice(a, b); };
  const r = await gs.analyze({ activity: big }, undefined, { chunkBytes: 1 << 16 });
  assert.equal(r.inputs[0].sha256, gs.sha256(bytes.activity));
  assert.ok(slices.length > 1 && Math.max(...slices) <= 1 << 16, slices.join());
  // Usage exports as Blobs, bare or wrapped; progress in bytes, the File's name as source.
  const usageProgress = [];
  const u = await gs.analyze({ people: new Blob([file('people.csv')]), usage: [new File([file('github_users.ndjson')], 'gh.ndjson'), { data: new Blob([file('m365_graph.json')]), name: 'graph.json' }] },
    undefined, { chunkBytes: 1024, onProgress: (p) => usageProgress.push(p) });
  assert.deepEqual(u.usage.inputs.map((i) => i.source), ['gh.ndjson', 'graph.json']);
  const expected = await gs.analyze({ people: file('people.csv'), usage: [{ data: file('github_users.ndjson'), name: 'gh.ndjson' }, { data: file('m365_graph.json'), name: 'graph.json' }] });
  assert.deepEqual(u.usage, expected.usage);
  const usageReads = usageProgress.filter((p) => p.table === 'usage');
  assert.ok(usageReads.length > 4, 'the usage exports report progress while read');
  assert.equal(usageReads.at(-1).done, file('m365_graph.json').length);
  // analyzeColumns takes Blobs for the other tables too; validate takes them as well.
  const v = await gs.validate({ activity: new Blob(['person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,1\n']) });
  assert.equal(v.ok, true);
  await assert.rejects(gs.analyze({ activity: new Blob(['x']) }, undefined, { signal: AbortSignal.abort() }), (e) => e.code === 'cancelled');
});

test('sniff: the engine says what a file is, from its first 64 KiB only', async () => {
  const enc = (t) => new TextEncoder().encode(t);
  assert.deepEqual(await gs.sniff(enc('\ufeffEmployee;"Date, day";task_type\r\n1;2;3')),
    { format: 'csv', delimiter: ';', headers: ['Employee', 'Date, day', 'task_type'], usage_format: null, usage_certain: false, byte_order_mark: true });
  assert.deepEqual((await gs.sniff('a\tb\tc\n1\t2\t3\n')).headers, ['a', 'b', 'c']);
  assert.equal((await gs.sniff('a\tb\tc\n')).delimiter, '\t');
  // A header in Windows-1252 (Excel's "CSV" on Windows) reads as such, as the table will.
  const latin1 = (t) => Uint8Array.from(t, (c) => c.charCodeAt(0));  // É and û are one byte each (0xC9, 0xFB)
  assert.deepEqual((await gs.sniff(latin1('person_id;\u00c9quipe;co\u00fbt\r\nP1;a;1\r\n'))).headers, ['person_id', 'Équipe', 'coût']);
  const json = await gs.sniff(' [{"person_id": "a", "x": {"y": 1}}, {"z": 2}]');
  assert.deepEqual([json.format, json.headers, json.delimiter], ['json', ['person_id', 'x'], null]);
  assert.deepEqual((await gs.sniff('{"meta": {}, "rows": [{"role": "r", "task_type": "t"}]}')).headers, ['role', 'task_type']);
  assert.equal((await gs.sniff(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]).buffer)).format, 'xlsx');
  assert.equal((await gs.sniff(new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])]))).format, 'xlsx');
  assert.equal((await gs.sniff('')).format, 'empty');
  assert.equal((await gs.sniff(new Uint8Array([1, 2, 0, 3]))).format, 'binary');
  // A table wrapped in {"value": [...]} looks like Graph JSON to the engine, but not certainly.
  const wrapped = await gs.sniff('{"value": [{"person_id": "a"}]}');
  assert.deepEqual([wrapped.format, wrapped.usage_format, wrapped.usage_certain], ['json', 'm365_copilot_graph_json', false]);
  // A big File: only its head is read.
  const big = new File([sample('activity')], 'activity.csv');
  big.arrayBuffer = () => { throw new Error('read whole'); };
  const slices = [];
  const slice = big.slice.bind(big);
  big.slice = (a, b) => { slices.push([a, b]); return slice(a, b); };
  const head = await gs.sniff(big);
  assert.deepEqual(slices, [[0, 65536]]);
  assert.deepEqual([head.format, head.delimiter, head.headers.slice(0, 3)], ['csv', ',', ['person_id', 'date', 'task_type']]);
  await assert.rejects(gs.sniff(42), (e) => e.code === 'invalid_argument');
});

test('sniff recognises every AI-usage export fixture as the reader does (the CLI is the judge)', async () => {
  const { execFileSync } = await import('node:child_process');
  const dir = path.join(root, 'tests', 'data', 'usage');
  for (const name of ['m365_user_detail_2025-03-30.csv', 'm365_concealed_2025-03-30.csv', 'm365_graph.json', 'github_users.ndjson', 'github_team_engineering.json']) {
    const s = await gs.sniff(readFileSync(path.join(dir, name)));
    assert.equal(s.format, 'usage', name);
    assert.equal(s.usage_certain, true, name);
    const cli = JSON.parse(execFileSync(path.join(root, 'build', 'native', 'tools', 'gapscore'),
      ['analyze', '--people', 'people.csv', '--usage', name], { cwd: dir, encoding: 'utf8' }));
    assert.equal(s.usage_format, cli.usage.inputs[0].format, name);
  }
  for (const name of ['bad_not_usage.csv', 'people.csv', 'identities.csv']) {
    const s = await gs.sniff(readFileSync(path.join(dir, name)));
    assert.deepEqual([s.format, s.usage_format], ['csv', null], name);
  }
  assert.equal((await gs.sniff(readFileSync(path.join(dir, 'bad_empty.ndjson')))).format, 'empty');
});

test('schema() is the engine\'s input schema', () => {
  const s = gs.schema();
  assert.deepEqual(s.tables.map((t) => t.name), ['activity', 'people', 'surveys', 'playbook', 'identities']);
  const activity = s.tables[0];
  assert.equal(activity.required, true);
  assert.deepEqual(activity.columns.filter((c) => c.required_column).map((c) => c.name), ['person_id', 'date', 'task_type', 'tasks', 'ai_tasks', 'hours']);
  assert.deepEqual(activity.columns.find((c) => c.name === 'quality'),
    { name: 'quality', type: 'number', required_column: false, required_value: false, min: 0, max: 1, description: 'Quality score of the work, 0..1.' });
  const docs = readFileSync(path.join(root, 'docs', 'input-format.md'), 'utf8');
  for (const t of s.tables) for (const c of t.columns) assert.ok(docs.includes(`\`${c.name}\``), `${t.name}.${c.name} is documented`);
});

test('CODE_ALIASES: usage_error still matches invalid_argument', async () => {
  const { CODE_ALIASES } = await importFromConsumer('gapscore');
  const workerEntry = readFileSync(path.join(consumerDir(), 'node_modules', 'gapscore', 'dist', 'worker.js'), 'utf8');
  assert.match(workerEntry, /export\s*\{[^}]*CODE_ALIASES/, 'the worker entry exports CODE_ALIASES');
  assert.equal(CODE_ALIASES.usage_error, 'invalid_argument');
  await assert.rejects(gs.analyze({}), (e) => e.is('usage_error') && e.is('invalid_argument') && !e.is('cancelled'));
});
