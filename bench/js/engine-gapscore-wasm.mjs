// gapscore's npm package (dist/) in Node: CSV bytes of all four tables → the
// full report (every metric, statistic and section; group_by team), as a
// portal calls it, with `--workers N` readers (N − 1 worker_threads helpers).
// Module load and one warm-up run on a 200 KB slice are outside the timing.
// The first full-size call of the process is timed as first_seconds, a second
// one as seconds (warm: helpers started, V8 tiered up); BENCH_FIRST=0 skips
// the first (then "seconds" is a first call after the small warm-up).
import { childArgs, cpu, emit, heapAtOnce, now, peakRssMb, readTables, rssMb, warmupTables, writeCheck } from './common.mjs';

const { createGapScore } = await import(new URL('../../dist/index.js', import.meta.url));
const { dir, checkFile, workers } = childArgs();
const config = { group_by: ['team'] };

const t0 = now();
const gs = await createGapScore({ workers });
await gs.analyze(warmupTables(dir), config);
const initSeconds = now() - t0;

const rssBaseline = rssMb();
const tables = readTables(dir);
// The native driver's source names, so that the two reports can be compared byte for byte.
const sourceNames = Object.fromEntries(Object.keys(tables).map((t) => [t, `${t}.csv`]));

async function timed() {
  let reportStart = 0;
  const onProgress = ({ phase, done }) => { if ((phase === 'merge' || phase === 'analyze') && done === 0 && !reportStart) reportStart = now(); };
  const cpuStart = cpu();
  const start = now();
  const s = await gs.open(tables, config, { onProgress, sourceNames });
  const readEnd = now();
  const text = await s.reportText();
  const report = JSON.parse(text);  // what analyze() returns: the parsed report
  const end = now();
  const info = s.info;
  const mainBytes = gs.memoryBytes();  // before close(), which may replace this thread's instance
  s.close();
  return { text, report, info, mainBytes, heap: heapAtOnce(info, mainBytes), seconds: end - start, cpuSeconds: cpu() - cpuStart, ingest: (reportStart || readEnd) - start, merge: readEnd - (reportStart || readEnd), compute: end - readEnd };
}

const first = process.env.BENCH_FIRST === '0' ? null : await timed();
const run = await timed();

// Re-analysis from a session's retained state (a settings change in a portal): new grouping,
// with the default 2000 bootstrap resamples and with the minimum 100 (the rest of the work).
const s = await gs.open(tables, config);
await s.reportText();
const reanalyze = async (c) => { const t = now(); await s.reanalyze(c); return now() - t; };
await reanalyze({ group_by: ['work_mode'] });  // warm-up
const reanalyzeSeconds = await reanalyze({ group_by: ['role'] });
const reanalyzeFewResamplesSeconds = await reanalyze({ group_by: ['role'], bootstrap: { resamples: 100 } });
s.close();

writeCheck(checkFile, run.text);
emit({
  seconds: run.seconds,
  first_seconds: first?.seconds ?? null,
  cpu_seconds: run.cpuSeconds,
  ingest_seconds: run.ingest,
  merge_seconds: run.merge,
  report_seconds: run.compute,
  reanalyze_seconds: reanalyzeSeconds,
  reanalyze_100_resamples_seconds: reanalyzeFewResamplesSeconds,
  init_seconds: initSeconds,
  groups: run.report.groups.length,
  report_bytes: run.text.length,
  rss_baseline_mb: rssBaseline,
  peak_rss_mb: peakRssMb(),
  // This thread's wasm memory and each helper's (each instance's memory never shrinks: these are peaks).
  wasm_heap_mb: run.mainBytes / 2 ** 20,
  wasm_heap_workers_mb: [run.mainBytes, ...run.info.helperHeapBytes].map((b) => b / 2 ** 20),
  wasm_heap_sum_mb: (run.mainBytes + run.info.helperHeapBytes.reduce((a, b) => a + b, 0)) / 2 ** 20,
  // Every instance's memory at once (heapAtOnce): in the process's first full-size analysis, and in
  // the second (this thread's instance, grown past helperKeepBytes by the first, was replaced when it closed).
  wasm_heap_at_once_first_mb: first ? first.heap / 2 ** 20 : null,
  wasm_heap_at_once_mb: run.heap / 2 ** 20,
  readers: run.info.readers,
  digest: run.info.digest,
  version: gs.version,
  threads: run.info.readers,
});
gs.terminateWorkers();
