// Real inputs through the npm package (issue 20): a Viva Insights person query
// alone makes an adoption-only report with usage segments and the maturity
// stage; dates as exported and GitHub's pretty-printed users report read as
// the CLI reads them: byte-identical report text (the CLI is the judge).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { cli, importFromConsumer, root } from './helpers.mjs';

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
