// The npm package, installed from its tarball, in Node 20 ESM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { consumerDir, importFromConsumer, nativeReport, root, sample } from './helpers.mjs';

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
    return true;
  });
  await assert.rejects(gs.analyze({}), (e) => e.code === 'invalid_argument');
  await assert.rejects(gs.analyze({ activity: 42 }), (e) => e.code === 'invalid_argument');
  await assert.rejects(gs.analyze({ activity: sample('activity'), payroll: 'x' }), (e) => e.code === 'invalid_argument');
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
  const r = await gs.analyze({ activity: rows, people: [{ person_id: 'P1' }, { person_id: 'P2', team: 'A' }] });
  assert.equal(r.summary.people, 2);
  assert.equal(r.summary.activity_rows, 2);
  assert.deepEqual(r.groups.map((g) => g.key.team), ['(unassigned)', 'A']);
});

test('lenient runs return diagnostics with the report', async () => {
  const r = await gs.analyze({ activity: 'person_id,date,task_type,tasks,ai_tasks,hours\nP1,2025-01-06,a,1,0,1\nP2,2025-01-06,a,1,0,-1\n' });
  assert.equal(r.inputs[0].rows_skipped, 1);
  assert.equal(r.diagnostics.items[0].code, 'out_of_range');
  assert.equal(r.diagnostics.items[0].row, 3);
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

test('package is small and ships only what users need', () => {
  const dir = path.join(consumerDir(), 'node_modules', 'gapscore');
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  assert.deepEqual(Object.keys(pkg.dependencies ?? {}), []);
  const gz = ['dist/gapscore.wasm', 'dist/gapscore.mjs', 'dist/index.js', 'dist/engine.js', 'dist/inputs.js', 'dist/loader.js', 'dist/errors.js']
    .reduce((n, f) => n + gzipSync(readFileSync(path.join(dir, f))).length, 0);
  assert.ok(gz < 400 * 1024, `bundle is ${gz} bytes gzipped`);
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
