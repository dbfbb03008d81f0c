// End-to-end benchmark: CSV bytes → per-team results, for gapscore (native
// driver and wasm in Node) and what a portal developer would pick instead
// (DuckDB-WASM, Arquero). Every measurement is its own child process, so
// peak RSS is per engine and run; repeats are interleaved across engines so
// a change in machine load hits them alike. Writes bench/results/e2e.json.
//
// Two datasets per size: "sorted" (the generator's export, by person and date) and
// "shuffled" (bench/js/shuffle-data.mjs: rows in random order, about 4 % repeated
// person x date x task keys, team/role/work_mode inline; the alternatives then keep
// the first row of each key, as gapscore does). On request a third, "quoted": the
// shuffled rows with every field in quotes, as some exporters write them.
//
// Env: BENCH_SIZES (default 10k,100k,1M,5M activity rows), BENCH_REPEATS (3),
//      BENCH_ORDERS (default sorted,shuffled; also quoted),
//      BENCH_ENGINES (default native,wasm,wasm-2,duckdb-wasm,arquero; also wasm-4),
//      GAPSCORE_CLI / GAPSCORE_E2E (default build/bench/...), BENCH_OUT.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipBytes, loadedFiles } from './bundle.mjs';
import { HEADLINE } from './common.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const here = (p) => join(root, p);
const env = process.env;
const cli = resolve(env.GAPSCORE_CLI ?? here('build/bench/tools/gapscore'));
const driver = resolve(env.GAPSCORE_E2E ?? here('build/bench/bench/gapscore_e2e'));
const dataRoot = here('build/bench/data');
const outFile = resolve(env.BENCH_OUT ?? here('bench/results/e2e.json'));
const repeats = Number(env.BENCH_REPEATS ?? 3);
const sizeLabels = (env.BENCH_SIZES ?? '10k,100k,1M,5M').split(',').map((s) => s.trim()).filter(Boolean);
const engineNames = (env.BENCH_ENGINES ?? 'native,wasm,wasm-2,duckdb-wasm,arquero').split(',').map((s) => s.trim());
const orders = (env.BENCH_ORDERS ?? 'sorted,shuffled').split(',').map((s) => s.trim()).filter(Boolean);
const NODE_FLAGS = ['--max-old-space-size=16384'];  // room for Arquero's JS objects at 5M rows

const ENGINES = {
  native: { label: 'gapscore native', tables: 'all', cmd: (dir, check) => [driver, [dir, ...(check ? [check] : [])]] },
  wasm: { label: 'gapscore wasm (Node), 1 worker', tables: 'all', script: 'engine-gapscore-wasm.mjs', args: ['--workers', '1'] },
  'wasm-2': { label: 'gapscore wasm (Node), 2 workers', tables: 'all', script: 'engine-gapscore-wasm.mjs', args: ['--workers', '2'] },
  // Not in the default list: on a 2-core machine 4 readers share 2 cores.
  'wasm-4': { label: 'gapscore wasm (Node), 4 workers', tables: 'all', script: 'engine-gapscore-wasm.mjs', args: ['--workers', '4'] },
  'duckdb-wasm': { label: 'DuckDB-WASM', tables: 'activity+people', script: 'engine-duckdb-wasm.mjs' },
  arquero: { label: 'Arquero', tables: 'activity+people', script: 'engine-arquero.mjs' },
};

function parseSize(label) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(label);
  if (!m) throw new Error(`BENCH_SIZES: cannot read "${label}" (use e.g. 10k, 1M)`);
  return Math.round(Number(m[1]) * { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2]]);
}

const sh = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const trySh = (cmd, args) => { try { return sh(cmd, args); } catch { return null; } };

// Generated data is cached per size; regenerated when the CLI (and so maybe the generator) changed.
function generate(dir, people) {
  const stamp = join(dir, 'stamp.json');
  const want = JSON.stringify({ people, days: 90, seed: 1 });
  const fresh = existsSync(stamp) && readFileSync(stamp, 'utf8') === want && statSync(stamp).mtimeMs > statSync(cli).mtimeMs;
  if (!fresh) {
    rmSync(dir, { recursive: true, force: true });
    console.error(`generating ${dir}: gapscore generate --people ${people} --days 90 --seed 1`);
    execFileSync(cli, ['generate', '--people', String(people), '--days', '90', '--seed', '1', '--out', dir], { stdio: 'ignore' });
    writeFileSync(stamp, want);
  }
  return readFileSync(join(dir, 'activity.csv')).reduce((n, b) => n + (b === 10), 0) - 1;
}

// Activity rows per person for 90 days, measured on a small organisation.
let rowsPerPerson = null;
function ensureData(label, rows, order) {
  rowsPerPerson ??= generate(join(dataRoot, 'calibrate'), 200) / 200;
  const people = Math.max(5, Math.round(rows / rowsPerPerson));
  const sorted = join(dataRoot, label);
  let activityRows = generate(sorted, people);
  let dir = sorted;
  if (order === 'shuffled' || order === 'quoted') {
    dir = join(dataRoot, `${label}-${order}`);
    const stamp = join(dir, 'stamp.json');
    if (!existsSync(stamp) || statSync(stamp).mtimeMs < statSync(join(sorted, 'stamp.json')).mtimeMs) {
      rmSync(dir, { recursive: true, force: true });
      const quote = order === 'quoted' ? ['--quote-all'] : [];
      console.error(`shuffling ${sorted} -> ${dir}: node bench/js/shuffle-data.mjs ${sorted} ${dir} ${quote.join(' ')}`);
      execFileSync(process.execPath, ['--max-old-space-size=16384', join(root, 'bench/js/shuffle-data.mjs'), sorted, dir, ...quote], { stdio: 'inherit' });
      writeFileSync(stamp, readFileSync(join(sorted, 'stamp.json')));
    }
    activityRows = readFileSync(join(dir, 'activity.csv')).reduce((n, b) => n + (b === 10), 0) - 1;
  }
  const bytes = (t) => (existsSync(join(dir, `${t}.csv`)) ? statSync(join(dir, `${t}.csv`)).size : 0);
  return {
    dir, people, activityRows,
    bytes: { all: ['activity', 'people', 'surveys', 'playbook'].reduce((s, t) => s + bytes(t), 0), 'activity+people': bytes('activity') + bytes('people') },
    activityBytes: bytes('activity'),
  };
}

function runOnce(name, dir, checkFile, order) {
  const e = ENGINES[name];
  const extra = [...(e.args ?? []), ...(order === 'sorted' ? [] : ['--dedup'])];
  const [cmd, args] = e.cmd ? e.cmd(dir, checkFile) : [process.execPath, [...NODE_FLAGS, join(root, 'bench/js', e.script), dir, ...(checkFile ? ['--check', checkFile] : []), ...extra]];
  const load = os.loadavg()[0];
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = (r.stdout ?? '').trim().split('\n').pop();
  if (r.status !== 0 || !line?.startsWith('{')) {
    return { error: `exit ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  }
  return { ...JSON.parse(line), loadavg_1m: load };
}

// Headline metrics of every non-suppressed group in a gapscore report, by team.
function fromReport(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const out = {};
  for (const g of report.groups) {
    if (g.suppressed) continue;
    out[g.key.team] = Object.fromEntries(HEADLINE.map((k) => [k, g.metrics[k]]));
  }
  return out;
}

// Do the alternatives compute the same numbers as gapscore? (relative 1e-9)
function compare(reference, other) {
  let compared = 0;
  const mismatches = [];
  for (const [team, ref] of Object.entries(reference)) {
    const got = other[team];
    if (!got) { mismatches.push(`${team}: missing`); continue; }
    for (const k of HEADLINE) {
      if (ref[k] == null) continue;
      compared += 1;
      if (!(Math.abs(got[k] - ref[k]) <= 1e-9 * Math.max(1, Math.abs(ref[k])))) mismatches.push(`${team}.${k}: ${got[k]} vs ${ref[k]}`);
    }
  }
  return { values_compared: compared, mismatches: mismatches.slice(0, 10), ok: compared > 0 && mismatches.length === 0 };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };

function summarise(runs, data, tables) {
  const ok = runs.filter((r) => !r.error);
  if (ok.length === 0) return { error: runs[0]?.error ?? 'not run', runs: [] };
  const secs = ok.map((r) => r.seconds);
  const med = median(secs);
  const max = (k) => (ok.some((r) => r[k] != null) ? Math.max(...ok.map((r) => r[k] ?? 0)) : null);
  const inputBytes = data.bytes[tables];
  const peak = max('peak_rss_mb');
  const baseline = median(ok.map((r) => r.rss_baseline_mb));
  return {
    runs: secs,
    // By repeat, null where that run failed: runs of one repeat ran one after another (paired ratios).
    run_seconds: runs.map((r) => (r.error ? null : r.seconds)),
    median_s: med, min_s: Math.min(...secs), max_s: Math.max(...secs),
    spread: (Math.max(...secs) - Math.min(...secs)) / med,
    cpu_median_s: median(ok.map((r) => r.cpu_seconds)),
    ingest_median_s: median(ok.map((r) => r.ingest_seconds)),
    compute_median_s: median(ok.map((r) => r.report_seconds)),
    init_median_s: ok[0].init_seconds != null ? median(ok.map((r) => r.init_seconds)) : null,
    input_tables: tables, input_bytes: inputBytes,
    rows_per_s: data.activityRows / med,
    mb_per_s: inputBytes / 1e6 / med,
    peak_rss_mb: peak,
    rss_baseline_mb: baseline,
    run_rss_mb: peak - baseline,  // what the run itself needed, input bytes included
    wasm_heap_mb: max('wasm_heap_mb'),
    loadavg_1m: ok.map((r) => r.loadavg_1m),
    failed_runs: runs.length - ok.length,
    version: ok[0].version ?? null,
    threads: ok[0].threads ?? null,
    // gapscore wasm only: the first full-size call of a process, re-analysis from a session, every instance's heap.
    first_call_median_s: ok.some((r) => r.first_seconds != null) ? median(ok.map((r) => r.first_seconds).filter((x) => x != null)) : null,
    merge_median_s: ok.some((r) => r.merge_seconds != null) ? median(ok.map((r) => r.merge_seconds ?? 0)) : null,
    reanalyze_median_s: ok.some((r) => r.reanalyze_seconds != null) ? median(ok.map((r) => r.reanalyze_seconds)) : null,
    reanalyze_100_resamples_median_s: ok.some((r) => r.reanalyze_100_resamples_seconds != null) ? median(ok.map((r) => r.reanalyze_100_resamples_seconds)) : null,
    wasm_heap_sum_mb: max('wasm_heap_sum_mb'),
    wasm_heap_at_once_first_mb: max('wasm_heap_at_once_first_mb'),
    wasm_heap_at_once_mb: max('wasm_heap_at_once_mb'),
    readers: ok[0].readers ?? null,
    digest: ok[0].digest ?? null,
  };
}

// What `import 'gapscore'` loads (bench/js/bundle.mjs, as the package test counts it), gzip -9;
// the Excel reader, loaded only for a workbook, apart.
function bundleSize() {
  const dist = here('dist');
  const files = loadedFiles(dist);
  const lazy = readdirSync(dist).filter((f) => /\.(m?js|wasm)$/.test(f) && f.includes('workbook')).sort();
  return {
    files,
    gzip9_bytes: gzipBytes(dist, files, 9),
    raw_bytes: files.reduce((s, f) => s + statSync(join(dist, f)).size, 0),
    wasm_gzip9_bytes: gzipBytes(dist, ['gapscore.wasm'], 9),
    workbook_reader_gzip9_bytes: gzipBytes(dist, lazy, 9),
  };
}

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu_model: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? 'unknown',
    memory_gb: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`,
    loadavg_at_start: os.loadavg(),
  };
}

// ---- run ----
for (const f of [cli, driver]) if (!existsSync(f)) throw new Error(`${f} is missing: run tools/bench.sh (it builds build/bench)`);
if (!existsSync(here('dist/index.js'))) throw new Error('dist/ is missing: run `npm run build`');
mkdirSync(dataRoot, { recursive: true });
const checkDir = join(dataRoot, 'check');
mkdirSync(checkDir, { recursive: true });

const result = {
  generated_at: new Date().toISOString(),
  command: `BENCH_SIZES=${sizeLabels.join(',')} BENCH_REPEATS=${repeats} BENCH_ORDERS=${orders.join(',')} BENCH_ENGINES=${engineNames.join(',')} npm run bench`,
  machine: machine(),
  versions: {
    node: process.version,
    gapscore_commit: trySh('git', ['-C', root, 'rev-parse', '--short', 'HEAD']),
    gapscore_tree_dirty: (trySh('git', ['-C', root, 'status', '--porcelain', '--', 'core', 'wasm']) ?? '') !== '',
    cxx: trySh('c++', ['--version'])?.split('\n')[0] ?? null,
    emcc: trySh('emcc', ['--version'])?.split('\n')[0] ?? null,
  },
  notes: {
    timing: 'wall seconds from CSV bytes in memory to the result; module instantiation and one warm-up run on a 200 KB slice are excluded (init_median_s); cpu_median_s = user+system CPU of the process over the same interval (all its threads); targets are judged on wall time',
    gapscore: 'reads activity, people, surveys, playbook; computes the full report (every metric, gaps with bootstrap CIs, uniformity, trends, scores, privacy) with group_by team; wasm: gs.open() + session.reportText() + JSON.parse, the second full-size call of the process (first_call_median_s: the first); "2 workers" = this thread plus one worker_threads helper, digest computed beside the readers',
    orders: 'sorted: the generator\'s files (by person and date, no repeated keys); shuffled: bench/js/shuffle-data.mjs (random row order, ~4 % repeated person x date x task keys with other hours, team/role/work_mode inline); quoted: the shuffled rows with every field in quotes (shuffle-data.mjs --quote-all); on shuffled and quoted data DuckDB-WASM and Arquero keep the first row of each key (QUALIFY row_number() / dedupe) as gapscore does',
    alternatives: 'read activity and people; compute only the 7 headline per-team metrics (checked equal to gapscore at the smallest size)',
    native_duckdb: 'not run: Debian 12 has no duckdb, libduckdb-dev or python3-duckdb package (apt-cache policy finds none)',
    memory: 'peak_rss_mb = getrusage maxRSS of the child; run_rss_mb = peak minus RSS after init and warm-up (input bytes included)',
  },
  bundle: bundleSize(),
  sizes: [],
};

for (const label of sizeLabels) for (const order of orders) {
  const rows = parseSize(label);
  const data = ensureData(label, rows, order);
  console.error(`== ${label} ${order}: ${data.activityRows} activity rows, ${(data.activityBytes / 1e6).toFixed(1)} MB activity.csv`);
  const runs = Object.fromEntries(engineNames.map((n) => [n, []]));
  const first = label === sizeLabels[0];
  for (let r = 0; r < repeats; r += 1) {
    for (const name of engineNames) {
      const prev = result.sizes.filter((s) => s.order === order).at(-1)?.engines[name];
      if (prev?.error) { runs[name].push({ error: `skipped: failed at a smaller size (${prev.error})` }); continue; }
      const check = first && r === 0 ? join(checkDir, `${order}-${name}.json`) : null;
      const one = runOnce(name, data.dir, check, order);
      runs[name].push(one);
      console.error(`   ${name.padEnd(12)} run ${r + 1}/${repeats}: ${one.error ?? `${one.seconds.toFixed(3)} s, peak RSS ${one.peak_rss_mb.toFixed(0)} MB`}`);
    }
  }
  const entry = { label, order, activity_rows: data.activityRows, people: data.people, activity_csv_bytes: data.activityBytes, csv_bytes_all_tables: data.bytes.all, engines: {} };
  for (const name of engineNames) entry.engines[name] = { label: ENGINES[name].label, ...summarise(runs[name], data, ENGINES[name].tables) };
  if (first && engineNames.includes('native') && existsSync(join(checkDir, `${order}-native.json`))) {
    const reference = fromReport(join(checkDir, `${order}-native.json`));
    entry.check = {};
    for (const name of engineNames.filter((n) => n !== 'native')) {
      const f = join(checkDir, `${order}-${name}.json`);
      if (!existsSync(f)) continue;
      entry.check[name] = name.startsWith('wasm') ? { same_report_bytes: readFileSync(f, 'utf8') === readFileSync(join(checkDir, `${order}-native.json`), 'utf8'), ...compare(reference, fromReport(f)) }
        : compare(reference, JSON.parse(readFileSync(f, 'utf8')));
    }
  }
  result.sizes.push(entry);
}
result.machine.loadavg_at_end = os.loadavg();

// ---- targets (ratios from this run) ----
const at = (label, engine, order = orders[0]) => result.sizes.find((s) => s.label === label && s.order === order)?.engines[engine];
const key = sizeLabels.includes('1M') ? '1M' : sizeLabels.at(-1);
const ratio = (a, b, k = 'median_s') => (a?.[k] && b?.[k] ? a[k] / b[k] : null);
// The median over repeats of a's run / b's run in the same repeat. Engines run one after another in
// each repeat, so a pair sees the same state of the machine, which can change between repeats
// (this machine has been seen to run the same build 1.7x slower for minutes at a time).
const pairedRatio = (a, b) => {
  const xs = (a?.run_seconds ?? []).map((t, r) => (t && b?.run_seconds?.[r] ? t / b.run_seconds[r] : null)).filter((x) => x != null);
  return xs.length ? median(xs) : null;
};
function linearity(engine, order) {
  const pts = result.sizes.filter((s) => s.order === order).map((s) => [s.activity_rows, s.engines[engine]?.median_s]).filter(([, t]) => t);
  if (pts.length < 2) return null;
  const xs = pts.map(([n]) => Math.log(n)), ys = pts.map(([, t]) => Math.log(t));
  const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
  const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  // Per-row cost at the largest size against the second size (the smallest is dominated by fixed costs).
  const [n1, t1] = pts[Math.min(1, pts.length - 2)], [n2, t2] = pts.at(-1);
  return { loglog_slope: slope, per_row_cost_ratio: (t2 / n2) / (t1 / n1), from: pts[Math.min(1, pts.length - 2)][0], to: n2 };
}
const both = (f) => Object.fromEntries(orders.map((o) => [o, f(o)]));
const met = (v, ok) => (v == null ? null : ok(v));
// The fastest gapscore wasm configuration measured (1 or 2 workers) against a peer.
const bestWasm = (o) => [at(key, 'wasm', o), at(key, 'wasm-2', o)].filter((e) => e?.median_s).sort((a, b) => a.median_s - b.median_s)[0];
// The larger of 1 and 2 workers: every instance's memory at once in one analysis (the process's first
// full-size one), with the second analysis of the process and the old figure (each instance's largest
// memory, added as if all were alive at once) beside it.
const heapOf = (label, o, field) => {
  const values = ['wasm', 'wasm-2'].map((e) => at(label, e, o)?.[field]).filter((v) => v != null);
  return values.length ? Math.max(...values) : null;
};
result.targets = {
  at_size: key,
  vs_duckdb_wasm: { goal: '>= 7', ...both((o) => { const v = ratio(at(key, 'duckdb-wasm', o), bestWasm(o)); return { value: v, one_worker: ratio(at(key, 'duckdb-wasm', o), at(key, 'wasm', o)), paired_one_worker: pairedRatio(at(key, 'duckdb-wasm', o), at(key, 'wasm', o)), cpu_value: ratio(at(key, 'duckdb-wasm', o), at(key, 'wasm', o), 'cpu_median_s'), met: met(v, (x) => x >= 7) }; }) },
  vs_arquero: { goal: 'faster', ...both((o) => { const v = ratio(at(key, 'arquero', o), bestWasm(o)); return { value: v, met: met(v, (x) => x > 1) }; }) },
  native_mb_per_s_one_thread: { goal: '>= 300', ...both((o) => { const v = at(key, 'native', o)?.mb_per_s ?? null; return { value: v, met: met(v, (x) => x >= 300) }; }) },
  wasm_over_native_one_thread: { goal: '<= 1.3', ...both((o) => { const v = ratio(at(key, 'wasm', o), at(key, 'native', o)); return { value: v, paired: pairedRatio(at(key, 'wasm', o), at(key, 'native', o)), cpu_value: ratio(at(key, 'wasm', o), at(key, 'native', o), 'cpu_median_s'), met: met(v, (x) => x <= 1.3) }; }) },
  two_workers_over_one: { goal: '>= 1.6 (speed-up, digest included)', ...both((o) => { const v = ratio(at(key, 'wasm', o), at(key, 'wasm-2', o)); return { value: v, paired: pairedRatio(at(key, 'wasm', o), at(key, 'wasm-2', o)), met: met(v, (x) => x >= 1.6) }; }) },
  reanalyze_wasm_s: { goal: '<= 0.1 s for everything but the bootstrap intervals', ...both((o) => { const e = at(key, 'wasm', o); return { default_resamples: e?.reanalyze_median_s ?? null, resamples_100: e?.reanalyze_100_resamples_median_s ?? null, met: met(e?.reanalyze_100_resamples_median_s, (x) => x <= 0.1) }; }) },
  wasm_heap_5m_sum_mb: { goal: '<= 128 MB (122.1 MiB); values in MiB', at_size: '5M', ...both((o) => {
    const v = heapOf('5M', o, 'wasm_heap_at_once_first_mb');
    return { value: v, second_analysis: heapOf('5M', o, 'wasm_heap_at_once_mb'), peaks_added: heapOf('5M', o, 'wasm_heap_sum_mb'), met: met(v, (x) => x * 2 ** 20 <= 128e6) };
  }) },
  linear_scaling: { goal: 'per-row cost at the largest size <= 1.25 x that at the second size', ...both((o) => ({ wasm: linearity('wasm', o), native: linearity('native', o) })) },
  bundle_gzip9_kib: { value: result.bundle.gzip9_bytes / 1024, goal: '<= 400', met: result.bundle.gzip9_bytes / 1024 <= 400 },
  cli_peak_rss_50m: { goal: '<= 1 GB', value: null, note: 'not part of this script: see docs/performance.md for the /usr/bin/time -v command' },
};

mkdirSync(resolve(outFile, '..'), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
console.error(`wrote ${outFile}`);
