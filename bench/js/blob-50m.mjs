// The npm package on a file too big to hold: the activity CSV as a file-backed
// Blob (fs.openAsBlob), read in slices, people and playbook as bytes. Prints
// the time, this thread's and each helper's wasm heap, and the process's peak
// RSS; with --out, writes the report (compare it with the CLI's). Node cannot
// post a file-backed Blob to a helper (the package then reads with one
// reader): --memory-blob builds the Blob from the file's bytes instead, as a
// browser's File can be posted, to measure 2 workers.
// Usage: node bench/js/blob-50m.mjs DIR [--workers N] [--memory-blob] [--out report.json]
import { createReadStream, openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';

const args = process.argv.slice(2);
const dir = args[0];
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const workers = Number(opt('--workers', '1'));
const out = opt('--out', null);

const { createGapScore } = await import(new URL('../../dist/index.js', import.meta.url));
const gs = await createGapScore({ workers });
async function memoryBlob(file) {
  const parts = [];
  for await (const chunk of createReadStream(file, { highWaterMark: 64 << 20 })) parts.push(new Blob([chunk]));
  return new Blob(parts);
}
const tables = {
  activity: args.includes('--memory-blob') ? await memoryBlob(`${dir}/activity.csv`) : await openAsBlob(`${dir}/activity.csv`),
  people: new Uint8Array(readFileSync(`${dir}/people.csv`)),
  playbook: new Uint8Array(readFileSync(`${dir}/playbook.csv`)),
};
const sourceNames = { activity: 'activity.csv', people: 'people.csv', playbook: 'playbook.csv' };
const MB = (b) => (b / 2 ** 20).toFixed(0);
const t0 = performance.now();
const s = await gs.open(tables, {}, { sourceNames });
const t1 = performance.now();
const text = await s.reportText();
const t2 = performance.now();
console.log(JSON.stringify({
  activity_bytes: tables.activity.size, workers: s.info.readers, digest: s.info.digest,
  open_s: +((t1 - t0) / 1000).toFixed(2), report_s: +((t2 - t1) / 1000).toFixed(2),
  wasm_heap_mb: [gs.memoryBytes(), ...s.info.helperHeapBytes].map((b) => +MB(b)),
  peak_rss_mb: +(resourceUsage().maxRSS / 1024).toFixed(0), report_bytes: text.length,
}));
s.close();
if (out) writeFileSync(out, text);
gs.terminateWorkers();
