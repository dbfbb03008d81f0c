// gapscore's npm package (dist/) in Node: CSV bytes of all four tables → the
// full report (every metric, statistic and section; group_by team), as a
// portal calls it. Module load and one warm-up run are outside the timing.
import { childArgs, cpu, emit, now, peakRssMb, readTables, rssMb, warmupTables, writeCheck } from './common.mjs';

const { createGapScore } = await import(new URL('../../dist/index.js', import.meta.url));
const { dir, checkFile } = childArgs();
const config = { group_by: ['team'] };

const t0 = now();
const gs = await createGapScore();
await gs.analyze(warmupTables(dir), config);
const initSeconds = now() - t0;

const rssBaseline = rssMb();
const tables = readTables(dir);
let reportStart = 0;
const onProgress = ({ phase, done }) => { if (phase === 'analyze' && done === 0) reportStart = now(); };
const cpuStart = cpu();
const start = now();
const text = await gs.reportText(tables, config, { onProgress });
const report = JSON.parse(text);  // what analyze() returns: the parsed report
const end = now();
const cpuSeconds = cpu() - cpuStart;

writeCheck(checkFile, text);
emit({
  seconds: end - start,
  cpu_seconds: cpuSeconds,
  ingest_seconds: reportStart - start,
  report_seconds: end - reportStart,
  init_seconds: initSeconds,
  groups: report.groups.length,
  report_bytes: text.length,
  rss_baseline_mb: rssBaseline,
  peak_rss_mb: peakRssMb(),
  wasm_heap_mb: gs.memoryBytes() / 2 ** 20,
  version: gs.version,
});
