// One analysis engine per page: the package's Web Worker (gapscore/worker),
// so the page stays responsive on big files. The page hands it File objects;
// the worker reads them. Cancelling is the package's: the call rejects at once,
// and a worker stuck in one long wasm call is replaced (hard cancel).
import { createGapScoreWorker, GapScoreError } from 'gapscore/worker';
import { ledgerStore } from './ledger-store.js';

export { GapScoreError };

let current = null;  // Promise<GapScoreWorker>
let schema = null;  // Promise<InputSchema>

// build.mjs bundles the package's worker thread as assets/worker.js, next to this bundle.
const createWorker = () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'gapscore' });

export function engine() {
  if (!current) {
    current = createGapScoreWorker({ createWorker });
    current.catch(() => { current = null; });
  }
  return current;
}

/** The input tables and their columns, as the engine declares them. */
export function inputSchema() {
  schema ??= engine().then((gs) => gs.schema());
  schema.catch(() => { schema = null; });
  return schema;
}

/** What a file is (format, delimiter, headers, usage export kind): the worker reads its first 64 KiB. */
export async function sniff(file, options = {}) {
  return (await engine()).sniff(file, options);
}

/** The metric catalog (names, formulas, descriptions) for help texts. */
export async function metricCatalog() {
  const list = await (await engine()).metrics();
  return Object.fromEntries(list.map((m) => [m.name, m]));
}

/**
 * How a release with `config` is made: under differential privacy it spends from the
 * privacy-budget ledger kept in this browser (IndexedDB), so the ledger goes with it.
 */
export function releaseOptions(config) {
  const dp = config?.privacy?.protection === 'dp' || config?.privacy?.dp != null;
  return dp ? { ledger: ledgerStore } : {};
}

/**
 * Reads the files into a session kept in the worker and returns its first report. The
 * session answers new settings without reading the files again (reanalyze).
 * @param {{usage?: {data: Blob, name: string}[]} & Record<string, Blob>} tables one File/Blob per table,
 *   and the AI-usage exports; all read inside the worker (a large activity file by several)
 * @param {object} config
 * @param {{signal: AbortSignal, onProgress: (fraction: number, label: string) => void, sourceNames: object, sheets?: object}} options
 * @returns {Promise<{session: import('gapscore/worker').WorkerSession, report: object}>}
 */
export async function openAndReport(tables, config, { signal, onProgress, sourceNames, sheets }) {
  const gs = await engine();
  const sizeOf = (k, v) => (k === 'usage' ? v.reduce((a, u) => a + u.data.size, 0) : v.size);
  const total = Object.entries(tables).reduce((a, [k, v]) => a + sizeOf(k, v), 0) || 1;
  const done = {};
  let usageRead = 0;  // the engine reports each usage export as its own 0..size
  const session = await gs.open(tables, config, {
    signal,
    sourceNames,
    sheets,
    onProgress: (p) => {
      if (p.phase === 'read') {
        if (p.table === 'usage') {
          done.usage = usageRead + p.done;
          if (p.done >= p.total) usageRead += p.total;
        } else {
          done[p.table] = p.done;
        }
        const read = Object.values(done).reduce((a, b) => a + b, 0);
        // Reading is most of the work the engine can report on; the last
        // stretch (metrics, bootstrap, privacy checks) is one call.
        onProgress(0.85 * Math.min(1, read / total), `Reading ${p.table === 'usage' ? 'the AI-usage exports' : sourceNames?.[p.table] ?? p.table}`);
      } else if (p.phase === 'merge') {
        onProgress(0.85 + 0.05 * (p.total ? p.done / p.total : 1), 'Combining what the parallel readers found');
      }
    },
  });
  try {
    if (signal.aborted) throw new GapScoreError('cancelled', 'The analysis was cancelled by the caller.');
    onProgress(0.9, 'Computing metrics, confidence intervals and privacy checks');
    const report = await session.report({ signal, ...releaseOptions(config) });
    onProgress(1, 'Computing metrics, confidence intervals and privacy checks');
    return { session, report };
  } catch (e) {
    session.close();
    throw e;
  }
}
