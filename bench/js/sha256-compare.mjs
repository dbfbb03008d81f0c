// SHA-256 of the 1M-row activity.csv three ways: gapscore's wasm (gs.sha256,
// the digest every report records), Node's OpenSSL, WebCrypto. Usage:
// node bench/js/sha256-compare.mjs FILE
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const { createGapScore } = await import(new URL('../../dist/index.js', import.meta.url));
const bytes = new Uint8Array(readFileSync(process.argv[2]));
const gs = await createGapScore();
const best = async (f) => { let t = Infinity; for (let i = 0; i < 5; i += 1) { const s = performance.now(); await f(); t = Math.min(t, performance.now() - s); } return t; };
for (const [name, f] of [
  ['gapscore wasm (gs.sha256)', () => gs.sha256(bytes)],
  ['node:crypto (OpenSSL)', () => createHash('sha256').update(bytes).digest('hex')],
  ['WebCrypto (crypto.subtle)', () => crypto.subtle.digest('SHA-256', bytes)],
]) {
  const ms = await best(f);
  console.log(`${name.padEnd(28)} ${ms.toFixed(0).padStart(5)} ms  ${(bytes.length / 1e3 / ms).toFixed(0)} MB/s`);
}
