// Loads the wasm module once per option set. Works without configuration in
// browsers and bundlers (the module finds gapscore.wasm next to itself via
// new URL(..., import.meta.url)) and in Node (where we read the file, since
// Node's fetch cannot load file: URLs). Callers may pass wasmBinary or wasmUrl.
import createGapScoreModule from './gapscore.mjs';

export const isNode = typeof process !== 'undefined' && process.versions != null && process.versions.node != null;
let defaultModule = null;

/** A file's bytes in Node (its fetch cannot load file: URLs). */
export async function readNodeFile(url) {
  const fsName = 'node:fs/promises';  // a variable keeps bundlers from resolving it for browsers
  const fs = await import(/* @vite-ignore */ fsName);
  return fs.readFile(url);
}

/**
 * @param {{wasmBinary?: ArrayBuffer|Uint8Array, wasmUrl?: string|URL}} [options]
 * @param {boolean} [fresh] a new instance even when one is loaded (after a trap stopped it)
 * @returns {Promise<any>} the Emscripten module
 */
export function loadModule(options = {}, fresh = false) {
  const custom = options.wasmBinary != null || options.wasmUrl != null;
  if (!custom && defaultModule && !fresh) return defaultModule;
  const promise = (async () => {
    const moduleArgs = {};
    if (options.wasmBinary != null) {
      moduleArgs.wasmBinary = options.wasmBinary instanceof Uint8Array ? options.wasmBinary : new Uint8Array(options.wasmBinary);
    } else if (options.wasmUrl != null) {
      const url = String(options.wasmUrl);
      if (isNode && !/^https?:/.test(url)) moduleArgs.wasmBinary = await readNodeFile(url.startsWith('file:') ? new URL(url) : url);
      else moduleArgs.locateFile = () => url;
    } else if (isNode) {
      moduleArgs.wasmBinary = await readNodeFile(new URL('./gapscore.wasm', import.meta.url));
    }
    return createGapScoreModule(moduleArgs);
  })();
  if (!custom) {
    defaultModule = promise;
    promise.catch(() => { defaultModule = null; });
  }
  return promise;
}
