// Builds the static demo into web-demo/dist from the npm package in dist/
// (run `npm run build` first). Output: index.html, assets/{app.js, app.css,
// worker.js (the package's worker thread), gapscore.wasm, icon.svg}, sample/*.csv, sample/usage/* (the
// engine's AI-usage fixtures from tests/data/usage). Relative URLs only, so
// any static host (or a sub-folder of one) serves it as is.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSP_META } from './csp.mjs';
import { SAMPLE_TABLES, USAGE_SAMPLE } from './src/samples.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const out = path.join(here, 'dist');
const assets = path.join(out, 'assets');

async function main() {
  const wasm = path.join(root, 'dist', 'gapscore.wasm');
  if (!existsSync(wasm) || !existsSync(path.join(root, 'dist', 'worker-thread.js'))) {
    console.error('build-demo: the npm package is not built (dist/ is missing); run `npm run build` first.');
    process.exit(1);
  }
  await rm(out, { recursive: true, force: true });
  await mkdir(assets, { recursive: true });

  const common = {
    bundle: true, format: 'esm', minify: true, target: ['es2022', 'chrome100', 'firefox110', 'safari16'],
    legalComments: 'linked', logLevel: 'warning', absWorkingDir: root,
  };
  // 'gapscore' and 'gapscore/worker' resolve to this package itself (package.json "exports").
  // The report views (and ECharts, most of the JS) are a separate chunk, loaded
  // while the first analysis runs: the landing page stays light.
  await build({ ...common, entryPoints: { app: path.join(here, 'src/main.js') }, outdir: assets, splitting: true, chunkNames: 'chunk-[hash]' });
  // The worker: the package's own worker thread (it reads the page's Files itself) with
  // the engine, as one file; src/engine.js starts it as new URL('./worker.js', import.meta.url).
  await build({ ...common, entryPoints: { worker: 'gapscore/worker-thread.js' }, outdir: assets });
  await build({ ...common, entryPoints: { app: path.join(here, 'src/styles/app.css') }, outdir: assets, loader: { '.css': 'css' } });
  // The engine finds its wasm next to the worker bundle: new URL('gapscore.wasm', import.meta.url).
  await copyFile(wasm, path.join(assets, 'gapscore.wasm'));
  // The workbook reader, loaded by the worker the first time an .xlsx is read.
  await copyFile(path.join(root, 'dist', 'gapscore-workbook.wasm'), path.join(assets, 'gapscore-workbook.wasm'));
  await copyFile(path.join(here, 'public', 'icon.svg'), path.join(assets, 'icon.svg'));

  const html = (await readFile(path.join(here, 'index.html'), 'utf8')).replace('%CSP%', CSP_META);
  await writeFile(path.join(out, 'index.html'), html);

  await mkdir(path.join(out, 'sample'));
  for (const t of SAMPLE_TABLES) await copyFile(path.join(here, 'sample', `${t}.csv`), path.join(out, 'sample', `${t}.csv`));
  // The usage sample is the engine's own fixtures, copied rather than kept twice in the repository.
  await mkdir(path.join(out, 'sample', 'usage'));
  for (const name of [USAGE_SAMPLE.people, ...USAGE_SAMPLE.usage]) {
    await copyFile(path.join(root, 'tests', 'data', 'usage', name), path.join(out, 'sample', 'usage', name));
  }

  await report();
}

/** Prints what a visitor downloads: raw and gzip sizes (the sample only on request). */
async function report() {
  let raw = 0;
  let gz = 0;
  const lines = [];
  for (const name of (await readdir(assets)).sort()) {
    const bytes = await readFile(path.join(assets, name));
    const z = gzipSync(bytes, { level: 9 }).length;
    if (!name.endsWith('.txt')) { raw += bytes.length; gz += z; }
    lines.push(`  assets/${name.padEnd(28)} ${kb(bytes.length).padStart(9)}  ${kb(z).padStart(9)} gzip`);
  }
  const index = (await stat(path.join(out, 'index.html'))).size;
  console.log(`build-demo: web-demo/dist (page ${kb(raw + index)}, ${kb(gz)} gzip)\n${lines.join('\n')}`);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

await main();
