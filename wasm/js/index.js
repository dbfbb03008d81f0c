// gapscore: the AI productivity gap report, computed in the page with
// WebAssembly. No data leaves the device: this package makes no network
// request except, in browsers, fetching its own gapscore.wasm (and, when it
// reads a large file in parallel, starting its own worker script).
import { CODE_ALIASES, GapScoreError, cancelledError, checkResult as check, engineError } from './errors.js';
import { loadModule } from './loader.js';
import { DEFAULT_HELPER_KEEP_BYTES, DEFAULT_MIN_PARALLEL_BYTES, addActivity, openSession, validateTables } from './engine.js';
import { configText, headBytes, isWorkbookHead } from './inputs.js';
import { clampWorkers, defaultWorkerCount } from './platform.js';
import { createPool, defaultSpawn } from './pool.js';
import { Session } from './session.js';

export { CODE_ALIASES, GapScoreError, Session };

function parse(text) {
  return JSON.parse(text);
}

/**
 * Creates an analysis engine (loads the wasm module once).
 * @param {import('./index').GapScoreOptions} [options]
 * @returns {Promise<import('./index').GapScore>}
 */
export async function createGapScore(options = {}) {
  // spawnHelper: gapscore/worker's way of getting helpers (ports the page connects); not public.
  const { workers, minParallelBytes = DEFAULT_MIN_PARALLEL_BYTES, helperKeepBytes = DEFAULT_HELPER_KEEP_BYTES, createWorker, spawnHelper, ...loadOptions } = options;
  let Module;
  try {
    Module = await loadModule(loadOptions);
  } catch (e) {
    throw new GapScoreError('wasm_load_failed', `gapscore could not load its WebAssembly module: ${e?.message ?? e}`);
  }
  const defaultWorkers = workers != null ? clampWorkers(workers) : await defaultWorkerCount();
  // After a trap (out of memory, or a bug) the instance is not used again: the next call loads a new one.
  let stale = false;
  // M: the failed call's instance (a session's own).
  const trap = (e, M = Module) => {
    const err = engineError(e, M);
    if (M === Module) stale ||= err !== e;
    return err;
  };
  // A wasm memory never shrinks: an instance grown past helperKeepBytes (or trapped) is replaced
  // once no call or session uses it.
  let users = 0;
  let renewing = null;
  const release = () => {
    users -= 1;
    if (users || renewing || !(stale || Module.HEAPU8.length > helperKeepBytes)) return;
    renewing = loadModule(loadOptions, true).then((m) => { Module = m; stale = false; }, () => {}).finally(() => { renewing = null; });
  };
  /** Marks the instance in use; returns the call that ends that use (once). */
  const hold = () => {
    users += 1;
    let held = true;
    return () => {
      if (held) release();
      held = false;
    };
  };
  const guarded = async (fn) => {
    const done = hold();
    try {
      await renewing;
      if (stale) {
        Module = await loadModule(loadOptions, true);
        stale = false;
      }
      return await fn();
    } catch (e) {
      throw trap(e);
    } finally {
      done();
    }
  };
  let pool = null;
  const ctx = {
    trap,
    hold,
    workers: defaultWorkers,
    minParallelBytes,
    helperKeepBytes,
    pool: () => {
      pool ??= createPool({ spawn: spawnHelper ?? (createWorker ? () => createWorker() : defaultSpawn), loadOptions });
      return pool;
    },
  };
  const open = (tables, config, runOptions = {}) => {
    const { workers: n, ...rest } = runOptions;
    return guarded(() => openSession(Module, tables, config, { ...rest, workers: n != null ? clampWorkers(n) : undefined }, ctx));
  };

  // open + report + close, with the 'analyze' progress step around the report.
  async function reportOnce(tables, config, runOptions = {}) {
    const session = await open(tables, config, runOptions);
    try {
      if (runOptions.signal?.aborted) throw cancelledError();
      runOptions.onProgress?.({ phase: 'analyze', done: 0, total: 1 });
      const text = await session.reportText({ ledger: runOptions.ledger });
      runOptions.onProgress?.({ phase: 'analyze', done: 1, total: 1 });
      return text;
    } finally {
      session.close();
    }
  }

  return {
    version: Module.version(),
    /** Readers used for a large CSV activity table when a call does not say (1 = this thread only). */
    workers: defaultWorkers,
    async analyze(tables, config, runOptions = {}) {
      return parse(await reportOnce(tables, config, runOptions));
    },
    async analyzeColumns(columns, config, runOptions = {}) {
      // Every table but activity (which the columns are) rides along in the options.
      const { people, surveys, playbook, identities, usage, ...rest } = runOptions;
      return parse(await reportOnce({ people, surveys, playbook, identities, usage }, config, { ...rest, columns }));
    },
    async validate(tables, config, runOptions = {}) {
      return parse(await guarded(() => validateTables(Module, tables, config, runOptions)));
    },
    async reportText(tables, config, runOptions = {}) {
      return reportOnce(tables, config, runOptions);
    },
    /** Reads the tables and keeps what was read: report(), reanalyze(config), saveState(), close(). */
    open,
    /** A session from saveState() bytes, read with `config` (settings that change reading must match). */
    async loadState(bytes, config) {
      if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
      if (!(bytes instanceof Uint8Array)) throw new GapScoreError('invalid_argument', 'loadState() needs the bytes saveState() returned');
      return guarded(() => {
        const handle = new Module.Session();
        try {
          check(handle.loadState(bytes, configText(config)));
        } catch (e) {
          try { handle.delete(); } catch { /* the instance trapped */ }
          throw e;
        }
        const M = Module;
        return new Session(handle, { readers: 0, helperHeapBytes: [], helpersKept: [], heapBytesAtHandoff: 0, digest: 'none', heapBytesWhileHashing: 0 }, (h, more, opts) => addActivity(M, h, more, opts), (e) => trap(e, M), hold());
      });
    },
    /** Ends the helper workers of parallel reads (the next parallel read starts new ones). */
    terminateWorkers() {
      pool?.terminate();
    },
    /**
     * What a file is, decided by the engine's own readers from its first 64 KiB (a Blob: only those are read).
     * A workbook is read whole: its sheet (options.sheet, or the first) is sniffed as the CSV it is read as.
     */
    async sniff(input, options = {}) {
      const head = await headBytes(input);
      if (typeof input !== 'string' && isWorkbookHead(head)) return (await import('./workbook.js')).sniffWorkbook(Module, input, options);
      return parse(Module.sniff(head));
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
    /** Bytes of this thread's wasm linear memory (for leak checks); helpers report theirs in Session.info. */
    memoryBytes() {
      return Module.HEAPU8.length;
    },
  };
}
