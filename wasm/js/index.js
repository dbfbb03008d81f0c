// gapscore: the AI productivity gap report, computed in the page with
// WebAssembly. No data leaves the device: this package makes no network
// request except, in browsers, fetching its own gapscore.wasm.
import { CODE_ALIASES, GapScoreError } from './errors.js';
import { loadModule } from './loader.js';
import { run } from './engine.js';
import { headBytes } from './inputs.js';

export { CODE_ALIASES, GapScoreError };

function parse(text) {
  return JSON.parse(text);
}

/**
 * Creates an analysis engine (loads the wasm module once).
 * @param {import('./index').GapScoreOptions} [options]
 * @returns {Promise<import('./index').GapScore>}
 */
export async function createGapScore(options = {}) {
  let Module;
  try {
    Module = await loadModule(options);
  } catch (e) {
    throw new GapScoreError('wasm_load_failed', `gapscore could not load its WebAssembly module: ${e?.message ?? e}`);
  }
  return {
    version: Module.version(),
    async analyze(tables, config, runOptions = {}) {
      return parse((await run(Module, 'report', tables, config, runOptions)).text);
    },
    async analyzeColumns(columns, config, runOptions = {}) {
      // Every table but activity (which the columns are) rides along in the options.
      const { people, surveys, playbook, identities, usage, ...rest } = runOptions;
      return parse((await run(Module, 'report', { people, surveys, playbook, identities, usage }, config, { ...rest, columns })).text);
    },
    async validate(tables, config, runOptions = {}) {
      return parse((await run(Module, 'validate', tables, config, runOptions)).text);
    },
    async reportText(tables, config, runOptions = {}) {
      return (await run(Module, 'report', tables, config, runOptions)).text;
    },
    /** What a file is, decided by the engine's own readers from its first 64 KiB (a Blob: only those are read). */
    async sniff(input) {
      return parse(Module.sniff(await headBytes(input)));
    },
    /** The input tables and their columns (names, types, required flags, ranges, descriptions). */
    schema() {
      return parse(Module.schema());
    },
    metrics() {
      return JSON.parse(Module.catalog());
    },
    sha256(bytes) {
      if (typeof bytes === 'string') bytes = new TextEncoder().encode(bytes);
      if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
      return Module.sha256(bytes);
    },
    /** Bytes of wasm linear memory (for leak checks). */
    memoryBytes() {
      return Module.HEAPU8.length;
    },
  };
}
