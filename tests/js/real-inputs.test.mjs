// Real inputs through the npm package (issue 20): a Viva Insights person query
// alone makes an adoption-only report with usage segments and the maturity
// stage; dates as exported and GitHub's pretty-printed users report read as
// the CLI reads them: byte-identical report text (the CLI is the judge).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { cli, importFromConsumer, root, sample } from './helpers.mjs';

const { createGapScore, GapScoreError } = await importFromConsumer('gapscore');
const gs = await createGapScore();
const data = (name) => path.join(root, 'tests', 'data', 'inputs', name);
const native = (args) => execFileSync(cli, ['analyze', ...args, '--threads', '1'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();

test('a person query alone: segments and maturity per Organization, as the CLI reports them', async () => {
  const file = data('viva_person_query.csv');
  const text = await gs.reportText({ usage: [{ data: readFileSync(file), name: file }] }, { group_by: ['Organization'] });
  assert.equal(text, native(['--usage', file, '--group-by', 'Organization']));
  const u = JSON.parse(text).usage;
  const want = JSON.parse(readFileSync(data('segments_expected.json'), 'utf8'));
  assert.equal(u.inputs[0].format, 'viva_person_query');
  assert.equal(u.segments_window.weeks, want.weeks);
  for (const [segment, people] of Object.entries(want.overall)) assert.equal(u.overall.segments[segment], people, segment);
  assert.equal(u.overall.maturity.stage, 'initial_rollout');
  assert.deepEqual(u.groups.map((g) => g.key.Organization), ['Engineering', 'Finance', 'Sales']);
});

test('dates as exported and the 28-day users report give the CLI\'s bytes', async () => {
  const activity = data('activity_dates_excel_serial.csv');
  const report = data('github_users_report_28day.json');
  const text = await gs.reportText({ activity: readFileSync(activity), usage: [{ data: readFileSync(report), name: report }] }, {},
    { sourceNames: { activity } });
  assert.equal(text, native(['--activity', activity, '--usage', report]));
  const r = JSON.parse(text);
  assert.equal(r.inputs[0].date_format, 'excel_serial');
  assert.equal(r.usage.inputs[0].format, 'github_copilot_users_report');
});

test('ambiguous dates are a structured error naming the column', async () => {
  await assert.rejects(gs.reportText({ activity: readFileSync(data('activity_dates_ambiguous.csv')) }), (e) => {
    assert.ok(e instanceof GapScoreError);
    assert.equal(e.code, 'ambiguous_date');
    assert.equal(e.column, 'date');
    assert.match(e.message, /date_formats/);
    return true;
  });
});

// Excel's "CSV" on Windows writes Windows-1252: here the activity's task types and the people
// table's team names have accents and a dash. Read again as such by itself, whatever the readers
// and the input form, with the CLI's bytes (the CLI does the same); validate() agrees.
test('Windows-1252 tables are read again as such: the CLI\'s bytes, 1 and 2 workers, bytes and Blob', async (t) => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const latin1 = (text) => Buffer.from(text.replace(/–/g, '\x96'), 'latin1');  // en dash: 0x96 in Windows-1252
  const sampleText = (table) => readFileSync(path.join(root, 'web-demo', 'sample', `${table}.csv`), 'latin1');
  const activity = latin1(sampleText('activity').replaceAll(',planning,', ',planificación,'));
  const people = latin1(sampleText('people').replaceAll(',Engineering,', ',Ingénierie – Zürich,'));
  assert.ok(activity.includes(0xf3) && people.includes(0x96));
  const dir = mkdtempSync(path.join(tmpdir(), 'gapscore-1252-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'activity.csv'), activity);
  writeFileSync(path.join(dir, 'people.csv'), people);
  const want = execFileSync(cli, ['analyze', '--activity', 'activity.csv', '--people', 'people.csv', '--threads', '1'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const r = JSON.parse(want);
  assert.deepEqual(r.config.encodings, { activity: 'windows-1252', people: 'windows-1252' });
  assert.ok(r.groups.some((g) => g.key.team === 'Ingénierie – Zürich'));
  const sourceNames = { activity: 'activity.csv', people: 'people.csv' };
  for (const workers of [1, 2]) {
    const two = await createGapScore({ workers, minParallelBytes: 1 });
    for (const [form, tables] of [['bytes', { activity, people }], ['Blob', { activity: new Blob([activity]), people: new Blob([people]) }]]) {
      await t.test(`${workers} worker(s), ${form}`, async () => {
        const s = await two.open(tables, {}, { sourceNames });
        try {
          assert.equal(s.info.readers, workers);
          const state = await s.saveState();
          assert.equal(await s.reportText(), want);
          // New settings that do not name the encodings keep the reading's (no second read), and a
          // saved state loads with a config that does not name them either.
          const byRole = await s.reanalyze({ group_by: ['role'] });
          assert.deepEqual(byRole.config.encodings, { activity: 'windows-1252', people: 'windows-1252' });
          const again = await two.loadState(state, {});
          try {
            assert.equal(await again.reportText(), want);
          } finally {
            again.close();
          }
        } finally {
          s.close();
        }
      });
    }
  }
  const v = await gs.validate({ activity, people });
  assert.equal(v.ok, true, JSON.stringify(v.error));
  // Named in the config, it is read as such at once; a table that is UTF-8 with a bad byte later stays an error.
  const named = await gs.reportText({ activity, people }, { encodings: { activity: 'cp1252', people: 'latin1' } }, { sourceNames });
  assert.equal(named, want);
  const damaged = Buffer.concat([Buffer.from(sampleText('people').replace(',Engineering,', ',Ingénierie,'), 'utf8'),
    Buffer.from('P99999,Z\xfcrich,analyst,remote,,true,2020-01-01,X\n', 'latin1')]);
  await assert.rejects(gs.analyze({ activity: sample('activity'), people: damaged }), (e) => e.code === 'invalid_utf8' && e.table === 'people');
});

test('an id written with a combining accent is the person typed: one person, the CLI\'s bytes, 1 and 2 workers', async (t) => {
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  // "Andre" + U+0301 (as some macOS tools write it) and "André" typed: the two spellings would go to
  // different readers of 2 if read as written.
  const nfc = 'Andr\u00e9', nfd = 'Andre\u0301';
  const text = (table) => sample(table).toString('utf8');
  let row = 0;
  const activityMixed = text('activity').replace(/^P00001,/gm, () => ((row++ % 2) ? nfd : nfc) + ',');
  const activityTyped = text('activity').replace(/^P00001,/gm, nfc + ',');
  const people = text('people').replace(/^P00001,/m, nfc + ',').replace(/,P00001,/g, () => ((row++ % 2) ? `,${nfd},` : `,${nfc},`));
  assert.ok(row > 4 && activityMixed.includes(nfd) && people.includes(nfd));
  const dir = mkdtempSync(path.join(tmpdir(), 'gapscore-nfd-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'activity.csv'), activityMixed);
  writeFileSync(path.join(dir, 'typed.csv'), activityTyped);
  writeFileSync(path.join(dir, 'people.csv'), people);
  const cliReport = (activityFile) => execFileSync(cli, ['analyze', '--activity', activityFile, '--people', 'people.csv', '--threads', '1'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const want = cliReport('activity.csv');
  const mixed = JSON.parse(want), typed = JSON.parse(cliReport('typed.csv'));
  assert.ok(!want.includes(nfd));
  assert.deepEqual(mixed.summary, typed.summary);
  assert.deepEqual(mixed.groups, typed.groups);
  assert.equal(mixed.summary.people_missing_from_people_table, 0);
  for (const workers of [1, 2]) {
    await t.test(`${workers} worker(s)`, async () => {
      const engine = await createGapScore({ workers, minParallelBytes: 1 });
      const s = await engine.open({ activity: Buffer.from(activityMixed), people: Buffer.from(people) }, {},
        { sourceNames: { activity: 'activity.csv', people: 'people.csv' } });
      try {
        assert.equal(s.info.readers, workers);
        assert.equal(await s.reportText(), want);
      } finally {
        s.close();
      }
    });
  }
});
