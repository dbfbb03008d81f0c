// Turns bench/results/e2e.json (and micro.json when present) into
// bench/results/e2e.svg and the tables between the "bench:results" markers
// in docs/performance.md. No external services; plain SVG text.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const results = join(root, 'bench/results');
const e2e = JSON.parse(readFileSync(join(results, 'e2e.json'), 'utf8'));
const microFile = join(results, 'micro.json');
const micro = existsSync(microFile) ? JSON.parse(readFileSync(microFile, 'utf8')) : null;

const COLORS = { native: '#1b7837', wasm: '#2166ac', 'wasm-2': '#67a9cf', 'wasm-4': '#92c5de', 'duckdb-wasm': '#d6604d', arquero: '#8073ac' };
const orderOf = (s) => s.order ?? 'sorted';
const engines = Object.keys(e2e.sizes[0].engines);
const label = (name) => e2e.sizes[0].engines[name].label;
const fmt = (x, d = 2) => (x == null || Number.isNaN(x) ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(d));
const trim = (x, d) => String(+x.toFixed(d));
const si = (x) => (x >= 1e6 ? `${trim(x / 1e6, 2)}M` : x >= 1e3 ? `${trim(x / 1e3, 0)}k` : String(Math.round(x)));
// Google Benchmark times in their unit → a readable one.
const NS = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };
const duration = (t, unit) => { const ns = t * NS[unit]; return ns >= 1e9 ? `${fmt(ns / 1e9, 2)} s` : ns >= 1e6 ? `${fmt(ns / 1e6, 2)} ms` : ns >= 1e3 ? `${fmt(ns / 1e3, 1)} µs` : `${fmt(ns, 0)} ns`; };

// ---- chart: two log-log panels (time, peak RSS) against activity rows ----
function panel(x0, title, yLabel, value, whisker) {
  const W = 440, H = 300, L = 60, B = 40, T = 30;
  const pts = [];
  for (const s of e2e.sizes.filter((x) => orderOf(x) === orderOf(e2e.sizes[0]))) for (const n of engines) {
    const e = s.engines[n];
    if (!e || e.error || value(e) == null) continue;
    const [lo, hi] = whisker ? whisker(e) : [value(e), value(e)];
    pts.push({ n, x: s.activity_rows, y: value(e), lo, hi });
  }
  const xs = pts.map((p) => p.x), ys = pts.flatMap((p) => [p.lo, p.hi]);
  const lx = [Math.floor(Math.log10(Math.min(...xs))), Math.ceil(Math.log10(Math.max(...xs)))];
  const ly = [Math.floor(Math.log10(Math.min(...ys))), Math.ceil(Math.log10(Math.max(...ys)))];
  if (lx[0] === lx[1]) lx[1] += 1;
  if (ly[0] === ly[1]) ly[1] += 1;
  const px = (x) => x0 + L + ((Math.log10(x) - lx[0]) / (lx[1] - lx[0])) * (W - L - 10);
  const py = (y) => T + (1 - (Math.log10(y) - ly[0]) / (ly[1] - ly[0])) * (H - T - B);
  const out = [`<text x="${x0 + W / 2}" y="18" text-anchor="middle" font-weight="bold">${title}</text>`];
  for (let e = ly[0]; e <= ly[1]; e += 1) {
    out.push(`<line x1="${x0 + L}" x2="${x0 + W - 10}" y1="${py(10 ** e)}" y2="${py(10 ** e)}" stroke="#ddd"/>`);
    out.push(`<text x="${x0 + L - 6}" y="${py(10 ** e) + 4}" text-anchor="end">${10 ** e >= 1 ? 10 ** e : (10 ** e).toPrecision(1)}</text>`);
  }
  for (let e = lx[0]; e <= lx[1]; e += 1) {
    out.push(`<line x1="${px(10 ** e)}" x2="${px(10 ** e)}" y1="${T}" y2="${H - B}" stroke="#ddd"/>`);
    out.push(`<text x="${px(10 ** e)}" y="${H - B + 16}" text-anchor="middle">${si(10 ** e)}</text>`);
  }
  out.push(`<text x="${x0 + L + (W - L) / 2}" y="${H - 6}" text-anchor="middle">activity rows</text>`);
  out.push(`<text transform="translate(${x0 + 14},${T + (H - T - B) / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>`);
  for (const n of engines) {
    const line = pts.filter((p) => p.n === n);
    if (!line.length) continue;
    out.push(`<polyline fill="none" stroke="${COLORS[n] ?? '#333'}" stroke-width="2" points="${line.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ')}"/>`);
    for (const p of line) {
      out.push(`<line x1="${px(p.x)}" x2="${px(p.x)}" y1="${py(p.lo)}" y2="${py(p.hi)}" stroke="${COLORS[n]}"/>`);
      out.push(`<circle cx="${px(p.x)}" cy="${py(p.y)}" r="3" fill="${COLORS[n]}"/>`);
    }
  }
  return out.join('\n');
}

const legend = engines.map((n, i) => `<rect x="${10 + i * 178}" y="312" width="12" height="12" fill="${COLORS[n]}"/><text x="${26 + i * 178}" y="322">${label(n).replace('gapscore ', '').replace(' (Node)', '')}</text>`).join('\n');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="340" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
${panel(0, `CSV bytes → per-team results (${orderOf(e2e.sizes[0])} rows): median s`, 'seconds', (e) => e.median_s, (e) => [e.min_s, e.max_s])}
${panel(450, 'Peak RSS of the process', 'MB', (e) => e.peak_rss_mb)}
${legend}
</svg>
`;
writeFileSync(join(results, 'e2e.svg'), svg);

// ---- tables ----
const m = e2e.machine;
const lines = [];
lines.push(`Run ${e2e.generated_at.slice(0, 16).replace('T', ' ')} UTC with \`${e2e.command}\` on ${m.cpu_model}, ${m.nproc} cores, ${m.memory_gb} GB RAM, ${m.os}; `
  + `load average ${m.loadavg_at_start.map((x) => x.toFixed(1)).join('/')} at start, ${m.loadavg_at_end.map((x) => x.toFixed(1)).join('/')} at end; `
  + `Node ${e2e.versions.node}, gapscore ${e2e.versions.gapscore_commit}${e2e.versions.gapscore_tree_dirty ? ' (core/wasm edited since)' : ''}, `
  + `${e2e.sizes[0].engines['duckdb-wasm']?.version ?? ''}, ${e2e.sizes[0].engines.arquero?.version ?? ''}. Raw numbers: [bench/results/e2e.json](../bench/results/e2e.json).`);
lines.push('', '![end-to-end time and peak memory](../bench/results/e2e.svg)', '');
lines.push('| rows | order | engine | median s | min–max s | CPU s | rows/s | MB/s | ingest s | compute s | peak RSS MB | run RSS MB | wasm heap MiB, all instances at once (first analysis) |');
lines.push('| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const s of e2e.sizes) for (const n of engines) {
  const e = s.engines[n];
  if (!e) continue;
  if (e.error) { lines.push(`| ${s.label} | ${orderOf(s)} | ${e.label} | failed: ${e.error.replace(/\|/g, '/').slice(0, 120)} ||||||||||`); continue; }
  lines.push(`| ${s.label} | ${orderOf(s)} | ${e.label} | **${fmt(e.median_s, 3)}** | ${fmt(e.min_s, 3)}–${fmt(e.max_s, 3)} | ${fmt(e.cpu_median_s, 3)} | ${si(e.rows_per_s)} | ${fmt(e.mb_per_s, 1)} | ${fmt(e.ingest_median_s, 3)} | ${fmt(e.compute_median_s, 3)} | ${fmt(e.peak_rss_mb, 0)} | ${fmt(e.run_rss_mb, 0)} | ${fmt(e.wasm_heap_at_once_first_mb ?? e.wasm_heap_sum_mb ?? e.wasm_heap_mb, 0)} |`);
}
lines.push('', 'Ratios of medians from the same run, wall time (CPU time in brackets); > 1 in the peer columns means gapscore wasm (its faster of 1 and 2 workers) is faster:', '');
lines.push('| rows | order | activity rows | CSV MB (all tables) | DuckDB-WASM / gapscore wasm | Arquero / gapscore wasm | wasm 1 worker / native 1 thread | 2 workers vs 1 |');
lines.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
const r = (a, b) => (a?.median_s && b?.median_s ? `${fmt(a.median_s / b.median_s, 2)}× (${fmt(a.cpu_median_s / b.cpu_median_s, 2)}×)` : '–');
const best = (E) => [E.wasm, E['wasm-2']].filter((e) => e?.median_s).sort((a, b) => a.median_s - b.median_s)[0];
for (const s of e2e.sizes) {
  const E = s.engines;
  const two = E.wasm?.median_s && E['wasm-2']?.median_s ? `${fmt(E.wasm.median_s / E['wasm-2'].median_s, 2)}×` : '–';
  lines.push(`| ${s.label} | ${orderOf(s)} | ${s.activity_rows.toLocaleString('en-US')} | ${fmt(s.csv_bytes_all_tables / 2 ** 20, 1)} | ${r(E['duckdb-wasm'], best(E))} | ${r(E.arquero, best(E))} | ${r(E.wasm, E.native)} | ${two} |`);
}
const t = e2e.targets;
const yes = (v) => (v == null ? 'n/a' : v ? '**met**' : '**missed**');
const ords = [...new Set(e2e.sizes.map(orderOf))];
lines.push('', `Targets of this run, at ${t.at_size} rows unless noted (one line per row order). A target is judged on the ratio of medians; "paired" is the median over the repeats of the ratio of the two engines' runs in the same repeat (they ran one after the other), which the machine's slow spells move less:`, '');
lines.push('| target | goal | order | measured | |');
lines.push('| --- | --- | --- | --- | --- |');
for (const o of ords) {
  const x = t.vs_duckdb_wasm[o];
  if (x) lines.push(`| full report vs DuckDB-WASM load + query | ≥ 7× | ${o} | ${fmt(x.value)}× (1 worker: ${fmt(x.one_worker)}×, paired ${fmt(x.paired_one_worker)}×, CPU time ${fmt(x.cpu_value)}×) | ${yes(x.met)} |`);
}
for (const o of ords) {
  const x = t.vs_arquero?.[o];
  if (x) lines.push(`| full report vs Arquero | faster | ${o} | ${fmt(x.value)}× | ${yes(x.met)} |`);
}
for (const o of ords) {
  const x = t.native_mb_per_s_one_thread[o];
  if (x) lines.push(`| native end to end, 1 thread (bytes in memory → report) | ≥ 300 MB/s | ${o} | ${fmt(x.value, 0)} MB/s | ${yes(x.met)} |`);
}
for (const o of ords) {
  const x = t.wasm_over_native_one_thread[o];
  if (x) lines.push(`| wasm / native, 1 thread each | ≤ 1.3 | ${o} | ${fmt(x.value)} (paired ${fmt(x.paired)}, CPU time ${fmt(x.cpu_value)}) | ${yes(x.met)} |`);
}
for (const o of ords) {
  const x = t.two_workers_over_one[o];
  if (x) lines.push(`| 2 workers vs 1, digest included | ≥ 1.6× | ${o} | ${fmt(x.value)}× (paired ${fmt(x.paired)}×) | ${yes(x.met)} |`);
}
for (const o of ords) {
  const x = t.reanalyze_wasm_s[o];
  if (x) lines.push(`| re-analysis from a session (wasm), new group_by | ≤ 100 ms without the bootstrap | ${o} | ${fmt(x.resamples_100 * 1000, 0)} ms with 100 resamples, ${fmt(x.default_resamples * 1000, 0)} ms with the default 2000 | ${yes(x.met)} |`);
}
for (const o of ords) {
  const x = t.wasm_heap_5m_sum_mb?.[o];
  if (x?.value != null) lines.push(`| wasm heap at 5M rows, every worker's at once, one analysis | ≤ 128 MB (122.1 MiB) | ${o} | ${fmt(x.value, 0)} MiB (a second analysis in the same engine: ${fmt(x.second_analysis, 0)} MiB; each instance's largest, added: ${fmt(x.peaks_added, 0)} MiB) | ${yes(x.met)} |`);
}
lines.push(`| npm bundle: what \`import 'gapscore'\` loads, JS + wasm, gzip -9 | ≤ 400 KiB | – | ${fmt(t.bundle_gzip9_kib.value, 1)} KiB (wasm ${fmt(e2e.bundle.wasm_gzip9_bytes / 1024, 1)} KiB; the Excel reader, loaded only for a workbook, ${fmt(e2e.bundle.workbook_reader_gzip9_bytes / 1024, 1)} KiB more) | ${yes(t.bundle_gzip9_kib.met)} |`);
for (const s of e2e.sizes.filter((x) => x.check)) {
  lines.push('', `Same numbers (${orderOf(s)} rows): at ${s.label} rows the per-team headline metrics of each engine were compared with gapscore native's report (relative 1e-9): `
    + Object.entries(s.check).map(([n, c]) => `${n} ${c.ok ? 'equal' : `DIFFERENT (${c.mismatches.join('; ')})`} (${c.values_compared} values${c.same_report_bytes != null ? `; report bytes ${c.same_report_bytes ? 'identical' : 'differ'}` : ''})`).join(', ') + '.');
}

if (micro) {
  lines.push('', `Micro-benchmarks (\`build/bench/bench/gapscore_bench\`, ${micro.context.date}, median of ${micro.benchmarks.filter((b) => b.aggregate_name === 'median').length ? 'repetitions' : 'runs'}; CPU time, so machine load affects them less than wall time):`, '');
  lines.push('| benchmark | CPU time | throughput |');
  lines.push('| --- | ---: | --- |');
  // A benchmark that failed has no timing: it is named as failed, never shown as 0 ns.
  const failed = [...new Set(micro.benchmarks.filter((x) => x.error_occurred).map((x) => `${x.run_name ?? x.name} (${x.error_message})`))];
  for (const b of micro.benchmarks.filter((x) => !x.error_occurred && (x.aggregate_name ?? 'median') === 'median')) {
    const extra = [];
    if (b['MB/s']) extra.push(`${fmt(b['MB/s'], 1)} MB/s`);
    if (b['rows/s']) extra.push(`${si(b['rows/s'])} rows/s`);
    if (b.items_per_second) extra.push(`${si(b.items_per_second)} values/s`);
    if (b.report_bytes) extra.push(`report ${fmt(b.report_bytes / 1024, 0)} KiB`);
    lines.push(`| ${b.run_name ?? b.name} | ${duration(b.cpu_time, b.time_unit ?? 'ns')} | ${extra.join(', ')} |`);
  }
  if (failed.length) lines.push('', `Failed (no timing): ${failed.join('; ')}.`);
}

const docFile = join(root, 'docs/performance.md');
const START = '<!-- bench:results:start (written by bench/js/render.mjs) -->';
const END = '<!-- bench:results:end -->';
const block = `${START}\n${lines.join('\n')}\n${END}`;
if (existsSync(docFile) && readFileSync(docFile, 'utf8').includes(START)) {
  const doc = readFileSync(docFile, 'utf8');
  writeFileSync(docFile, doc.slice(0, doc.indexOf(START)) + block + doc.slice(doc.indexOf(END) + END.length));
  console.error('updated docs/performance.md and bench/results/e2e.svg');
} else {
  process.stdout.write(`${block}\n`);
  console.error('docs/performance.md has no results markers: printed the block instead; wrote bench/results/e2e.svg');
}
