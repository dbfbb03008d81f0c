// Top functions by self time in a V8 .cpuprofile (node --cpu-prof), wasm
// functions included (names need a wasm built with --profiling-funcs).
// Usage: node bench/js/cpuprofile-top.mjs FILE.cpuprofile [N]
import { readFileSync } from 'node:fs';

const [file, count = '25'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const hits = new Map();
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const f = byId.get(id).callFrame;
  const name = f.functionName || `(anonymous ${f.url.split('/').pop()}:${f.lineNumber})`;
  hits.set(name, (hits.get(name) ?? 0) + dt);
});
const total = [...hits.values()].reduce((a, b) => a + b, 0);
console.log(`total ${(total / 1e6).toFixed(3)} s sampled`);
for (const [name, us] of [...hits].sort((a, b) => b[1] - a[1]).slice(0, Number(count))) {
  console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1e3).toFixed(0).padStart(6)} ms  ${name.slice(0, 110)}`);
}
