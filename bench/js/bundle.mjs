// What a page downloads for `import 'gapscore'`: the wasm module plus the JS
// modules that index.js and the helper workers' script import statically. The
// Excel reader (workbook.js, gapscore-workbook.*) loads only for a workbook, so
// it is counted apart. One definition for the bench and the package test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Files reached from `entries` through static `import … from './x'` / `export … from './x'`. */
export function staticImports(distDir, entries) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(distDir, file), 'utf8');
    // Statements as written or minified (`import{a}from"./x.js";export*from"./y.js"`).
    for (const m of text.matchAll(/(?:^|[;}\s])(?:import|export)\b[^;()'"]*?from\s*['"]\.\/([^'"]+)['"]/g)) visit(m[1]);
  };
  entries.forEach(visit);
  return [...seen];
}

/** The files `import 'gapscore'` loads, wasm first. */
export function loadedFiles(distDir) {
  return ['gapscore.wasm', ...staticImports(distDir, ['index.js', 'worker-thread.js'])];
}

/** Gzipped bytes of files in distDir (zlib level: 6 is gzip's default, 9 its best). */
export function gzipBytes(distDir, files, level = 6) {
  return files.reduce((n, f) => n + gzipSync(readFileSync(join(distDir, f)), { level }).length, 0);
}
