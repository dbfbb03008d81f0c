// Helpers shared by the engine child processes (bench/js/engine-*.mjs). Each
// child measures one run and prints one JSON line on stdout; run.mjs collects them.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const TABLES = ['activity', 'people', 'surveys', 'playbook'];

// Child arguments: DIR [--check FILE] [--workers N] [--dedup] (--check: also write the
// per-team headline metrics, or the whole report, to FILE for run.mjs to compare;
// --workers: gapscore's readers; --dedup: the activity repeats keys, keep the first row of each).
export function childArgs() {
  const [dir, ...rest] = process.argv.slice(2);
  if (!dir) throw new Error('usage: engine-*.mjs DIR [--check FILE] [--workers N] [--dedup]');
  const value = (flag) => { const i = rest.indexOf(flag); return i >= 0 ? rest[i + 1] : null; };
  return { dir, checkFile: value('--check'), workers: Number(value('--workers') ?? 1), dedup: rest.includes('--dedup') };
}

/** Reads DIR/<table>.csv for the given tables (missing optional ones are skipped). */
export function readTables(dir, tables = TABLES) {
  const out = {};
  for (const t of tables) {
    const path = join(dir, `${t}.csv`);
    if (existsSync(path)) out[t] = new Uint8Array(readFileSync(path));
  }
  return out;
}

/** A small input of the same shape for warming up the engine (JIT, lazy init). */
export function warmupTables(dir, tables = TABLES, activityBytes = 200_000) {
  const all = readTables(dir, tables);
  const a = all.activity;
  if (a.length > activityBytes) {
    let end = activityBytes;
    while (a[end - 1] !== 10) end -= 1;  // cut after a newline
    all.activity = a.slice(0, end);
  }
  return all;
}

export const rssMb = () => process.memoryUsage().rss / 2 ** 20;
// Peak resident set size of this process so far (getrusage ru_maxrss).
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
export const now = () => performance.now() / 1000;
// CPU seconds (user + system, all threads of the process) so far: less sensitive
// than wall time to other work on the machine.
export const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

export function emit(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function writeCheck(file, value) {
  if (file) writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * What the alternative engines report after their timed run: the per-team rows
 * for the equality check, and the timings and memory in run.mjs's format.
 */
export function emitAlternative({ checkFile, rows, load, query, total, cpuSeconds, initSeconds, rssBaseline, ...extra }) {
  writeCheck(checkFile, Object.fromEntries(rows.map(({ team, ...m }) => [team, m])));
  emit({
    seconds: total,
    cpu_seconds: cpuSeconds,
    ingest_seconds: load,
    report_seconds: query,
    init_seconds: initSeconds,
    groups: rows.length,
    rss_baseline_mb: rssBaseline,
    peak_rss_mb: peakRssMb(),
    wasm_heap_mb: null,
    ...extra,
  });
}

// The headline per-team metrics the alternatives compute (docs/metrics.md).
export const HEADLINE = ['headcount', 'adoption_rate', 'ai_task_share', 'time_saved_hours', 'rework_rate',
  'quality_adjusted_output_per_hour', 'error_rate'];

/**
 * The wasm memory of every instance at once, at its largest during one read + report (bytes), from a
 * session's info and this thread's memory before close(). Memories never shrink, so each helper's size
 * at the end of its read is its largest, and this thread's size when the last helper's state arrived is
 * its largest until then; after that, ended helpers (helpersKept false) hold nothing, kept ones what they
 * had. A browser's hashing helper counts while it lived (heapBytesWhileHashing).
 */
export function heapAtOnce(info, mainBytes) {
  const helpers = info.helperHeapBytes.reduce((a, b) => a + b, 0);
  const kept = info.helperHeapBytes.reduce((a, b, i) => a + (info.helpersKept[i] ? b : 0), 0);
  return Math.max(info.heapBytesWhileHashing ?? 0, info.heapBytesAtHandoff + helpers, mainBytes + kept);
}
