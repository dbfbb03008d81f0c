// Shared setup for the package tests: the package installed from its own
// `npm pack` tarball into a throwaway consumer project (so a file missing
// from package.json "files" breaks the tests), plus paths to fixtures.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sampleDir = path.join(root, 'web-demo', 'sample');
export const cli = path.join(root, 'build', 'native', 'tools', 'gapscore');

let installed = null;

/** Installs the packed package once per test process; returns the consumer directory. */
export function consumerDir() {
  if (installed) return installed;
  const dir = mkdtempSync(path.join(tmpdir(), 'gapscore-consumer-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const packDir = path.join(dir, 'pack');
  mkdirSync(packDir);
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', '--offline', path.join(packDir, tarball)],
    { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  installed = dir;
  return dir;
}

/** Imports a specifier as the consumer project would. */
export async function importFromConsumer(specifier) {
  const dir = consumerDir();
  const shim = path.join(dir, `import-${specifier.replace(/[^a-z]/gi, '_')}.mjs`);
  writeFileSync(shim, `export * from ${JSON.stringify(specifier)};\n`);
  return import(pathToFileURL(shim).href);
}

export function sample(table) {
  return readFileSync(path.join(sampleDir, `${table}.csv`));
}

/** The native CLI's report for the sample, run from the sample folder so source names match. */
export function nativeReport(args = []) {
  return execFileSync(cli, ['analyze', '--activity', 'activity.csv', '--people', 'people.csv', '--surveys', 'surveys.csv',
    '--playbook', 'playbook.csv', ...args], { cwd: sampleDir, encoding: 'utf8', maxBuffer: 1 << 28 });
}
