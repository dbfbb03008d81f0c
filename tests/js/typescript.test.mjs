// A TypeScript consumer compiled with "strict" against the shipped .d.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { consumerDir, root } from './helpers.mjs';

test('the type declarations compile under strict TypeScript', () => {
  const dir = path.join(consumerDir(), 'ts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM'], skipLibCheck: false, exactOptionalPropertyTypes: true },
    include: ['consumer.ts'],
  }));
  writeFileSync(path.join(dir, 'consumer.ts'), `
import { createGapScore, GapScoreError, type Report, type Config, type Progress, type Sniff, type InputSchema, type LedgerStore } from 'gapscore';
import { createGapScoreWorker, CODE_ALIASES, type GapScoreWorker, type WorkerSession } from 'gapscore/worker';

export async function main(csv: string, file: File): Promise<number | null> {
  const gs = await createGapScore({ wasmUrl: '/gapscore.wasm' });
  const config: Config = { group_by: ['team', 'work_mode'], privacy: { min_group_size: 5, dp: { epsilon: 1 } }, period: 'month',
    usage: { identity: 'email' }, rollout: { by: 'team', dates: { Sales: '2025-02-03' } } };
  const seen: Progress[] = [];
  const report: Report = await gs.analyze({ activity: csv, people: file, usage: [{ data: file, name: 'copilot.csv' }] }, config,
    { onProgress: (p) => seen.push(p) });
  // Hidden groups carry a reason instead of figures: narrowing on \`suppressed\` is required.
  const first = report.groups[0];
  const adoption: number | null = first && !first.suppressed ? first.metrics.adoption_rate : null;
  const reason: string | null = first && first.suppressed ? first.reason : null;
  const score: number | null = report.overall.suppressed ? null : report.overall.score.value;
  const hidden: number = report.privacy.suppressed_groups;
  const rows: number | null = report.summary.activity_rows;
  const sniffed: Sniff = await gs.sniff(file);
  const delimiter: ',' | ';' | '\t' | null = sniffed.format === 'csv' ? sniffed.delimiter : null;
  const schema: InputSchema = gs.schema();
  const required: string[] = schema.tables.flatMap((t) => t.columns.filter((c) => c.required_column).map((c) => c.name));
  const names: string[] = gs.metrics().map((m) => m.name);
  await gs.analyzeColumns({ person_id: ['P1'], tasks: new Float64Array([1]) }, config, { people: file, identities: csv, usage: file });
  try {
    await gs.analyze({ activity: new Uint8Array(0) });
  } catch (e) {
    if (e instanceof GapScoreError) {
      const code: string = e.code;
      const row: number | null = e.row;
      void code; void row;
    }
  }
  const w: GapScoreWorker = await createGapScoreWorker({ hardCancel: true, hardCancelAfterMs: 200,
    createWorker: () => new Worker(new URL('gapscore/worker-thread.js', import.meta.url), { type: 'module' }) });
  const fromWorker: Report = await w.analyzeColumns({ person_id: ['P1'], tasks: new Float64Array([1]) }, config, { transfer: false });
  const inWorker: Sniff = await w.sniff(file.slice(0, 100));
  // A worker session's releases take the privacy-budget ledger store (protection dp).
  const store: LedgerStore = { get: () => localStorage.getItem('ledger'), set: (text) => localStorage.setItem('ledger', text) };
  const session: WorkerSession = await w.open({ activity: file }, { privacy: { dp: { epsilon: 1, total_epsilon: 3 } } });
  const released: Report = await session.report({ ledger: store });
  const again: Report = await session.reanalyze({ group_by: ['role'] }, { ledger: store, signal: new AbortController().signal });
  void released; void again;
  const schemaInWorker: InputSchema = await w.schema();
  const alias: string | undefined = CODE_ALIASES['usage_error'];
  w.terminate();
  void names; void fromWorker; void score; void reason; void hidden; void rows; void delimiter; void required; void inWorker; void schemaInWorker; void alias;
  return adoption;
}
`);
  const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
  let output = '';
  try {
    output = execFileSync(tsc, ['-p', dir], { encoding: 'utf8' });
  } catch (e) {
    output = (e.stdout ?? '') + (e.stderr ?? '');
    assert.fail('tsc failed:\n' + output);
  }
  assert.equal(output.trim(), '');
  // And a misuse must be a type error (the types are not just `any`).
  writeFileSync(path.join(dir, 'consumer.ts'), `
import { createGapScore } from 'gapscore';
export async function bad() { const gs = await createGapScore(); await gs.analyze({ activity: 'x' }, { group_by: 'team', period: 'fortnight' }); }
`);
  assert.throws(() => execFileSync(tsc, ['-p', dir], { encoding: 'utf8', stdio: 'pipe' }));
});
