// The npm package's privacy-budget ledger store (protection dp, docs/privacy.md):
// each report spends from the store the caller passes, a release past
// privacy.dp.total_epsilon is refused, and a refused release stores nothing.
// The same through gapscore/worker is in worker.test.mjs' scope (browser); here
// the in-thread API and the generated salt callback.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { importFromConsumer, sample } from './helpers.mjs';

const { createGapScore, GapScoreError } = await importFromConsumer('gapscore');
const gs = await createGapScore();
const tables = () => ({ activity: sample('activity'), people: sample('people') });
const config = { privacy: { dp: { epsilon: 1, total_epsilon: 2 } } };

test('the ledger store refuses a release past total_epsilon', async () => {
  let stored = null;
  const writes = [];
  const ledger = { get: async () => stored, set: async (text) => { stored = text; writes.push(text); } };
  for (const run of [1, 2]) {
    const report = await gs.analyze(tables(), config, { ledger });
    assert.equal(report.privacy.differential_privacy.ledger.releases, run);
    assert.equal(report.privacy.differential_privacy.ledger.spent_epsilon, run);
  }
  assert.equal(writes.length, 2);
  await assert.rejects(gs.analyze(tables(), config, { ledger }), (e) => {
    assert.ok(e instanceof GapScoreError);
    assert.equal(e.code, 'privacy_budget_exhausted');
    return true;
  });
  assert.equal(writes.length, 2, 'a refused release stores nothing');
  // A store holding something else is refused, not reset.
  await assert.rejects(gs.analyze(tables(), config, { ledger: { get: () => '{"x": 1}', set: () => {} } }),
    (e) => e.code === 'privacy_ledger_invalid');
});

test('"salt": "generate" hands the salt to onGeneratedSalt, never into the report', async () => {
  let salt = null;
  const report = await gs.reportText(tables(), { privacy: { protection: 'cell_key', salt: 'generate' } },
    { onGeneratedSalt: (s) => { salt = s; } });
  assert.match(salt, /^[0-9a-f]{32}$/);
  assert.ok(!report.includes(salt));
  // The same salt again gives the same cell-key noise.
  const again = await gs.reportText(tables(), { privacy: { protection: 'cell_key', salt } });
  assert.equal(JSON.parse(again).groups.length, JSON.parse(report).groups.length);
  assert.deepEqual(JSON.parse(again).groups, JSON.parse(report).groups);
});
