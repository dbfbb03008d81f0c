// One analysis engine per page, in a Web Worker so the page stays responsive
// on big files. Cancelling aborts between chunks; if the engine is inside its
// single (uninterruptible) wasm call, the worker is terminated and a fresh one
// is started for the next run.
import { createGapScoreWorker, GapScoreError } from 'gapscore/worker';

export { GapScoreError };

const HARD_CANCEL_AFTER_MS = 400;
let current = null;  // Promise<GapScoreWorker>

function spawn() {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'gapscore' });
  return createGapScoreWorker({ worker });
}

export function engine() {
  if (!current) {
    current = spawn();
    current.catch(() => { current = null; });
  }
  return current;
}

/** The metric catalog (names, formulas, descriptions) for help texts. */
export async function metricCatalog() {
  const list = await (await engine()).metrics();
  return Object.fromEntries(list.map((m) => [m.name, m]));
}

/**
 * @param {{usage?: {data: Blob, name: string}[]} & Record<string, Blob>} tables one File/Blob per table,
 *   and the AI-usage exports; all read inside the worker (src/worker.js)
 * @param {object} config
 * @param {{signal: AbortSignal, onProgress: (fraction: number, label: string) => void, sourceNames: object}} options
 */
export async function analyze(tables, config, { signal, onProgress, sourceNames }) {
  const gs = await engine();
  const sizeOf = (k, v) => (k === 'usage' ? v.reduce((a, u) => a + u.data.size, 0) : v.size);
  const total = Object.entries(tables).reduce((a, [k, v]) => a + sizeOf(k, v), 0) || 1;
  const done = {};
  let usageRead = 0;  // the engine reports each usage export as its own 0..size
  let settled = false;
  const onAbort = () => setTimeout(() => {
    if (settled) return;
    gs.terminate();  // rejects the pending call with code "cancelled"
    if (current) current = null;
  }, HARD_CANCEL_AFTER_MS);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await gs.analyze(tables, config, {
      signal,
      sourceNames,
      onProgress: (p) => {
        if (p.phase === 'read') {
          if (p.table === 'usage') {
            if (p.done >= p.total) usageRead += p.total;
            done.usage = usageRead;
          } else {
            done[p.table] = p.done;
          }
          const read = Object.values(done).reduce((a, b) => a + b, 0);
          // Reading is most of the work the engine can report on; the last
          // stretch (metrics, bootstrap, privacy checks) is one call.
          onProgress(0.9 * Math.min(1, read / total), `Reading ${p.table === 'usage' ? 'the AI-usage exports' : sourceNames?.[p.table] ?? p.table}`);
        } else {
          onProgress(p.done >= p.total ? 1 : 0.9, 'Computing metrics, confidence intervals and privacy checks');
        }
      },
    });
  } finally {
    settled = true;
    signal.removeEventListener('abort', onAbort);
  }
}
