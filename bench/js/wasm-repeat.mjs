// gs.reportText of one activity CSV, three times after a warm-up: time and wasm heap.
// node bench/js/wasm-repeat.mjs FILE
import { readFileSync } from 'node:fs';
const { createGapScore } = await import(new URL('../../dist/index.js', import.meta.url));
const gs = await createGapScore();
const bytes = readFileSync(process.argv[2]);
await gs.reportText({ activity: bytes.subarray(0, 200000) });
for (let i = 0; i < 3; i++) { const t = performance.now(); await gs.reportText({ activity: bytes }); console.log(((performance.now() - t) / 1000).toFixed(3), 's heap', (gs.memoryBytes() / 2 ** 20).toFixed(0), 'MB'); }
