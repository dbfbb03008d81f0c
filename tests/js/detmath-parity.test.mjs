// Deterministic math, native against wasm: the parity program
// (tests/wasm_parity/detmath_parity.cpp) prints every evaluation's input and
// output bits; the g++ build and the Emscripten build must print the same lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { root } from './helpers.mjs';

test('detmath and stats give bit-identical results natively and in wasm', () => {
  const native = execFileSync(path.join(root, 'build/native/tests/wasm_parity/detmath_parity'), { maxBuffer: 64 << 20 }).toString();
  const wasm = execFileSync(process.execPath, [path.join(root, 'build/wasm/tests/wasm_parity/detmath_parity.cjs')], { maxBuffer: 64 << 20 }).toString();
  const a = native.trimEnd().split('\n');
  const b = wasm.trimEnd().split('\n');
  assert.ok(a.length > 1000, `the parity program printed only ${a.length} lines`);
  const first = a.findIndex((line, i) => line !== b[i]);
  assert.equal(first, -1, `first difference at line ${first + 1}:\n native: ${a[first]}\n wasm:   ${b[first]}`);
  assert.equal(a.length, b.length);
  assert.match(a.at(-1), /338d8a2e3bb49612/, 'the checksum frozen in tests/detmath_test.cpp');
});
