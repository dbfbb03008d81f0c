// An input that needs more memory than the engine can have is an error with a
// code (out_of_memory), not a bare "Aborted()" trap, in this thread and in a
// helper; and the next call works on a new instance. The module here is the
// package's, linked with 64 MiB of memory at most (wasm/CMakeLists.txt,
// gapscore_small_heap_wasm), so that a 14 MB file is enough to run out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { importFromConsumer, nativeReport, root, sample } from './helpers.mjs';

const { createGapScore } = await importFromConsumer('gapscore');
const wasmBinary = readFileSync(path.join(root, 'build', 'wasm', 'wasm', 'gapscore-small-heap.wasm'));
const sourceNames = { activity: 'activity.csv', people: 'people.csv', surveys: 'surveys.csv', playbook: 'playbook.csv' };
const sampleTables = () => Object.fromEntries(Object.keys(sourceNames).map((t) => [t, sample(t)]));

// 400,000 people with one row each: per-person state far past 64 MiB.
function manyPeople(n = 400_000) {
  const rows = ['person_id,date,task_type,tasks,ai_tasks,hours'];
  for (let i = 0; i < n; i += 1) rows.push(`P${i},2025-03-${String(1 + (i % 28)).padStart(2, '0')},coding,2,1,1.5`);
  return new TextEncoder().encode(`${rows.join('\n')}\n`);
}

for (const workers of [1, 2]) {
  test(`out of memory with ${workers} reader(s): code out_of_memory, then the next analysis works`, async () => {
    const gs = await createGapScore({ wasmBinary, workers, minParallelBytes: 1 });
    try {
      await assert.rejects(gs.analyze({ activity: manyPeople() }), (e) => {
        assert.equal(e.name, 'GapScoreError');
        assert.equal(e.code, 'out_of_memory', e.message);
        assert.match(e.message, /more memory than the engine can have/);
        return true;
      });
      // A new instance: the sample's report, byte for byte the CLI's.
      assert.equal(await gs.reportText(sampleTables(), undefined, { sourceNames, workers: 1 }), nativeReport());
    } finally {
      gs.terminateWorkers();
    }
  });
}
